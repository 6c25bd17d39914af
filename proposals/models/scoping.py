"""Who sees which plans and requests: the rules behind `visible_to(user)` (STYLE habit 5).

- planners and cluster officers: their own office's plans and requests;
- a cluster officer also: the non-draft requests of the provinces in the cluster that year (R4);
- ministry reviewers: non-draft requests their ministry reviews (a department's planning unit:
  those its department reviews);
- field-office reviewers: non-draft requests routed to their office (R14);
- a ministry or department ก.น.จ. referred a request to: that request (R19);
- partner ministries of a request across ministries: its non-draft requests, to advise (R20);
- the central team and administrators: everything but other offices' drafts.
"""

from django.db.models import Q

from clusters.models import ClusterMembership
from portal.roles import scope_of
from proposals.workflow import Status


def cluster_memberships(cluster_office_ids, fiscal_year=None):
    """R4, the one statement of the cluster rule: the province memberships through which a cluster
    officer of `cluster_office_ids` sees a province's plans and requests of `fiscal_year` (every
    year's when None: the filter below applies each membership's years itself). The Q filter
    below and the pure predicate `proposals.permissions.is_cluster_officer_for` both read it."""
    memberships = ClusterMembership.objects.filter(cluster__office__in=cluster_office_ids)
    return memberships if fiscal_year is None else memberships.for_fiscal_year(fiscal_year)


def _cluster_provinces_q(scope, *, office_field: str, year_field: str) -> Q:
    """The rows of the offices of the cluster's provinces, each in the years its province is a
    member. Issue 15: the memberships are read first (one small query) and the condition is on
    the row's own columns (office and year), which the indexes serve; a subquery per row made a
    cluster officer's list the slowest page."""
    if not scope.cluster_office_ids:
        return Q(pk__in=[])
    offices_by_years: dict[tuple, set[int]] = {}
    for office_id, valid_from, valid_to in (
        cluster_memberships(scope.cluster_office_ids)
        .filter(province__office__isnull=False)
        .values_list("province__office", "valid_from", "valid_to")
    ):
        offices_by_years.setdefault((valid_from, valid_to), set()).add(office_id)
    condition = Q(pk__in=[])
    for (valid_from, valid_to), office_ids in sorted(offices_by_years.items(), key=str):
        # the years of ValidityQuerySet.for_fiscal_year, on the row's year
        years = Q(**{f"{year_field}__gte": valid_from})
        if valid_to is not None:
            years &= Q(**{f"{year_field}__lte": valid_to})
        condition |= Q(**{f"{office_field}__in": sorted(office_ids)}) & years
    return condition


def requests_visible_to(queryset, user):
    scope = scope_of(user)
    if scope.is_central:
        return queryset.filter(Q(office__in=scope.office_ids) | ~Q(status=Status.DRAFT))
    not_draft = ~Q(status=Status.DRAFT)
    condition = Q(office__in=scope.office_ids)
    condition |= not_draft & _cluster_provinces_q(scope, office_field="office", year_field="fiscal_year")
    if scope.ministry_ids:
        condition |= not_draft & Q(reviewing_ministry__in=scope.ministry_ids)
        condition |= not_draft & Q(referred_ministry__in=scope.ministry_ids)
    if scope.department_ids:
        condition |= not_draft & Q(reviewing_department__in=scope.department_ids)
        condition |= not_draft & Q(referred_department__in=scope.department_ids)
    if scope.field_office_ids:
        condition |= not_draft & Q(routed_field_office__in=scope.field_office_ids)
    if scope.ministry_ids or scope.department_ids:
        # R20: a partner ministry sees the request to advise on it (it does not decide)
        from proposals.models.joint import partner_of_q

        condition |= not_draft & partner_of_q(ministry_ids=scope.ministry_ids, department_ids=scope.department_ids)
    if condition == Q(office__in=frozenset()):
        return queryset.none()
    return queryset.filter(condition)


def plans_visible_to(queryset, user):
    """Plans are the offices' working documents: their own office, the cluster officer's member
    provinces, and the central team. Reviewers reach requests, not whole plans."""
    scope = scope_of(user)
    if scope.is_central:
        return queryset
    condition = Q(office__in=scope.office_ids)
    condition |= _cluster_provinces_q(scope, office_field="office", year_field="fiscal_year")
    return queryset.filter(condition)
