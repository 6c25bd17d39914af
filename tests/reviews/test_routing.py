"""Every request reaches a reviewer (issue 10 item 3): imported or older requests without a
reviewing ministry get one from the framework and category, the linked strategy, or the owners
of the budget lines they match, with the reason shown; the central team can reassign."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from ministries.models import Department, WorkCategory
from portal.exceptions import ApplicationError, NotAllowed
from proposals.models import Notification, RequestEvent
from proposals.workflow import Status
from reviews.models import ReviewAssignment
from reviews.services import framework_defaults_load, request_reviewer_reassign, reviewers_assign_missing
from screening.services import request_screen
from tests.screening.conftest import HIGHWAY_REQUEST, lines, make_request  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_framework_then_the_strategy_then_the_matched_lines(people, lines):  # noqa: F811
    framework_defaults_load()
    by_category = make_request(
        people.office_a, status=Status.SUBMITTED, title="ซ่อมถนน", category=WorkCategory.objects.get(code="roads")
    )
    by_strategy = make_request(
        people.office_a, status=Status.SUBMITTED, title="อื่น ๆ", ministry_strategy=people.strategy_x
    )
    by_lines = make_request(
        people.office_a, status=Status.MINISTRY_REVIEW, title=HIGHWAY_REQUEST, province=people.office_a.province
    )
    nothing = make_request(people.office_a, status=Status.SUBMITTED, title="อบรมสัมมนา")
    request_screen(request_id=by_lines.pk, revision=by_lines.revision)
    counts = reviewers_assign_missing(fiscal_year=2554)
    assert counts == {"framework": 1, "strategy": 1, "lines": 1, "none": 1}
    for request in (by_category, by_strategy, by_lines, nothing):
        request.refresh_from_db()
    assert by_category.reviewing_ministry == people.ministry_y
    assert by_category.reviewing_department == Department.objects.get(code="doh")
    assert by_strategy.reviewing_ministry == people.ministry_x
    assert by_lines.reviewing_ministry == people.ministry_y
    assert nothing.reviewing_ministry is None
    event = RequestEvent.objects.get(request=by_lines, action="reviewer_assigned")
    assert "L#highway" in event.comment and event.payload["source"] == "lines"
    assert "กรอบความรับผิดชอบ" in RequestEvent.objects.get(request=by_category, action="reviewer_assigned").comment
    # the new reviewers are told and the request is in their queue
    assert Notification.objects.filter(user=people.reviewer_y, request=by_lines).exists()
    # idempotent: a second run changes nothing
    assert reviewers_assign_missing(fiscal_year=2554) == {"framework": 0, "strategy": 0, "lines": 0, "none": 1}
    assert RequestEvent.objects.filter(action="reviewer_assigned").count() == 3


def test_the_command_and_the_reason_on_the_decision_page(people, lines, client_for):  # noqa: F811
    request = make_request(people.office_a, status=Status.SUBMITTED, title="อื่น ๆ", ministry_strategy=people.strategy_x)
    call_command("assign_reviewers", "--fiscal-year", "2554")
    page = client_for(people.reviewer_x).get(reverse("reviews:decide", args=[request.pk])).content.decode()
    assert 'id="reviewer-reason"' in page and "ยุทธศาสตร์กระทรวงที่คำขอเชื่อมโยง" in page
    assert 'id="reassign-reviewer"' not in page  # only the central team reassigns
    assert client_for(people.reviewer_y).get(reverse("reviews:decide", args=[request.pk])).status_code == 404


def test_the_central_team_reassigns_with_a_reason(people, lines, client_for):  # noqa: F811
    request = make_request(people.office_a, status=Status.MINISTRY_REVIEW, ministry=people.ministry_x)
    ReviewAssignment.objects.create(request=request, assignee=people.reviewer_x)
    page = client_for(people.central).get(reverse("reviews:decide", args=[request.pk])).content.decode()
    assert 'id="reassign-reviewer"' in page
    response = client_for(people.central).post(
        reverse("reviews:reassign-reviewer", args=[request.pk]),
        {"ministry": people.ministry_y.pk, "department": "", "reason": "ทางหลวงเป็นงานของ คค."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.reviewing_ministry == people.ministry_y
    assert not ReviewAssignment.objects.filter(request=request).exists()
    assert RequestEvent.objects.filter(request=request, action="reviewer_reassigned", actor=people.central).exists()
    assert Notification.objects.filter(user=people.reviewer_y, request=request).exists()
    # now it is คค.'s: ทส. no longer sees it
    assert client_for(people.reviewer_x).get(reverse("reviews:decide", args=[request.pk])).status_code == 404
    assert client_for(people.reviewer_y).get(reverse("reviews:decide", args=[request.pk])).status_code == 200


def test_reassign_api_permissions_and_bad_input(people, lines, client_for):  # noqa: F811
    request = make_request(people.office_a, status=Status.MINISTRY_REVIEW, ministry=people.ministry_x)
    url = f"/api/v1/reviews/requests/{request.pk}/reviewer/"
    body = {"ministry_id": people.ministry_y.pk, "reason": "ย้าย"}
    assert client_for(people.reviewer_x).post(url, body).status_code == 403  # reviews it, may not move it
    assert client_for(people.reviewer_y).post(url, body).status_code == 404  # other ministry
    assert client_for(people.planner_b).post(url, body).status_code == 404  # other province
    assert client_for(people.central).post(url, {"ministry_id": people.ministry_y.pk}).status_code == 400
    wrong_department = {
        **body,
        "department_id": Department.objects.get(code="doh").pk,
        "ministry_id": people.ministry_x.pk,
    }
    response = client_for(people.central).post(url, wrong_department)
    assert response.status_code == 400 and "ไม่อยู่ในกระทรวง" in response.content.decode()
    response = client_for(people.central).post(url, body)
    assert response.status_code == 200 and response.json()["reviewing_ministry"] == people.ministry_y.pk
    with pytest.raises(NotAllowed):
        request_reviewer_reassign(
            user=people.planner_a, request_id=request.pk, ministry_id=people.ministry_x.pk, reason="x"
        )
    finished = make_request(people.office_a, status=Status.APPROVED, ministry=people.ministry_x)
    with pytest.raises(ApplicationError, match=finished.reference):
        request_reviewer_reassign(
            user=people.central, request_id=finished.pk, ministry_id=people.ministry_y.pk, reason="x"
        )
