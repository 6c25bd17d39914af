"""An action plan filed in the portal is published to the library without re-uploading (R11)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from library.models import Document, DocumentKind
from proposals.models import ActionPlan, ProjectRequest
from proposals.workflow import Status
from tests.personas import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_a(people):
    plan = ActionPlan.objects.create(
        office=people.office_a,
        fiscal_year=YEAR,
        title="แผนปฏิบัติราชการประจำปี 2554 จังหวัดขอนแก่น",
        created_by=people.planner_a,
    )
    plan.strategic_issues.add(people.issue_a)
    rows = [(2, "ขุดลอกหนองน้ำสาธารณะ", "1500000"), (1, "ฟื้นฟูป่าต้นน้ำลำน้ำพอง", "12345678.50"), (3, "ถอนแล้ว", "9")]
    for rank, title, amount in rows:
        ProjectRequest.objects.create(
            plan=plan,
            office=people.office_a,
            fiscal_year=YEAR,
            reference=f"KKN-{rank}",
            title=title,
            priority_rank=rank,
            amount=Decimal(amount),
            strategic_issue=people.issue_a,
            status=Status.WITHDRAWN if title == "ถอนแล้ว" else Status.DRAFT,
        )
    return plan


def download(client, document):
    response = client.get(reverse("library:document-download", args=[document.slug]))
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def test_the_office_planner_publishes_their_plan_as_a_generated_document(client_for, client, people, plan_a):
    response = client_for(people.planner_a).post(reverse("library:plan-publish", args=[plan_a.pk]))
    document = Document.objects.get(source_plan=plan_a)
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert (document.kind, document.office, document.fiscal_year_from) == (
        DocumentKind.ACTION_PLAN,
        people.office_a,
        YEAR,
    )
    html = download(client, document)
    assert people.issue_a.title in html and "สำนักงานจังหวัดขอนแก่น" in html
    assert (
        "12,345,678.50" in html and "1,500,000" in html and "13,845,678.50" in html
    )  # satang shown only where there are some
    assert html.index("ฟื้นฟูป่าต้นน้ำลำน้ำพอง") < html.index("ขุดลอกหนองน้ำสาธารณะ")  # ranked
    assert "ถอนแล้ว" not in html
    today = timezone.localdate()
    assert f"{today.day} " in html and str(today.year + 543) in html and str(today.year) not in html  # BE dates


def test_republishing_adds_a_version_and_keeps_the_first(client_for, people, plan_a):
    client = client_for(people.planner_a)
    client.post(reverse("library:plan-publish", args=[plan_a.pk]))
    ProjectRequest.objects.filter(plan=plan_a, priority_rank=2).update(title="ขุดลอกหนองน้ำสาธารณะ (ปรับขนาด)")
    client.post(reverse("library:plan-publish", args=[plan_a.pk]))
    document = Document.objects.get(source_plan=plan_a)
    assert list(document.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    assert document.versions.get(number=1).sha256 != document.versions.get(number=2).sha256


def test_the_central_team_may_publish_any_office_plan(client_for, people, plan_a):
    assert client_for(people.central).post(reverse("library:plan-publish", args=[plan_a.pk])).status_code == 302
    assert Document.objects.filter(source_plan=plan_a).exists()


@pytest.mark.parametrize("persona", ["planner_b", "cluster_officer", "reviewer_x", "reviewer_y", "outsider"])
def test_others_cannot_publish_the_plan(client_for, people, plan_a, persona):
    response = client_for(getattr(people, persona)).post(reverse("library:plan-publish", args=[plan_a.pk]))
    assert response.status_code == 404
    assert not Document.objects.filter(source_plan=plan_a).exists()


def test_visitors_cannot_publish(client, plan_a):
    response = client.post(reverse("library:plan-publish", args=[plan_a.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Document.objects.exists()


def test_the_publish_page_lists_only_the_offices_own_plans(client_for, people, plan_a):
    ActionPlan.objects.create(office=people.office_b, fiscal_year=YEAR, title="แผนปฏิบัติราชการ อุดรธานี")
    page = client_for(people.planner_a).get(reverse("library:plan-publish-list")).content.decode()
    assert plan_a.title in page and "แผนปฏิบัติราชการ อุดรธานี" not in page
    page_b = client_for(people.planner_b).get(reverse("library:plan-publish-list")).content.decode()
    assert plan_a.title not in page_b


def test_the_api_publishes_too(client_for, people, plan_a):
    response = client_for(people.planner_a).post(reverse("api:library-plan-publish", args=[plan_a.pk]))
    assert response.status_code == 201 and response.json()["versions"][0]["number"] == 1
    assert client_for(people.planner_b).post(reverse("api:library-plan-publish", args=[plan_a.pk])).status_code == 404
