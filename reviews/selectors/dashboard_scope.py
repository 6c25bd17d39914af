"""Who sees which dashboard figures, and the filters every dashboard view shares (issue 14).

The central team sees the country; a cluster officer sees their cluster's provinces (and their
cluster office's own requests) that fiscal year, the same rule as `visible_to` (R4); anyone else
is refused (403). Drafts are never counted: a draft is the office's working copy, not a request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from clusters.models import Cluster, ClusterMembership, Office, Province
from portal.roles import scope_of
from proposals.models import ProjectRequest
from proposals.workflow import Status


@dataclass(frozen=True)
class DashboardScope:
    fiscal_year: int
    national: bool
    cluster_ids: frozenset[int] = field(default_factory=frozenset)  # a cluster officer's clusters
    province_ids: frozenset[int] = field(default_factory=frozenset)  # ... and their member provinces


def can_view_dashboards(user) -> bool:
    scope = scope_of(user)
    return scope.is_central or bool(scope.cluster_office_ids)


def dashboard_scope(*, user, fiscal_year: int) -> DashboardScope | None:
    """None when this person may not see any dashboard (the view answers 403)."""
    scope = scope_of(user)
    if scope.is_central:
        return DashboardScope(fiscal_year=fiscal_year, national=True)
    if not scope.cluster_office_ids:
        return None
    cluster_ids = frozenset(
        Office.objects.filter(pk__in=scope.cluster_office_ids, cluster__isnull=False).values_list(
            "cluster_id", flat=True
        )
    )
    provinces = frozenset(
        ClusterMembership.objects.for_fiscal_year(fiscal_year)
        .filter(cluster_id__in=cluster_ids)
        .values_list("province_id", flat=True)
    )
    return DashboardScope(fiscal_year=fiscal_year, national=False, cluster_ids=cluster_ids, province_ids=provinces)


@dataclass(frozen=True)
class DashboardFilters:
    """What the person chose on the page; ids already checked against their scope by the form."""

    cluster_id: int | None = None
    province_id: int | None = None
    ministry_id: int | None = None
    category_id: int | None = None
    programme_id: int | None = None
    status: str | None = None
    # drill-down only (the matrix cell, the money rows)
    strategy_id: int | None = None
    flag: str | None = None

    def as_query(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None and v != ""}


def cluster_province_ids(fiscal_year: int) -> dict[int, int]:
    """province id -> its cluster id that year (Bangkok: none). One query."""
    return dict(
        ClusterMembership.objects.for_fiscal_year(fiscal_year).values_list("province_id", "cluster_id").order_by()
    )


def clusters_of_year(scope: DashboardScope):
    queryset = Cluster.objects.for_fiscal_year(scope.fiscal_year).order_by("region__code", "name_th")
    return queryset if scope.national else queryset.filter(pk__in=scope.cluster_ids)


def provinces_of_scope(scope: DashboardScope):
    queryset = Province.objects.for_fiscal_year(scope.fiscal_year).order_by("name_th")
    return queryset if scope.national else queryset.filter(pk__in=scope.province_ids)


def _in_clusters(cluster_ids, province_ids) -> Q:
    return Q(office__province_id__in=province_ids) | Q(office__cluster_id__in=cluster_ids)


def dashboard_requests(*, scope: DashboardScope, filters: DashboardFilters | None = None):
    """The filed requests of the year this scope sees, narrowed by the filters: the base of every
    figure (an index on (fiscal_year, status) serves it)."""
    from reviews.models import ProgrammeItem

    filters = filters or DashboardFilters()
    queryset = ProjectRequest.objects.filter(fiscal_year=scope.fiscal_year).exclude(status=Status.DRAFT)
    if not scope.national:
        queryset = queryset.filter(_in_clusters(scope.cluster_ids, scope.province_ids))
    if filters.cluster_id:
        members = ClusterMembership.objects.for_fiscal_year(scope.fiscal_year).filter(cluster_id=filters.cluster_id)
        queryset = queryset.filter(_in_clusters([filters.cluster_id], members.values("province_id")))
    if filters.province_id:
        queryset = queryset.filter(office__province_id=filters.province_id)
    if filters.ministry_id:
        queryset = queryset.filter(reviewing_ministry_id=filters.ministry_id)
    if filters.category_id:
        queryset = queryset.filter(category_id=filters.category_id)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.programme_id:
        queryset = queryset.filter(
            pk__in=ProgrammeItem.objects.filter(programme_id=filters.programme_id).values("request_id")
        )
    if filters.strategy_id == 0:  # the matrix column of requests linked to no ministry strategy
        queryset = queryset.filter(ministry_strategy__isnull=True)
    elif filters.strategy_id:
        queryset = queryset.filter(ministry_strategy_id=filters.strategy_id)
    if filters.flag:
        from reviews.selectors.dashboard_money import flag_q

        queryset = queryset.filter(flag_q(filters.flag))
    return queryset
