"""The plan page offers publishing to the public library (R11) to its own office only."""

import pytest
from django.urls import reverse

from proposals.models import ActionPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_a(people):
    return ActionPlan.objects.create(office=people.office_a, fiscal_year=2554, title="แผนปฏิบัติราชการจังหวัดขอนแก่น 2554")


def test_the_plan_page_offers_publishing_to_its_own_planner(client_for, people, plan_a):
    body = client_for(people.planner_a).get(reverse("proposals:plan-detail", args=[plan_a.pk])).content.decode()
    assert reverse("library:plan-publish", args=[plan_a.pk]) in body


def test_the_publish_button_publishes_the_plan_to_the_library(client_for, people, plan_a):
    response = client_for(people.planner_a).post(reverse("library:plan-publish", args=[plan_a.pk]))
    assert response.status_code == 302
    assert client_for(None).get(response["Location"]).status_code == 200


def test_another_province_cannot_publish_or_see_the_plan(client_for, people, plan_a):
    other = client_for(people.planner_b)
    assert other.get(reverse("proposals:plan-detail", args=[plan_a.pk])).status_code == 404
    assert other.post(reverse("library:plan-publish", args=[plan_a.pk])).status_code == 404


def test_a_reviewer_of_another_ministry_cannot_publish_the_plan(client_for, people, plan_a):
    assert client_for(people.reviewer_y).post(reverse("library:plan-publish", args=[plan_a.pk])).status_code == 404


def test_history_pages_name_events_in_thai_not_codes(client_for, people, plan_a):
    from proposals.models import ProjectRequest, RequestEvent

    req = ProjectRequest.objects.create(
        plan=plan_a, office=people.office_a, fiscal_year=2554, reference="T-1", title="ขุดลอกหนองโคตร", amount=1000
    )
    RequestEvent.objects.create(request=req, action="rank")
    RequestEvent.objects.create(request=req, action="submit", from_status="draft", to_status="submitted")
    client = client_for(people.planner_a)
    history = client.get(reverse("proposals:request-history", args=[req.pk])).content.decode()
    plan_page = client.get(reverse("proposals:plan-detail", args=[plan_a.pk])).content.decode()
    for body in (history, plan_page):
        assert "จัดลำดับความสำคัญ" in body and "ส่งคำขอ" in body
        assert "→ submitted" not in body
