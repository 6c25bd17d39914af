"""Reads of the budget calendar (R8): which phase applies, when it closes for whom."""

import datetime

from django.db.models import Q
from django.utils import timezone

from portal.roles import scope_of
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


def next_deadline_for(*, user, fiscal_year: int, today: datetime.date | None = None) -> dict | None:
    """The nearest deadline not yet passed among the phases this user's roles work in, with
    extensions granted to their offices applied; two queries. Shown on every page (R8)."""
    scope = scope_of(user)
    kinds = _kinds_for(scope)
    if not kinds:
        return None
    today = today or timezone.localdate()
    phases = list(CalendarPhase.objects.filter(fiscal_year=fiscal_year, kind__in=kinds))
    if not phases:
        return None
    mine = (
        Q(office__in=scope.office_ids)
        | Q(ministry__in=scope.reviewer_ministry_ids)
        | Q(field_office__in=scope.field_office_ids)
    )
    extended = {}
    for ext in DeadlineExtension.objects.filter(mine, fiscal_year=fiscal_year, kind__in=kinds):
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
