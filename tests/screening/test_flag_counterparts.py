"""A flag against another office's request shows that request only to viewers who may open it
(issue 13): the planner of อุดรธานี sees "another office's request", not ขอนแก่น's title or amount."""

import pytest
from django.urls import reverse

from proposals.workflow import Status
from screening.models import DuplicateFlag
from tests.screening.conftest import make_request

pytestmark = pytest.mark.django_db

SECRET_TITLE = "ก่อสร้างอาคารลับเฉพาะของจังหวัดขอนแก่น"


@pytest.fixture
def cross_flag(people):
    mine = make_request(people.office_b, title="ก่อสร้างอาคารอเนกประสงค์", status=Status.MINISTRY_REVIEW)
    theirs = make_request(people.office_a, title=SECRET_TITLE, amount="98765432", status=Status.MINISTRY_REVIEW)
    flag = DuplicateFlag.objects.create(
        request=mine, other_request=theirs, level="overlap", score=0.7, reasons=["ชื่อคล้ายกัน"], screened_revision=1
    )
    return flag


def test_the_api_hides_a_counterpart_the_viewer_cannot_open(client_for, people, cross_flag):
    response = client_for(people.planner_b).get(reverse("api:request-flags", args=[cross_flag.request_id]))
    assert response.status_code == 200
    other = response.json()[0]["other_request"]
    assert other["visible"] is False and other["id"] is None and other["reference"] is None
    assert other["office"] is None and other["title"] == "คำขอของสำนักงานอื่น"
    assert SECRET_TITLE not in response.content.decode()


def test_the_api_names_the_counterpart_to_those_who_may_open_it(client_for, people, cross_flag):
    response = client_for(people.central).get(reverse("api:request-flags", args=[cross_flag.request_id]))
    other = response.json()[0]["other_request"]
    assert other["visible"] is True and other["title"] == SECRET_TITLE and other["id"] == cross_flag.other_request_id


def test_the_flags_page_hides_title_and_amount_from_the_other_province(client_for, people, cross_flag):
    body = client_for(people.planner_b).get(f"/requests/{cross_flag.request_id}/duplicates/").content.decode()
    assert "คำขอของสำนักงานอื่น" in body
    assert SECRET_TITLE not in body and "98,765,432" not in body
    assert cross_flag.other_request.reference not in body


def test_the_flags_page_shows_the_counterpart_to_the_central_team(client_for, people, cross_flag):
    body = client_for(people.central).get(f"/requests/{cross_flag.request_id}/duplicates/").content.decode()
    assert SECRET_TITLE in body and "98,765,432" in body
