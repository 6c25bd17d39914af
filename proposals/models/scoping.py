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

from django.db.models import Exists, OuterRef, Q

from clusters.models import ClusterMembership
from portal.roles import scope_of
from proposals.workflow import Status


def cluster_memberships(cluster_office_ids, fiscal_year):
    """R4, the one statement of the cluster rule: the province memberships through which a cluster
    officer of `cluster_office_ids` sees a province's plans and requests of `fiscal_year` (an int,
    or an OuterRef to the row's year). The Q filter below and the pure predicate
    `proposals.permissions.is_cluster_officer_for` both read it."""
    return ClusterMembership.objects.for_fiscal_year(fiscal_year).filter(cluster__office__in=cluster_office_ids)


def _cluster_provinces_q(scope, *, province_field: str, year_field: str) -> Q:
    if not scope.cluster_office_ids:
        return Q(pk__in=[])
    membership = cluster_memberships(scope.cluster_office_ids, OuterRef(year_field)).filter(
        province=OuterRef(province_field)
    )
    return Q(Exists(membership))


def requests_visible_to(queryset, user):
    scope = scope_of(user)
    if scope.is_central:
        return queryset.filter(Q(office__in=scope.office_ids) | ~Q(status=Status.DRAFT))
    not_draft = ~Q(status=Status.DRAFT)
    condition = Q(office__in=scope.office_ids)
    condition |= not_draft & _cluster_provinces_q(scope, province_field="office__province", year_field="fiscal_year")
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
    condition |= _cluster_provinces_q(scope, province_field="office__province", year_field="fiscal_year")
    return queryset.filter(condition)
