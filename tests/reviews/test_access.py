"""Who reaches the review pages and APIs: the request's own reviewers only; everybody else gets
403 (no reviewer role) or 404 (a request that is not theirs) — STYLE habit 9's personas."""

import pytest
from django.urls import reverse

from proposals.workflow import Status
from tests.reviews.conftest import draft, to_ministry_review, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def mnre_request(people, open_calendar):
    """A province-funded ขอนแก่น dredging request reviewed by ทส. (no field office: R14)."""
    return under_review(people)


@pytest.fixture
def udon_field_request(people, open_calendar):
    """An อุดรธานี dredging request asking ทส.'s support, waiting at ทสจ.อุดรธานี (field_b; R14)."""
    request = draft(
        people,
        user=people.planner_b,
        office=people.office_b,
        title="ขุดลอกห้วยหลวง",
        funding_channel="ministry_support",
        target_ministry=people.ministry_x,
    )
    return to_ministry_review(request, planner=people.planner_b)


def test_a_reviewer_of_another_ministry_gets_404_on_the_decision_page_and_its_api(people, client_for, mnre_request):
    client = client_for(people.reviewer_y)
    assert client.get(reverse("reviews:decide", args=[mnre_request.pk])).status_code == 404
    assert client.post(reverse("reviews:decide", args=[mnre_request.pk]), {"decision": "endorse"}).status_code == 404
    assert client.get(reverse("api:review-detail", args=[mnre_request.pk])).status_code == 404
    assert (
        client.post(reverse("api:review-decision", args=[mnre_request.pk]), {"decision": "endorse"}).status_code == 404
    )
    mnre_request.refresh_from_db()
    assert mnre_request.status == Status.MINISTRY_REVIEW


def test_a_department_unit_of_another_ministry_gets_404_too(people, client_for, mnre_request):
    assert client_for(people.reviewer_dept).get(reverse("reviews:decide", args=[mnre_request.pk])).status_code == 404


def test_the_right_ministry_reaches_the_decision_page_and_its_api(people, client_for, mnre_request):
    client = client_for(people.reviewer_x)
    assert client.get(reverse("reviews:decide", args=[mnre_request.pk])).status_code == 200
    data = client.get(reverse("api:review-detail", args=[mnre_request.pk])).json()
    # R19: on a province-funded request the ministry gives an opinion for ก.น.จ., never a rejection
    assert data["decisions"] == ["endorse", "give_opinion", "return", "adopt"]


@pytest.mark.parametrize("who", ["planner_a", "planner_b", "cluster_officer", "outsider"])
def test_planners_and_outsiders_cannot_reach_the_queue(people, client_for, who):
    client = client_for(getattr(people, who))
    assert client.get(reverse("reviews:queue")).status_code == 403
    assert client.get(reverse("api:review-queue")).status_code == 403


@pytest.mark.parametrize("who", ["planner_a", "planner_b", "cluster_officer"])
def test_planners_get_404_on_the_decision_page_even_of_their_own_request(people, client_for, mnre_request, who):
    client = client_for(getattr(people, who))
    assert client.get(reverse("reviews:decide", args=[mnre_request.pk])).status_code == 404
    assert (
        client.post(reverse("api:review-decision", args=[mnre_request.pk]), {"decision": "endorse"}).status_code == 404
    )


def test_a_planner_cannot_bulk_endorse_their_own_request(people, client_for, mnre_request):
    response = client_for(people.planner_a).post(
        reverse("reviews:bulk"), {"action": "endorse", "ids": [mnre_request.pk]}
    )
    assert response.status_code == 403
    mnre_request.refresh_from_db()
    assert mnre_request.status == Status.MINISTRY_REVIEW


def test_a_field_office_sees_only_routed_requests_of_its_own_province(
    people, client_for, mnre_request, udon_field_request
):
    assert udon_field_request.status == Status.FIELD_REVIEW
    assert udon_field_request.routed_field_office.province.name_th == "อุดรธานี"
    body = client_for(people.field_b).get(reverse("reviews:queue")).content.decode()
    assert udon_field_request.reference in body
    assert mnre_request.reference not in body
    assert client_for(people.field_b).get(reverse("reviews:decide", args=[mnre_request.pk])).status_code == 404
    api = client_for(people.field_b).get(reverse("api:review-queue"), {"which": "all"}).json()
    assert [r["reference"] for r in api["results"]] == [udon_field_request.reference]


def test_a_field_officer_who_is_also_a_planner_reviews_only_as_the_field_office(people, client_for, udon_field_request):
    # field_a plans for ขอนแก่น and reviews for ทสจ.ขอนแก่น (R9); อุดรธานี's request is neither
    assert client_for(people.field_a).get(reverse("reviews:decide", args=[udon_field_request.pk])).status_code == 404


def test_the_field_office_forwards_its_request_to_the_ministry(people, client_for, udon_field_request):
    response = client_for(people.field_b).post(
        reverse("reviews:decide", args=[udon_field_request.pk]), {"decision": "field_endorse"}
    )
    assert response.status_code == 302
    udon_field_request.refresh_from_db()
    assert udon_field_request.status == Status.MINISTRY_REVIEW


def test_another_ministrys_queue_does_not_list_the_request(people, client_for, mnre_request):
    assert (
        mnre_request.reference
        not in client_for(people.reviewer_y).get(reverse("reviews:queue"), {"which": "all"}).content.decode()
    )
    assert mnre_request.reference in client_for(people.reviewer_x).get(reverse("reviews:queue")).content.decode()


@pytest.mark.parametrize("name", ["reviews:agenda-list", "reviews:dashboard", "reviews:dashboards"])
@pytest.mark.parametrize("who", ["planner_a", "planner_b", "reviewer_x", "reviewer_y", "field_b"])
def test_only_the_central_team_reaches_the_agenda_and_the_dashboard(people, client_for, name, who):
    assert client_for(getattr(people, who)).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", ["api:agenda-list", "api:dashboard-figures"])
@pytest.mark.parametrize("who", ["planner_b", "reviewer_y"])
def test_only_the_central_team_reaches_the_agenda_and_dashboard_apis(people, client_for, name, who):
    assert client_for(getattr(people, who)).get(reverse(name)).status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "reviews:agenda-list",
        "reviews:dashboards",
        "reviews:framework",
        "reviews:programme-list",
        "reviews:envelope-list",
    ],
)
def test_the_central_team_reaches_its_pages(people, client_for, name):
    assert client_for(people.central).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ["reviews:queue", "reviews:framework", "reviews:dashboard", "api:review-queue"])
def test_visitors_are_sent_to_sign_in(client, name):
    assert client.get(reverse(name)).status_code in (302, 401, 403)


def test_the_central_team_reads_the_decision_page_but_cannot_decide(people, client_for, mnre_request):
    client = client_for(people.central)
    body = client.get(reverse("reviews:decide", args=[mnre_request.pk])).content.decode()
    assert 'id="alignment"' in body and 'id="decision-form"' not in body
    response = client.post(reverse("reviews:decide", args=[mnre_request.pk]), {"decision": "endorse"}, follow=True)
    assert "ไม่ได้รอการพิจารณาของท่าน" in response.content.decode()
    mnre_request.refresh_from_db()
    assert mnre_request.status == Status.MINISTRY_REVIEW
