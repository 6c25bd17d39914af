"""The API does what the pages do: filtered lists, drafts created and edited with the revision
check, the workflow's transitions, and plan ranks."""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ministries.models import WorkCategory
from proposals.workflow import Status
from tests.proposals.conftest import make_request, plan_for

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_request_list_filters_by_year_office_status_category_ministry_and_amount(people):
    make_request(people, title="เล็ก", amount=Decimal("100000"))
    make_request(people, title="ใหญ่", amount=Decimal("9000000"), category="roads", strategy=people.strategy_y)
    client = api(people.planner_a)

    def titles(**params):
        return {r["title"] for r in client.get(reverse("api:request-list"), params).json()["results"]}

    assert titles(fiscal_year=2554) == {"ใหญ่", "เล็ก"}
    assert titles(fiscal_year=2555) == set()
    assert titles(office=people.office_a.pk, status="draft") == {"ใหญ่", "เล็ก"}
    assert titles(status="submitted") == set()
    assert titles(category=WorkCategory.objects.get(code="roads").pk) == {"ใหญ่"}
    assert titles(ministry=people.ministry_y.pk) == {"ใหญ่"}
    assert titles(amount_min=1000000) == {"ใหญ่"}
    assert titles(amount_max=1000000) == {"เล็ก"}


def test_a_bad_filter_value_is_a_400_not_a_500(people):
    response = api(people.planner_a).get(reverse("api:request-list"), {"amount_min": "มาก"})
    assert response.status_code == 400


def test_a_planner_creates_edits_and_submits_a_draft_through_the_api(people):
    plan = plan_for(people.planner_a, people.office_a)
    client = api(people.planner_a)
    created = client.post(
        reverse("api:request-list"),
        {
            "plan": plan.pk,
            "title": "ปรับปรุงภูมิทัศน์บึงแก่นนคร",
            # R3: problem, evidence and severity are required to submit
            "problem": "ภูมิทัศน์เสื่อมโทรม นักท่องเที่ยวลดลง",
            "evidence": "สถิติการท่องเที่ยวจังหวัด 2552",
            "severity": "medium",
            "amount": "3500000.00",
            "category": WorkCategory.objects.get(code="tourism").pk,
            "strategic_issue": people.issue_a.pk,
            "ministry_strategy": people.strategy_x.pk,
            "framework_justification": "x",
            "kpis": [
                {
                    "name": "นักท่องเที่ยวเพิ่มขึ้น",
                    "target": "10",
                    "unit": "ร้อยละ",
                    "is_joint": True,
                    "joint_ministry": people.ministry_x.pk,
                }
            ],
            "stakeholders": [{"kind": "joint_ppc", "name": "กรอ.จังหวัดขอนแก่น"}],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["status"], body["revision"], body["locations"][0]["province_name"]) == ("draft", 1, "ขอนแก่น")
    url = reverse("api:request-detail", args=[body["id"]])
    assert (
        client.patch(url, {"revision": 1, "title": "ปรับปรุงภูมิทัศน์บึงแก่นนคร ระยะที่ 2"}, format="json").json()["revision"]
        == 2
    )
    stale = client.patch(url, {"revision": 1, "title": "ทับของคนอื่น"}, format="json")
    assert stale.status_code == 409 and stale.json()["current_revision"] == 2
    assert client.patch(url, {"title": "ไม่ส่ง revision"}, format="json").status_code == 400
    moved = client.post(reverse("api:request-transition", args=[body["id"]]), {"action": "submit"}, format="json")
    assert moved.status_code == 200 and moved.json()["status"] == Status.SUBMITTED


@pytest.mark.parametrize("amount", ["0", "-1"])
def test_a_zero_or_negative_amount_is_a_400(people, amount):
    plan = plan_for(people.planner_a, people.office_a)
    response = api(people.planner_a).post(
        reverse("api:request-list"), {"plan": plan.pk, "title": "x", "amount": amount}, format="json"
    )
    assert response.status_code == 400 and "วงเงินต้องมากกว่า 0 บาท" in response.content.decode()


def test_a_refused_transition_explains_itself_in_thai(people):
    request = make_request(people, ministry_strategy=None)
    response = api(people.planner_a).post(
        reverse("api:request-transition", args=[request.pk]), {"action": "submit"}, format="json"
    )
    assert response.status_code == 400 and "ยุทธศาสตร์กระทรวง" in response.json()["detail"]


def test_the_rank_endpoint_reorders_the_plan(people):
    r1, r2 = make_request(people), make_request(people)
    response = api(people.planner_a).post(
        reverse("api:plan-ranks", args=[r1.plan_id]), {"order": [r2.pk, r1.pk]}, format="json"
    )
    assert response.status_code == 204
    assert api(people.planner_a).get(reverse("api:plan-detail", args=[r1.plan_id])).json()["request_ids"] == [
        r2.pk,
        r1.pk,
    ]


def test_one_plan_per_office_and_year(people):
    client = api(people.planner_a)
    payload = {"office": people.office_a.pk, "fiscal_year": 2555, "title": "แผนปี 2555"}
    assert client.post(reverse("api:plan-list"), payload, format="json").status_code == 201
    again = client.post(reverse("api:plan-list"), payload, format="json")
    assert again.status_code == 409 and "มีแผนปฏิบัติราชการ" in again.json()["detail"]
    other = client.post(reverse("api:plan-list"), {**payload, "office": people.office_b.pk}, format="json")
    # another office's id is refused by the field itself (issue 13: one scoping helper)
    assert other.status_code == 400 and "office" in other.json()
