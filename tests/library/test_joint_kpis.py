"""Joint KPIs per fiscal year (R13): from the requests no longer drafts, and from the workshops."""

from decimal import Decimal

import pytest
from django.urls import reverse

from library.models import JointKPI
from proposals.models import ActionPlan, ProjectRequest, RequestEvent, RequestKPI
from proposals.workflow import Status
from tests.personas import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def kpis(people):
    plan = ActionPlan.objects.create(office=people.office_a, fiscal_year=YEAR, title="แผนขอนแก่น")
    made = {}
    for reference, status in (
        ("KKN-SUB", Status.MINISTRY_REVIEW),
        ("KKN-DRAFT", Status.DRAFT),
        ("KKN-WD", Status.WITHDRAWN),
    ):
        request = ProjectRequest.objects.create(
            plan=plan,
            office=people.office_a,
            fiscal_year=YEAR,
            reference=reference,
            title=f"โครงการ {reference}",
            amount=Decimal("1000000"),
            status=status,
        )
        made[reference] = RequestKPI.objects.create(
            request=request,
            name=f"พื้นที่ป่าต้นน้ำที่ฟื้นฟู {reference}",
            target="500",
            unit="ไร่",
            is_joint=True,
            joint_ministry=people.ministry_x,
        )
    return made


def _agree(people, kpi):
    from library.services import request_kpi_respond

    request_kpi_respond(user=people.reviewer_x, kpi=kpi, agree=True)


def test_a_request_kpi_the_ministry_has_not_confirmed_is_not_listed(client, people, kpis):
    page = client.get(reverse("library:joint-kpis-year", args=[YEAR])).content.decode()
    assert "พื้นที่ป่าต้นน้ำที่ฟื้นฟู KKN-SUB" not in page


def test_the_page_lists_agreed_request_kpis_with_both_owners(client, people, kpis):
    _agree(people, kpis["KKN-SUB"])
    page = client.get(reverse("library:joint-kpis-year", args=[YEAR])).content.decode()
    assert "พื้นที่ป่าต้นน้ำที่ฟื้นฟู KKN-SUB" in page
    assert "สำนักงานจังหวัดขอนแก่น" in page and people.ministry_x.name_th in page


def test_drafts_and_withdrawn_requests_are_not_agreements(client, kpis):
    page = client.get(reverse("library:joint-kpis-year", args=[YEAR])).content.decode()
    assert "KKN-DRAFT" not in page and "KKN-WD" not in page


def test_the_page_lists_the_workshop_kpis_of_that_year_only(client, channel):
    page = client.get(reverse("library:joint-kpis-year", args=[2554])).content.decode()
    assert "พื้นที่ได้รับประโยชน์จากแหล่งน้ำที่พัฒนาในลุ่มน้ำชี" in page and "ยังไม่รายงาน" in page
    assert "ลุ่มน้ำชี" not in client.get(reverse("library:joint-kpis-year", args=[2560])).content.decode()


def test_the_default_page_is_the_current_fiscal_year(client, people, kpis):
    response = client.get(reverse("library:joint-kpis"))
    assert response.status_code == 200 and response.context["year"] == YEAR
    assert client.get(reverse("library:joint-kpis"), {"fiscal_year": "abc"}).status_code == 200


def test_no_result_is_recorded_on_a_kpi_the_ministry_has_not_agreed(client_for, people, kpis):
    url = reverse("library:request-kpi-result", args=[kpis["KKN-SUB"].pk])
    assert client_for(people.central).post(url, {"result": "520"}).status_code == 404


def test_the_central_team_records_a_request_kpi_result_and_the_request_history_shows_it(client_for, people, kpis):
    kpi = kpis["KKN-SUB"]
    _agree(people, kpi)
    response = client_for(people.central).post(reverse("library:request-kpi-result", args=[kpi.pk]), {"result": "520"})
    assert response.status_code == 302
    kpi.refresh_from_db()
    assert kpi.result == "520"
    event = RequestEvent.objects.get(request=kpi.request, action="joint_kpi_result")
    assert event.actor == people.central and event.payload["to"] == "520"


@pytest.mark.parametrize("persona", ["planner_a", "planner_b", "reviewer_x", "reviewer_y"])
def test_others_cannot_record_results(client_for, people, kpis, persona):
    kpi = kpis["KKN-SUB"]
    assert (
        client_for(getattr(people, persona))
        .post(reverse("library:request-kpi-result", args=[kpi.pk]), {"result": "1"})
        .status_code
        == 404
    )
    kpi.refresh_from_db()
    assert kpi.result == ""


def test_visitors_cannot_record_results(client, kpis):
    response = client.post(reverse("library:request-kpi-result", args=[kpis["KKN-SUB"].pk]), {"result": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_central_team_records_a_workshop_kpi(client_for, people):
    response = client_for(people.central).post(
        reverse("library:joint-kpi-create"),
        {
            "fiscal_year": 2554,
            "name": "จำนวน SMEs ที่ได้รับการพัฒนาผลิตภาพ",
            "ministry": people.ministry_y.pk,
            "offices": [people.cluster_office_a.pk, people.office_b.pk],
            "target": "100",
            "unit": "ราย",
            "source": "การประชุมเชิงปฏิบัติการ 18 มกราคม 2553",
            "result_reported_on": "",
        },
    )
    assert response.status_code == 302
    kpi = JointKPI.objects.get(name="จำนวน SMEs ที่ได้รับการพัฒนาผลิตภาพ")
    assert set(kpi.offices.all()) == {people.cluster_office_a, people.office_b}


def test_a_workshop_kpi_result_with_a_be_date(client_for, people, channel):
    kpi = JointKPI.objects.get(name__startswith="พื้นที่ได้รับประโยชน์")
    response = client_for(people.central).post(
        reverse("library:joint-kpi-edit", args=[kpi.pk]),
        {
            "fiscal_year": 2554,
            "name": kpi.name,
            "ministry": kpi.ministry_id,
            "offices": [o.pk for o in kpi.offices.all()],
            "target": "12,000",
            "unit": "ไร่",
            "result": "12,500",
            "result_reported_on": "30/09/2554",
        },
    )
    assert response.status_code == 302
    kpi.refresh_from_db()
    assert kpi.result == "12,500" and kpi.result_reported_on.year == 2011


def test_bad_workshop_kpi_input_gets_thai_messages(client_for, people):
    response = client_for(people.central).post(
        reverse("library:joint-kpi-create"),
        {"fiscal_year": 2011, "name": "", "offices": [], "result_reported_on": "30/09/2011"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    for message in ("พุทธศักราช", "กรุณากรอกชื่อตัวชี้วัด", "กรุณาเลือกกระทรวง", "กรุณาเลือกกลุ่มจังหวัด/จังหวัด"):
        assert message in page
    assert not JointKPI.objects.exists()


@pytest.mark.parametrize("persona", ["planner_a", "reviewer_x", "reviewer_y", "cluster_officer"])
def test_the_parties_may_propose_but_not_edit_an_agreed_kpi(client_for, people, channel, persona):
    client = client_for(getattr(people, persona))
    kpi = JointKPI.objects.agreed().first()
    assert client.get(reverse("library:joint-kpi-create")).status_code == 200
    assert client.get(reverse("library:joint-kpi-edit", args=[kpi.pk])).status_code == 404


def test_someone_with_no_side_cannot_propose(client_for, people):
    assert client_for(people.outsider).get(reverse("library:joint-kpi-create")).status_code == 403


# --- API
def test_the_api_gives_visitors_both_lists_for_a_year(client, people, kpis, channel):
    _agree(people, kpis["KKN-SUB"])
    data = client.get(reverse("api:library-joint-kpi-list"), {"fiscal_year": YEAR}).json()
    assert [k["request_reference"] for k in data["request_kpis"]] == ["KKN-SUB"]
    assert len(data["workshop_kpis"]) == 3
    assert client.get(reverse("api:library-joint-kpi-list"), {"fiscal_year": "2011"}).status_code == 400


def test_the_api_lets_only_the_central_team_write(client, client_for, people, channel):
    kpi = JointKPI.objects.agreed().first()
    url = reverse("api:library-joint-kpi-detail", args=[kpi.pk])
    assert client.patch(url, {"result": "1"}, content_type="application/json").status_code == 403
    assert client_for(people.reviewer_x).patch(url, {"result": "1"}, content_type="application/json").status_code == 404
    response = client_for(people.central).patch(url, {"result": "11,800"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["result"] == "11,800"
    # a planner proposes only for their own office (another province's is not theirs to bind)
    body = {"fiscal_year": 2554, "name": "x", "ministry": people.ministry_x.pk, "offices": [people.office_b.pk]}
    assert (
        client_for(people.planner_a)
        .post(reverse("api:library-joint-kpi-list"), body, content_type="application/json")
        .status_code
        == 403
    )
