"""Reads for the public channel, and the one guarded fetch per entity (STYLE habit 5)."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404

from clusters.models import ClusterMembership
from library.models import DirectoryEntry, Document, DocumentVersion, MechanismLink, ResourceType
from library.search import SearchQuery, minimum_matches, phrase_of
from ministries.models import CentralAgency, Ministry
from portal.roles import scope_of
from proposals.models import ActionPlan


# --- documents
def document_list(*, user, query: SearchQuery | None = None, kind=None, cluster=None, province=None, fiscal_year=None):
    """Documents this user may see, filtered; with a query, only those holding most of its words,
    best first (whole phrase, then number of words, then newest)."""
    documents = Document.objects.visible_to(user).select_related("office", "ministry")
    if kind:
        documents = documents.filter(kind=kind)
    if province:
        documents = documents.filter(office__province=province)
    if cluster:
        provinces = ClusterMembership.objects.filter(cluster=cluster).values("province")
        documents = documents.filter(Q(office__cluster=cluster) | Q(office__province__in=provinces))
    if fiscal_year:
        documents = documents.for_fiscal_year(int(fiscal_year))
    if query is None or query.is_empty:
        return documents.order_by("-created_at", "-id")
    hits = [When(search_text__contains=token, then=Value(1)) for token in query.tokens]
    matched = sum(
        (Case(hit, default=Value(0), output_field=IntegerField()) for hit in hits),
        Value(0, output_field=IntegerField()),
    )
    phrase = Case(
        When(search_text__contains=phrase_of(query), then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    return (
        documents.annotate(matched=matched, phrase=phrase)
        .filter(Q(phrase=1) | Q(matched__gte=minimum_matches(len(query.tokens))))
        .order_by("-phrase", "-matched", "-created_at", "-id")
    )


def access_document(*, user, slug: str) -> Document:
    """The document if this user may see it; 404 for both missing and not-yours."""
    return get_object_or_404(
        Document.objects.visible_to(user).select_related("office", "ministry", "created_by"), slug=slug
    )


def access_editable_document(*, user, slug: str) -> Document:
    """For writes: 404 unless the user may edit it (an office never learns of another's drafts)."""
    return get_object_or_404(Document.objects.editable_by(user).select_related("office", "ministry"), slug=slug)


def access_document_version(*, user, slug: str, number: int) -> DocumentVersion:
    document = access_document(user=user, slug=slug)
    return get_object_or_404(DocumentVersion.objects.select_related("document"), document=document, number=number)


def access_publishable_plan(*, user, plan_id: int) -> ActionPlan:
    """An action plan this user may publish to the library: visible to them, and their office's
    (or any, for the central team); 404 otherwise."""
    from proposals.permissions import can_publish_action_plan

    plan = get_object_or_404(ActionPlan.objects.visible_to(user).select_related("office"), pk=plan_id)
    if not can_publish_action_plan(user, plan):
        raise Http404
    return plan


def publishable_plan_list(*, user):
    scope = scope_of(user)
    plans = ActionPlan.objects.visible_to(user).select_related("office")
    if not scope.is_central:
        plans = plans.filter(office__in=scope.office_ids)
    return plans.order_by("-fiscal_year", "office__name_th")


# --- directory
# the order in which the seeds name the central integration team (000 ประเด็น 3 item 5)
CENTRAL_TEAM_ORDER = ["nesdb", "opdc", "bb", "moi"]


@dataclass
class DirectoryGroup:
    title: str
    subtitle: str
    entries: list
    anchor: str


def directory_groups() -> list[DirectoryGroup]:
    """The central integration team first, one group per agency (000 ประเด็น 3 item 5), then each
    ministry's coordinating units (its สนย., its departments' planning units and field offices),
    then the provinces' and clusters' offices."""
    entries = list(
        DirectoryEntry.objects.select_related(
            "central_agency", "ministry", "department__ministry", "office", "field_office__kind__ministry"
        ).order_by("order", "unit_name")
    )
    groups = []
    agencies = sorted(
        CentralAgency.objects.all(),
        key=lambda a: (CENTRAL_TEAM_ORDER.index(a.code) if a.code in CENTRAL_TEAM_ORDER else 99, a.code),
    )
    for agency in agencies:
        own = [e for e in entries if e.central_agency_id == agency.pk]
        if own:
            groups.append(DirectoryGroup(agency.name_th, agency.role_th, own, f"central-{agency.code}"))
    by_ministry: dict[int, list] = {}
    for entry in entries:
        ministry = None if entry.central_agency_id or entry.office_id else entry.group_ministry
        if ministry is not None:
            by_ministry.setdefault(ministry.pk, []).append(entry)
    for ministry in Ministry.objects.filter(pk__in=by_ministry).order_by("name_th"):
        own = sorted(
            by_ministry[ministry.pk],
            key=lambda e: (e.department_id is not None, e.field_office_id is not None, e.order, e.unit_name),
        )
        groups.append(DirectoryGroup(ministry.name_th, "", own, f"ministry-{ministry.code}"))
    offices = [e for e in entries if e.office_id]
    if offices:
        from django.utils.translation import gettext as _

        groups.append(DirectoryGroup(_("สำนักงานจังหวัดและกลุ่มจังหวัด"), "", offices, "offices"))
    return groups


def access_directory_entry(*, user, entry_id: int) -> DirectoryEntry:
    """For writes: the entry if this user may edit it, else 404."""
    return get_object_or_404(DirectoryEntry.objects.editable_by(user), pk=entry_id)


# --- mechanisms
def resource_type_list():
    return ResourceType.objects.order_by("order", "code")


def resource_type_get(*, code: str) -> ResourceType:
    return get_object_or_404(ResourceType, code=code)


def mechanism_of(resource_type: ResourceType):
    nodes = list(
        resource_type.nodes.select_related("ministry", "department", "field_office_kind").order_by("order", "id")
    )
    links = list(
        MechanismLink.objects.filter(resource_type=resource_type).select_related("source", "target").order_by("id")
    )
    return nodes, links


from library.selectors.kpis import (  # noqa: E402  (the module's KPI half, re-exported)
    NOT_AGREED,
    access_answerable_request_kpi,
    access_joint_kpi,
    access_request_joint_kpi,
    joint_kpi_get,
    joint_kpi_years,
    proposal_joint_kpi_list,
    request_joint_kpi_list,
    request_kpi_states,
    request_kpis_to_answer,
    workshop_get,
    workshop_joint_kpi_list,
    workshop_kpis,
    workshop_list,
)
from library.selectors.plans import (  # noqa: E402
    access_citation,
    access_zoning_proposal,
    area_plans,
    citable_documents,
    request_citations,
    zoning_proposal_list,
)

__all__ = [
    "NOT_AGREED",
    "request_joint_kpi_list",
    "workshop_joint_kpi_list",
    "joint_kpi_years",
    "proposal_joint_kpi_list",
    "request_kpis_to_answer",
    "request_kpi_states",
    "access_answerable_request_kpi",
    "access_request_joint_kpi",
    "access_joint_kpi",
    "joint_kpi_get",
    "workshop_list",
    "workshop_get",
    "workshop_kpis",
    "access_citation",
    "access_zoning_proposal",
    "area_plans",
    "citable_documents",
    "request_citations",
    "zoning_proposal_list",
]
