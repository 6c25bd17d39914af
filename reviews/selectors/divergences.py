"""Reads for R1's follow-up: the divergence list (central team, both sides read their own rows),
the pairs worth adding to it, and a cluster's strategic issues against its provinces'."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from clusters.models import ClusterMembership, Office, StrategicIssue
from portal.roles import scope_of
from proposals.models import ProjectRequest
from proposals.workflow import Status, StatusGroup
from reviews import alignment
from reviews.models import StrategyDivergence, StrategyMapping
from reviews.permissions import can_compare_cluster_issues

# Requests that speak for an issue: filed, and neither withdrawn nor merged away (a merged
# request's cluster project counts instead).
FILED = frozenset(set(Status) - {Status.DRAFT} - StatusGroup.CLOSED_BY_OWNER_OR_CLUSTER)


def divergences_visible_to(user):
    scope = scope_of(user)
    rows = StrategyDivergence.objects.select_related(
        "strategic_issue__office", "ministry", "ministry_strategy", "created_by"
    )
    if scope.is_central:
        return rows
    return rows.filter(Q(ministry__in=scope.reviewer_ministry_ids) | Q(strategic_issue__office__in=scope.office_ids))


def divergence_list(*, user, fiscal_year=None, cluster=None, ministry=None, outcome=None):
    """Filtered by year, by cluster (its own office's issues and its member provinces'), by
    ministry and by outcome."""
    rows = divergences_visible_to(user)
    if fiscal_year:
        rows = rows.filter(fiscal_year=fiscal_year)
    if cluster:
        provinces = ClusterMembership.objects.filter(cluster=cluster)
        if fiscal_year:
            provinces = provinces.for_fiscal_year(fiscal_year)
        rows = rows.filter(
            Q(strategic_issue__office__cluster=cluster)
            | Q(strategic_issue__office__province__in=provinces.values("province"))
        )
    if ministry:
        rows = rows.filter(ministry=ministry)
    if outcome:
        rows = rows.filter(outcome=outcome)
    return rows.order_by("fiscal_year", "strategic_issue__office__name_th", "ministry__name_th", "id")


def access_divergence(*, user, divergence_id: int) -> StrategyDivergence:
    return get_object_or_404(divergences_visible_to(user), pk=divergence_id)


def divergence_candidates(*, fiscal_year: int, limit: int = 50) -> list[dict]:
    """Pairs not yet on the list that deserve a meeting: mapping rows the year marks only partly
    aligned, and requests whose issue and linked ministry strategy name different target sectors
    (002 ประเด็น 1)."""
    listed = set(
        StrategyDivergence.objects.filter(fiscal_year=fiscal_year).values_list(
            "strategic_issue_id", "ministry_strategy_id"
        )
    )
    found: dict[tuple[int, int], dict] = {}
    partial = StrategyMapping.objects.filter(fiscal_year=fiscal_year, verdict=StrategyMapping.Verdict.PARTIAL)
    for m in partial.select_related("strategic_issue__office", "ministry_strategy__ministry"):
        key = (m.strategic_issue_id, m.ministry_strategy_id)
        if key not in listed:
            found[key] = {
                "issue": m.strategic_issue,
                "strategy": m.ministry_strategy,
                "degree": "partial",
                "reason": m.note,
            }
    pairs = (
        ProjectRequest.objects.filter(
            fiscal_year=fiscal_year, strategic_issue__isnull=False, ministry_strategy__isnull=False
        )
        .filter(status__in=FILED)
        .exclude(strategic_issue__target_industry="")
        .exclude(ministry_strategy__target_industry="")
        .values_list("strategic_issue_id", "ministry_strategy_id")
        .distinct()
    )
    wanted = [p for p in pairs if p not in listed and p not in found][: limit * 2]
    issues = StrategicIssue.objects.select_related("office").in_bulk({p[0] for p in wanted})
    from ministries.models import MinistryStrategy

    strategies = MinistryStrategy.objects.select_related("ministry").in_bulk({p[1] for p in wanted})
    for issue_id, strategy_id in wanted:
        issue, strategy = issues[issue_id], strategies[strategy_id]
        if not alignment.industries_match(issue.target_industry, strategy.target_industry):
            found[(issue_id, strategy_id)] = {
                "issue": issue,
                "strategy": strategy,
                "degree": "divergent",
                "reason": f"{issue.target_industry} ≠ {strategy.target_industry}",
            }
    return list(found.values())[:limit]


# --- a cluster's issues against its provinces' (000 ประเด็น 1 item 1)
def access_cluster_office(*, user, office_id: int) -> Office:
    office = get_object_or_404(Office.objects.clusters().select_related("cluster"), pk=office_id)
    if not can_compare_cluster_issues(user, office):
        raise Http404
    return office


def cluster_offices_for(user):
    scope = scope_of(user)
    offices = Office.objects.clusters().order_by("name_th")
    return offices if scope.is_central else offices.filter(pk__in=scope.cluster_office_ids)


def _issues_with_requests(office_ids, fiscal_year: int):
    counted = Q(requests__status__in=FILED, requests__fiscal_year=fiscal_year)
    return (
        StrategicIssue.objects.filter(office__in=office_ids, period_start__lte=fiscal_year, period_end__gte=fiscal_year)
        .annotate(
            request_count=Count("requests", filter=counted), request_amount=Sum("requests__amount", filter=counted)
        )
        .select_related("office")
        .order_by("office__name_th", "number")
    )


def cluster_issue_comparison(*, office: Office, fiscal_year: int) -> dict:
    """The cluster's issues and each member province's, with the requests filed under each
    (count and amount of filed ones), and for every province issue the cluster
    issues sharing its words; a province issue no cluster issue echoes is marked uncovered."""
    province_ids = office.province_ids(fiscal_year)
    province_offices = list(Office.objects.filter(province__in=province_ids).order_by("name_th"))
    cluster_issues = list(_issues_with_requests([office.pk], fiscal_year))
    by_office: dict[int, list] = {}
    for issue in _issues_with_requests([o.pk for o in province_offices], fiscal_year):
        echoes = [c for c in cluster_issues if alignment.common_words(issue.title, c.title)]
        by_office.setdefault(issue.office_id, []).append(
            {"issue": issue, "echoes": echoes, "covered": bool(echoes), "amount": issue.request_amount or Decimal(0)}
        )
    provinces = [{"office": o, "issues": by_office.get(o.pk, [])} for o in province_offices]
    uncovered = sum(1 for p in provinces for row in p["issues"] if not row["covered"])
    return {
        "office": office,
        "fiscal_year": fiscal_year,
        "cluster_issues": cluster_issues,
        "provinces": provinces,
        "uncovered": uncovered,
    }
