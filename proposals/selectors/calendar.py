"""Reads of the budget calendar (R8): which phase applies, when it closes for whom."""

import datetime

from django.db.models import Q
from django.utils import timezone

from portal.roles import scope_of
from portal.snapshots import Snapshot
from proposals.models import CalendarPhase, DeadlineExtension, PhaseKind

SUBMISSION = "submission"


def phase_kind_for(*, phase: str, office_kind: str) -> str:
    """The workflow table names "submission"; the calendar has one per level."""
    if phase == SUBMISSION:
        return PhaseKind.CLUSTER_SUBMISSION if office_kind == "cluster" else PhaseKind.PROVINCE_SUBMISSION
    return phase


def phases_for_year(fiscal_year: int) -> dict[str, CalendarPhase]:
    return {p.kind: p for p in CalendarPhase.objects.filter(fiscal_year=fiscal_year)}


def extension_for(*, fiscal_year: int, kind: str, office_id=None, ministry_id=None, field_office_id=None):
    """The latest extension granted to this office / ministry / field office in this phase."""
    who = Q(pk__in=[])
    if office_id:
        who |= Q(office_id=office_id)
    if ministry_id:
        who |= Q(ministry_id=ministry_id)
    if field_office_id:
        who |= Q(field_office_id=field_office_id)
    return DeadlineExtension.objects.filter(who, fiscal_year=fiscal_year, kind=kind).order_by("-closes_on").first()


def phase_window(*, fiscal_year: int, kind: str, office_id=None, ministry_id=None, field_office_id=None):
    """(opens_on, closes_on, phase, extension) for this party, or None when the year has no such phase."""
    phase = CalendarPhase.objects.filter(fiscal_year=fiscal_year, kind=kind).first()
    if phase is None:
        return None
    extension = extension_for(
        fiscal_year=fiscal_year,
        kind=kind,
        office_id=office_id,
        ministry_id=ministry_id,
        field_office_id=field_office_id,
    )
    closes_on = max(phase.closes_on, extension.closes_on) if extension else phase.closes_on
    return phase.opens_on, closes_on, phase, extension


def _kinds_for(scope) -> set[str]:
    kinds = set()
    if scope.province_office_ids:
        kinds.add(PhaseKind.PROVINCE_SUBMISSION)
    if scope.cluster_office_ids:
        kinds.add(PhaseKind.CLUSTER_SUBMISSION)
    if scope.field_office_ids:
        kinds.add(PhaseKind.FIELD_REVIEW)
    if scope.ministry_ids or scope.department_ids:
        kinds |= {PhaseKind.MINISTRY_REVIEW, PhaseKind.MINISTRY_OWN_REQUEST}
    if scope.is_central:
        kinds = set(PhaseKind.values)
    return kinds


def _year_calendar(fiscal_year: int) -> tuple[list[CalendarPhase], list[DeadlineExtension]]:
    return (
        list(CalendarPhase.objects.filter(fiscal_year=fiscal_year)),
        list(DeadlineExtension.objects.filter(fiscal_year=fiscal_year)),
    )


# issue 15: the header's deadline is on every page; the calendar changes a few times a year
_SHOWN_CALENDAR = Snapshot(_year_calendar, models=(CalendarPhase, DeadlineExtension))


def next_deadline_for(*, user, fiscal_year: int, today: datetime.date | None = None) -> dict | None:
    """The nearest deadline not yet passed among the phases this user's roles work in, with
    extensions granted to their offices applied. Shown on every page (R8), so read from a
    snapshot of the year's calendar (portal.snapshots: at most a few seconds old elsewhere)."""
    scope = scope_of(user)
    kinds = _kinds_for(scope)
    if not kinds:
        return None
    today = today or timezone.localdate()
    all_phases, extensions = _SHOWN_CALENDAR.get(fiscal_year)
    phases = [p for p in all_phases if p.kind in kinds]
    if not phases:
        return None
    extended = {}
    for ext in extensions:
        mine = (
            ext.office_id in scope.office_ids
            or ext.ministry_id in scope.reviewer_ministry_ids
            or ext.field_office_id in scope.field_office_ids
        )
        if mine and ext.kind in kinds:
            extended[ext.kind] = max(extended.get(ext.kind, ext.closes_on), ext.closes_on)
    best = None
    for phase in phases:
        closes_on = max(phase.closes_on, extended.get(phase.kind, phase.closes_on))
        if closes_on < today:
            continue
        if best is None or closes_on < best["closes_on"]:
            best = {
                "label": phase.get_kind_display(),
                "closes_on": closes_on,
                "days_left": (closes_on - today).days,
                "kind": phase.kind,
            }
    return best


def own_request_window_for(*, fiscal_year: int, ministry_id=None):
    """(opens_on, closes_on) of the ministries' own-request phase for this ministry (R6), with its
    extension; provided to `ministries.hooks` so the ministries' upload checks the same calendar."""
    window = phase_window(fiscal_year=fiscal_year, kind=PhaseKind.MINISTRY_OWN_REQUEST, ministry_id=ministry_id)
    return None if window is None else (window[0], window[1])
