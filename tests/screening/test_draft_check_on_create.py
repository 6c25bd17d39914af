"""Planners see likely duplicates while drafting a new request, before it is saved (R6)."""

import pytest
from django.urls import reverse

from proposals.models import ActionPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_a(people):
    return ActionPlan.objects.create(office=people.office_a, fiscal_year=2554, title="แผนขอนแก่น 2554")


def test_the_new_request_form_carries_the_draft_checks(client_for, people, plan_a):
    body = client_for(people.planner_a).get(reverse("proposals:request-create", args=[plan_a.pk])).content.decode()
    assert reverse("screening:draft-check") in body
    assert reverse("reviews:framework-check") in body
    assert f'name="plan" value="{plan_a.pk}"' in body


def test_the_draft_check_of_a_new_request_answers_for_its_plan(client_for, people, plan_a):
    response = client_for(people.planner_a).post(
        reverse("screening:draft-check"), {"plan": plan_a.pk, "title": "ขุดลอกหนองโคตร", "description": ""}
    )
    assert response.status_code == 200


def test_another_province_cannot_draft_check_against_someone_elses_plan(client_for, people, plan_a):
    response = client_for(people.planner_b).post(
        reverse("screening:draft-check"), {"plan": plan_a.pk, "title": "ขุดลอก", "description": ""}
    )
    assert response.status_code == 404


def test_a_reviewer_of_another_ministry_cannot_use_the_draft_check(client_for, people, plan_a):
    response = client_for(people.reviewer_y).post(
        reverse("screening:draft-check"), {"plan": plan_a.pk, "title": "ขุดลอก", "description": ""}
    )
    assert response.status_code in (403, 404)
