"""What the dashboard pages show, assembled from the grouped selectors (issue 14).

`overview_data` is "the dashboard data" the bench times: money at stake, the provinces (map and
table), the clusters, the ministries whose lines matched, deadline compliance and the trend, in
a fixed number of queries whatever the year's size, and the share of field offices' own projects
(R18).
"""

from __future__ import annotations

from django.urls import reverse

from clusters.models import Office, Province
from reviews.dashboard_map import province_map
from reviews.selectors.dashboard_deadlines import (
    deadline_compliance,
    first_submissions,
    submission_calendar,
    submission_trend,
)
from reviews.selectors.dashboard_money import flagged_by_line_ministry, money_by_places
from reviews.selectors.dashboard_scope import DashboardFilters, DashboardScope, cluster_province_ids, dashboard_requests

TOP_ITEMS = 10


def _on_time_share(deadlines: dict) -> dict[int, float]:
    """province id -> share of its province office's submitted requests that were on time (%)."""
    out = {}
    for office in deadlines["offices"]:
        if office["province_id"] and office["submitted"]:
            out[office["province_id"]] = round(100.0 * office["on_time"] / office["submitted"], 1)
    return out


def overview_data(*, scope: DashboardScope, filters: DashboardFilters, today=None) -> dict:
    requests = dashboard_requests(scope=scope, filters=filters)
    days = first_submissions(requests)
    calendar = submission_calendar(scope.fiscal_year)
    deadlines = deadline_compliance(
        scope=scope, filters=filters, requests=requests, today=today, days=days, calendar=calendar
    )
    places = money_by_places(requests, fiscal_year=scope.fiscal_year, ministry_id=filters.ministry_id)
    by_province = places["province"]
    shares = _on_time_share(deadlines)
    for row in by_province:
        row["on_time_share"] = shares.get(row["key"])
    return {
        "totals": places["total"],
        "by_province": by_province,
        "by_cluster": places["cluster"],
        "by_line_ministry": flagged_by_line_ministry(requests),
        "confirmed_by_status": places["confirmed_by_status"],
        # R18: of the provincial requests in view, how many carry a field office's own project (000
        # ประเด็น 1 item 3); with a ministry chosen, those its own field offices carry out
        "field_office_projects": places["field_office_projects"],
        "deadlines": deadlines,
        "trend": submission_trend(scope=scope, requests=requests, days=days, calendar=calendar),
    }


def overview_figures(*, scope: DashboardScope, filters: DashboardFilters) -> tuple[dict, object]:
    """(overview_data, when it was computed): remembered for DASHBOARD_FIGURES_SECONDS (issue 15;
    the same figures for everyone with this scope and these filters, shown with their time)."""
    from django.conf import settings

    from portal.remembered import remembered

    return remembered(
        "dashboard-overview",
        (scope, filters),
        settings.DASHBOARD_FIGURES_SECONDS,
        lambda: overview_data(scope=scope, filters=filters),
    )


def map_of(*, scope: DashboardScope, filters: DashboardFilters, by_province: list[dict], metric: str) -> dict:
    """The choropleth of `metric`; each province links to the request list filtered to its office
    (and to the dashboard's status and category, which that list understands)."""
    provinces = list(Province.objects.for_fiscal_year(scope.fiscal_year).values("pk", "code", "name_th", "name_en"))
    values = {r["key"]: r.get(metric) or 0 for r in by_province if r["key"]}
    focus = None
    if not scope.national:
        focus = set(scope.province_ids)
    if filters.cluster_id:
        members = {p for p, c in cluster_province_ids(scope.fiscal_year).items() if c == filters.cluster_id}
        focus = members if focus is None else focus & members
    if filters.province_id:
        focus = {filters.province_id} if focus is None else focus & {filters.province_id}
    offices = dict(Office.objects.provinces().for_fiscal_year(scope.fiscal_year).values_list("province_id", "pk"))
    base = reverse("proposals:request-list")
    extra = "".join(
        f"&{name}={value}" for name, value in (("status", filters.status), ("category", filters.category_id)) if value
    )
    links = {pk: f"{base}?fiscal_year={scope.fiscal_year}&office={office}{extra}" for pk, office in offices.items()}
    drawn = province_map(provinces=provinces, values=values, links=links, in_focus=focus)
    drawn["metric"] = metric
    drawn["is_money"] = metric.endswith("amount")
    return drawn


def top_items(requests, *, limit: int = TOP_ITEMS) -> list:
    """The largest requests in view (the briefing's "top items"), each with its highest current
    flag level and whether a duplicate was confirmed: two queries for any year."""
    from screening.models import DuplicateFlag, FlagState

    items = list(
        requests.select_related("office", "reviewing_ministry", "category").order_by("-amount", "reference")[:limit]
    )
    levels: dict[int, set] = {}
    for request_id, level, state in (
        DuplicateFlag.objects.current().filter(request__in=items).values_list("request_id", "level", "state")
    ):
        levels.setdefault(request_id, set()).update({level, state})
    for item in items:
        found = levels.get(item.pk, set())
        item.flag_level = "duplicate" if "duplicate" in found else "overlap" if "overlap" in found else ""
        item.flag_confirmed = FlagState.RULED_DUPLICATE in found
    return items
