"""Deadline compliance by office and the submissions over the window (issue 14; R8).

A request is on time when its first submission (its first `submit` event, kept on the row as
`first_submitted_at`) came on or before its office's phase close
date (local time); "late with extension" when after it but on or before the end of an extension
the central team granted the office; late otherwise. One grouped query (first submissions by
office and day) serves both the compliance and the trend.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusters.models import Office, localised
from proposals.models import CalendarPhase, DeadlineExtension, PhaseKind
from reviews.selectors.dashboard_scope import DashboardFilters, DashboardScope

SUBMISSION_KINDS = {
    Office.Kind.PROVINCE: PhaseKind.PROVINCE_SUBMISSION,
    Office.Kind.CLUSTER: PhaseKind.CLUSTER_SUBMISSION,
}

STATES = {
    "on_time": _("ส่งตามกำหนด"),
    "late_extended": _("ส่งหลังกำหนดแต่อยู่ในเวลาที่ขยาย"),
    "late": _("ส่งเกินกำหนด"),
    "not_yet": _("ยังไม่ส่ง"),
}
TREND_MAX_DAYS = 366


def submission_calendar(fiscal_year: int):
    """(submission phases by kind, office id -> its latest extension's close date): two queries."""
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
    return offices.order_by("kind", "name_th").values("pk", "name_th", "name_en", "kind", "province_id")


def deadline_compliance(
    *, scope: DashboardScope, filters: DashboardFilters, requests, today=None, days=None, calendar=None
) -> dict:
    """`days`: first_submissions() and `calendar`: submission_calendar() when the caller has them."""
    today = today or timezone.localdate()
    phases, extended = calendar or submission_calendar(scope.fiscal_year)
    if not phases:
        return {"has_calendar": False, "offices": [], "summary": []}
    offices = list(_offices(scope, filters))
    days = first_submissions(requests) if days is None else days
    by_office: dict[int, dict] = {}
    for office_id, day, count in days:
        by_office.setdefault(office_id, []).append((day, count))
    summary = {k: 0 for k in STATES}
    out = []
    for office in offices:
        phase = phases.get(SUBMISSION_KINDS[office["kind"]])
        if phase is None:
            continue
        closes = max(phase.closes_on, extended.get(office["pk"], phase.closes_on))
        row = {"submitted": 0, "on_time": 0, "within": 0}
        for day, n in by_office.get(office["pk"], ()):
            row["submitted"] += n
            row["on_time"] += n if day <= phase.closes_on else 0
            row["within"] += n if day <= closes else 0
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
        out.append(
            {
                "office_id": office["pk"],
                "office": localised(office["name_th"], office["name_en"]),
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
        "offices": out,
        "summary": [{"state": k, "label": str(v), "offices": summary[k]} for k, v in STATES.items()],
    }


def first_submissions(requests) -> list[tuple[int, datetime.date, int]]:
    """(office id, local date, requests) of the requests' first submission: one grouped query on
    the request rows (`first_submitted_at`, kept by request_transition; issue 14), its rows bounded
    by offices x days of the window, not by requests."""
    try:
        sql, params = (
            requests.filter(first_submitted_at__isnull=False)
            .annotate(day=TruncDate("first_submitted_at"))
            .order_by()
            .values_list("office_id", "day")
            .annotate(n=Count("id"))
            .query.sql_with_params()
        )
    except EmptyResultSet:  # a queryset that can match nothing (e.g. .none()) has no SQL
        return []
    with connection.cursor() as cursor:  # plain rows: a few thousand, without the ORM's converters
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [(o, d if isinstance(d, datetime.date) else datetime.date.fromisoformat(d), n) for o, d, n in rows]


def submission_trend(*, scope: DashboardScope, requests, days=None, calendar=None) -> list[dict]:
    """Requests submitted for the first time per day over the submission window, days without
    any shown as zero. `days`: first_submissions() when the caller has it already."""
    phases, extended = calendar or submission_calendar(scope.fiscal_year)
    counts: dict[datetime.date, int] = {}
    for _office, day, n in first_submissions(requests) if days is None else days:
        counts[day] = counts.get(day, 0) + n
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
