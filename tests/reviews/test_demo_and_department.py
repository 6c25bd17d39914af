"""The demo loader seeds the review area; a department's planning unit reviews its own requests."""

import pytest
from django.urls import reverse

from ministries.models import Department, ResponsibilityRule, SupportEnvelope
from proposals.workflow import Status
from reviews.demo import reviews_demo_load
from reviews.models import Programme
from reviews.services import review_record
from tests.reviews.conftest import draft, envelope, to_ministry_review

pytestmark = pytest.mark.django_db


def test_the_demo_loader_is_idempotent_and_seeds_rules_envelopes_and_programmes(people):
    reviews_demo_load()
    reviews_demo_load()
    assert ResponsibilityRule.objects.get(category__code="roads").department.code == "doh"
    assert ResponsibilityRule.objects.get(category__code="water").department.code == "rid"
    mnre = SupportEnvelope.objects.get(ministry__code="mnre", fiscal_year=2554)
    assert mnre.share_percent == 10 and mnre.limit == 980_000_000
    assert Programme.objects.filter(name="ไทยเข้มแข็ง", fiscal_year=2554).count() == 1


def test_the_department_of_highways_reviews_a_request_asking_it_for_support(people, client_for, open_calendar):
    doh = Department.objects.get(code="doh")
    envelope(people.ministry_y, limit="2000000000")
    request = draft(
        people,
        category="roads",
        strategy=people.strategy_y,
        funding_channel="ministry_support",
        target_ministry=people.ministry_y,
        target_department=doh,
        amount="1200000000.00",
        title="ขยายทางหลวงหมายเลข 12 ขอนแก่น-กาฬสินธุ์ เป็น 4 ช่องจราจร",
    )
    request = to_ministry_review(request, planner=people.planner_a)
    assert request.reviewing_department == doh
    # R16's example: the cluster's 1,200 million baht request to the Department of Highways
    assert request.reference in client_for(people.reviewer_dept).get(reverse("reviews:queue")).content.decode()
    assert client_for(people.reviewer_x).get(reverse("reviews:decide", args=[request.pk])).status_code == 404
    review_record(user=people.reviewer_dept, request_id=request.pk, decision="endorse")
    request.refresh_from_db()
    assert request.status == Status.ENDORSED
    body = client_for(people.reviewer_dept).get(reverse("reviews:decide", args=[request.pk])).content.decode()
    assert "1,200,000,000" in body and "800,000,000" in body  # envelope used and left
