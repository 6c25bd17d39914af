"""R9 (000 ประเด็น 2 item 3): a field office's staff act for the ministry's budget and for the
province's; the two roles are kept apart. field_a plans for ขอนแก่น and reviews for ทสจ.ขอนแก่น."""

import pytest
from django.urls import reverse

from ministries.models import FieldOffice
from portal.exceptions import NotAllowed
from portal.models import Membership, Role
from proposals.workflow import FIELD_OFFICE, Action, Status
from screening.models import DuplicateFlag
from screening.services.flags import flag_respond, flag_rule
from tests.personas import _user
from tests.reviews.conftest import draft, to_ministry_review

pytestmark = pytest.mark.django_db


def drafted_by_field_a(people, **kwargs):
    """A ขอนแก่น water request asking ทส.'s support, drafted by field_a as the province's planner;
    it waits at ทสจ.ขอนแก่น, field_a's own field office (R14)."""
    request = draft(
        people,
        user=people.field_a,
        category="water",
        funding_channel="ministry_support",
        target_ministry=people.ministry_x,
        **kwargs,
    )
    return to_ministry_review(request, planner=people.field_a)


@pytest.fixture
def colleague(people):
    """Another reviewer of ทสจ.ขอนแก่น, who took no part in the request."""
    tsj = FieldOffice.objects.get(kind__code="tsj", province__name_th="ขอนแก่น")
    return _user("field_a_colleague", Role.FIELD_OFFICE_REVIEWER, field_office=tsj)


def test_the_drafter_sees_no_decision_and_is_told_why(people, open_calendar, client_for):
    request = drafted_by_field_a(people)
    assert request.status == Status.FIELD_REVIEW
    client = client_for(people.field_a)
    page = client.get(reverse("reviews:decide", args=[request.pk])).content.decode()
    assert 'id="own-request"' in page and 'id="decision-form"' not in page
    detail = client.get(reverse("proposals:request-detail", args=[request.pk])).content.decode()
    assert 'id="action-field_endorse"' not in detail and 'id="action-withdraw"' in detail
    client.post(reverse("reviews:decide", args=[request.pk]), {"decision": "field_endorse"})
    client.post(reverse("proposals:request-transition", args=[request.pk]), {"action": "field_endorse"})
    api = client.post(reverse("api:review-decision", args=[request.pk]), {"decision": "field_endorse"})
    assert api.status_code == 403 and "มีส่วนจัดทำหรือชี้แจงคำขอนี้" in api.json()["detail"]
    request.refresh_from_db()
    assert request.status == Status.FIELD_REVIEW


def test_a_colleague_who_took_no_part_forwards_it_and_the_history_shows_each_capacity(
    people, open_calendar, client_for, colleague
):
    request = drafted_by_field_a(people)
    response = client_for(colleague).post(reverse("reviews:decide", args=[request.pk]), {"decision": "field_endorse"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.MINISTRY_REVIEW
    forwarded = request.events.get(action=Action.FIELD_ENDORSE)
    assert forwarded.capacity == FIELD_OFFICE
    history = client_for(people.planner_a).get(reverse("proposals:request-history", args=[request.pk])).content.decode()
    assert "ผู้พิจารณาของหน่วยงานส่วนภูมิภาค · สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดขอนแก่น" in history
    assert "เจ้าหน้าที่แผนจังหวัด · สำนักงานจังหวัดขอนแก่น" in history


def test_someone_who_edited_a_request_may_not_review_it_either(people, open_calendar, colleague):
    from proposals.services.requests import request_update

    request = draft(
        people, category="water", funding_channel="ministry_support", target_ministry=people.ministry_x
    )  # planner_a drafts
    Membership.objects.create(user=colleague, role=Role.PROVINCE_PLANNER, office=people.office_a)
    colleague.__dict__.pop("_portal_scope", None)
    request_update(
        user=colleague,
        request_id=request.pk,
        expected_revision=request.revision,
        data={"title": "ขุดลอกหนองน้ำบ้านโนนสวรรค์ (ปรับแบบ)"},
    )
    moved = to_ministry_review(request, planner=people.planner_a)
    assert moved.status == Status.FIELD_REVIEW
    from proposals.services.transitions import request_transition

    with pytest.raises(NotAllowed, match="มีส่วนจัดทำ"):
        request_transition(request_id=request.pk, action=Action.FIELD_ENDORSE, user=colleague)


def test_whoever_answered_a_flag_may_not_rule_on_it(people, open_calendar, colleague):
    request = drafted_by_field_a(people)
    other = draft(people, title="ขุดลอกหนองน้ำสาธารณะบ้านโนนสวรรค์ตอนล่าง")
    flag = DuplicateFlag.objects.create(
        request=request,
        other_request=other,
        level="overlap",
        score=0.7,
        reasons=["ตำบลเดียวกัน"],
        screened_revision=request.revision,
    )
    flag_respond(flag_id=flag.pk, user=people.field_a, kind="explain", text="คนละหนองน้ำ")
    with pytest.raises(NotAllowed, match="วินิจฉัยผลตรวจความซ้ำซ้อน"):
        flag_rule(flag_id=flag.pk, user=people.field_a, duplicate=False, reason="ไม่ซ้ำ")
    assert flag_rule(flag_id=flag.pk, user=colleague, duplicate=False, reason="คนละหนองน้ำจริง").flag.state == (
        "ruled_not_duplicate"
    )


def test_a_field_officer_reviews_another_planners_request_of_the_same_province(people, open_calendar):
    # the rule is about the request, not the province: field_a may forward planner_a's request
    request = draft(people, category="water", funding_channel="ministry_support", target_ministry=people.ministry_x)
    moved = to_ministry_review(request, planner=people.planner_a, field_reviewer=people.field_a)
    assert moved.status == Status.MINISTRY_REVIEW


def test_the_history_api_gives_each_events_capacity_to_those_who_see_the_request(people, open_calendar, client_for):
    request = drafted_by_field_a(people)
    url = reverse("api:request-events", args=[request.pk])
    rows = client_for(people.planner_a).get(url).json()
    created = next(r for r in rows if r["action"] == "create")
    assert created["actor"] == "field_a" and created["capacity"] == "owner"
    assert created["capacity_label"] == "เจ้าหน้าที่แผนจังหวัด · สำนักงานจังหวัดขอนแก่น"
    assert client_for(people.reviewer_x).get(url).status_code == 200  # its reviewing ministry
    for other in ("planner_b", "reviewer_y", "reviewer_dept", "field_b", "cluster_officer_b"):
        assert client_for(getattr(people, other)).get(url).status_code == 404, other
