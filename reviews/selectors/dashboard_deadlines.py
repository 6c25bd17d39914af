"""Deadline compliance by office and the submissions over the window (issue 14; R8).

A request is on time when one of its `submit` events came before the end of its office's phase
close date; "late with extension" when it came after that date but before the end of an
extension the central team granted the office; late otherwise. One grouped query over the
submit events (grouped by office, counting distinct requests), one for the days.
"""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, DateTimeField, Q, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusters.models import Office
from proposals.models import CalendarPhase, DeadlineExtension, RequestEvent
from proposals.workflow import EventKind
from reviews.selectors.dashboard import SUBMISSION_KINDS, _end_of
from reviews.selectors.dashboard_scope import DashboardFilters, DashboardScope

STATES = {
    "on_time": _("ส่งตามกำหนด"),
    "late_extended": _("ส่งหลังกำหนดแต่อยู่ในเวลาที่ขยาย"),
    "late": _("ส่งเกินกำหนด"),
    "not_yet": _("ยังไม่ส่ง"),
}
TREND_MAX_DAYS = 366


def _phases(fiscal_year: int):
    phases = {
        p.kind: p for p in CalendarPhase.objects.filter(fiscal_year=fiscal_year, kind__in=SUBMISSION_KINDS.values())
    }
    extended: dict[int, datetime.date] = {}
    for office_id, closes_on in DeadlineExtension.objects.filter(
        fiscal_year=fiscal_year, kind__in=SUBMISSION_KINDS.values(), office__isnull=False
    ).values_list("office_id", "closes_on"):
        extended[office_id] = max(extended.get(office_id, closes_on), closes_on)
    return phases, extended


def _offices(scope: DashboardScope, filters: DashboardFilters):
    from clusters.models import ClusterMembership

    offices = Office.objects.for_fiscal_year(scope.fiscal_year)
    if not scope.national:
        offices = offices.filter(Q(province_id__in=scope.province_ids) | Q(cluster_id__in=scope.cluster_ids))
    if filters.cluster_id:
        members = ClusterMembership.objects.for_fiscal_year(scope.fiscal_year).filter(cluster_id=filters.cluster_id)
        offices = offices.filter(Q(province_id__in=members.values("province_id")) | Q(cluster_id=filters.cluster_id))
    if filters.province_id:
        offices = offices.filter(province_id=filters.province_id)
    return offices.order_by("kind", "name_th").values("pk", "name_th", "kind", "province_id")


def deadline_compliance(*, scope: DashboardScope, filters: DashboardFilters, requests, today=None) -> dict:
    today = today or timezone.localdate()
    phases, extended = _phases(scope.fiscal_year)
    if not phases:
        return {"has_calendar": False, "offices": [], "summary": []}
    original_whens, effective_whens = [], []
    for office_id, closes_on in extended.items():
        effective_whens.append(When(request__office_id=office_id, then=Value(_end_of(closes_on))))
    for kind, phase_kind in SUBMISSION_KINDS.items():
        if phase_kind in phases:
            end = Value(_end_of(phases[phase_kind].closes_on))
            original_whens.append(When(request__office__kind=kind, then=end))
            effective_whens.append(When(request__office__kind=kind, then=end))
    original = Case(*original_whens, default=Value(None), output_field=DateTimeField())
    # an extension never shortens: the When on the office id wins only when it is later
    effective = Case(*effective_whens, default=Value(None), output_field=DateTimeField())
    rows = (
        RequestEvent.objects.filter(action=EventKind.SUBMIT, request__in=requests.order_by().values("pk"))
        .order_by()
        .values("request__office_id")
        .annotate(
            submitted=Count("request_id", distinct=True),
            on_time=Count("request_id", distinct=True, filter=Q(created_at__lt=original)),
            within=Count("request_id", distinct=True, filter=Q(created_at__lt=effective) | Q(created_at__lt=original)),
        )
    )
    by_office = {r["request__office_id"]: r for r in rows}
    summary = {k: 0 for k in STATES}
    offices = []
    for office in _offices(scope, filters):
        phase = phases.get(SUBMISSION_KINDS[office["kind"]])
        if phase is None:
            continue
        closes = max(phase.closes_on, extended.get(office["pk"], phase.closes_on))
        row = by_office.get(office["pk"], {"submitted": 0, "on_time": 0, "within": 0})
        late_extended, late = row["within"] - row["on_time"], row["submitted"] - row["within"]
        if not row["submitted"]:
            state = "not_yet"
        elif late:
            state = "late"
        elif late_extended:
            state = "late_extended"
        else:
            state = "on_time"
        summary[state] += 1
        offices.append(
            {
                "office_id": office["pk"],
                "office": office["name_th"],
                "kind": office["kind"],
                "province_id": office["province_id"],
                "closes_on": phase.closes_on,
                "extended_to": extended.get(office["pk"]),
                "submitted": row["submitted"],
                "on_time": row["on_time"],
                "late_extended": late_extended,
                "late": late,
                "state": state,
                "state_label": str(STATES[state]),
                "overdue": state == "not_yet" and closes < today,
            }
        )
    return {
        "has_calendar": True,
        "offices": offices,
        "summary": [{"state": k, "label": str(v), "offices": summary[k]} for k, v in STATES.items()],
    }


def submission_trend(*, scope: DashboardScope, requests) -> list[dict]:
    """Submissions (submit events, resubmissions included) per day over the submission window,
    days without any shown as zero."""
    phases, extended = _phases(scope.fiscal_year)
    counts = dict(
        RequestEvent.objects.filter(action=EventKind.SUBMIT, request__in=requests.order_by().values("pk"))
        .annotate(day=TruncDate("created_at"))
        .order_by()
        .values("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    days = set(counts)
    for phase in phases.values():
        days |= {phase.opens_on, phase.closes_on}
    days |= set(extended.values())
    if not days:
        return []
    start, end = min(days), max(days)
    if (end - start).days >= TREND_MAX_DAYS:
        start = end - datetime.timedelta(days=TREND_MAX_DAYS - 1)
    closes = {p.closes_on for p in phases.values()}
    most = max(counts.values(), default=0) or 1
    out = []
    day = start
    while day <= end:
        n = counts.get(day, 0)
        height = round(58 * n / most)  # the SVG bar, drawn without script
        out.append({"day": day, "count": n, "is_deadline": day in closes, "h": height, "y": 60 - height})
        day += datetime.timedelta(days=1)
    return out
