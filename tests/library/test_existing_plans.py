"""R22: plans that already exist (the provincial environmental quality management plan, the
ส.อ.ท. cluster industry plans) are documents requests cite; industrial-zoning proposals go to the
ministry, which receives and answers; the social welfare committee joins the mechanism charts."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from library import services
from library.models import DocumentKind, RequestPlanCitation, ResourceType, ZoningProposal, ZoningStatus
from ministries.models import Ministry
from portal.exceptions import NotAllowed
from proposals.models import ActionPlan, Notification, ProjectRequest
from proposals.workflow import Status
from tests.personas import YEAR

pytestmark = pytest.mark.django_db


def linked_plan(user, office, kind=DocumentKind.ENVIRONMENT_PLAN, title="แผนจัดการคุณภาพสิ่งแวดล้อมจังหวัดขอนแก่น"):
    return services.document_create(
        user=user,
        kind=kind,
        title=title,
        office=office,
        external_url="https://www.onep.go.th/",
        fiscal_year_from=2553,
        fiscal_year_to=2556,
    )


@pytest.fixture
def request_a(people):
    plan = ActionPlan.objects.create(office=people.office_a, fiscal_year=YEAR, title="แผนขอนแก่น")
    return ProjectRequest.objects.create(
        plan=plan,
        office=people.office_a,
        fiscal_year=YEAR,
        reference="KKN-P1",
        title="บำบัดน้ำเสียชุมชน",
        amount=Decimal("2000000"),
        status=Status.MINISTRY_REVIEW,
        reviewing_ministry=people.ministry_x,
        strategic_issue=people.issue_a,
    )


def test_a_plan_can_be_published_by_its_link_without_a_file(people):
    document = linked_plan(people.planner_a, people.office_a)
    assert document.external_url and not document.versions.exists()
    with pytest.raises(ValidationError) as error:
        services.document_create(
            user=people.planner_a, kind=DocumentKind.ENVIRONMENT_PLAN, title="ไม่มีไฟล์", office=people.office_a
        )
    assert "ลิงก์" in str(error.value)


def test_the_planner_cites_the_plans_of_the_area_only(client_for, people, request_a):
    own = linked_plan(people.planner_a, people.office_a)
    cluster = linked_plan(
        people.cluster_officer,
        people.cluster_office_a,
        kind=DocumentKind.INDUSTRY_PLAN,
        title="แผนอุตสาหกรรมกลุ่มจังหวัด ส.อ.ท.",
    )
    elsewhere = linked_plan(people.planner_b, people.office_b, title="แผนสิ่งแวดล้อมอุดรธานี")
    url = reverse("library:request-plan-cite", args=[request_a.pk])
    client = client_for(people.planner_a)
    assert client.post(url, {"document": own.pk, "note": "มาตรการที่ 2"}).status_code == 302
    assert client.post(url, {"document": cluster.pk}).status_code == 302
    client.post(url, {"document": elsewhere.pk})  # another province's plan is not offered
    assert set(RequestPlanCitation.objects.values_list("document__title", flat=True)) == {own.title, cluster.title}
    with pytest.raises(ValidationError):
        services.request_plan_cite(user=people.planner_a, request=request_a, document=elsewhere)


@pytest.mark.parametrize("persona", ["planner_b", "reviewer_y", "cluster_officer_b", "cluster_officer", "outsider"])
def test_strangers_cannot_cite_or_uncite(client_for, people, request_a, persona):
    own = linked_plan(people.planner_a, people.office_a)
    citation = services.request_plan_cite(user=people.planner_a, request=request_a, document=own)
    client = client_for(getattr(people, persona))
    assert (
        client.post(reverse("library:request-plan-cite", args=[request_a.pk]), {"document": own.pk}).status_code == 404
    )
    uncite = reverse("library:request-plan-uncite", args=[request_a.pk, citation.pk])
    assert client.post(uncite).status_code == 404
    assert RequestPlanCitation.objects.count() == 1


def test_the_reviewer_reads_but_does_not_change_the_citations(client_for, people, request_a):
    own = linked_plan(people.planner_a, people.office_a)
    citation = services.request_plan_cite(user=people.planner_a, request=request_a, document=own)
    with pytest.raises(NotAllowed):
        services.request_plan_uncite(user=people.reviewer_x, citation=citation)
    page = client_for(people.reviewer_x).get(reverse("reviews:decide", args=[request_a.pk])).content.decode()
    assert own.title in page  # the alignment view shows the plan the request carries out


def test_the_request_page_shows_the_verdict_and_the_cited_plans_to_the_planner(client_for, people, request_a):
    own = linked_plan(people.planner_a, people.office_a)
    services.request_plan_cite(user=people.planner_a, request=request_a, document=own)
    page = client_for(people.planner_a).get(reverse("proposals:request-detail", args=[request_a.pk])).content.decode()
    assert 'id="request-alignment"' in page and "data-alignment=" in page
    assert own.title in page and "cite-form" in page


def test_the_citation_api(client_for, people, request_a):
    own = linked_plan(people.planner_a, people.office_a)
    url = reverse("api:library-request-plans", args=[request_a.pk])
    listed = client_for(people.planner_a).get(url).json()
    assert [d["slug"] for d in listed["citable"]] == [own.slug]
    assert client_for(people.planner_b).get(url).status_code == 404
    assert (
        client_for(people.reviewer_x).post(url, {"document": own.slug}, content_type="application/json").status_code
        == 404
    )
    made = client_for(people.planner_a).post(url, {"document": own.slug}, content_type="application/json")
    assert made.status_code == 201
    again = client_for(people.planner_a).post(url, {"document": own.slug}, content_type="application/json")
    assert again.status_code == 400
    delete = reverse("api:library-request-plan-delete", args=[request_a.pk, made.json()["id"]])
    assert client_for(people.planner_b).delete(delete).status_code == 404
    assert client_for(people.planner_a).delete(delete).status_code == 204


# --- zoning proposals
@pytest.fixture
def industry():
    return Ministry.objects.get(code="moind")


def send(people, industry, *, user=None, office=None):
    return services.zoning_proposal_send(
        user=user or people.cluster_officer,
        office=office or people.cluster_office_a,
        ministry=industry,
        fiscal_year=YEAR,
        title="เขตอุตสาหกรรมแปรรูปอาหาร",
        location="อำเภอบ้านไผ่ จังหวัดขอนแก่น",
        need="รองรับการลงทุนอุตสาหกรรมแปรรูปผลผลิตเกษตรของกลุ่มจังหวัด",
    )


def test_an_area_sends_a_zoning_proposal_and_the_ministry_receives_and_answers(people, industry):
    from portal.models import Membership, Role

    reviewer = people.reviewer_y.__class__.objects.create(username="reviewer_moind", email="moind@example.go.th")
    Membership.objects.create(user=reviewer, role=Role.MINISTRY_REVIEWER, ministry=industry)
    proposal = send(people, industry)
    assert Notification.objects.filter(user=reviewer, message__contains=proposal.title).exists()
    services.zoning_proposal_receive(user=reviewer, proposal=proposal)
    proposal = services.zoning_proposal_answer(user=reviewer, proposal=proposal, answer="บรรจุในแผนจัดเขตอุตสาหกรรมปี 2555")
    assert proposal.status == ZoningStatus.ANSWERED and proposal.received_at and proposal.answered_by == reviewer
    assert Notification.objects.filter(user=people.cluster_officer, message__contains="บรรจุ").exists()
    for stranger in (people.reviewer_x, people.reviewer_y, people.cluster_officer):
        with pytest.raises(NotAllowed):
            services.zoning_proposal_answer(user=stranger, proposal=proposal, answer="x")


def test_nobody_sends_for_another_office(people, industry):
    with pytest.raises(NotAllowed):
        send(people, industry, user=people.planner_b, office=people.office_a)  # other province
    with pytest.raises(NotAllowed):
        send(people, industry, user=people.reviewer_x, office=people.office_a)  # a ministry is not an area


@pytest.mark.parametrize("persona", ["planner_b", "cluster_officer_b", "reviewer_x", "reviewer_y", "outsider"])
def test_a_proposal_is_404_for_other_offices_and_ministries(client_for, people, industry, persona):
    proposal = send(people, industry)
    client = client_for(getattr(people, persona))
    assert client.get(reverse("library:zoning-detail", args=[proposal.pk])).status_code == 404
    assert client.post(reverse("library:zoning-answer", args=[proposal.pk]), {"answer": "x"}).status_code == 404
    assert client.get(reverse("api:library-zoning-detail", args=[proposal.pk])).status_code == 404
    assert proposal.title not in client.get(reverse("api:library-zoning-list")).content.decode()


def test_the_pages_send_and_show_a_proposal(client_for, people, industry):
    client = client_for(people.planner_a)
    assert client.get(reverse("library:zoning-create")).status_code == 200
    response = client.post(
        reverse("library:zoning-create"),
        {
            "office": people.office_a.pk,
            "ministry": industry.pk,
            "fiscal_year": YEAR,
            "title": "นิคมอุตสาหกรรมขอนแก่น",
            "location": "อำเภอน้ำพอง",
            "need": "รองรับการลงทุน",
        },
    )
    assert response.status_code == 302
    proposal = ZoningProposal.objects.get(title="นิคมอุตสาหกรรมขอนแก่น")
    assert proposal.office == people.office_a
    assert proposal.title in client.get(reverse("library:zoning-list")).content.decode()
    bad = client.post(
        reverse("library:zoning-create"), {"office": people.office_a.pk, "ministry": industry.pk, "fiscal_year": 2011}
    )
    assert bad.status_code == 200 and "พุทธศักราช" in bad.content.decode() and "กรุณากรอกเรื่อง" in bad.content.decode()
    assert client_for(people.reviewer_x).get(reverse("library:zoning-create")).status_code == 403


def test_the_zoning_api_sends_and_the_ministry_answers(client_for, people, industry):
    from portal.models import Membership, Role

    reviewer = people.reviewer_y.__class__.objects.create(username="reviewer_moind2")
    Membership.objects.create(user=reviewer, role=Role.MINISTRY_REVIEWER, ministry=industry)
    body = {
        "office": people.office_a.pk,
        "ministry": industry.pk,
        "fiscal_year": YEAR,
        "title": "เขตอุตสาหกรรม",
        "location": "ขอนแก่น",
        "need": "ลงทุน",
    }
    assert client_for(people.planner_b).post(
        reverse("api:library-zoning-list"), body, content_type="application/json"
    ).status_code in (400, 403)
    created = client_for(people.planner_a).post(
        reverse("api:library-zoning-list"), body, content_type="application/json"
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert client_for(people.planner_a).post(reverse("api:library-zoning-receive", args=[pk])).status_code == 404
    assert client_for(reviewer).post(reverse("api:library-zoning-receive", args=[pk])).json()["status"] == "received"
    answered = client_for(reviewer).post(
        reverse("api:library-zoning-answer", args=[pk]), {"answer": "รับไว้พิจารณา"}, content_type="application/json"
    )
    assert answered.json()["status"] == "answered"


# --- the social mechanism (000 ประเด็น 3 item 2)
def test_the_social_welfare_committee_heads_its_own_mechanism_chart(client, channel):
    social = ResourceType.objects.get(code="social")
    assert social.name_en == "Social welfare"
    top = social.nodes.get(level="national_committee", name="คณะกรรมการส่งเสริมการจัดสวัสดิการสังคมแห่งชาติ")
    assert "National Social Welfare Promotion Committee" in top.description
    assert top.outgoing.exists() and top.incoming.exists()
    page = client.get(reverse("library:mechanism-detail", args=["social"])).content.decode()
    assert "คณะกรรมการส่งเสริมการจัดสวัสดิการสังคมแห่งชาติ" in page
