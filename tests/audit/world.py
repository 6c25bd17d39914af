"""A small world of tenants' objects for the audit (issue 13): each object names, from the
brief's rules, who may read it and who may change it. The ground truth is written here by hand
from the rules (proposals/models/scoping.py, R10-R16), not read back from the code under test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.personas import YEAR, Personas

ALL = "*"  # everyone, signed in or not

PERSONA_NAMES = (
    "planner_a",
    "planner_a2",
    "planner_b",
    "cluster_officer",
    "cluster_officer_b",
    "reviewer_x",
    "reviewer_y",
    "reviewer_dept",
    "field_a",
    "field_b",
    "central",
    "admin",
    "outsider",
    "anonymous",
)


@dataclass
class Thing:
    name: str
    obj: object
    readers: set | str  # persona names, or ALL
    writers: set
    unknown: set = field(default_factory=set)  # personas the rules leave open: not probed
    args: dict = field(default_factory=dict)  # path arguments of a child's parent (nested routes)

    def foreign_to(self, persona: str, *, write: bool) -> bool:
        """True when this persona must not read (or, for `write`, change) the object."""
        if persona in self.unknown:
            return False
        allowed = self.writers if write else self.readers
        return allowed != ALL and persona not in allowed


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _request(office, *, status, ministry=None, title, reference):
    from proposals.models import ActionPlan, ProjectRequest, RequestLocation

    plan, _ = ActionPlan.objects.get_or_create(office=office, fiscal_year=YEAR, defaults={"title": f"แผน {office}"})
    request = ProjectRequest.objects.create(
        plan=plan,
        office=office,
        fiscal_year=YEAR,
        reference=reference,
        title=title,
        amount=Decimal("1500000"),
        status=status,
        reviewing_ministry=ministry,
    )
    RequestLocation.objects.create(request=request, province=office.province)
    return request


def build_world(people: Personas) -> dict[str, Thing]:
    """Objects of province A and B, ministries X and Y, and the central team."""
    from library import services as library_services
    from library.models import DirectoryEntry, JointKPI, MechanismNode, ResourceType
    from portal.models import Committee
    from proposals.workflow import Status
    from reviews.models import Agenda, Programme
    from screening.models import DuplicateFlag

    central_staff = {"central", "admin"}
    req_a_draft = _request(people.office_a, status=Status.DRAFT, title="ขุดลอกหนองน้ำบ้านโนน", reference="AUD-A-1")
    req_b_draft = _request(people.office_b, status=Status.DRAFT, title="ซ่อมถนนบ้านนาดี", reference="AUD-B-1")
    req_a_review = _request(
        people.office_a,
        status=Status.MINISTRY_REVIEW,
        ministry=people.ministry_x,
        title="ฟื้นฟูป่าต้นน้ำลำน้ำพอง",
        reference="AUD-A-2",
    )
    req_b_review = _request(
        people.office_b,
        status=Status.MINISTRY_REVIEW,
        ministry=people.ministry_y,
        title="ก่อสร้างสะพานข้ามห้วยหลวง",
        reference="AUD-B-2",
    )
    flag_b = DuplicateFlag.objects.create(
        request=req_b_review,
        other_request=req_a_review,
        level="overlap",
        score=0.5,
        reasons=["ทดสอบ"],
        screened_revision=1,
    )
    # R6: กรมทางหลวง's own request of the cycle; R21: an output on ทส.'s list
    from ministries.models import BudgetLine, Department, LineSource, MinistryOutput

    own_line_y = BudgetLine.objects.create(
        fiscal_year=YEAR,
        ministry=people.ministry_y,
        department=Department.objects.get(code="doh"),
        ministry_text=people.ministry_y.name_th,
        unit_text="กรมทางหลวง",
        item_text="งานบำรุงทางหลวงหมายเลข 12 จังหวัดขอนแก่น",
        amount=Decimal("1000000"),
        source_ref="MR-audit-1",
        source=LineSource.MINISTRY_REQUEST,
    )
    output_x = MinistryOutput.objects.create(
        fiscal_year=YEAR, ministry=people.ministry_x, kind="output", name="ผลผลิตแหล่งน้ำได้รับการพัฒนา"
    )
    doc_b = library_services.document_create(
        user=people.planner_b,
        kind="development_plan",
        title="ร่างแผนพัฒนาจังหวัดอุดรธานี",
        file=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
        office=people.office_b,
        is_published=False,
    )
    entry_y = DirectoryEntry.objects.create(ministry=people.ministry_y, unit_name="กองแผนงาน คค.")
    # an agreed KPI is public (R13); a proposal is its two sides' only
    kpi = JointKPI.objects.create(fiscal_year=YEAR, name="พื้นที่ป่าเพิ่มขึ้น", ministry=people.ministry_x, status="agreed")
    import datetime

    from library.models import Workshop, ZoningProposal
    from reviews.models import StrategyDivergence

    workshop = Workshop.objects.create(fiscal_year=YEAR, held_on=datetime.date(2010, 1, 18), title="เวทีตรวจ")
    zoning_b = ZoningProposal.objects.create(
        office=people.office_b,
        ministry=people.ministry_y,
        fiscal_year=YEAR,
        title="เขตอุตสาหกรรมอุดรธานี",
        location="อุดรธานี",
        need="ทดสอบ",
    )
    divergence_b = StrategyDivergence.objects.create(
        fiscal_year=YEAR, strategic_issue=people.issue_b, ministry=people.ministry_y, description="ทดสอบ"
    )
    resource, _ = ResourceType.objects.get_or_create(code="audit-water", defaults={"name_th": "น้ำ (ตรวจ)"})
    node = MechanismNode.objects.create(resource_type=resource, level="ministry", name="กรมทรัพยากรน้ำ")
    node2 = MechanismNode.objects.create(resource_type=resource, level="area", name="จังหวัด")
    link = resource.links.create(source=node, target=node2, label="สั่งการ")
    programme = Programme.objects.create(name="แผนงานตรวจ", fiscal_year=YEAR, created_by=people.central)
    agenda = Agenda.objects.create(
        committee=Committee.objects.first(), fiscal_year=YEAR, title="วาระตรวจ", created_by=people.central
    )
    from ministries.models import SupportEnvelope

    envelope_y = SupportEnvelope.objects.create(
        ministry=people.ministry_y, fiscal_year=YEAR, base_budget=1000000, share_percent=10
    )

    # children of province B's objects reached by their own ids (issue 16's audit)
    from library.models import RequestPlanCitation
    from ministries.models import BudgetLineImport
    from proposals.models import Attachment, RequestKPI
    from reviews.models import ProgrammeItem, StrategyMapping

    attachment_b = Attachment.objects.create(
        request=req_b_draft,
        file=SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf"),
        original_name="b.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=people.planner_b,
    )
    doc_public = library_services.document_create(
        user=people.central,
        kind="development_plan",
        title="แผนพัฒนาภาค (ตรวจ)",
        file=SimpleUploadedFile("region.pdf", PDF, content_type="application/pdf"),
        is_published=True,
    )
    citation_b = RequestPlanCitation.objects.create(request=req_b_draft, document=doc_public, cited_by=people.planner_b)
    request_kpi_b = RequestKPI.objects.create(
        request=req_b_review,
        name="ระยะทางที่ซ่อม",
        target="5",
        unit="กม.",
        is_joint=True,
        joint_ministry=people.ministry_y,
    )
    mapping_y = StrategyMapping.objects.create(
        fiscal_year=YEAR,
        strategic_issue=people.issue_b,
        ministry_strategy=people.strategy_y,
        verdict="aligned",
        kept_by=people.reviewer_y,
        kept_by_ministry=people.ministry_y,
    )
    programme_item = ProgrammeItem.objects.create(programme=programme, request=req_b_review, added_by=people.central)
    import_batch = BudgetLineImport.objects.create(file_name="lines.xlsx", created_by=people.admin, source="upload")

    a_readers = {"planner_a", "field_a"}
    b_readers = {"planner_b"}
    world = [
        Thing("req_a_draft", req_a_draft, a_readers, a_readers),
        Thing("req_b_draft", req_b_draft, b_readers, b_readers),
        Thing(
            "req_a_review",
            req_a_review,
            a_readers | {"cluster_officer", "reviewer_x"} | central_staff,
            a_readers | {"cluster_officer", "reviewer_x"} | central_staff,
        ),
        Thing(
            "req_b_review",
            req_b_review,
            b_readers | {"cluster_officer_b", "reviewer_y"} | central_staff,
            b_readers | {"cluster_officer_b", "reviewer_y"} | central_staff,
            unknown={"reviewer_dept"},  # a department unit of คค. sees what its department reviews
        ),
        Thing(
            "plan_a",
            req_a_draft.plan,
            a_readers | {"cluster_officer"} | central_staff,
            a_readers | central_staff,
            unknown={"cluster_officer"},
        ),
        Thing(
            "plan_b",
            req_b_draft.plan,
            b_readers | {"cluster_officer_b"} | central_staff,
            b_readers | central_staff,
            unknown={"cluster_officer_b"},
        ),
        Thing(
            "flag_b",
            flag_b,
            b_readers | {"cluster_officer_b", "reviewer_y"} | central_staff,
            b_readers | {"reviewer_y"} | central_staff,
            unknown={"reviewer_dept", "cluster_officer_b"},
        ),
        Thing("doc_b", doc_b, b_readers | central_staff, b_readers | central_staff),
        # the owner ministry and its department enter; the central team reads, never enters
        Thing(
            "own_line_y", own_line_y, {"reviewer_y", "reviewer_dept"} | central_staff, {"reviewer_y", "reviewer_dept"}
        ),
        # every signed-in person reads a ministry's outputs; only that ministry keeps them
        Thing("output_x", output_x, set(PERSONA_NAMES) - {"anonymous"}, {"reviewer_x"}),
        Thing("entry_y", entry_y, ALL, {"reviewer_y"} | central_staff, unknown={"reviewer_dept"}),
        Thing("kpi", kpi, ALL, central_staff),
        Thing("workshop", workshop, ALL, central_staff),
        # R22: the sending office and the addressed ministry (its department units too)
        Thing(
            "zoning_b",
            zoning_b,
            b_readers | {"reviewer_y", "reviewer_dept"} | central_staff,
            {"reviewer_y", "reviewer_dept"},
        ),
        # R1: each side reads its own divergences; the central team keeps them
        Thing("divergence_b", divergence_b, b_readers | {"reviewer_y", "reviewer_dept"} | central_staff, central_staff),
        Thing("cluster_office_b", people.cluster_office_b, {"cluster_officer_b"} | central_staff, central_staff),
        Thing("resource", resource, ALL, central_staff),
        Thing("node", node, ALL, central_staff),
        Thing("link", link, ALL, central_staff),
        # programme names are public to signed-in people (R16); their items are not
        Thing("programme", programme, set(PERSONA_NAMES) - {"anonymous"}, central_staff),
        Thing("agenda", agenda, central_staff, central_staff),
        Thing(
            "envelope_y",
            envelope_y,
            {"reviewer_y"} | central_staff,
            {"reviewer_y"} | central_staff,
            unknown={"reviewer_dept"},
        ),
        Thing("attachment_b", attachment_b, b_readers, b_readers),
        Thing("citation_b", citation_b, b_readers, b_readers, args={"request_id": req_b_draft.pk}),
        # the joint ministry answers; the central team records the result (R13)
        Thing(
            "request_kpi_b",
            request_kpi_b,
            b_readers | {"cluster_officer_b", "reviewer_y"} | central_staff,
            {"reviewer_y"} | central_staff,
            unknown={"reviewer_dept"},
        ),
        # R1's map: the central team and the ministry of the strategy
        Thing(
            "mapping_y",
            mapping_y,
            {"reviewer_y"} | central_staff,
            {"reviewer_y"} | central_staff,
            unknown={"reviewer_dept"},
        ),
        Thing("programme_item", programme_item, central_staff, central_staff),
        Thing(
            "programme_item_in",
            programme_item,
            central_staff,
            central_staff,
            args={"pk": programme.pk, "item_id": programme_item.pk},
        ),
        Thing("import_batch", import_batch, {"admin"}, {"admin"}),
    ]
    return {thing.name: thing for thing in world}


# Which world objects fill a URL's object arguments, by the URL's route (first match wins).
# Routes whose arguments are public registries (provinces, ministries, years) get plain ids
# and are probed for server errors only.
ROUTE_TARGETS: list[tuple[str, tuple[str, ...]]] = [
    ("plans/<int:citation_id>", ("citation_b",)),
    ("attachments/<int:pk>", ("attachment_b",)),
    ("request-kpi/<int:kpi_id>", ("request_kpi_b",)),
    ("alignment-map/<int:pk>", ("mapping_y",)),
    ("programmes/items/<int:pk>", ("programme_item",)),
    ("programmes/<int:pk>/items/<int:item_id>", ("programme_item_in",)),
    ("import/<int:batch_id>", ("import_batch",)),
    ("flags/<int:flag_id>", ("flag_b",)),
    ("requests/<int:request_id>", ("req_b_draft", "req_a_draft", "req_b_review", "req_a_review")),
    ("requests/<int:pk>", ("req_b_draft", "req_a_draft", "req_b_review", "req_a_review")),
    ("action-plans/<int:plan_id>", ("plan_b", "plan_a")),
    ("plans/<int:plan_pk>", ("plan_b", "plan_a")),
    ("plans/<int:pk>", ("plan_b", "plan_a")),
    ("documents/<slug:slug>", ("doc_b",)),
    ("directory/<int:entry_id>", ("entry_y",)),
    ("joint-kpis/<int:kpi_id>", ("kpi",)),
    ("workshops/<int:workshop_id>", ("workshop",)),
    ("zoning/<int:proposal_id>", ("zoning_b",)),
    ("divergences/<int:pk>", ("divergence_b",)),
    ("cluster-issues/<int:office_id>", ("cluster_office_b",)),
    ("joint-kpis/workshop/<int:kpi_id>", ("kpi",)),
    ("mechanisms/<slug:code>", ("resource",)),
    ("programmes/<int:pk>", ("programme",)),
    ("agendas/<int:pk>", ("agenda",)),
    ("envelopes/<int:pk>", ("envelope_y",)),
    ("own-requests/<int:line_id>", ("own_line_y",)),
    ("ministry-outputs/<int:pk>", ("output_x",)),
    ("outputs/<int:output_id>", ("output_x",)),
]

# Routes whose path arguments are public registries or ids checked inside a parent already
# probed above; every other route with an argument must name its objects in ROUTE_TARGETS
# (tests/audit/test_audit.py fails on a new route left out of both).
PLAIN_ARGUMENT_ROUTES = {
    "api/v1/provinces/<int:pk>/",
    "api/v1/clusters/<int:pk>/",
    "api/v1/ministries/<int:pk>/",
    "library/joint-kpis/<int:year>/",
    # the central team's responsibility framework: a category x a ministry, both registries
    "reviews/framework/<int:category_id>/<int:ministry_id>/",
}


def plain_kwargs(people: Personas) -> dict[str, object]:
    """Values for arguments that are not tenant objects."""
    from ministries.models import WorkCategory

    return {
        "direction": "up",
        "number": 1,
        "year": YEAR,
        "category_id": WorkCategory.objects.order_by("pk").first().pk,
        "ministry_id": people.ministry_y.pk,
        "item_id": 1,
        "node_id": 1,
        "link_id": 1,
        "batch_id": 1,
        "pk": people.office_b.province_id,
        "code": "audit-water",
        "slug": "none",
        "kpi_id": 1,
        "entry_id": 1,
        "plan_id": 1,
        "request_id": 1,
        "flag_id": 1,
        "plan_pk": 1,
        "line_id": 1,
        "output_id": 1,
        "workshop_id": 1,
        "proposal_id": 1,
        "citation_id": 1,
        "office_id": people.cluster_office_b.pk,
    }


def object_kwargs(route: str, thing: Thing, world: dict[str, Thing]) -> dict[str, object]:
    """Path arguments pointing at `thing` (and its children for nested routes)."""
    obj = thing.obj
    out: dict[str, object] = {}
    for name in (
        "pk",
        "request_id",
        "plan_id",
        "plan_pk",
        "flag_id",
        "entry_id",
        "kpi_id",
        "workshop_id",
        "proposal_id",
        "office_id",
        "line_id",
        "output_id",
        "citation_id",
        "batch_id",
    ):
        if f"<int:{name}>" in route:
            out[name] = obj.pk
    if "<slug:slug>" in route:
        out["slug"] = obj.slug
    if "<slug:code>" in route:
        out["code"] = obj.code
    if "<int:node_id>" in route:
        out["node_id"] = world["node"].obj.pk
    if "<int:link_id>" in route:
        out["link_id"] = world["link"].obj.pk
    return {**out, **thing.args}
