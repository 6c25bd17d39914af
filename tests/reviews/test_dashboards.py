"""The central team's dashboards (issue 14): money at stake equals a direct count, the scope of
each persona, the map, the alignment matrix, the XLSX and a constant number of queries."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from proposals.workflow import Status, StatusGroup
from reviews.models import StrategyMapping
from reviews.selectors.dashboard_money import money_totals
from reviews.selectors.dashboard_scope import DashboardFilters, dashboard_requests, dashboard_scope
from reviews.services import review_record
from screening.models import DuplicateFlag
from tests.reviews.conftest import under_review

pytestmark = pytest.mark.django_db

PAGES = [
    "reviews:dashboards",
    "reviews:dashboards-matrix",
    "reviews:dashboards-table",
    "reviews:dashboards-requests",
    "reviews:dashboards-xlsx",
    "reviews:dashboards-briefing",
]


def flag(request, *, level="duplicate", state="open", other=None):
    return DuplicateFlag.objects.create(
        request=request,
        other_request=other,
        level=level,
        score=0.9,
        reasons=[],
        screened_revision=request.revision,
        state=state,
    )


@pytest.fixture
def year_with_flags(people, open_calendar):
    """Five ขอนแก่น requests and one of อุดรธานี (another cluster), with flags at every stage."""
    base = under_review(people, title="ฐานเปรียบเทียบ", amount="100000.00")
    base_2 = under_review(
        people, user=people.planner_b, office=people.office_b, category="tourism", title="ฐานสอง", amount="100000.00"
    )
    open_dup = under_review(people, title="ซ้ำรอวินิจฉัย", amount="2000000.00")
    flag(open_dup, other=base)
    flag(open_dup, level="overlap", other=base_2)  # counted once, at duplicate
    kept = under_review(people, title="ซ้ำแล้วส่งกลับ", amount="3000000.00")
    flag(kept, state="ruled_duplicate", other=base)
    review_record(user=people.reviewer_x, request_id=kept.pk, decision="return", comment="ซ้ำกับงบกรม")
    overlap = under_review(people, title="คาบเกี่ยว", amount="700000.00")
    flag(overlap, level="overlap", state="ruled_not_duplicate", other=base)
    flag(overlap, state="superseded", other=base_2)  # an old revision's duplicate no longer counts
    other_cluster = under_review(
        people, user=people.planner_b, office=people.office_b, category="tourism", title="อุดร", amount="900000.00"
    )
    flag(other_cluster, other=base)
    return {
        "base": base,
        "base_2": base_2,
        "open_dup": open_dup,
        "kept": kept,
        "overlap": overlap,
        "other_cluster": other_cluster,
    }


def direct_figures(requests):
    """The same figures counted by hand over plain rows (no shared code with the selectors)."""
    out = {"amount": Decimal(0), "duplicate": Decimal(0), "overlap": Decimal(0), "kept": Decimal(0)}
    for r in requests:
        flags = [f for f in DuplicateFlag.objects.filter(request=r) if f.state != "superseded"]
        out["amount"] += r.amount
        levels = {f.level for f in flags}
        if "duplicate" in levels:
            out["duplicate"] += r.amount
        elif "overlap" in levels:
            out["overlap"] += r.amount
        r.refresh_from_db()
        if any(f.state == "ruled_duplicate" for f in flags) and r.status in StatusGroup.STOPPED:
            out["kept"] += r.amount
    return {k: float(v) for k, v in out.items()}


def test_money_at_stake_equals_a_direct_count(people, year_with_flags):
    scope = dashboard_scope(user=people.central, fiscal_year=2554)
    totals = money_totals(dashboard_requests(scope=scope, filters=DashboardFilters()))
    direct = direct_figures(year_with_flags.values())
    assert totals["amount"] == direct["amount"] == 6_800_000.0
    assert totals["duplicate_amount"] == direct["duplicate"] == 2_000_000 + 3_000_000 + 900_000
    assert totals["overlap_amount"] == direct["overlap"] == 700_000
    assert totals["kept_amount"] == direct["kept"] == 3_000_000 and totals["kept_count"] == 1
    assert totals["confirmed_amount"] == 3_000_000 and totals["cleared_amount"] == 700_000
    assert totals["unruled_amount"] == 2_000_000 + 900_000
    year_with_flags["kept"].refresh_from_db()
    assert year_with_flags["kept"].status == Status.RETURNED


def test_the_overview_shows_the_money_and_draws_77_provinces(people, client_for, year_with_flags):
    body = client_for(people.central).get(reverse("reviews:dashboards"), {"fiscal_year": 2554}).content.decode()
    assert body.count('class="province') == 77
    assert 'data-total="kept_amount">3.00' in body
    assert "แล้ว: ส่งกลับให้แก้ไข" in body  # what the ruling led to
    office_a = people.office_a.pk
    assert f"/requests/?fiscal_year=2554&amp;office={office_a}" in body
    assert "<script>" not in body and "style=" not in body  # the CSP allows neither


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("who", ["planner_a", "planner_b", "reviewer_x", "reviewer_y", "field_b", "outsider"])
def test_only_the_central_team_and_cluster_officers_reach_the_dashboards(people, client_for, name, who):
    assert client_for(getattr(people, who)).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_visitors_are_sent_to_sign_in(client, name):
    assert client.get(reverse(name)).status_code == 302


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("who", ["central", "cluster_officer"])
def test_the_central_team_and_a_cluster_officer_open_every_page(people, client_for, year_with_flags, name, who):
    assert client_for(getattr(people, who)).get(reverse(name), {"fiscal_year": 2554}).status_code == 200


def test_a_cluster_officer_sees_only_their_clusters_provinces(people, client_for, year_with_flags):
    mine = dashboard_scope(user=people.cluster_officer, fiscal_year=2554)
    theirs = dashboard_scope(user=people.cluster_officer_b, fiscal_year=2554)
    mine_total = money_totals(dashboard_requests(scope=mine))
    theirs_total = money_totals(dashboard_requests(scope=theirs))
    assert mine_total["count"] == 4 and mine_total["amount"] == 5_800_000
    assert theirs_total["count"] == 2 and theirs_total["amount"] == 1_000_000
    # asking for the other cluster's province is refused with a message and counts nothing of it
    client = client_for(people.cluster_officer)
    page = client.get(
        reverse("reviews:dashboards-requests"), {"fiscal_year": 2554, "province": people.office_b.province_id}
    ).content.decode()
    assert "อุดร" not in page.split("dashboard-requests")[1] and 'role="alert"' in page
    listing = client.get(reverse("reviews:dashboards-requests"), {"fiscal_year": 2554}).content.decode()
    assert year_with_flags["kept"].reference in listing and year_with_flags["other_cluster"].reference not in listing
    # on the map only the cluster's provinces are drawn in colour and open a list
    overview = client.get(reverse("reviews:dashboards"), {"fiscal_year": 2554}).content.decode()
    assert overview.count('<a href="/requests/?fiscal_year=2554&amp;office=') == len(mine.province_ids) < 77
    assert overview.count('class="province') == 77
    # the national scope sees both clusters
    national = money_totals(dashboard_requests(scope=dashboard_scope(user=people.central, fiscal_year=2554)))
    assert national["count"] == 6


def test_the_matrix_shows_aligned_and_unmapped_cells_and_links_to_the_requests(people, client_for, year_with_flags):
    StrategyMapping.objects.create(
        fiscal_year=2554, strategic_issue=people.issue_a, ministry_strategy=people.strategy_x, verdict="aligned"
    )
    body = client_for(people.central).get(reverse("reviews:dashboards-matrix"), {"fiscal_year": 2554}).content.decode()
    assert 'data-state="aligned"' in body  # ขอนแก่น's issue is mapped to ทส.'s strategy
    assert 'data-state="unmapped"' in body  # อุดรธานี's is not
    assert f"strategy={people.strategy_x.pk}" in body
    # a cluster officer's matrix has provinces as rows
    mine = client_for(people.cluster_officer).get(reverse("reviews:dashboards-matrix"), {"fiscal_year": 2554})
    assert "ขอนแก่น" in mine.content.decode() and "อุดรธานี" not in mine.content.decode()


def test_the_tables_by_every_dimension_answer(people, client_for, year_with_flags):
    client = client_for(people.central)
    for by in ("ministry", "department", "category", "programme", "status", "cluster", "province"):
        response = client.get(reverse("reviews:dashboards-table"), {"fiscal_year": 2554, "by": by})
        assert response.status_code == 200, by
    body = client.get(reverse("reviews:dashboards-table"), {"fiscal_year": 2554, "by": "status"}).content.decode()
    assert "ส่งกลับให้แก้ไข" in body
    bad = client.get(reverse("reviews:dashboards-table"), {"fiscal_year": 2554, "by": "nonsense", "ministry": "x"})
    assert bad.status_code == 200 and 'role="alert"' in bad.content.decode()


def test_the_xlsx_opens_and_matches_the_page(people, client_for, year_with_flags):
    response = client_for(people.central).get(reverse("reviews:dashboards-xlsx"), {"fiscal_year": 2554})
    book = load_workbook(BytesIO(response.content))
    summary = {row[0]: row[1] for row in book["สรุป"].iter_rows(values_only=True)}
    assert summary["วงเงินที่ขอ (บาท)"] == 6_800_000 and summary["ไม่ถูกจัดงบซ้ำ (บาท)"] == 3_000_000
    assert summary["วินิจฉัยว่าซ้ำซ้อน แล้ว: ส่งกลับให้แก้ไข (บาท)"] == 3_000_000
    provinces = {row[0]: row[2] for row in book["จังหวัด"].iter_rows(min_row=2, values_only=True)}
    assert provinces == {"ขอนแก่น": 5_800_000, "อุดรธานี": 1_000_000}
    assert "ความสอดคล้อง" in book.sheetnames and "กำหนดส่ง" in book.sheetnames


def test_the_dashboard_data_costs_the_same_queries_as_the_year_grows(people, client_for, year_with_flags):
    client = client_for(people.central)
    client.get(reverse("reviews:dashboards"), {"fiscal_year": 2554})
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reviews:dashboards"), {"fiscal_year": 2554})
    for i in range(3):
        flag(under_review(people, title=f"เพิ่ม {i}"), level="overlap", other=year_with_flags["base"])
    under_review(people, user=people.planner_b, office=people.office_b, category="tourism", title="อุดรอีก")
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("reviews:dashboards"), {"fiscal_year": 2554})
    assert len(more) == len(few)


def test_the_briefing_prints_the_map_matrix_money_and_top_items(people, client_for, year_with_flags):
    body = (
        client_for(people.central).get(reverse("reviews:dashboards-briefing"), {"fiscal_year": 2554}).content.decode()
    )
    assert "alignment-matrix" in body and body.count('class="province') == 77
    assert year_with_flags["kept"].reference in body and "วินิจฉัยว่าซ้ำซ้อน" in body
    assert "2554" in body and "data-print" in body


def test_deadline_compliance_by_office_on_time_late_with_extension_late_and_not_yet(people, open_calendar):
    import datetime

    from django.utils import timezone

    from proposals.models import CalendarPhase, DeadlineExtension, ProjectRequest, RequestEvent
    from reviews.selectors.dashboard_deadlines import deadline_compliance, submission_trend

    on_time = under_review(people, title="ทันกำหนด")
    from clusters.models import StrategicIssue

    issue_a2 = StrategicIssue.objects.create(
        office=people.office_a2, period_start=2553, period_end=2556, number=1, title="พัฒนาแหล่งน้ำกาฬสินธุ์"
    )
    extended = under_review(people, user=people.planner_b, office=people.office_b, category="tourism", title="ขยาย")
    late = under_review(
        people, user=people.planner_a2, office=people.office_a2, issue=issue_a2, category="tourism", title="ช้า"
    )
    today = timezone.localdate()
    CalendarPhase.objects.filter(fiscal_year=2554, kind="province_submission").update(
        closes_on=today - datetime.timedelta(days=2)
    )
    # submitted five days ago: the event and the summary request_transition keeps from it
    five_days_ago = timezone.now() - datetime.timedelta(days=5)
    RequestEvent.objects.filter(request=on_time, action="submit").update(created_at=five_days_ago)
    ProjectRequest.objects.filter(pk=on_time.pk).update(first_submitted_at=five_days_ago)
    DeadlineExtension.objects.create(
        fiscal_year=2554, kind="province_submission", office=people.office_b, closes_on=today, reason="น้ำท่วม"
    )
    assert extended.pk and late.pk
    scope = dashboard_scope(user=people.central, fiscal_year=2554)
    requests = dashboard_requests(scope=scope)
    figures = deadline_compliance(scope=scope, filters=DashboardFilters(), requests=requests)
    by_office = {o["office"]: o for o in figures["offices"]}
    assert by_office["สำนักงานจังหวัดขอนแก่น"]["state"] == "on_time"
    assert by_office["สำนักงานจังหวัดอุดรธานี"]["state"] == "late_extended"
    assert by_office["สำนักงานจังหวัดกาฬสินธุ์"]["state"] == "late"
    not_yet = by_office["สำนักงานจังหวัดมหาสารคาม"]
    assert not_yet["state"] == "not_yet" and not_yet["overdue"]
    summary = {s["state"]: s["offices"] for s in figures["summary"]}
    assert summary["on_time"] == 1 and summary["late_extended"] == 1 and summary["late"] == 1
    trend = submission_trend(scope=scope, requests=requests)
    assert sum(d["count"] for d in trend) == 3 and any(d["is_deadline"] for d in trend)
    # a cluster officer sees their cluster's offices only
    mine = dashboard_scope(user=people.cluster_officer, fiscal_year=2554)
    theirs = deadline_compliance(scope=mine, filters=DashboardFilters(), requests=dashboard_requests(scope=mine))
    assert "สำนักงานจังหวัดอุดรธานี" not in {o["office"] for o in theirs["offices"]}


@pytest.mark.parametrize("who", ["planner_a", "planner_b", "reviewer_x", "reviewer_y", "field_b", "outsider"])
def test_the_dashboard_api_refuses_everyone_but_the_central_team_and_cluster_officers(people, client_for, who):
    assert client_for(getattr(people, who)).get(reverse("api:dashboard-figures")).status_code == 403


def test_the_dashboard_api_gives_the_same_figures_in_the_persons_scope(people, client_for, year_with_flags):
    national = client_for(people.central).get(reverse("api:dashboard-figures"), {"fiscal_year": 2554, "by": "status"})
    assert national.status_code == 200
    body = national.json()
    assert body["national"] and body["totals"]["amount"] == 6_800_000 and body["totals"]["kept_amount"] == 3_000_000
    assert {r["key"] for r in body["by"]["rows"]} >= {"returned", "ministry_review"}
    mine = client_for(people.cluster_officer).get(reverse("api:dashboard-figures"), {"fiscal_year": 2554}).json()
    assert not mine["national"] and mine["totals"]["amount"] == 5_800_000
    # another cluster's province is a 400 with the form's message, not its figures
    refused = client_for(people.cluster_officer).get(
        reverse("api:dashboard-figures"), {"fiscal_year": 2554, "province": people.office_b.province_id}
    )
    assert refused.status_code == 400 and "province" in refused.json()["errors"]


def test_the_xlsx_keeps_a_formula_like_name_as_text_and_follows_the_chosen_breakdown(
    people, client_for, year_with_flags
):
    from reviews.models import Programme, ProgrammeItem

    programme = Programme.objects.create(name='=HYPERLINK("http://evil.example","ดู")', fiscal_year=2554)
    ProgrammeItem.objects.create(programme=programme, request=year_with_flags["open_dup"])
    response = client_for(people.central).get(
        reverse("reviews:dashboards-xlsx"), {"fiscal_year": 2554, "by": "programme", "programme": programme.pk}
    )
    book = load_workbook(BytesIO(response.content))
    sheet = book["แผนงาน"]
    cell = sheet.cell(row=2, column=1)
    assert cell.value == programme.name and cell.data_type == "s"
    assert sheet.cell(row=2, column=3).value == 2_000_000  # only the programme's request


# --- the summaries the dashboard reads, kept by the services (issue 14)


def _submit_events(request):
    from proposals.models import RequestEvent

    return list(RequestEvent.objects.filter(request=request, action="submit").order_by("created_at", "id"))


def _screen(request):
    """The system's side of a submission: start screening, screen this revision, finish."""
    from proposals.services.transitions import request_transition
    from screening.services import request_screen

    request.refresh_from_db()
    if request.status == Status.SUBMITTED:
        request_transition(request_id=request.pk, action="start_screening", user=None)
    request_screen(request_id=request.pk, revision=request.revision)
    request.refresh_from_db()
    return request


def _money(people):
    scope = dashboard_scope(user=people.central, fiscal_year=2554)
    return money_totals(dashboard_requests(scope=scope, filters=DashboardFilters()))


def test_the_first_submission_is_kept_through_submit_return_and_resubmit(people, open_calendar):
    from proposals.services.transitions import request_transition
    from reviews.selectors.dashboard_deadlines import first_submissions
    from tests.reviews.conftest import draft

    request = draft(people, title="ขุดลอกหนองสาธารณะบ้านหนองแวง")
    assert request.first_submitted_at is None
    reviewed = under_review(people, title="ขุดลอกหนองสาธารณะบ้านหนองแวง")  # submitted once
    reviewed.refresh_from_db()
    first = _submit_events(reviewed)[0]
    kept = reviewed.first_submitted_at
    assert kept is not None and 0 <= (first.created_at - kept).total_seconds() < 5  # the same transaction
    review_record(user=people.reviewer_x, request_id=reviewed.pk, decision="return", comment="แนบแบบรูปรายการ")
    request_transition(request_id=reviewed.pk, action="submit", user=people.planner_a)
    reviewed.refresh_from_db()
    assert len(_submit_events(reviewed)) == 2 and reviewed.first_submitted_at == kept
    # the dashboard counts it once, on the day of its first submission; a draft not at all
    scope = dashboard_scope(user=people.central, fiscal_year=2554)
    days = first_submissions(dashboard_requests(scope=scope))
    assert days == [(people.office_a.pk, timezone_localdate(kept), 1)]


def timezone_localdate(value):
    from django.utils import timezone

    return timezone.localtime(value).date()


def test_the_backfill_takes_the_first_submit_event(people, open_calendar):
    """The migration's backfill (run here on today's rows) gives what request_transition keeps."""
    import importlib

    from django.apps import apps

    from proposals.models import ProjectRequest

    backfill = importlib.import_module("proposals.migrations.0014_first_submitted_at").backfill_first_submitted_at
    request = under_review(people, title="ขุดลอกหนองสาธารณะบ้านโคกสี")
    request.refresh_from_db()
    kept = request.first_submitted_at
    ProjectRequest.objects.filter(pk=request.pk).update(first_submitted_at=None)
    backfill(apps, None)
    request.refresh_from_db()
    assert request.first_submitted_at == _submit_events(request)[0].created_at
    assert 0 <= (request.first_submitted_at - kept).total_seconds() < 5


def test_the_money_follows_screening_rulings_and_superseded_flags(people, open_calendar, settings, tmp_path):
    """Through the real services: screening flags two requests as duplicates of a ministry's line;
    a ruling confirms one (returned: money kept from being funded twice); the other is returned,
    edited and screened again, and its old flag is superseded. At each step the dashboard's
    money equals the direct count."""
    from proposals.services.requests import request_update
    from proposals.services.transitions import request_transition
    from screening import adapters
    from screening.services.flags import flag_rule
    from tests.reviews.conftest import draft
    from tests.screening.conftest import HIGHWAY_LINE, HIGHWAY_REQUEST, import_rows, row

    settings.SCREENING_INDEX_DIR = str(tmp_path / "screening-index")
    adapters.clear_cache()
    assert import_rows([row(HIGHWAY_LINE, ref="L#highway")]).status == "done"

    def submitted(title, amount):
        request = draft(people, title=title, amount=amount)
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)
        return _screen(request)

    confirmed = submitted(HIGHWAY_REQUEST, "4000000.00")
    revised = submitted(HIGHWAY_REQUEST + " (ช่วงที่สอง)", "1500000.00")
    flags = DuplicateFlag.objects.filter(request__in=[confirmed, revised], budget_line__isnull=False)
    assert {f.request_id for f in flags.filter(state="open")} == {confirmed.pk, revised.pk}
    requests = [confirmed, revised]
    money, direct = _money(people), direct_figures(requests)
    assert money["duplicate_amount"] == direct["duplicate"] and money["overlap_amount"] == direct["overlap"]
    assert money["unruled_amount"] == 5_500_000 and money["kept_amount"] == 0

    # the ruling: a confirmed duplicate, returned to its office
    ruled = flags.filter(request=confirmed).first()
    for request in requests:
        request.refresh_from_db()
        if request.status == Status.FIELD_REVIEW:  # R14: routed through the field office first
            request_transition(request_id=request.pk, action="field_endorse", user=people.field_a)
    flag_rule(flag_id=ruled.pk, user=people.reviewer_x, duplicate=True, reason="ซ้ำกับงานบำรุงของกรมทางหลวง")
    money = _money(people)
    direct = direct_figures(requests)
    assert money["kept_amount"] == direct["kept"] == 4_000_000 and money["confirmed_amount"] == 4_000_000
    assert money["unruled_amount"] == 1_500_000

    # the other is returned, edited into another project and screened again: its flag is superseded
    revised.refresh_from_db()
    review_record(user=people.reviewer_x, request_id=revised.pk, decision="return", comment="ตรวจสอบความซ้ำซ้อน")
    revised.refresh_from_db()
    first = revised.first_submitted_at
    request_update(
        user=people.planner_a,
        request_id=revised.pk,
        expected_revision=revised.revision,
        data={"title": "ขุดลอกหนองสาธารณะบ้านโนนทัน", "description": "หนองน้ำตื้นเขิน"},
    )
    request_transition(request_id=revised.pk, action="submit", user=people.planner_a)
    _screen(revised)
    assert revised.first_submitted_at == first  # a resubmission never moves the first submission
    assert not DuplicateFlag.objects.filter(request=revised).exclude(state="superseded").exists()
    money = _money(people)
    direct = direct_figures(requests)
    assert money["duplicate_amount"] == direct["duplicate"] == 4_000_000
    assert money["unruled_amount"] == 0 and money["amount"] == direct["amount"] == 5_500_000


# --- R18 on the overview, its API and its XLSX; the first dashboard's address


def _field_office_project(people, request):
    from ministries.models import FieldOffice
    from proposals.models import OwnerKind, ProjectRequest

    office = FieldOffice.objects.get(kind__code="tsj", province=people.office_a.province)
    ProjectRequest.objects.filter(pk=request.pk).update(owner_kind=OwnerKind.FIELD_OFFICE, owner_field_office=office)


def test_the_field_office_share_follows_the_scope_and_the_filters(people, client_for, year_with_flags):
    _field_office_project(people, year_with_flags["kept"])
    api = reverse("api:dashboard-figures")
    national = client_for(people.central).get(api, {"fiscal_year": 2554}).json()["field_office_projects"]
    assert national == {"total": 6, "field_office": 1, "percent": 16.7}
    # the same rule as the reviewer queue's share (proposals.selectors.ownership), nationally and per ministry
    from proposals.selectors.ownership import field_office_project_share

    assert (national["total"], national["field_office"]) == (field_office_project_share(2554).total, 1)
    mine = client_for(people.cluster_officer).get(api, {"fiscal_year": 2554}).json()["field_office_projects"]
    assert mine == {"total": 4, "field_office": 1, "percent": 25.0}  # ขอนแก่น's cluster only
    udon = {"fiscal_year": 2554, "province": people.office_b.province_id}
    assert client_for(people.central).get(api, udon).json()["field_office_projects"]["field_office"] == 0
    # a chosen ministry: its own field offices' projects among the requests it reviews
    of_x = client_for(people.central).get(api, {"fiscal_year": 2554, "ministry": people.ministry_x.pk}).json()
    assert of_x["field_office_projects"]["field_office"] == 1
    of_y = client_for(people.central).get(api, {"fiscal_year": 2554, "ministry": people.ministry_y.pk}).json()
    assert of_y["field_office_projects"] == {"total": 0, "field_office": 0, "percent": 0.0}

    page = client_for(people.cluster_officer).get(reverse("reviews:dashboards"), {"fiscal_year": 2554})
    assert 'data-field-office="percent">25.0%' in page.content.decode()
    xlsx = client_for(people.central).get(reverse("reviews:dashboards-xlsx"), {"fiscal_year": 2554})
    summary = {row[0]: row[1] for row in load_workbook(BytesIO(xlsx.content))["สรุป"].iter_rows(values_only=True)}
    assert summary["คำขอของจังหวัด"] == 6 and summary["เป็นโครงการของหน่วยงานส่วนภูมิภาค"] == 1
    assert summary["สัดส่วนโครงการของหน่วยงานส่วนภูมิภาค (%)"] == 16.7


@pytest.mark.parametrize("who", ["central", "cluster_officer"])
def test_the_first_dashboards_address_opens_the_overview_of_the_same_year(people, client_for, who):
    response = client_for(getattr(people, who)).get(reverse("reviews:dashboard"), {"fiscal_year": 2553})
    assert response.status_code == 302 and response["Location"] == "/reviews/dashboards/?fiscal_year=2553"


@pytest.mark.parametrize("who", ["planner_a", "planner_b", "reviewer_x", "reviewer_y", "field_b", "outsider"])
def test_the_first_dashboards_address_refuses_who_sees_no_dashboard(people, client_for, who):
    assert client_for(getattr(people, who)).get(reverse("reviews:dashboard")).status_code == 403


def test_the_first_dashboards_json_is_gone_for_the_figures_api(people, client_for):
    client = client_for(people.central)
    assert client.get("/reviews/dashboard/data/").status_code == 404
    assert client.get("/api/v1/dashboard/").status_code == 404
    assert reverse("api:dashboard-figures") == "/api/v1/dashboards/"


def test_the_figures_are_remembered_for_a_minute_per_scope_and_dated(people, client_for, year_with_flags, settings):
    """Issue 15: the overview's grouped queries run once a minute per scope and filters, not per
    view; the page says when they were computed; a cluster officer never gets the country's."""
    url = reverse("reviews:dashboards")
    central = client_for(people.central)
    first = central.get(url, {"fiscal_year": 2554}).content.decode()
    assert 'data-total="kept_amount">3.00' in first and "ตัวเลข ณ" in first
    year_with_flags["kept"].duplicate_flags.update(state="ruled_not_duplicate")
    assert 'data-total="kept_amount">3.00' in central.get(url, {"fiscal_year": 2554}).content.decode()
    api = central.get(reverse("api:dashboard-figures"), {"fiscal_year": 2554}).json()
    assert api["totals"]["count"] == 6 and api["as_of"]
    # another scope has its own figures
    officer = client_for(people.cluster_officer).get(reverse("api:dashboard-figures"), {"fiscal_year": 2554}).json()
    assert officer["totals"]["count"] == 4
    settings.DASHBOARD_FIGURES_SECONDS = 0  # what a minute later computes
    assert 'data-total="kept_amount">3.00' not in central.get(url, {"fiscal_year": 2554}).content.decode()


def test_the_dashboard_answers_when_the_cache_is_down(people, client_for, year_with_flags, monkeypatch):
    from portal import remembered

    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("redis down")

        set = get

    monkeypatch.setattr(remembered, "cache", Down())
    response = client_for(people.central).get(reverse("reviews:dashboards"), {"fiscal_year": 2554})
    assert response.status_code == 200 and 'data-total="kept_amount">3.00' in response.content.decode()
