"""The central team's dashboard JSON: figures per fiscal year in a constant number of queries."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clusters.models import Office
from proposals.models import CalendarPhase, DeadlineExtension, RequestEvent
from reviews.selectors import dashboard_data
from reviews.services import review_record
from screening.models import DuplicateFlag
from tests.reviews.conftest import envelope, support_request, under_review

pytestmark = pytest.mark.django_db


def test_the_dashboard_counts_statuses_clusters_ministries_duplicates_and_envelopes(people, client_for, open_calendar):
    envelope(people.ministry_x, limit="3000000")
    endorsed = support_request(people, amount="1000000.00", title="ฟื้นฟูลำน้ำชี")
    review_record(user=people.reviewer_x, request_id=endorsed.pk, decision="endorse")
    waiting = under_review(people, amount="2000000.00", title="ขุดลอกหนองเอ")
    duplicate = under_review(people, amount="500000.00", title="ขุดลอกหนองเอ (ซ้ำ)")
    DuplicateFlag.objects.create(
        request=duplicate,
        other_request=waiting,
        level="duplicate",
        score=0.95,
        reasons=[],
        screened_revision=duplicate.revision,
        state="ruled_duplicate",
        ruling_reason="ซ้ำกับคำขอเดิม",
    )
    data = client_for(people.central).get(reverse("reviews:dashboard-data"), {"fiscal_year": 2554}).json()
    assert data["totals"] == {"count": 3, "amount": 3500000.0}
    statuses = {r["key"]: r["count"] for r in data["by_status"]}
    assert statuses == {"endorsed": 1, "ministry_review": 2}
    assert [r["label"] for r in data["by_cluster"]] == ["กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง"]
    assert data["by_ministry"][0]["key"] == "ทส." and data["by_ministry"][0]["amount"] == 3500000.0
    assert data["duplicates"]["confirmed_requests"] == 1 and data["duplicates"]["confirmed_amount"] == 500000.0
    assert data["envelopes"] == [
        pytest.approx({**data["envelopes"][0], "limit": 3000000.0, "used": 1000000.0, "left": 2000000.0})
    ]


def test_deadlines_met_and_missed_per_office(people, open_calendar):
    on_time = under_review(people, title="ส่งทันกำหนด")
    late_office = under_review(people, user=people.planner_b, office=people.office_b, category="tourism", title="ส่งช้า")
    # the province phase closed yesterday; อุดรธานี submitted after it, ขอนแก่น before it
    today = timezone.localdate()
    CalendarPhase.objects.filter(fiscal_year=2554, kind="province_submission").update(
        closes_on=today - datetime.timedelta(days=1)
    )
    RequestEvent.objects.filter(request=on_time, action="submit").update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    figures = dashboard_data(user=people.central, fiscal_year=2554)["deadlines"]
    by_office = {o["office"]: o for o in figures["offices"]}
    assert by_office["สำนักงานจังหวัดขอนแก่น"]["state"] == "met"
    assert by_office["สำนักงานจังหวัดอุดรธานี"]["state"] == "late"
    assert by_office["สำนักงานจังหวัดกาฬสินธุ์"]["state"] == "missing"
    province = next(s for s in figures["summary"] if s["kind"] == "province")
    provinces_that_year = Office.objects.for_fiscal_year(2554).provinces().count()  # 76: บึงกาฬ only from 2555
    assert province["met"] == 1 and province["late"] == 1 and province["missing"] == provinces_that_year - 2
    # an extension granted to อุดรธานี makes its submission on time
    DeadlineExtension.objects.create(
        fiscal_year=2554,
        kind="province_submission",
        office=people.office_b,
        closes_on=today + datetime.timedelta(days=3),
        reason="น้ำท่วมสำนักงาน",
    )
    by_office = {o["office"]: o for o in dashboard_data(user=people.central, fiscal_year=2554)["deadlines"]["offices"]}
    assert by_office["สำนักงานจังหวัดอุดรธานี"]["state"] == "met" and by_office["สำนักงานจังหวัดอุดรธานี"]["extended"]
    assert late_office.pk


def test_the_dashboard_json_costs_the_same_queries_for_more_requests(people, client_for, open_calendar):
    under_review(people, title="หนึ่ง")
    client = client_for(people.central)
    client.get(reverse("reviews:dashboard-data"))
    cache.clear()  # the figures are computed, not read from the cache (issue 15), in both runs
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reviews:dashboard-data"), {"fiscal_year": 2554})
    for i in range(4):
        under_review(people, title=f"เพิ่ม {i}")
    under_review(people, user=people.planner_b, office=people.office_b, category="tourism", title="อุดร")
    cache.clear()
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("reviews:dashboard-data"), {"fiscal_year": 2554})
    assert len(more) == len(few)


def test_the_dashboard_page_loads_its_chart_script_without_inline_code(people, client_for):
    body = client_for(people.central).get(reverse("reviews:dashboard")).content.decode()
    assert "vendor/chart.umd.min.js" in body and "reviews/dashboard.js" in body
    assert 'data-url="/reviews/dashboard/data/?fiscal_year=2554"' in body
    assert "<script>" not in body
    api = client_for(people.central).get(reverse("api:dashboard-data"), {"fiscal_year": 2554})
    assert api.status_code == 200 and api.json()["fiscal_year"] == 2554


def test_the_cached_dashboard_follows_every_change_of_its_requests(people, client_for, open_calendar):
    """Issue 15: the dashboard is cached under a stamp of what it reads, so a new request or a
    status change shows at once, and an unchanged year is answered without recomputing."""
    cache.clear()
    under_review(people, title="หนึ่ง")
    client = client_for(people.central)
    first = client.get(reverse("reviews:dashboard-data"), {"fiscal_year": 2554}).json()
    with CaptureQueriesContext(connection) as computed_again:
        again = client.get(reverse("reviews:dashboard-data"), {"fiscal_year": 2554}).json()
    assert again == first
    cache.clear()
    with CaptureQueriesContext(connection) as computed:
        client.get(reverse("reviews:dashboard-data"), {"fiscal_year": 2554})
    assert len(computed_again) < len(computed)

    under_review(people, title="สอง")
    after = client.get(reverse("reviews:dashboard-data"), {"fiscal_year": 2554}).json()
    assert after["totals"]["count"] == first["totals"]["count"] + 1
    page = client.get(reverse("reviews:dashboard"), {"fiscal_year": 2554})
    assert page.status_code == 200


def test_the_cached_dashboard_is_kept_apart_per_visibility(people, client_for, open_calendar):
    """Issue 15: figures cached for one person are never served to someone who sees other rows:
    a central team member who is also a province's planner sees that office's drafts too."""
    from django.contrib.auth import get_user_model

    from ministries.models import CentralAgency
    from portal.models import Membership, Role
    from tests.proposals.conftest import make_request

    cache.clear()
    under_review(people, title="หนึ่ง")
    make_request(people, title="ร่างของขอนแก่น")  # a draft: seen by its own office only
    both = get_user_model().objects.create_user("central_and_planner", password="x-long-password-1")
    Membership.objects.create(user=both, role=Role.CENTRAL_TEAM, central_agency=CentralAgency.objects.get(code="nesdb"))
    Membership.objects.create(user=both, role=Role.PROVINCE_PLANNER, office=people.office_a)
    plain = client_for(people.central).get(reverse("reviews:dashboard-data"), {"fiscal_year": 2554}).json()
    wider = client_for(both).get(reverse("reviews:dashboard-data"), {"fiscal_year": 2554}).json()
    assert wider["totals"]["count"] == plain["totals"]["count"] + 1


def test_in_the_deadline_week_the_dashboard_may_lag_by_the_staleness_window(
    people, client_for, open_calendar, settings
):
    """Issue 15: with DASHBOARD_STALE_SECONDS set, figures computed moments ago are served even
    though a request was filed since; with 0 they follow at once (the test above)."""
    settings.DASHBOARD_STALE_SECONDS = 60
    cache.clear()
    under_review(people, title="หนึ่ง")
    client = client_for(people.central)
    first = client.get(reverse("reviews:dashboard-data"), {"fiscal_year": 2554}).json()
    under_review(people, title="สอง")
    assert client.get(reverse("reviews:dashboard-data"), {"fiscal_year": 2554}).json() == first
    settings.DASHBOARD_STALE_SECONDS = 0
    after = client.get(reverse("reviews:dashboard-data"), {"fiscal_year": 2554}).json()
    assert after["totals"]["count"] == first["totals"]["count"] + 1
