"""Reads for the plans requests cite (R22), the zoning proposals, and the request page's
sections (its alignment verdict lives in reviews; its cited plans here)."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from clusters.models import ClusterMembership, Office
from library.models import CITABLE_KINDS, Document, RequestPlanCitation, ZoningProposal


def area_office_ids(*, office, fiscal_year: int) -> list[int]:
    """The offices whose plans cover this office's area: itself, its province's clusters (for a
    province), its member provinces (for a cluster)."""
    ids = {office.pk}
    if office.kind == Office.Kind.PROVINCE:
        clusters = ClusterMembership.objects.for_fiscal_year(fiscal_year).filter(province_id=office.province_id)
        ids |= set(Office.objects.filter(cluster__in=clusters.values("cluster")).values_list("pk", flat=True))
    else:
        provinces = ClusterMembership.objects.for_fiscal_year(fiscal_year).filter(cluster_id=office.cluster_id)
        ids |= set(Office.objects.filter(province__in=provinces.values("province")).values_list("pk", flat=True))
    return sorted(ids)


def area_plans(*, office, fiscal_year: int):
    """Published plans of the kinds requests cite, of this area, current in the year (or undated)."""
    documents = Document.objects.published().filter(
        kind__in=CITABLE_KINDS, office__in=area_office_ids(office=office, fiscal_year=fiscal_year)
    )
    covering = documents.for_fiscal_year(fiscal_year).values("pk")
    return (
        documents.filter(Q(pk__in=covering) | Q(fiscal_year_from__isnull=True))
        .select_related("office")
        .order_by("kind", "office__kind", "title")
    )


def citable_documents(*, request):
    return area_plans(office=request.office, fiscal_year=request.fiscal_year)


def request_citations(*, request):
    return RequestPlanCitation.objects.filter(request=request).select_related("document__office")


def access_citation(*, user, citation_id: int, request_id: int) -> RequestPlanCitation:
    """A citation of a request this user can see; 404 otherwise."""
    from proposals.selectors.requests import access_request

    request = access_request(user=user, request_id=request_id)
    return get_object_or_404(RequestPlanCitation.objects.select_related("request"), pk=citation_id, request=request)


# --- zoning proposals
def zoning_proposal_list(*, user, fiscal_year=None, status=None):
    proposals = ZoningProposal.objects.visible_to(user).select_related("office", "ministry")
    if fiscal_year:
        proposals = proposals.filter(fiscal_year=fiscal_year)
    if status:
        proposals = proposals.filter(status=status)
    return proposals.order_by("-created_at", "-id")


def access_zoning_proposal(*, user, proposal_id: int) -> ZoningProposal:
    return get_object_or_404(
        ZoningProposal.objects.visible_to(user).select_related("office", "ministry", "document"), pk=proposal_id
    )
