"""Support envelopes (R15): endorsements draw on them, never beyond them, not even two at once."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.urls import reverse

from ministries.models import EnvelopeChange, EnvelopeDraw, SupportEnvelope
from portal.exceptions import ApplicationError
from proposals.services.transitions import request_transition
from proposals.workflow import Status
from reviews.services import envelope_create, envelope_raise, review_record
from tests.reviews.conftest import envelope, open_phases, support_request, under_review


@pytest.mark.django_db
def test_endorsing_a_support_request_draws_its_amount_on_the_envelope(people, client_for, open_calendar):
    pot = envelope(people.ministry_x, limit="5000000")
    request = support_request(people, amount="1200000.00")
    review_record(user=people.reviewer_x, request_id=request.pk, decision="endorse")
    draw = EnvelopeDraw.objects.get(request=request)
    assert draw.envelope == pot and draw.amount == Decimal("1200000.00")
    body = client_for(people.reviewer_x).get(reverse("reviews:envelope-detail", args=[pot.pk])).content.decode()
    assert "1,200,000" in body and "3,800,000" in body


@pytest.mark.django_db
def test_an_endorsement_beyond_the_envelope_is_refused_with_what_is_left(people, open_calendar):
    envelope(people.ministry_x, limit="1500000")
    first = support_request(people, amount="1000000.00")
    second = support_request(people, amount="800000.00", title="ฟื้นฟูลำห้วยทราย")
    review_record(user=people.reviewer_x, request_id=first.pk, decision="endorse")
    with pytest.raises(ApplicationError) as refused:
        review_record(user=people.reviewer_x, request_id=second.pk, decision="endorse")
    assert str(refused.value.message) == "เกินกรอบวงเงินสนับสนุน: คงเหลือ 500,000 บาท"
    second.refresh_from_db()
    assert second.status == Status.MINISTRY_REVIEW
    assert not EnvelopeDraw.objects.filter(request=second).exists()


@pytest.mark.django_db
def test_raising_the_envelope_lets_the_endorsement_through_and_is_audited(people, open_calendar):
    pot = envelope(people.ministry_x, limit="500000")
    request = support_request(people, amount="800000.00")
    with pytest.raises(ApplicationError):
        review_record(user=people.reviewer_x, request_id=request.pk, decision="endorse")
    envelope_raise(
        user=people.reviewer_x, envelope_id=pot.pk, reason="ครม. อนุมัติเพิ่มสัดส่วน", fixed_amount=Decimal("1000000")
    )
    review_record(user=people.reviewer_x, request_id=request.pk, decision="endorse")
    request.refresh_from_db()
    assert request.status == Status.ENDORSED
    change = EnvelopeChange.objects.get(envelope=pot)
    assert (change.old_limit, change.new_limit, change.changed_by) == (
        Decimal("500000"),
        Decimal("1000000"),
        people.reviewer_x,
    )


@pytest.mark.django_db
def test_without_an_envelope_the_ministry_must_set_one_before_endorsing_support(people, open_calendar):
    request = support_request(people)
    with pytest.raises(ApplicationError) as refused:
        review_record(user=people.reviewer_x, request_id=request.pk, decision="endorse")
    assert "ยังไม่ได้กำหนดกรอบวงเงินสนับสนุน" in str(refused.value.message)


@pytest.mark.django_db
def test_province_funded_requests_draw_nothing(people, open_calendar):
    request = under_review(people)
    review_record(user=people.reviewer_x, request_id=request.pk, decision="endorse")
    assert not EnvelopeDraw.objects.exists()


@pytest.mark.django_db
def test_a_withdrawn_request_gives_its_amount_back(people, open_calendar):
    pot = envelope(people.ministry_x, limit="1000000")
    request = support_request(people, amount="700000.00")
    review_record(user=people.reviewer_x, request_id=request.pk, decision="endorse")
    request_transition(request_id=request.pk, action="withdraw", user=people.planner_a, comment="ได้งบจาก อปท. แล้ว")
    pot = SupportEnvelope.objects.with_used().get(pk=pot.pk)
    assert pot.used_amount == 0


@pytest.mark.django_db
def test_the_share_of_the_ministrys_budget_sets_the_limit(people):
    pot = envelope_create(
        user=people.reviewer_x,
        ministry_id=people.ministry_x.pk,
        fiscal_year=2554,
        base_budget=Decimal("2000000000"),
        share_percent=Decimal("15"),
    )
    assert pot.limit == Decimal("300000000.00")


@pytest.mark.django_db
def test_an_envelope_cannot_fall_below_what_is_used(people, open_calendar):
    pot = envelope(people.ministry_x, limit="1000000")
    request = support_request(people, amount="900000.00")
    review_record(user=people.reviewer_x, request_id=request.pk, decision="endorse")
    with pytest.raises(ApplicationError) as refused:
        envelope_raise(user=people.reviewer_x, envelope_id=pot.pk, reason="ปรับลด", fixed_amount=Decimal("500000"))
    assert "ต่ำกว่าที่ใช้ไปแล้ว" in str(refused.value.message)


@pytest.mark.django_db
def test_only_the_ministrys_reviewers_set_and_raise_its_envelope(people, client_for):
    pot = envelope(people.ministry_x, limit="1000000")
    assert client_for(people.reviewer_y).get(reverse("reviews:envelope-detail", args=[pot.pk])).status_code == 404
    assert (
        client_for(people.reviewer_y)
        .post(reverse("api:envelope-raise", args=[pot.pk]), {"fixed_amount": "9", "reason": "x"})
        .status_code
        == 404
    )
    assert client_for(people.planner_a).get(reverse("reviews:envelope-list")).status_code == 403
    assert client_for(people.planner_b).get(reverse("api:envelope-list")).status_code == 403
    response = client_for(people.central).post(
        reverse("reviews:envelope-detail", args=[pot.pk]), {"fixed_amount": "9", "reason": "x"}
    )
    assert response.status_code == 403  # the central team watches; the ministry decides (R15)
    with pytest.raises(ApplicationError):
        envelope_create(
            user=people.reviewer_y, ministry_id=people.ministry_x.pk, fiscal_year=2555, fixed_amount=Decimal(1)
        )
    response = client_for(people.reviewer_x).post(
        reverse("reviews:envelope-detail", args=[pot.pk]), {"fixed_amount": "2000000", "reason": "เพิ่มกรอบ"}
    )
    assert response.status_code == 302
    pot.refresh_from_db()
    assert pot.limit == Decimal("2000000")


@pytest.mark.django_db
def test_the_envelope_form_shows_bad_input_in_thai_and_saves_nothing(people, client_for):
    response = client_for(people.reviewer_x).post(
        reverse("reviews:envelope-list"),
        {"ministry": people.ministry_x.pk, "fiscal_year": 2554, "base_budget": "0", "share_percent": "12"},
    )
    assert response.status_code == 400
    assert "กรุณาระบุงบประมาณของกระทรวง" in response.content.decode()
    assert not SupportEnvelope.objects.exists()


@pytest.mark.django_db
def test_the_envelope_api_lists_and_creates_for_the_ministry(people, client_for):
    client = client_for(people.reviewer_x)
    created = client.post(
        reverse("api:envelope-list"),
        {"ministry": people.ministry_x.pk, "fiscal_year": 2554, "fixed_amount": "750000"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["left"] == "750000.00"
    assert [e["ministry"] for e in client.get(reverse("api:envelope-list")).json()] == [people.ministry_x.pk]
    assert client_for(people.reviewer_y).get(reverse("api:envelope-list")).json() == []


@pytest.mark.django_db(transaction=True)
def test_two_endorsements_at_once_cannot_overspend_the_envelope(people):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite serialises whole-database writes and has no row locks (SELECT ... FOR UPDATE)"
        )
    open_phases()
    envelope(people.ministry_x, limit="1000000")
    first = support_request(people, amount="600000.00", title="ขุดลอกหนองแวง")
    second = support_request(people, amount="600000.00", title="ขุดลอกหนองโคตร")
    barrier = threading.Barrier(2)
    outcomes = {}

    def endorse(request_id):
        try:
            barrier.wait(timeout=10)
            review_record(user=people.reviewer_x, request_id=request_id, decision="endorse")
            outcomes[request_id] = "ok"
        except ApplicationError as exc:
            outcomes[request_id] = str(exc.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=endorse, args=(r.pk,)) for r in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["ok", "เกินกรอบวงเงินสนับสนุน: คงเหลือ 400,000 บาท"]
    assert EnvelopeDraw.objects.count() == 1
    assert sorted(statuses_of(first, second)) == [Status.ENDORSED, Status.MINISTRY_REVIEW]


def statuses_of(*requests):
    for request in requests:
        request.refresh_from_db()
    return [r.status for r in requests]
