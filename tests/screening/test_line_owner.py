"""Two-sided evidence (issue 10 item 2; R6): a flag against a ministry's budget line is visible,
with its evidence, to that ministry's and department's reviewers even when they do not review
the request; they answer, and the planner and the deciding reviewer read the answer."""

import pytest
from django.urls import reverse

from proposals.models import Notification
from proposals.workflow import Status
from screening.models import DuplicateFlag
from screening.services import flag_owner_answer, request_screen
from tests.screening.conftest import RIVER_REQUEST, make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def highway_flag(people, lines):
    """planner_a's highway request reviewed by ทส. (reviewer_x), flagged against the กรมทางหลวง
    line of คค.: reviewer_y (คค.) and reviewer_dept (กรมทางหลวง) own the line, not the request."""
    request = make_request(people.office_a, ministry=people.ministry_x, province=people.office_a.province)
    request_screen(request_id=request.pk, revision=request.revision)
    return DuplicateFlag.objects.get(request=request, budget_line=lines["L#highway"])


@pytest.fixture
def river_flag(people, lines):
    """A flag against the ทส. river line of a request คค. reviews: คค. is the other ministry."""
    request = make_request(
        people.office_a,
        title=RIVER_REQUEST,
        ministry=people.ministry_y,
        amount="15000000",
        province=people.office_a.province,
    )
    request_screen(request_id=request.pk, revision=request.revision)
    return DuplicateFlag.objects.get(request=request, budget_line=lines["L#river"])


def test_the_lines_ministry_and_department_see_the_flag_the_others_get_404(people, client_for, highway_flag):
    assert highway_flag.budget_line.ministry == people.ministry_y
    url = reverse("screening:flag-detail", args=[highway_flag.pk])
    api = f"/api/v1/flags/{highway_flag.pk}/"
    for owner in (people.reviewer_y, people.reviewer_dept):
        page = client_for(owner).get(url)
        assert page.status_code == 200
        assert "2301" in page.content.decode() and highway_flag.request.reference in page.content.decode()
        assert client_for(owner).get(api).json()["can_owner_answer"] is True
        # the request itself stays theirs to read only through the flag
        assert (
            client_for(owner).get(reverse("proposals:request-detail", args=[highway_flag.request_id])).status_code
            == 404
        )
    assert client_for(people.reviewer_x).get(api).json()["can_owner_answer"] is False  # reviews, does not own
    for stranger in (people.planner_b, people.field_b, people.outsider):
        assert client_for(stranger).get(url).status_code == 404
        assert client_for(stranger).get(api).status_code in (403, 404)


def test_another_ministry_gets_404_on_a_flag_against_a_line_it_does_not_own(people, client_for, river_flag):
    # คค. reviews the request but the line is ทส.'s: คค. sees it as the reviewer; the department
    # planning unit of กรมทางหลวง (no review role here, not the line's owner) does not.
    assert (
        client_for(people.reviewer_dept).get(reverse("screening:flag-detail", args=[river_flag.pk])).status_code == 404
    )
    response = client_for(people.reviewer_dept).post(
        f"/api/v1/flags/{river_flag.pk}/owner-answer/", {"answer": "same_work", "note": "x"}
    )
    assert response.status_code == 404
    response = client_for(people.reviewer_y).post(
        f"/api/v1/flags/{river_flag.pk}/owner-answer/", {"answer": "same_work", "note": "x"}
    )
    assert response.status_code == 403  # the reviewer of the request is not the owner of the line
    river_flag.refresh_from_db()
    assert river_flag.owner_answer == ""


def test_the_owner_answers_and_the_planner_and_the_reviewer_read_it(people, client_for, highway_flag):
    response = client_for(people.reviewer_dept).post(
        reverse("screening:flag-owner-answer", args=[highway_flag.pk]),
        {"answer": "partly", "note": "กรมบำรุงเฉพาะ กม. 0-12 ส่วนที่เหลือไม่อยู่ในแผน"},
    )
    assert response.status_code == 302
    highway_flag.refresh_from_db()
    assert highway_flag.owner_answer == "partly" and highway_flag.owner_answered_by == people.reviewer_dept
    request = highway_flag.request
    assert request.events.filter(action="line_owner_answer", actor=people.reviewer_dept).exists()
    assert Notification.objects.filter(user=people.planner_a, request=request).exists()
    assert Notification.objects.filter(user=people.reviewer_x, request=request).exists()
    for reader in (people.planner_a, people.reviewer_x):
        page = client_for(reader).get(reverse("screening:request-flags", args=[request.pk])).content.decode()
        assert "ซ้ำบางส่วน" in page and "กม. 0-12" in page
        assert "owner-answer-form" not in page  # only the line's owner answers
    flags = client_for(people.planner_a).get(f"/api/v1/requests/{request.pk}/flags/").json()
    assert any(f["owner_answer"] == "partly" for f in flags)


def test_answers_need_a_choice_and_a_note(people, highway_flag, client_for):
    with pytest.raises(Exception, match="หมายเหตุ"):
        flag_owner_answer(flag_id=highway_flag.pk, user=people.reviewer_y, answer="same_work", note=" ")
    response = client_for(people.reviewer_y).post(
        f"/api/v1/flags/{highway_flag.pk}/owner-answer/", {"answer": "maybe", "note": "x"}
    )
    assert response.status_code == 400
    assert "same_work" in response.content.decode()


def test_our_lines_list_with_filters(people, client_for, highway_flag, river_flag):
    page = client_for(people.reviewer_y).get(reverse("screening:line-flags")).content.decode()
    assert f"line-flag-{highway_flag.pk}" in page and f"line-flag-{river_flag.pk}" not in page
    page = client_for(people.reviewer_x).get(reverse("screening:line-flags")).content.decode()
    assert f"line-flag-{river_flag.pk}" in page and f"line-flag-{highway_flag.pk}" not in page
    api = client_for(people.reviewer_y)
    ids = lambda **q: [row["id"] for row in api.get("/api/v1/line-flags/", q).json()["results"]]  # noqa: E731
    assert highway_flag.pk in ids() and river_flag.pk not in ids()
    assert highway_flag.pk in ids(fiscal_year=2554) and ids(fiscal_year=2555) == []
    assert highway_flag.pk in ids(province=people.office_a.province_id)
    assert ids(province=people.office_b.province_id) == []
    assert highway_flag.pk in ids(level="duplicate") and highway_flag.pk not in ids(level="overlap")
    assert highway_flag.pk in ids(answered="no")
    flag_owner_answer(flag_id=highway_flag.pk, user=people.reviewer_y, answer="same_work", note="อยู่ในแผนของกรมแล้ว")
    assert highway_flag.pk in ids(answered="yes") and highway_flag.pk not in ids(answered="no")
    assert api.get("/api/v1/line-flags/", {"fiscal_year": "abc"}).status_code == 400
    # planners and field offices have no lines to answer for
    assert client_for(people.planner_a).get(reverse("screening:line-flags")).status_code == 404
    assert client_for(people.planner_b).get("/api/v1/line-flags/").status_code == 404
    assert client_for(people.field_b).get(reverse("screening:line-flags")).status_code == 404


def test_a_draft_flag_is_nobody_elses_business(people, client_for, lines):
    request = make_request(people.office_a, ministry=people.ministry_x, status=Status.DRAFT)
    flag = DuplicateFlag.objects.create(
        request=request, budget_line=lines["L#highway"], level="duplicate", score=0.9, screened_revision=1
    )
    assert client_for(people.reviewer_y).get(reverse("screening:flag-detail", args=[flag.pk])).status_code == 404


def test_the_lines_owners_are_told_once_when_their_line_is_flagged(people, highway_flag):
    request = highway_flag.request
    for owner in (people.reviewer_y, people.reviewer_dept):
        notice = Notification.objects.get(user=owner, request=request)
        assert request.reference in notice.message and "กรมทางหลวง" in notice.message
        assert notice.url.startswith(reverse("screening:line-flags"))
    assert not Notification.objects.filter(user=people.reviewer_x, request=request, message__contains="อาจซ้ำ").exists()
    # a re-screen of the same revision stores nothing new and tells nobody again
    from screening.services import request_rescreen

    request_rescreen(user=people.central, request_id=request.pk)
    request_screen(request_id=request.pk, revision=request.revision)
    assert Notification.objects.filter(user=people.reviewer_y, request=request).count() == 1
