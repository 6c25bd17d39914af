"""Confirm what cannot be undone (issue 11): submit goes through a summary page; publishing,
merging and withdrawing ask first (data-confirm, handled by static/portal/site.js: no inline script)."""

import pytest
from django.urls import reverse

from clusters.models import Amphoe
from proposals.models import RequestLocation
from proposals.services.transitions import request_transition
from proposals.workflow import Status
from tests.proposals.conftest import make_request
from tests.reviews.conftest import open_phases

pytestmark = pytest.mark.django_db


def test_the_submit_button_leads_to_a_summary_that_posts_the_submission(client_for, people):
    open_phases()
    request = make_request(people)
    RequestLocation.objects.filter(request=request).update(
        district=Amphoe.objects.get(province__name_th="ขอนแก่น", name_th="ภูเวียง"), amphoe="ภูเวียง"
    )
    client = client_for(people.planner_a)
    detail = client.get(reverse("proposals:request-detail", args=[request.pk])).content.decode()
    confirm_url = reverse("proposals:request-submit-confirm", args=[request.pk])
    assert f'id="action-submit" href="{confirm_url}"' in detail

    page = client.get(confirm_url).content.decode()
    assert "2,500,000 บาท (2.50 ล้านบาท)" in page and "อ.ภูเวียง" in page and request.title in page
    assert 'id="confirm-submit"' in page
    request.refresh_from_db()
    assert request.status == Status.DRAFT  # looking at the summary sends nothing

    client.post(reverse("proposals:request-transition", args=[request.pk]), {"action": "submit"})
    request.refresh_from_db()
    assert request.status != Status.DRAFT


def test_the_summary_lists_what_is_missing_instead_of_a_submit_button(client_for, people):
    open_phases()
    request = make_request(people, ministry_strategy=None)
    page = client_for(people.planner_a).get(reverse("proposals:request-submit-confirm", args=[request.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "ยังไม่ได้เชื่อมโยงยุทธศาสตร์กระทรวง" in html and "confirm-submit" not in html


@pytest.mark.parametrize("persona, status", [("planner_b", 404), ("reviewer_x", 404), ("outsider", 404)])
def test_only_the_owner_sees_the_submit_summary(client_for, people, persona, status):
    open_phases()
    request = make_request(people)
    response = client_for(getattr(people, persona)).get(reverse("proposals:request-submit-confirm", args=[request.pk]))
    assert response.status_code == status


def test_the_summary_is_refused_once_submitted_and_needs_a_login(client_for, people):
    open_phases()
    request = make_request(people)
    url = reverse("proposals:request-submit-confirm", args=[request.pk])
    assert client_for(None).get(url).status_code == 302
    request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    assert client_for(people.planner_a).get(url).status_code == 403


def test_publishing_merging_and_withdrawing_ask_first(client_for, people):
    open_phases()
    request = make_request(people)
    client = client_for(people.planner_a)
    plan_html = client.get(reverse("proposals:plan-detail", args=[request.plan_id])).content.decode()
    assert 'id="publish-plan" data-confirm=' in plan_html
    publish_html = client.get(reverse("library:plan-publish-list")).content.decode()
    assert "data-confirm=" in publish_html and "เผยแพร่แผนนี้ต่อสาธารณะ" in publish_html
    request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    detail = client.get(reverse("proposals:request-detail", args=[request.pk])).content.decode()
    assert 'id="action-withdraw"' in detail and "ยืนยันการถอนคำขอ" in detail
    board = client_for(people.cluster_officer).get(reverse("proposals:cluster-board")).content.decode()
    assert 'id="merge-button" data-confirm=' in board
