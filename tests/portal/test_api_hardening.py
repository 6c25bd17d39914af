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


@pytest.mark.parametrize("path", ["/api/v1/schema/", "/api/v1/docs/"])
def test_in_production_the_api_docs_need_a_login(client, client_for, people, settings, path):
    settings.API_DOCS_PUBLIC = False
    anonymous = client.get(path)
    assert anonymous.status_code in (401, 403)
    assert b"openapi" not in anonymous.content
    assert client_for(people.planner_a).get(path).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/schema/", "/api/v1/docs/"])
def test_while_developing_the_api_docs_are_public(client, settings, path):
    settings.API_DOCS_PUBLIC = True
    assert client.get(path).status_code == 200


def test_production_mode_defaults_to_docs_behind_login():
    import subprocess
    import sys

    from django.conf import settings as live

    code = "import portal.settings as s; print(s.API_DOCS_PUBLIC)"
    env = {"PORTAL_PRODUCTION": "1", "SECRET_KEY": "k" * 60, "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], cwd=live.BASE_DIR, env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=live.BASE_DIR, env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True
    )
    assert out.stdout.strip() == "True", out.stderr
