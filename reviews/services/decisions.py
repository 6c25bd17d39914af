"""Reviewers' decisions (issue 5 item 1): each goes through `request_transition`, the one
function that changes a request's status, and leaves a Review row beside its RequestEvent."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from portal.exceptions import ApplicationError, NotAllowed
from proposals.events import request_event_record
from proposals.models import ProjectRequest
from proposals.services.transitions import request_transition
from proposals.workflow import EventKind, Opinion, Status, transition_for
from reviews.models import Decision, Review, ReviewAssignment
from reviews.permissions import can_assign_review

# Which workflow action each decision takes
DECISION_ACTIONS = {
    Decision.FIELD_ENDORSE: "field_endorse",
    Decision.ENDORSE: "endorse",
    Decision.RETURN: "return",
    Decision.REJECT: "reject",
    Decision.ADOPT: "adopt",
    Decision.OPINION: "give_opinion",
}


def decisions_for_status(status: str) -> list[str]:
    if status == Status.FIELD_REVIEW:
        return [Decision.FIELD_ENDORSE, Decision.RETURN]
    if status == Status.MINISTRY_REVIEW:
        return [Decision.ENDORSE, Decision.OPINION, Decision.RETURN, Decision.REJECT, Decision.ADOPT]
    return []


def decisions_for(request) -> list[str]:
    """The decisions the workflow table offers on this request now: R19 puts the opinion in
    place of "reject" where the ministry only advises (proposals.workflow.ministry_advises)."""
    return [d for d in decisions_for_status(request.status) if transition_for(DECISION_ACTIONS[d]).applies_to(request)]


def decisions_open_to(user, request) -> list[str]:
    """The decision buttons for this person: none unless the request waits for them, and none on a
    request they drafted or answered for (R9), whatever other role they hold."""
    from proposals.separation import took_part_in
    from reviews.permissions import can_decide_request

    if not can_decide_request(user, request) or took_part_in(user, request):
        return []
    return decisions_for(request)


def review_record(
    *,
    user,
    request_id: int,
    decision: str,
    comment: str = "",
    alignment: dict | None = None,
    opinion: str = "",
) -> Review:
    """Take a reviewer's decision on one request.

    The transition checks the reviewer's role for this request, the calendar phase, the comment
    that return/reject/opinion need, the opinion's kind (R19), that the reviewer took no part in
    writing the request (R9), and the area rules (envelope draw on endorse, R15). The Review row
    is written in the same transaction, so a refused decision leaves nothing behind.
    Raises ApplicationError subclasses with Thai messages; Http404 if the request is missing.
    """
    if decision not in DECISION_ACTIONS:
        raise ApplicationError(_("ไม่รู้จักผลการพิจารณา “%(d)s”") % {"d": decision})
    comment = (comment or "").strip()
    payload = {"decision": decision}
    if decision == Decision.OPINION:
        payload["opinion"] = opinion
        if opinion in Opinion.values:
            # the history reads "สนับสนุนโดยมีเงื่อนไข: ..." for the committee (R19)
            comment = f"{Opinion(opinion).label}: {comment}" if comment else comment
    with transaction.atomic():
        request = request_transition(
            request_id=request_id,
            action=DECISION_ACTIONS[decision],
            user=user,
            comment=comment,
            payload=payload,
        )
        review = Review(
            request=request,
            reviewer=user,
            decision=decision,
            comment=comment,
            opinion=opinion if decision == Decision.OPINION else "",
            ministry_id=request.reviewing_ministry_id if decision != Decision.FIELD_ENDORSE else None,
            department_id=request.reviewing_department_id if decision != Decision.FIELD_ENDORSE else None,
            field_office_id=request.routed_field_office_id if decision in (Decision.FIELD_ENDORSE,) else None,
            alignment=alignment or {},
        )
        # the rows it points to are the request just moved (locked in this transaction), the
        # acting reviewer and the request's own organisations: checking each exists was a query
        # apiece (issue 15); the database's foreign keys still hold
        review.full_clean(exclude=["request", "reviewer", "ministry", "department", "field_office"])
        review.save()
    return review


def review_assign(*, user, request_id: int, assignee) -> ReviewAssignment:
    """Hand a request to a colleague of the same reviewing organisation; logged on the request."""
    from reviews.selectors.queue import is_colleague_for

    with transaction.atomic():
        try:
            request = ProjectRequest.objects.select_for_update(of=("self",)).get(pk=request_id)
        except ProjectRequest.DoesNotExist:
            raise Http404("ไม่พบคำของบประมาณ") from None
        if not can_assign_review(user, request):
            raise NotAllowed(_("ท่านมอบหมายคำขอนี้ไม่ได้: คำขอไม่ได้รอหน่วยงานของท่านพิจารณา"))
        if assignee is None or not is_colleague_for(assignee=assignee, request=request):
            raise ApplicationError(_("ผู้รับมอบหมายต้องเป็นผู้พิจารณาของหน่วยงานเดียวกันที่พิจารณาคำขอนี้ได้"))
        assignment, _created = ReviewAssignment.objects.update_or_create(
            request=request,
            defaults={"assignee": assignee, "assigned_by": user},
        )
        name = assignee.get_full_name() or assignee.get_username()
        request_event_record(
            request=request,
            kind=EventKind.ASSIGN,
            actor=user,
            from_status=request.status,
            to_status=request.status,
            comment=_("มอบหมายให้ %(name)s พิจารณา") % {"name": name},
            payload={"assignee_id": assignee.pk},
        )
    return assignment


@dataclass
class BulkOutcome:
    request_id: int
    reference: str
    title: str
    ok: bool
    message: str


BULK_ACTIONS = ("assign", Decision.ENDORSE, Decision.FIELD_ENDORSE, Decision.RETURN)


def reviews_bulk_apply(
    *, user, request_ids: list[int], action: str, comment: str = "", assignee=None
) -> list[BulkOutcome]:
    """Apply one action to many requests, each in its own transaction with its own checks, so
    one refusal (an exhausted envelope, a closed phase, another reviewer's decision first) does
    not undo the others. Returns one outcome per request, messages in Thai."""
    from reviews.selectors.queue import reviewable_requests

    if action not in BULK_ACTIONS:
        raise ApplicationError(_("ไม่รู้จักการดำเนินการแบบกลุ่มนี้"))
    if action == Decision.RETURN and not (comment or "").strip():
        raise ApplicationError(_("การส่งกลับให้แก้ไขต้องระบุความเห็น"))
    if action == "assign" and assignee is None:
        raise ApplicationError(_("กรุณาเลือกผู้รับมอบหมาย"))
    ids = list(dict.fromkeys(int(i) for i in request_ids))
    if not ids:
        raise ApplicationError(_("กรุณาเลือกคำขออย่างน้อย 1 รายการ"))
    known = {r.pk: r for r in reviewable_requests(user).filter(pk__in=ids).only("pk", "reference", "title")}
    outcomes = []
    for request_id in ids:
        found = known.get(request_id)
        if found is None:
            outcomes.append(BulkOutcome(request_id, "", "", False, _("ไม่พบคำขอ หรือไม่อยู่ในความรับผิดชอบของท่าน")))
            continue
        try:
            if action == "assign":
                review_assign(user=user, request_id=request_id, assignee=assignee)
                message = _("มอบหมายแล้ว")
            else:
                review_record(user=user, request_id=request_id, decision=action, comment=comment)
                message = str(Decision(action).label) + _("แล้ว")
            outcomes.append(BulkOutcome(request_id, found.reference, found.title, True, message))
        except ApplicationError as exc:
            outcomes.append(BulkOutcome(request_id, found.reference, found.title, False, str(exc.message)))
    return outcomes
