"""The reviewer's queue: filters, counts, a constant number of queries, and bulk actions where
each item passes its own checks."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clusters.models import Cluster, Province
from proposals.models import CalendarPhase, RequestEvent
from proposals.workflow import Status
from reviews.models import ReviewAssignment
from screening.models import DuplicateFlag
from tests.reviews.conftest import draft, envelope, support_request, to_ministry_review, under_review

pytestmark = pytest.mark.django_db


def refs(response):
    return {r["reference"] for r in response.json()["results"]}


@pytest.fixture
def queue_rows(people, open_calendar):
    small = under_review(people, title="ขุดลอกหนองเล็ก", amount="300000.00")
    big = under_review(people, title="ขุดลอกหนองใหญ่", amount="9000000.00")
    kalasin = under_review(
        people,
        user=people.planner_a2,
        office=people.office_a2,
        category="tourism",
        title="ฟื้นฟูลำปาว",
        amount="300000.00",
        strategic_issue=_issue(people.office_a2),
    )
    return small, big, kalasin


def _issue(office):
    from clusters.models import StrategicIssue

    return StrategicIssue.objects.get_or_create(
        office=office, period_start=2553, number=1, defaults={"period_end": 2556, "title": "พัฒนาการเกษตรและประมงน้ำจืด"}
    )[0]


def test_the_queue_filters_by_amount_province_cluster_and_flags(people, client_for, queue_rows):
    small, big, kalasin = queue_rows
    client = client_for(people.reviewer_x)
    url = reverse("api:review-queue")
    assert refs(client.get(url, {"amount_min": 1000000})) == {big.reference}
    assert refs(client.get(url, {"province": Province.objects.get(name_th="กาฬสินธุ์").pk})) == {kalasin.reference}
    cluster = Cluster.objects.get(name_th="กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง")
    assert refs(client.get(url, {"cluster": cluster.pk})) == {small.reference, big.reference, kalasin.reference}
    other = Cluster.objects.get(name_th="กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนบน 1")
    assert refs(client.get(url, {"cluster": other.pk})) == set()
    DuplicateFlag.objects.create(
        request=big, other_request=small, level="overlap", score=0.6, reasons=[], screened_revision=big.revision
    )
    assert refs(client.get(url, {"flags": "open"})) == {big.reference}
    assert refs(client.get(url, {"flags": "none"})) == {small.reference, kalasin.reference}
    assert client.get(url, {"ordering": "-amount"}).json()["results"][0]["reference"] == big.reference
    assert refs(client.get(url, {"deadline": "overdue"})) == set()
    assert refs(client.get(url, {"deadline": "7"})) == set()  # the ministry phase closes in 40 days
    CalendarPhase.objects.filter(fiscal_year=2554, kind="ministry_review").update(
        closes_on=timezone.localdate() + timedelta(days=5)
    )
    assert refs(client.get(url, {"deadline": "7"})) == {small.reference, big.reference, kalasin.reference}
    assert (
        client.get(url).json()["results"][0]["review_deadline"]
        == (timezone.localdate() + timedelta(days=5)).isoformat()
    )


def test_the_page_shows_counts_and_bad_filters_are_answered_not_crashed(people, client_for, queue_rows):
    client = client_for(people.reviewer_x)
    body = client.get(reverse("reviews:queue")).content.decode()
    assert "พบ 3 รายการ" in body
    assert "9,600,000" in body  # 300,000 + 9,000,000 + 300,000
    assert (
        client.get(reverse("reviews:queue"), {"amount_min": "มาก", "province": "x", "page": "999"}).status_code == 200
    )
    assert client.get(reverse("api:review-queue"), {"amount_min": "มาก"}).status_code == 400


def test_each_row_shows_its_rank_of_its_plans_open_requests(people, client_for, queue_rows):
    """Issue 15: the plan sizes are counted for the page's rows after the page is cut (one query
    for its plans); a withdrawn request of the plan does not count."""
    small, big, kalasin = queue_rows
    gone = draft(people, title="ขุดลอกที่ถอนแล้ว")
    from proposals.models import ProjectRequest

    ProjectRequest.objects.filter(pk=gone.pk).update(status=Status.WITHDRAWN)
    client = client_for(people.reviewer_x)
    api = {r["reference"]: r["plan_size"] for r in client.get(reverse("api:review-queue")).json()["results"]}
    assert api == {small.reference: 2, big.reference: 2, kalasin.reference: 1}
    page = client.get(reverse("reviews:queue")).content.decode()
    for request, size in ((small, 2), (big, 2), (kalasin, 1)):
        request.refresh_from_db()
        row = page[page.index(f'id="queue-row-{request.pk}"') :]
        assert f"{request.priority_rank} / {size}</td>" in row[: row.index("</tr>")]


@pytest.mark.slow  # seeds pages of requests, like bench/review_pages.py
def test_the_queue_costs_the_same_queries_for_one_page_or_another(people, client_for, open_calendar):
    for i in range(3):
        under_review(people, title=f"ขุดลอกหนองที่ {i}")
    client = client_for(people.reviewer_x)
    client.get(reverse("reviews:queue"))  # warm the session and the scope
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reviews:queue"))
    for i in range(6):
        under_review(people, title=f"ฟื้นฟูแหล่งน้ำที่ {i}")
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("reviews:queue"))
    assert len(more) == len(few)
    with CaptureQueriesContext(connection) as api_few:
        client.get(reverse("api:review-queue"), {"page_size": 5})
    under_review(people, title="ขุดลอกหนองสุดท้าย")
    with CaptureQueriesContext(connection) as api_more:
        client.get(reverse("api:review-queue"))
    assert len(api_more) == len(api_few)


def test_bulk_endorse_reports_each_item_in_thai(people, client_for, open_calendar):
    envelope(people.ministry_x, limit="1000000")
    fits = support_request(people, amount="800000.00", title="ฟื้นฟูห้วยเสือเต้น")
    too_big = support_request(people, amount="800000.00", title="ฟื้นฟูห้วยทราย")
    plain = under_review(people, title="ขุดลอกหนองโน")
    response = client_for(people.reviewer_x).post(
        reverse("reviews:bulk"), {"action": "endorse", "ids": [fits.pk, too_big.pk, plain.pk]}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "สำเร็จ 2 รายการ" in body and "ไม่สำเร็จ 1 รายการ" in body
    assert "เกินกรอบวงเงินสนับสนุน: คงเหลือ 200,000 บาท" in body
    for r in (fits, too_big, plain):
        r.refresh_from_db()
    assert (fits.status, too_big.status, plain.status) == (Status.ENDORSED, Status.MINISTRY_REVIEW, Status.ENDORSED)


def test_bulk_return_needs_one_comment_and_every_planner_sees_it(people, client_for, open_calendar):
    a, b = under_review(people, title="ขุดลอกหนองเอ"), under_review(people, title="ขุดลอกหนองบี")
    client = client_for(people.reviewer_x)
    client.post(reverse("reviews:bulk"), {"action": "return", "ids": [a.pk, b.pk], "comment": ""})
    a.refresh_from_db()
    assert a.status == Status.MINISTRY_REVIEW
    client.post(reverse("reviews:bulk"), {"action": "return", "ids": [a.pk, b.pk], "comment": "ขอข้อมูลพิกัดแหล่งน้ำ"})
    assert RequestEvent.objects.filter(action="return", comment="ขอข้อมูลพิกัดแหล่งน้ำ").count() == 2


def test_bulk_skips_requests_that_are_not_the_reviewers(people, client_for, open_calendar):
    mine = under_review(people, title="ขุดลอกหนองเอ")
    theirs = to_ministry_review(
        draft(people, category="roads", strategy=people.strategy_y, title="ถนนสายบ้านโคก"), planner=people.planner_a
    )
    outcomes = (
        client_for(people.reviewer_x)
        .post(
            reverse("api:review-bulk"),
            {"action": "endorse", "request_ids": [mine.pk, theirs.pk]},
            content_type="application/json",
        )
        .json()
    )
    assert outcomes["succeeded"] == 1 and outcomes["refused"] == 1
    refused = next(o for o in outcomes["results"] if not o["ok"])
    assert refused["request_id"] == theirs.pk and "ไม่อยู่ในความรับผิดชอบ" in refused["message"]
    theirs.refresh_from_db()
    assert theirs.status == Status.MINISTRY_REVIEW


def test_assigning_to_a_colleague_is_logged_and_shown(people, client_for, open_calendar):
    from django.contrib.auth import get_user_model

    from portal.models import Membership, Role

    colleague = get_user_model().objects.create(username="reviewer_x2", first_name="สุดา")
    Membership.objects.create(user=colleague, role=Role.MINISTRY_REVIEWER, ministry=people.ministry_x)
    request = under_review(people)
    client_for(people.reviewer_x).post(reverse("reviews:assign", args=[request.pk]), {"assignee": colleague.pk})
    assert ReviewAssignment.objects.get(request=request).assignee == colleague
    assert RequestEvent.objects.filter(request=request, action="assign").exists()
    assert "สุดา" in client_for(people.reviewer_x).get(reverse("reviews:queue")).content.decode()
    # another ministry's reviewer is no colleague
    client_for(people.reviewer_x).post(reverse("reviews:assign", args=[request.pk]), {"assignee": people.reviewer_y.pk})
    assert ReviewAssignment.objects.get(request=request).assignee == colleague


def test_the_queue_sorts_by_deadline_first_and_office_name_within_one(people, client_for, open_calendar):
    """Issue 15: with one deadline the queue is walked in office order from an index; once an
    extension gives one ministry a later deadline, its requests move after the others."""
    from proposals.models import DeadlineExtension, PhaseKind
    from tests.personas import YEAR

    khonkaen = under_review(people, title="ขุดลอกหนองน้ำขอนแก่น")
    udon = under_review(
        people,
        user=people.planner_b,
        office=people.office_b,
        strategy=people.strategy_y,
        category="tourism",
        title="ถนนอุดรธานี",
    )
    assert khonkaen.reviewing_ministry_id != udon.reviewing_ministry_id
    from django.contrib.auth import get_user_model

    from portal.models import Membership, Role

    both = get_user_model().objects.create_user("reviewer_of_two_ministries")
    for ministry in (people.ministry_x, people.ministry_y):
        Membership.objects.create(user=both, role=Role.MINISTRY_REVIEWER, ministry=ministry)
    client = client_for(both)

    def order():
        html = client.get(reverse("reviews:queue")).content.decode()
        return sorted([khonkaen.reference, udon.reference], key=html.index)

    assert order() == [khonkaen.reference, udon.reference]  # สำนักงานจังหวัดขอนแก่น < ...อุดรธานี
    DeadlineExtension.objects.create(
        fiscal_year=YEAR,
        kind=PhaseKind.MINISTRY_REVIEW,
        ministry_id=khonkaen.reviewing_ministry_id,
        closes_on=timezone.localdate() + timedelta(days=365),
        reason="ขยายเวลา",
    )
    assert order() == [udon.reference, khonkaen.reference]


def test_the_field_office_share_is_remembered_a_short_while_per_ministry(people, client_for, settings):
    """R18 on the queue (issue 15): the same count for every reviewer of the ministry, remembered
    for DASHBOARD_FIGURES_SECONDS like the dashboards' figures, then counted again."""
    from ministries.models import FieldOffice
    from portal.remembered import forget_all
    from proposals.models import OwnerKind, ProjectRequest
    from tests.proposals.conftest import make_request

    settings.DASHBOARD_FIGURES_SECONDS = 60
    tsj = FieldOffice.objects.get(kind__code="tsj", province__name_th="ขอนแก่น")
    make_request(people, owner_kind=OwnerKind.FIELD_OFFICE, owner_field_office=tsj)

    def file_all():
        ProjectRequest.objects.update(status=Status.MINISTRY_REVIEW, reviewing_ministry=people.ministry_x)

    def share(user):
        page = client_for(user).get(reverse("reviews:queue")).content.decode()
        return page[page.index('class="field-office-share"') :].split("</p>")[0]

    file_all()
    assert "(100.0%)" in share(people.reviewer_x)
    make_request(people, title="ขุดลอกคลองบ้านโนนสะอาด")
    file_all()
    assert "(100.0%)" in share(people.reviewer_x)  # remembered
    forget_all()
    assert "(50.0%)" in share(people.reviewer_x)
    settings.DASHBOARD_FIGURES_SECONDS = 0
    make_request(people, title="ขุดลอกคลองบ้านโนนงาม")
    file_all()
    assert "(33.3%)" in share(people.reviewer_x)


def test_without_a_review_calendar_the_deadline_filters_and_sort_answer(people, client_for, queue_rows):
    """With no review phase nor extension at all every row's deadline is none: the queue sorts and
    filters on it without asking the database (issue 15), and PostgreSQL once refused the
    comparison of that untyped none with a date (a 500)."""
    CalendarPhase.objects.all().delete()
    client = client_for(people.reviewer_x)
    for params in ({"deadline": "overdue"}, {"deadline": "7"}):
        assert client.get(reverse("reviews:queue"), params).status_code == 200
        assert refs(client.get(reverse("api:review-queue"), params)) == set()
    ordered = client.get(reverse("api:review-queue"), {"ordering": "deadline"}).json()["results"]
    assert {r["reference"] for r in ordered} == {r.reference for r in queue_rows}
    assert {r["review_deadline"] for r in ordered} == {None}
    assert "พบ 3 รายการ" in client.get(reverse("reviews:queue")).content.decode()


def test_the_page_keeps_the_order_asked_for_when_it_reads_its_rows_by_key(people, client_for, queue_rows):
    """Issue 15: an ordering asked for sorts the keys first and reads the page's rows by key;
    the table still lists them in that order, with their figures."""
    small, big, kalasin = queue_rows
    client = client_for(people.reviewer_x)

    def listed(**params):
        html = client.get(reverse("reviews:queue"), params).content.decode()
        return [r.reference for r in sorted((small, big, kalasin), key=lambda r: html.index(f">{r.reference}<"))]

    assert listed(ordering="-amount")[0] == big.reference
    assert listed(ordering="amount")[-1] == big.reference
    html = client.get(reverse("reviews:queue"), {"ordering": "-amount"}).content.decode()
    assert "9,000,000" in html and "พบ 3 รายการ" in html
