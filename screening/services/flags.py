"""The people's side of a flag: the planner's answer and the reviewer's ruling, each an event."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.exceptions import ApplicationError, ConflictError, NotAllowed
from portal.models import Membership, Role
from proposals.events import request_event_record
from proposals.models import Notification
from proposals.separation import refuse_own_request
from proposals.services.notifications import NoticeText, notify
from proposals.services.transitions import request_transition
from proposals.workflow import Action, EventKind, StatusGroup, transition_for
from screening.models import DuplicateFlag, FlagState, OwnerAnswer, ResponseKind
from screening.permissions import can_respond_flag, can_rule_flag

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------- people's side


def flag_respond(*, flag_id: int, user, kind: str, text: str = "") -> DuplicateFlag:
    """The planner answers a flag: withdraw the request, revise it, or explain why it is not a
    duplicate. Withdraw takes the workflow's withdraw action with the answer as comment."""
    text = (text or "").strip()
    if kind not in ResponseKind.values:
        raise ApplicationError(_("กรุณาเลือกคำชี้แจง: ถอนคำขอ ปรับแก้ หรือชี้แจงว่าไม่ซ้ำซ้อน"))
    if kind == ResponseKind.EXPLAIN and not text:
        raise ApplicationError(_("กรุณาชี้แจงเหตุผลว่าเหตุใดคำขอนี้ไม่ซ้ำซ้อนกับรายการที่ระบบพบ"))
    with transaction.atomic():
        flag = DuplicateFlag.objects.select_for_update(of=("self",)).select_related("request__office").get(pk=flag_id)
        request = flag.request
        if not can_respond_flag(user, flag):
            raise NotAllowed(_("เฉพาะสำนักงานเจ้าของคำขอเท่านั้นที่ชี้แจงผลการตรวจได้"))
        if not flag.is_unruled:
            raise ConflictError(_("ผลการตรวจนี้วินิจฉัยแล้วหรือถูกแทนที่แล้ว จึงชี้แจงเพิ่มไม่ได้"))
        if request.status not in StatusGroup.ANSWERABLE:
            raise ConflictError(_("คำขอนี้สิ้นสุดขั้นตอนแล้ว จึงชี้แจงไม่ได้"))
        flag.planner_response_kind, flag.planner_response = kind, text
        flag.responded_by, flag.responded_at = user, timezone.now()
        flag.state = FlagState.ANSWERED
        flag.full_clean(
            exclude=["request", "budget_line", "other_request"], validate_unique=False, validate_constraints=False
        )
        flag.save()
        request_event_record(
            request=request,
            kind=EventKind.DUPLICATE_RESPONSE,
            actor=user,
            from_status=request.status,
            to_status=request.status,
            comment=text,
            payload={"flag": flag.pk, "kind": kind},
        )
        if kind == ResponseKind.WITHDRAW:
            request_transition(
                request_id=request.pk,
                action=Action.WITHDRAW,
                user=user,
                comment=text or "ถอนคำขอเนื่องจากซ้ำซ้อนกับรายการงบประมาณของกระทรวง",
                payload={"flag": flag.pk},
            )
    return flag


@dataclass(frozen=True)
class RulingResult:
    flag: DuplicateFlag
    returned: bool


def flag_rule(*, flag_id: int, user, duplicate: bool, reason: str = "") -> RulingResult:
    """The reviewer rules: a confirmed duplicate returns the request to its office (when its status
    allows); "not a duplicate" needs a reason. Both are events on the request."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("กรุณาระบุเหตุผลของการวินิจฉัย"))
    returned = False
    with transaction.atomic():
        flag = DuplicateFlag.objects.select_for_update(of=("self",)).select_related("request__office").get(pk=flag_id)
        request = flag.request
        if not can_rule_flag(user, flag):
            raise NotAllowed(_("เฉพาะผู้พิจารณาของกระทรวง/กรม/หน่วยงานที่รับผิดชอบคำขอนี้ หรือทีมบูรณาการกลาง เท่านั้นที่วินิจฉัยได้"))
        # R9: whoever drafted or answered for the request does not rule on its flags
        refuse_own_request(user=user, request=request, what=_("วินิจฉัยผลตรวจความซ้ำซ้อนของ"))
        if flag.state == FlagState.SUPERSEDED:
            raise ConflictError(_("ผลการตรวจนี้ถูกแทนที่ด้วยผลตรวจครั้งใหม่แล้ว"))
        if request.status not in StatusGroup.ANSWERABLE:
            raise ConflictError(_("คำขอนี้สิ้นสุดขั้นตอนแล้ว จึงวินิจฉัยไม่ได้"))
        flag.state = FlagState.RULED_DUPLICATE if duplicate else FlagState.RULED_NOT_DUPLICATE
        flag.ruling_reason, flag.ruled_by, flag.ruled_at = reason, user, timezone.now()
        flag.save(update_fields=["state", "ruling_reason", "ruled_by", "ruled_at"])
        request_event_record(
            request=request,
            kind=EventKind.DUPLICATE_RULING,
            actor=user,
            from_status=request.status,
            to_status=request.status,
            comment=reason,
            payload={"flag": flag.pk, "duplicate": duplicate},
        )
        return_action = transition_for(Action.RETURN)
        if duplicate and request.status in return_action.sources:
            try:
                with transaction.atomic():
                    request_transition(
                        request_id=request.pk,
                        action=Action.RETURN,
                        user=user,
                        comment=f"วินิจฉัยว่าซ้ำซ้อน: {reason}",
                        payload={"flag": flag.pk},
                    )
                returned = True
            except (ApplicationError, ValidationError) as exc:
                # e.g. the central team rules but only the reviewer returns: the ruling stands
                logger.info("flag %s ruled a duplicate; request %s not returned: %s", flag.pk, request.pk, exc)
    return RulingResult(flag=flag, returned=returned)


# ---------------------------------------------------------------- the line owner's side


def _request_people(request, *, exclude=None) -> list:
    """The request's office (planners, cluster officers) and its reviewing ministry/department."""
    condition = Q(office_id=request.office_id, role__in=[Role.PROVINCE_PLANNER, Role.CLUSTER_OFFICER])
    if request.reviewing_ministry_id:
        condition |= Q(role=Role.MINISTRY_REVIEWER, ministry_id=request.reviewing_ministry_id, department__isnull=True)
    if request.reviewing_department_id:
        condition |= Q(role=Role.MINISTRY_REVIEWER, department_id=request.reviewing_department_id)
    users = get_user_model().objects.filter(
        is_active=True, pk__in=Membership.objects.active().filter(condition).values("user")
    )
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return list(users.order_by("pk"))


def flag_owner_answer(*, flag_id: int, user, answer: str, note: str = "") -> DuplicateFlag:
    """The ministry/department that owns the flagged budget line says whether the request is the
    same work, different work, or partly the same, with a note (R6: the evidence is two-sided).
    The answer shows to the planner and the deciding reviewer; an event on the request; the
    request's office and reviewers are told. A later answer replaces the earlier one."""
    from screening.permissions import can_answer_as_line_owner

    note = (note or "").strip()
    if answer not in OwnerAnswer.values:
        raise ApplicationError(_("กรุณาเลือกคำตอบ: งานเดียวกัน คนละงาน หรือซ้ำบางส่วน"))
    if not note:
        raise ApplicationError(_("กรุณาระบุหมายเหตุประกอบคำตอบ เช่น รายการของกรมครอบคลุมช่วงใด"))
    with transaction.atomic():
        flag = (
            DuplicateFlag.objects.select_for_update(of=("self",))
            .select_related("request__office", "budget_line")
            .get(pk=flag_id)
        )
        request = flag.request
        if not can_answer_as_line_owner(user, flag):
            if flag.state == FlagState.SUPERSEDED:
                raise ConflictError(_("ผลการตรวจนี้ถูกแทนที่ด้วยผลตรวจครั้งใหม่แล้ว กรุณาตอบผลตรวจฉบับปัจจุบัน"))
            raise NotAllowed(_("เฉพาะกระทรวง/กรมเจ้าของรายการงบประมาณที่ระบบพบเท่านั้นที่ตอบได้"))
        if request.status not in StatusGroup.ANSWERABLE:
            raise ConflictError(_("คำขอ %(ref)s สิ้นสุดขั้นตอนแล้ว จึงตอบไม่ได้") % {"ref": request.reference})
        flag.owner_answer, flag.owner_note = answer, note
        flag.owner_answered_by, flag.owner_answered_at = user, timezone.now()
        flag.save(update_fields=["owner_answer", "owner_note", "owner_answered_by", "owner_answered_at"])
        request_event_record(
            request=request,
            kind=EventKind.LINE_OWNER_ANSWER,
            actor=user,
            comment=note,
            payload={"flag": flag.pk, "answer": answer, "budget_line": flag.budget_line.source_ref},
        )
        message = NoticeText(
            gettext_noop("%(unit)s ตอบผลตรวจความซ้ำซ้อนของคำขอ %(ref)s: %(answer)s"),
            unit=flag.budget_line.unit_label,
            ref=request.reference,
            answer=OwnerAnswer(answer).label,
        )
        url = reverse("screening:request-flags", kwargs={"request_id": request.pk}) + f"#flag-{flag.pk}"
        notify(users=list(_request_people(request, exclude=user)), message=message, request=request, url=url)
    return flag


def line_owners_notify(*, request, flag_ids) -> int:
    """Tell the ministries/departments whose budget lines these new flags point at (R6: the
    line's owner knows whether it is the same work), except those who review the request
    anyway. One notice per person per request; returns how many were written."""
    # flag_ids may be a queryset (a subquery here: one round trip); the department names the unit
    flags = list(
        DuplicateFlag.objects.filter(pk__in=flag_ids, budget_line__isnull=False).select_related(
            "budget_line__department"
        )
    )
    condition = Q(pk__in=[])
    for flag in flags:
        line = flag.budget_line
        if line.ministry_id and line.ministry_id != request.reviewing_ministry_id:
            condition |= Q(role=Role.MINISTRY_REVIEWER, ministry_id=line.ministry_id, department__isnull=True)
        if line.department_id and line.department_id != request.reviewing_department_id:
            condition |= Q(role=Role.MINISTRY_REVIEWER, department_id=line.department_id)
    if not flags or condition == Q(pk__in=[]):
        return 0
    users = get_user_model().objects.filter(
        is_active=True, pk__in=Membership.objects.active().filter(condition).values("user")
    )
    already = set(Notification.objects.filter(request=request, user__in=users).values_list("user_id", flat=True))
    units = ", ".join(dict.fromkeys(f.budget_line.unit_label for f in flags))[:200]
    message = NoticeText(
        gettext_noop(
            "คำขอ %(ref)s ของ %(office)s อาจซ้ำกับรายการงบประมาณของ %(units)s กรุณาตอบว่าเป็นงานเดียวกัน คนละงาน หรือซ้ำบางส่วน"
        ),
        ref=request.reference,
        office=request.office,
        units=units,
    )
    url = reverse("screening:line-flags") + f"?fiscal_year={request.fiscal_year}"
    rows = notify(
        users=[u for u in users.order_by("pk") if u.pk not in already], message=message, request=request, url=url
    )
    return len(rows)
