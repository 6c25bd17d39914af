"""Writes to the budget calendar (R8; 000 ประเด็น 1 item 8, ประเด็น 4 item 2)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.exceptions import ApplicationError, NotAllowed
from portal.thai import thai_date
from proposals.models import CalendarPhase, DeadlineExtension, DeadlineReminder, PhaseKind, ProjectRequest
from proposals.permissions import can_edit_calendar
from proposals.workflow import Status

SUBMISSION_KINDS = (PhaseKind.PROVINCE_SUBMISSION, PhaseKind.CLUSTER_SUBMISSION)
# Staggering: provinces and clusters must be closed before the ministries stop reviewing and
# before the ministries' own requests close, so ministries can weigh provincial plans first.
MUST_CLOSE_BEFORE = {kind: (PhaseKind.MINISTRY_OWN_REQUEST, PhaseKind.MINISTRY_REVIEW) for kind in SUBMISSION_KINDS}
REMINDER_DAYS = (7, 2)


def calendar_check(phases: dict[str, tuple[datetime.date, datetime.date]]) -> dict[str, list[str]]:
    """Errors per phase kind for a proposed calendar; {} when it is staggered as R8 needs."""
    errors: dict[str, list[str]] = {}
    for kind, (opens_on, closes_on) in phases.items():
        if opens_on and closes_on and closes_on < opens_on:
            errors.setdefault(kind, []).append(_("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"))
    for kind, laters in MUST_CLOSE_BEFORE.items():
        if kind not in phases:
            continue
        closes_on = phases[kind][1]
        for later in laters:
            if later in phases and not closes_on < phases[later][1]:
                errors.setdefault(kind, []).append(
                    _("%(kind)s ต้องสิ้นสุดก่อน%(later)sสิ้นสุด (%(date)s) เพื่อให้กระทรวงพิจารณาแผนจังหวัดก่อนปิดคำขอของตนเอง")
                    % {
                        "kind": PhaseKind(kind).label,
                        "later": PhaseKind(later).label,
                        "date": thai_date(phases[later][1], "short"),
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


def deadline_reminders_send(*, today: datetime.date | None = None) -> int:
    """R8: 7 and 2 days before a submission deadline (with the office's own extension applied),
    remind every office that still has drafts or returned requests that year. A unique
    DeadlineReminder row claims each (office, phase, offset), so running twice sends once.
    Returns the number of offices reminded."""
    from django.db import IntegrityError

    from proposals.services.notifications import NoticeText, _users, notify, office_people

    today = today or timezone.localdate()
    sent = 0
    for phase in CalendarPhase.objects.filter(kind__in=SUBMISSION_KINDS, closes_on__gte=today):
        office_kind = "cluster" if phase.kind == PhaseKind.CLUSTER_SUBMISSION else "province"
        unfinished = (
            ProjectRequest.objects.filter(
                fiscal_year=phase.fiscal_year, office__kind=office_kind, status__in=[Status.DRAFT, Status.RETURNED]
            )
            .values_list("office_id", flat=True)
            .distinct()
        )
        extensions = {
            e.office_id: e.closes_on
            for e in DeadlineExtension.objects.filter(
                fiscal_year=phase.fiscal_year, kind=phase.kind, office__isnull=False
            ).order_by("closes_on")
        }
        for office_id in set(unfinished):
            closes_on = max(phase.closes_on, extensions.get(office_id, phase.closes_on))
            days = (closes_on - today).days
            if days not in REMINDER_DAYS:
                continue
            try:
                with transaction.atomic():
                    DeadlineReminder.objects.create(
                        fiscal_year=phase.fiscal_year,
                        kind=phase.kind,
                        office_id=office_id,
                        days_before=days,
                        closes_on=closes_on,
                    )
                    notify(
                        users=_users(office_people(office_id)),
                        # in each reader's language (issue 11): the phase label is lazy
                        message=NoticeText(
                            gettext_noop(
                                "อีก %(days)s วันจะหมดเขต%(kind)s (%(date)s) สำนักงานของท่านยังมีคำขอฉบับร่าง/ที่ถูกส่งกลับที่ยังไม่ได้ส่ง"
                            ),
                            days=days,
                            kind=PhaseKind(phase.kind).label,
                            date=thai_date(closes_on, "short"),
                        ),
                        url=reverse("proposals:request-list") + "?status=draft",
                    )
            except IntegrityError:
                continue  # already reminded: another run claimed it
            sent += 1
    return sent


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
