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


HUGE = 2**64


@pytest.mark.parametrize(
    "body",
    [
        {"action": "assign", "request_ids": [1], "assignee_id": HUGE},
        {"action": "endorse", "request_ids": [HUGE]},
        {"action": "endorse", "request_ids": [0]},
    ],
)
def test_an_absurd_id_in_a_bulk_review_is_a_400_not_a_database_overflow(client_for, people, body):
    """Found by `make audit`: a 2**64 assignee id overflowed SQLite's integer (500)."""
    response = client_for(people.reviewer_x).post("/api/v1/reviews/bulk/", body, content_type="application/json")
    assert response.status_code == 400


def test_an_absurd_id_on_the_bulk_review_page_is_refused_without_a_500(client_for, people):
    response = client_for(people.reviewer_x).post("/reviews/bulk/", {"action": "endorse", "ids": [str(HUGE)]})
    assert response.status_code < 500


@pytest.mark.parametrize("meeting", [HUGE, "abc", -1])
def test_an_absurd_meeting_id_on_an_agenda_is_a_400(client_for, people, meeting):
    from portal.models import Committee
    from reviews.models import Agenda

    agenda = Agenda.objects.create(
        committee=Committee.objects.first(), fiscal_year=2554, title="วาระ", created_by=people.central
    )
    response = client_for(people.central).patch(
        f"/api/v1/agendas/{agenda.pk}/", {"meeting": meeting}, content_type="application/json"
    )
    assert response.status_code == 400
