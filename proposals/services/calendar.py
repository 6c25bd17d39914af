"""Writes to the budget calendar (R8; 000 ประเด็น 1 item 8, ประเด็น 4 item 2)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.exceptions import ApplicationError, NotAllowed
from portal.thai import thai_date
from proposals.models import CalendarPhase, DeadlineExtension, PhaseKind
from proposals.permissions import can_edit_calendar

SUBMISSION_KINDS = (PhaseKind.PROVINCE_SUBMISSION, PhaseKind.CLUSTER_SUBMISSION)

# Staggering (R8; 000 ประเด็น 1 item 8, ประเด็น 4 item 2): which phase must close strictly before
# which, and why. Provinces and clusters close first; the field offices forward to the ministries
# before the ministries' review closes; and the whole review of provincial requests, field offices
# included, closes before the ministries' own requests close, so what the ministries learn from
# the provinces can still enter their own requests.
_FOR_OWN_REQUESTS = gettext_lazy("เพื่อให้กระทรวงพิจารณาคำขอของจังหวัดก่อนปิดคำขอของตนเอง")
STAGGER: tuple[tuple[str, str, object], ...] = (
    *(
        (kind, later, _FOR_OWN_REQUESTS)
        for kind in SUBMISSION_KINDS
        for later in (PhaseKind.MINISTRY_OWN_REQUEST, PhaseKind.MINISTRY_REVIEW)
    ),
    (
        PhaseKind.FIELD_REVIEW,
        PhaseKind.MINISTRY_REVIEW,
        gettext_lazy("เพื่อให้หน่วยงานส่วนภูมิภาคส่งคำขอถึงกระทรวงก่อนกระทรวงปิดการพิจารณา"),
    ),
    (PhaseKind.FIELD_REVIEW, PhaseKind.MINISTRY_OWN_REQUEST, _FOR_OWN_REQUESTS),
    (PhaseKind.MINISTRY_REVIEW, PhaseKind.MINISTRY_OWN_REQUEST, _FOR_OWN_REQUESTS),
)


def calendar_check(phases: dict[str, tuple[datetime.date, datetime.date]]) -> dict[str, list[str]]:
    """Errors per phase kind for a proposed calendar; {} when it is staggered as R8 needs."""
    errors: dict[str, list[str]] = {}
    for kind, (opens_on, closes_on) in phases.items():
        if opens_on and closes_on and closes_on < opens_on:
            errors.setdefault(kind, []).append(_("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"))
    for kind, later, why in STAGGER:
        if kind not in phases or later not in phases:
            continue
        if not phases[kind][1] < phases[later][1]:
            errors.setdefault(kind, []).append(
                _("%(kind)s ต้องสิ้นสุดก่อน%(later)sสิ้นสุด (%(date)s) %(why)s")
                % {
                    "kind": PhaseKind(kind).label,
                    "later": PhaseKind(later).label,
                    "date": thai_date(phases[later][1], "short"),
                    "why": why,
                }
            )
    return errors


def calendar_set(
    *, user, fiscal_year: int, phases: dict[str, tuple[datetime.date, datetime.date]]
) -> list[CalendarPhase]:
    """Replace the year's phase dates (the kinds given); refuses an unstaggered calendar."""
    if not can_edit_calendar(user):
        raise NotAllowed(_("เฉพาะทีมบูรณาการกลางกำหนดปฏิทินงบประมาณได้"))
    with transaction.atomic():
        existing = {p.kind: p for p in CalendarPhase.objects.select_for_update().filter(fiscal_year=fiscal_year)}
        merged = {k: (p.opens_on, p.closes_on) for k, p in existing.items()}
        merged.update({k: v for k, v in phases.items() if v[0] and v[1]})
        errors = calendar_check(merged)
        if errors:
            raise ValidationError({k: v for k, v in errors.items()})
        saved = []
        for kind, (opens_on, closes_on) in phases.items():
            if not (opens_on and closes_on):
                continue
            phase, _created = CalendarPhase.objects.update_or_create(
                fiscal_year=fiscal_year, kind=kind, defaults={"opens_on": opens_on, "closes_on": closes_on}
            )
            saved.append(phase)
    return saved


def deadline_extension_grant(
    *,
    user,
    fiscal_year: int,
    kind: str,
    closes_on: datetime.date,
    reason: str,
    office=None,
    ministry=None,
    field_office=None,
) -> DeadlineExtension:
    """The central team gives one office (or ministry, or field office) more time in one phase."""
    if not can_edit_calendar(user):
        raise NotAllowed(_("เฉพาะทีมบูรณาการกลางขยายกำหนดส่งได้"))
    if sum(x is not None for x in (office, ministry, field_office)) != 1:
        raise ApplicationError(_("ระบุผู้ได้รับการขยายเวลาหนึ่งหน่วยงาน (สำนักงาน กระทรวง หรือหน่วยงานส่วนภูมิภาค)"))
    phase = CalendarPhase.objects.filter(fiscal_year=fiscal_year, kind=kind).first()
    if phase is None:
        raise ApplicationError(_("ปีงบประมาณนี้ยังไม่ได้กำหนดช่วง%(kind)s") % {"kind": PhaseKind(kind).label})
    if closes_on <= phase.closes_on:
        raise ValidationError(
            {"closes_on": _("วันที่ขยายต้องหลังกำหนดเดิม (%(date)s)") % {"date": thai_date(phase.closes_on, "short")}}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("กรุณาระบุเหตุผลการขยายเวลา")})
    extension = DeadlineExtension(
        fiscal_year=fiscal_year,
        kind=kind,
        office=office,
        ministry=ministry,
        field_office=field_office,
        closes_on=closes_on,
        reason=reason.strip(),
        granted_by=user,
    )
    extension.full_clean()
    extension.save()
    return extension


def plan_approval_requirement_set(*, user, fiscal_year: int, required: bool):
    """R17: the central team decides whether this year's requests go in only from plans whose
    ก.บ.จ./ก.บ.ก. approval is recorded (issue 10)."""
    from portal.models import FiscalYear

    if not can_edit_calendar(user):
        raise NotAllowed(_("เฉพาะทีมบูรณาการกลางที่กำหนดเงื่อนไขของปีงบประมาณได้"))
    with transaction.atomic():
        year, _created = FiscalYear.objects.get_or_create(year=fiscal_year)
        year.plan_approval_required = bool(required)
        year.full_clean()
        year.save(update_fields=["plan_approval_required"])
    return year


# The reminders of R8 live beside the calendar they read (proposals.services.reminders).
from proposals.services.reminders import REMINDER_DAYS, deadline_reminders_send  # noqa: E402

__all__ = [
    "REMINDER_DAYS",
    "STAGGER",
    "calendar_check",
    "calendar_set",
    "deadline_extension_grant",
    "deadline_reminders_send",
    "plan_approval_requirement_set",
]
