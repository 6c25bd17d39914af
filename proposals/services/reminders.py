"""Deadline reminders (R8; 000 ประเด็น 1 item 8, ประเด็น 4 item 2): every party with a deadline.

7 and 2 days before a phase closes (with the party's own extension applied):
- province planners and cluster officers whose office still has drafts or returned requests;
- field offices with requests waiting for their review (R14);
- ministries and departments with provincial requests waiting for their review, and, for their
  own-request phase, every ministry and department planning unit with reviewers;
- the central team, while requests wait for the ก.น.จ. agenda or its decision.
A unique DeadlineReminder row claims each (party, phase, offset) before anyone is told, so the
daily task may run twice, retry or race another worker and each party hears once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from portal.models import Membership, Role
from portal.thai import thai_date
from proposals.models import CalendarPhase, DeadlineExtension, DeadlineReminder, PhaseKind, ProjectRequest
from proposals.workflow import Status, StatusGroup

REMINDER_DAYS = (7, 2)


@dataclass(frozen=True)
class Party:
    key: str  # "office:12", "field_office:3", "ministry:5", "department:9", "central"
    people: Q  # Membership condition
    extension: tuple[str, int] | None  # (DeadlineExtension field, id) granted to this party, or None
    office_id: int | None = None


def _office_parties(phase) -> list[Party]:
    from proposals.services.notifications import office_people

    level = "cluster" if phase.kind == PhaseKind.CLUSTER_SUBMISSION else "province"
    offices = (
        ProjectRequest.objects.filter(
            fiscal_year=phase.fiscal_year, office__kind=level, status__in=StatusGroup.EDITABLE
        )
        .values_list("office_id", flat=True)
        .distinct()
    )
    return [Party(f"office:{o}", office_people(o), ("office_id", o), office_id=o) for o in sorted(set(offices))]


def _field_office_parties(phase) -> list[Party]:
    waiting = (
        ProjectRequest.objects.filter(fiscal_year=phase.fiscal_year, status=Status.FIELD_REVIEW)
        .exclude(routed_field_office__isnull=True)
        .values_list("routed_field_office_id", flat=True)
        .distinct()
    )
    return [
        Party(f"field_office:{f}", Q(role=Role.FIELD_OFFICE_REVIEWER, field_office_id=f), ("field_office_id", f))
        for f in sorted(set(waiting))
    ]


def _ministry_party(ministry_id: int) -> Party:
    return Party(
        f"ministry:{ministry_id}",
        Q(role=Role.MINISTRY_REVIEWER, ministry_id=ministry_id, department__isnull=True),
        ("ministry_id", ministry_id),
    )


def _department_party(department_id: int, ministry_id: int) -> Party:
    return Party(
        f"department:{department_id}",
        Q(role=Role.MINISTRY_REVIEWER, department_id=department_id),
        ("ministry_id", ministry_id),
    )


def _ministry_review_parties(phase) -> list[Party]:
    waiting = ProjectRequest.objects.filter(fiscal_year=phase.fiscal_year, status=Status.MINISTRY_REVIEW)
    ministries = set(
        waiting.filter(reviewing_department__isnull=True)
        .exclude(reviewing_ministry__isnull=True)
        .values_list("reviewing_ministry_id", flat=True)
    )
    departments = set(
        waiting.exclude(reviewing_department__isnull=True).values_list(
            "reviewing_department_id", "reviewing_department__ministry_id"
        )
    )
    return [_ministry_party(m) for m in sorted(ministries)] + [_department_party(d, m) for d, m in sorted(departments)]


def _own_request_parties(phase) -> list[Party]:
    """Every ministry policy bureau and department planning unit: the phase is theirs."""
    rows = Membership.objects.active().filter(role=Role.MINISTRY_REVIEWER)
    ministries = set(rows.filter(department__isnull=True).values_list("ministry_id", flat=True))
    departments = set(rows.exclude(department__isnull=True).values_list("department_id", "ministry_id"))
    return [_ministry_party(m) for m in sorted(ministries)] + [_department_party(d, m) for d, m in sorted(departments)]


def _central_parties(phase) -> list[Party]:
    waiting = ProjectRequest.objects.filter(
        fiscal_year=phase.fiscal_year,
        status__in=StatusGroup.AGENDA_READY | {Status.COMMITTEE_REVIEW},
    )
    return [Party("central", Q(role=Role.CENTRAL_TEAM), None)] if waiting.exists() else []


PARTIES = {
    PhaseKind.PROVINCE_SUBMISSION: _office_parties,
    PhaseKind.CLUSTER_SUBMISSION: _office_parties,
    PhaseKind.FIELD_REVIEW: _field_office_parties,
    PhaseKind.MINISTRY_REVIEW: _ministry_review_parties,
    PhaseKind.MINISTRY_OWN_REQUEST: _own_request_parties,
    PhaseKind.COMMITTEE_REVIEW: _central_parties,
}


def _message(phase, days: int, closes_on):
    """The notice in each reader's language (issue 11: NoticeText renders Thai and English)."""
    from proposals.services.notifications import NoticeText

    when = {"days": days, "kind": PhaseKind(phase.kind).label, "date": thai_date(closes_on, "short")}
    if phase.kind in (PhaseKind.PROVINCE_SUBMISSION, PhaseKind.CLUSTER_SUBMISSION):
        text = gettext_noop("อีก %(days)s วันจะหมดเขต%(kind)s (%(date)s) สำนักงานของท่านยังมีคำขอฉบับร่าง/ที่ถูกส่งกลับที่ยังไม่ได้ส่ง")
        return NoticeText(text, **when), reverse("proposals:request-list") + "?status=draft"
    if phase.kind in (PhaseKind.FIELD_REVIEW, PhaseKind.MINISTRY_REVIEW):
        text = gettext_noop("อีก %(days)s วันจะหมดเขต%(kind)s (%(date)s) ยังมีคำขอของจังหวัด/กลุ่มจังหวัดรอการพิจารณาของท่าน")
        return NoticeText(text, **when), reverse("reviews:queue")
    if phase.kind == PhaseKind.MINISTRY_OWN_REQUEST:
        text = gettext_noop(
            "อีก %(days)s วันจะหมดเขต%(kind)s (%(date)s) กรุณาพิจารณาคำขอของจังหวัด/กลุ่มจังหวัดประกอบคำขอของหน่วยงาน"
        )
        return NoticeText(text, **when), reverse("reviews:queue")
    text = gettext_noop("อีก %(days)s วันจะหมดเขต%(kind)s (%(date)s) ยังมีคำขอรอเข้าวาระหรือรอมติ ก.น.จ.")
    return NoticeText(text, **when), reverse("reviews:agenda-list")


def _closes_on_for(phase, party: Party, extensions: list[DeadlineExtension]) -> datetime.date:
    """The phase's close, or the latest extension the central team granted this party."""
    if party.extension is None:
        return phase.closes_on
    field, value = party.extension
    return max([phase.closes_on, *(e.closes_on for e in extensions if getattr(e, field) == value)])


def deadline_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind every party with a deadline 7 and 2 days before it (see the module docstring).
    Returns the number of parties reminded by this run."""
    from proposals.services.notifications import notify, people_matching

    today = today or timezone.localdate()
    sent = 0
    still_open = Q(closes_on__gte=today)
    for year, kind in DeadlineExtension.objects.filter(closes_on__gte=today).values_list("fiscal_year", "kind"):
        still_open |= Q(fiscal_year=year, kind=kind)  # closed for most, extended for someone
    for phase in CalendarPhase.objects.filter(still_open, kind__in=list(PARTIES)):
        extensions = list(DeadlineExtension.objects.filter(fiscal_year=phase.fiscal_year, kind=phase.kind))
        for party in PARTIES[phase.kind](phase):
            closes_on = _closes_on_for(phase, party, extensions)
            days = (closes_on - today).days
            if days not in REMINDER_DAYS:
                continue
            try:
                with transaction.atomic():
                    DeadlineReminder.objects.create(
                        fiscal_year=phase.fiscal_year,
                        kind=phase.kind,
                        party=party.key,
                        office_id=party.office_id,
                        days_before=days,
                        closes_on=closes_on,
                    )
                    message, url = _message(phase, days, closes_on)
                    notify(users=people_matching(party.people), message=message, url=url)
            except IntegrityError:
                continue  # already reminded: another run claimed it
            sent += 1
    return sent
