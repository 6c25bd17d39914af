"""The one function that changes a request's status (STYLE habit 3)."""

import logging

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.exceptions import ApplicationError, ConflictError, NotAllowed
from portal.thai import thai_date
from proposals.events import request_event_record
from proposals.models import PhaseKind, ProjectRequest
from proposals.permissions import actor_kinds
from proposals.selectors.calendar import phase_kind_for, phase_window
from proposals.services import transition_rules
from proposals.services.notifications import notify_transition
from proposals.services.requests import unchanged_fields
from proposals.workflow import ACTOR_LABELS, Action, Status, transition_for

logger = logging.getLogger(__name__)


# Why an action of the table does not exist for this request (Transition.when).
NOT_FOR_THIS_REQUEST = {
    Action.REJECT: gettext_lazy(
        "คำขอนี้ใช้งบประมาณของจังหวัด/กลุ่มจังหวัดเองหรือเป็นความจำเป็นเร่งด่วน: กระทรวงให้ความเห็นเสนอ ก.น.จ. "
        "(สนับสนุน/สนับสนุนโดยมีเงื่อนไข/ไม่สนับสนุน) แทนการไม่เห็นชอบ ก.น.จ. เป็นผู้ตัดสิน"
    ),
    Action.GIVE_OPINION: gettext_lazy(
        "คำขอนี้ขอรับการสนับสนุนจากงบประมาณของกระทรวง: บันทึกผลเห็นชอบหรือไม่เห็นชอบแทนการให้ความเห็น"
    ),
}


def _check_calendar(*, request, transition) -> None:
    """R8: actions that belong to a phase are refused outside it; the central team's extension
    for this office / ministry / field office moves the close date. A year whose calendar does
    not define the phase puts no date limit on it (the central team has not set it yet)."""
    if not transition.phase:
        return
    kind = phase_kind_for(phase=transition.phase, office_kind=request.office.kind)
    window = phase_window(
        fiscal_year=request.fiscal_year,
        kind=kind,
        office_id=request.office_id if kind in (PhaseKind.PROVINCE_SUBMISSION, PhaseKind.CLUSTER_SUBMISSION) else None,
        ministry_id=request.reviewing_ministry_id if kind == PhaseKind.MINISTRY_REVIEW else None,
        field_office_id=request.routed_field_office_id if kind == PhaseKind.FIELD_REVIEW else None,
    )
    if window is None:
        return
    opens_on, closes_on, phase, _extension = window
    today = timezone.localdate()
    if today < opens_on:
        raise NotAllowed(
            _("ยังไม่ถึงช่วง%(phase)s (เริ่ม %(date)s)")
            % {"phase": phase.get_kind_display(), "date": thai_date(opens_on, "short")}
        )
    if today > closes_on:
        if kind == PhaseKind.PROVINCE_SUBMISSION:
            what = _("หมดเขตส่งคำของบประมาณของจังหวัดแล้ว")
        elif kind == PhaseKind.CLUSTER_SUBMISSION:
            what = _("หมดเขตส่งคำของบประมาณของกลุ่มจังหวัดแล้ว")
        else:
            what = _("หมดเขตช่วง%(phase)sแล้ว") % {"phase": phase.get_kind_display()}
        raise NotAllowed(
            _("%(what)s (%(date)s) กรุณาติดต่อทีมบูรณาการกลางเพื่อขอขยายเวลา")
            % {"what": what, "date": thai_date(closes_on, "short")}
        )


# What an action's own rules read of the request, fetched with the locked row (issue 15: the
# submission's checklist read the plan, the strategic issue and the strategy one query each)
READ_WITH = {Action.SUBMIT: ("plan", "strategic_issue", "ministry_strategy")}


def _field_values(request) -> dict:
    return {field.name: getattr(request, field.attname) for field in ProjectRequest._meta.concrete_fields}


def request_transition(
    *, request_id: int, action: str, user=None, comment: str = "", payload: dict | None = None
) -> ProjectRequest:
    """Move a request along the workflow table.

    Preconditions checked under a row lock, in this order: the action exists, the request's
    status is one of its sources, the user is one of its actors (None = the system), the
    calendar phase is open for this party, a comment is given where required, then every
    registered guard. Side effects: status and effect-set fields saved, a RequestEvent, Notification
    rows for who acts next; after commit, e-mail and each area's after-commit work (screening).
    Raises ApplicationError / NotAllowed / ConflictError with a Thai message, Http404 if missing.
    """
    payload = dict(payload or {})
    comment = (comment or "").strip()
    transition = transition_for(action)
    if transition is None:
        raise ApplicationError(_("ไม่รู้จักการดำเนินการ “%(action)s”") % {"action": action})
    with transaction.atomic():
        try:
            request = (
                ProjectRequest.objects.select_for_update(of=("self",))
                .select_related("office", *READ_WITH.get(action, ()))
                .get(pk=request_id)
            )
        except ProjectRequest.DoesNotExist:
            raise Http404("ไม่พบคำของบประมาณ") from None
        as_read = _field_values(request)
        source = request.status
        if source not in transition.sources:
            raise ConflictError(
                _("คำขอนี้อยู่ในสถานะ “%(status)s” จึง%(action)sไม่ได้ (อาจมีผู้อื่นดำเนินการไปก่อนแล้ว)")
                % {"status": Status(source).label, "action": Action(action).label}
            )
        if not actor_kinds(user, request) & transition.actors:
            who = _(" หรือ ").join(str(ACTOR_LABELS[a]) for a in sorted(transition.actors))
            raise NotAllowed(
                _("ท่านไม่มีสิทธิ์%(action)sคำขอนี้ ผู้ที่ทำได้คือ %(who)s") % {"action": Action(action).label, "who": who}
            )
        if not transition.applies_to(request):
            raise NotAllowed(NOT_FOR_THIS_REQUEST.get(action, _("การดำเนินการนี้ใช้กับคำขอนี้ไม่ได้")))
        _check_calendar(request=request, transition=transition)
        if transition.needs_comment and not comment:
            raise ApplicationError(_("กรุณาระบุเหตุผลหรือความเห็นประกอบการ%(action)s") % {"action": Action(action).label})
        transition_rules.run_guards(request=request, transition=transition, user=user, payload=payload)
        target = transition.target_for(request)
        request.status = target
        transition_rules.run_effects(request=request, transition=transition, user=user, payload=payload)
        if action == Action.SUBMIT and request.first_submitted_at is None:
            # issue 14: the dashboard's deadline figures read this instead of the events; set once,
            # in the same save as the first submission, so a resubmission never moves it
            request.first_submitted_at = timezone.now()
        changed = [name for name, value in _field_values(request).items() if as_read[name] != value]
        request.full_clean(exclude=unchanged_fields(changed), validate_unique=False, validate_constraints=False)
        request.save()
        request_event_record(
            request=request,
            kind=action,
            actor=user,
            from_status=source,
            to_status=target,
            comment=comment,
            payload={
                k: v for k, v in payload.items() if isinstance(v, (str, int, float, bool, list, dict, type(None)))
            },
        )
        notify_transition(
            request=request, target=target, actor=user, action_label=Action(action).label, comment=comment
        )
        transition_rules.schedule_after_commit(request=request, transition=transition)
    return request
