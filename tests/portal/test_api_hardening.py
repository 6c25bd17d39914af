"""API hardening from the outside audit (issue 13): JSON depth, docs behind login."""

import pytest
from django.urls import reverse

from portal.parsers import json_depth

pytestmark = pytest.mark.django_db


def test_json_depth_counts_levels_without_recursion():
    assert json_depth(1) == 0
    assert json_depth([]) == 1
    assert json_depth({"a": [{"b": 1}]}) == 3
    deep = current = []
    for _ in range(50_000):
        current.append([])
        current = current[0]
    assert json_depth(deep) == 50_001


@pytest.mark.parametrize("depth", [100_000, 65])
def test_a_deeply_nested_json_body_is_a_400_in_thai(client_for, people, depth):
    body = "[" * depth + "]" * depth
    response = client_for(people.planner_a).post(reverse("api:request-list"), body, content_type="application/json")
    assert response.status_code == 400
    assert "ซ้อนกันลึกเกินไป" in response.json()["detail"]


def test_ordinary_nesting_still_parses(client_for, people):
    body = {"title": "ทดสอบ", "amount": "1", "locations": [{"province": people.office_a.province_id}]}
    response = client_for(people.planner_a).post(reverse("api:request-list"), body, content_type="application/json")
    assert response.status_code == 400 and "plan" in response.json()  # validation ran: the body parsed
