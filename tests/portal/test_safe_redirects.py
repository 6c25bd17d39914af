"""A client-named `next` never leaves the site (issue 13): every view that honours `next` goes
through portal.redirects, tested here with the audit's URL and its look-alikes."""

import pytest
from django.test import RequestFactory

from portal.redirects import safe_next_url
from tests.proposals.conftest import make_request

pytestmark = pytest.mark.django_db

OFFSITE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    " https://evil.example/",
]


@pytest.mark.parametrize("target", OFFSITE)
def test_the_helper_refuses_other_sites(target):
    request = RequestFactory().post("/x/", {"next": target})
    assert safe_next_url(request, "/fallback/") == "/fallback/"


def test_the_helper_keeps_a_page_of_this_site():
    request = RequestFactory().post("/x/", {"next": "/requests/?page=2#r-1"})
    assert safe_next_url(request, "/fallback/") == "/requests/?page=2#r-1"


@pytest.mark.parametrize("target", OFFSITE)
def test_the_review_bulk_form_does_not_redirect_off_site(client_for, people, target):
    response = client_for(people.reviewer_x).post("/reviews/bulk/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/reviews/"


@pytest.mark.parametrize("target", OFFSITE)
def test_moving_a_request_does_not_redirect_off_site(client_for, people, target):
    req = make_request(people)
    response = client_for(people.planner_a).post(f"/requests/{req.pk}/move/up/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == f"/plans/{req.plan_id}/"


def test_moving_a_request_returns_to_the_page_it_came_from(client_for, people):
    req = make_request(people)
    response = client_for(people.planner_a).post(f"/requests/{req.pk}/move/up/", {"next": "/cluster/?x=1"})
    assert response["Location"] == "/cluster/?x=1"


@pytest.mark.parametrize("target", ["-1", "proposals:plan-list", "admin", "x" * 500])
def test_a_bare_word_as_next_falls_back_instead_of_a_500(client_for, people, target):
    """redirect() takes a bare word for a URL name; `-1` from the issue-16 audit's form fuzzer
    was a NoReverseMatch (500)."""
    req = make_request(people)
    response = client_for(people.planner_a).post(f"/requests/{req.pk}/move/down/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == f"/plans/{req.plan_id}/"
