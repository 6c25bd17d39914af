"""A reviewer's decisions go through the workflow and leave a Review the planner can read."""

import pytest
from django.urls import reverse

from proposals.models import RequestEvent
from proposals.workflow import Status
from reviews.models import Decision, Review
from reviews.services import review_record
from tests.reviews.conftest import under_review

pytestmark = pytest.mark.django_db


def test_the_right_ministry_endorses_a_request_from_the_decision_page(people, client_for, open_calendar):
    request = under_review(people)
    response = client_for(people.reviewer_x).post(
        reverse("reviews:decide", args=[request.pk]), {"decision": "endorse", "comment": ""}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.ENDORSED
    review = Review.objects.get(request=request)
    assert review.decision == Decision.ENDORSE and review.reviewer == people.reviewer_x
    assert review.ministry == people.ministry_x
    assert review.alignment["state"] in {"aligned", "partial", "divergent", "missing", "unmapped"}


def test_returning_needs_a_comment_and_keeps_what_was_typed(people, client_for, open_calendar):
    request = under_review(people)
    response = client_for(people.reviewer_x).post(
        reverse("reviews:decide", args=[request.pk]), {"decision": "return", "comment": " "}
    )
    assert response.status_code == 400
    assert "กรุณาระบุเหตุผล" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.MINISTRY_REVIEW
    assert not Review.objects.filter(request=request).exists()


def test_the_planner_sees_the_return_comment_on_the_request_history(people, client_for, open_calendar):
    request = under_review(people)
    review_record(
        user=people.reviewer_x, request_id=request.pk, decision="return", comment="โปรดแนบแบบแปลนและประมาณราคา"
    )
    request.refresh_from_db()
    assert request.status == Status.RETURNED
    event = RequestEvent.objects.filter(request=request, action="return").get()
    assert event.comment == "โปรดแนบแบบแปลนและประมาณราคา"
    page = client_for(people.planner_a).get(reverse("proposals:request-history", args=[request.pk]))
    assert "โปรดแนบแบบแปลนและประมาณราคา" in page.content.decode()


def test_a_rejection_records_its_reason(people, open_calendar):
    # only a request asking for the ministry's own money may be rejected by it (R19)
    request = under_review(people, funding_channel="ministry_support", target_ministry=people.ministry_x)
    review = review_record(
        user=people.reviewer_x, request_id=request.pk, decision="reject", comment="ไม่อยู่ในภารกิจของกระทรวง"
    )
    request.refresh_from_db()
    assert request.status == Status.REJECTED
    assert review.comment == "ไม่อยู่ในภารกิจของกระทรวง"


def test_adopting_moves_the_request_into_the_ministrys_own_budget(people, open_calendar):
    request = under_review(people)
    review_record(
        user=people.reviewer_x, request_id=request.pk, decision="adopt", comment="รับไปตั้งงบในคำขอของกรมทรัพยากรน้ำ"
    )
    request.refresh_from_db()
    assert request.status == Status.ADOPTED


def test_a_decision_outside_the_ministry_review_phase_is_refused_in_thai(people, client_for, open_calendar):
    from proposals.models import CalendarPhase

    request = under_review(people)
    import datetime

    from django.utils import timezone

    CalendarPhase.objects.filter(fiscal_year=request.fiscal_year, kind="ministry_review").update(
        opens_on=timezone.localdate() - datetime.timedelta(days=60),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    response = client_for(people.reviewer_x).post(reverse("reviews:decide", args=[request.pk]), {"decision": "endorse"})
    assert response.status_code == 400
    assert "หมดเขต" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.MINISTRY_REVIEW


def test_the_decision_page_shows_rank_alignment_and_the_framework_answer(people, client_for, open_calendar):
    request = under_review(people)
    body = client_for(people.reviewer_x).get(reverse("reviews:decide", args=[request.pk])).content.decode()
    assert "ลำดับที่ 1 จาก" in body
    assert 'id="alignment-state"' in body
    assert 'id="framework-answer"' in body
    assert 'id="decision-form"' in body
