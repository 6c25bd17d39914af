"""The central team's dashboards in a browser on the demo year (issue 14): the map draws 77
provinces and a click opens that province's request list; the matrix shows aligned and unmapped
cells; no serious accessibility violation; screenshots at the office screen and a phone. The same
on the real FY2565 data (slow)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from openpyxl import load_workbook

from portal.demo_load import demo_load
from proposals.models import ProjectRequest
from proposals.workflow import Status
from screening import adapters
from tests.e2e.conftest import axe_violations, login, screenshot
from tests.reviews.conftest import under_review

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_central_team_reads_the_dashboards_on_the_demo(page, people):
    adapters.clear_cache()
    demo_load()
    # one more filed request whose strategic issue the demo's mapping table does not cover
    unmapped = under_review(
        people,
        user=people.planner_b,
        office=people.office_b,
        category="tourism",
        title="พัฒนาแหล่งท่องเที่ยวที่ยังไม่ได้จับคู่ยุทธศาสตร์",
        amount="1500000.00",
    )
    login(page, get_user_model().objects.get(username="central_nesdb"))
    filed = ProjectRequest.objects.filter(fiscal_year=2554).exclude(status=Status.DRAFT)
    khon_kaen = filed.filter(office__province__name_th="ขอนแก่น").first()
    assert khon_kaen is not None

    page.goto(page.base_url + "/reviews/dashboards/?fiscal_year=2554")
    assert page.locator("svg.thai-map path.province").count() == 77
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1366
    assert axe_violations(page) == []
    screenshot(page, "dashboard_overview")
    code = khon_kaen.office.province.code or "40"
    with page.expect_navigation():
        page.locator(f'svg.thai-map a[data-province="{code}"]').click()
    assert "/requests/" in page.url and f"office={khon_kaen.office_id}" in page.url
    assert khon_kaen.reference in page.content()

    page.goto(page.base_url + "/reviews/dashboards/matrix/?fiscal_year=2554")
    assert page.locator('#alignment-matrix td[data-state="aligned"]').count() >= 1
    assert page.locator('#alignment-matrix td[data-state="unmapped"]').count() >= 1
    assert unmapped.reference not in page.content()  # figures only; the requests are one click away
    assert axe_violations(page) == []
    screenshot(page, "dashboard_matrix")
    with page.expect_navigation():
        page.locator('#alignment-matrix td[data-state="aligned"] a').first.click()
    assert page.locator("#dashboard-requests tbody tr").count() >= 1

    page.goto(page.base_url + "/reviews/dashboards/briefing/?fiscal_year=2554")
    assert axe_violations(page) == []
    screenshot(page, "dashboard_briefing")

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(page.base_url + "/reviews/dashboards/?fiscal_year=2554")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    screenshot(page, "dashboard_overview_375")
    page.goto(page.base_url + "/reviews/dashboards/matrix/?fiscal_year=2554")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    screenshot(page, "dashboard_matrix_375")


# --- the real FY2565 data, loaded the way `make budget-data` does (issue 14)


def _load_fy2565(path, tmp_path) -> dict:
    """`make budget-data`'s four steps on the test database: the ministries' lines, the provinces'
    and clusters' requests, screening stored as flags (in this process), reviewers assigned.
    Returns each step's seconds."""
    import time

    from django.core.management import call_command

    steps = {}
    for name, args, options in (
        ("import_budget_lines", [str(path)], {}),
        ("import_requests", [str(path)], {"fiscal_year": 2565, "create_missing_offices": True}),
        (
            "screen_duplicates",
            [],
            {"fiscal_year": 2565, "store": True, "in_process": True, "output": str(tmp_path / "flags-2565.csv")},
        ),
        ("assign_reviewers", [], {"fiscal_year": 2565}),
    ):
        started = time.monotonic()
        call_command(name, *args, stdout=io.StringIO(), **options)
        steps[name] = round(time.monotonic() - started, 1)
    return steps


def _direct_money(fiscal_year: int) -> dict:
    """Money at stake counted by hand from plain rows (no code shared with the selectors): each
    filed request once, at its highest current flag level."""
    from decimal import Decimal

    from screening.models import DuplicateFlag

    flags: dict[int, set] = {}
    for request_id, level, state in DuplicateFlag.objects.filter(request__fiscal_year=fiscal_year).values_list(
        "request_id", "level", "state"
    ):
        if state != "superseded":
            flags.setdefault(request_id, set()).update({level, state})
    out = {"count": 0, "amount": Decimal(0), "duplicate_amount": Decimal(0), "overlap_amount": Decimal(0)}
    for pk, amount in (
        ProjectRequest.objects.filter(fiscal_year=fiscal_year).exclude(status="draft").values_list("pk", "amount")
    ):
        out["count"] += 1
        out["amount"] += amount
        found = flags.get(pk, set())
        if "duplicate" in found:
            out["duplicate_amount"] += amount
        elif "overlap" in found:
            out["overlap_amount"] += amount
    return out


@pytest.mark.slow
def test_the_central_team_reads_the_dashboards_on_the_real_fy2565_data(page, people, tmp_path):
    """The whole year (74 provinces' and 12 clusters' requests against 42,000 ministry lines), as
    `make budget-data` loads it; skipped without ../shared/data (or $PORTAL_SHARED_DATA)."""
    from bench._data import LINES_FILE, data_dir
    from portal.thai import million_baht

    directory = data_dir()
    if directory is None:
        pytest.skip(f"{LINES_FILE} not found in ../shared/data: set PORTAL_SHARED_DATA to run this test")
    adapters.clear_cache()
    steps = _load_fy2565(directory / LINES_FILE, tmp_path)
    print(f"\nFY2565 loaded: {steps}")
    direct = _direct_money(2565)
    assert direct["count"] > 1500 and direct["duplicate_amount"] > 0  # the real year, screened

    login(page, people.central)
    page.goto(page.base_url + "/reviews/dashboards/?fiscal_year=2565")
    assert page.locator("svg.thai-map path.province").count() == 77
    assert page.locator("svg.thai-map a[data-province]").count() >= 70  # the provinces with requests
    for key in ("amount", "duplicate_amount"):
        shown = page.locator(f'[data-total="{key}"]').first.inner_text()
        assert shown.startswith(million_baht(direct[key])), (key, shown, direct[key])
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1366
    assert axe_violations(page) == []
    screenshot(page, "dashboard_fy2565_overview")

    # the XLSX of what is shown: opens with openpyxl, the money equals the direct count, and its
    # province sheet is the page's province table
    page_rows = page.eval_on_selector_all(
        "#province-table tbody tr",
        "rows => rows.map(r => [r.querySelector('th').innerText.trim(), r.querySelectorAll('td')[0].innerText.trim()])",
    )
    with page.expect_download() as download_info:
        page.locator("nav.dash-nav a[href*='export.xlsx']").click()
    with open(download_info.value.path(), "rb") as downloaded:  # a temp name without ".xlsx"
        book = load_workbook(io.BytesIO(downloaded.read()))
    summary = {row[0]: row[1] for row in book["สรุป"].iter_rows(values_only=True)}
    assert summary["จำนวนคำขอ"] == direct["count"]
    assert summary["วงเงินที่ขอ (บาท)"] == pytest.approx(float(direct["amount"]))
    assert summary["ตรวจพบว่าซ้ำซ้อน (บาท)"] == pytest.approx(float(direct["duplicate_amount"]))
    assert summary["ตรวจพบว่าคาบเกี่ยว (บาท)"] == pytest.approx(float(direct["overlap_amount"]))
    sheet_rows = [[str(r[0]), str(r[1])] for r in book["จังหวัด"].iter_rows(min_row=2, values_only=True)]
    assert sheet_rows == page_rows and len(sheet_rows) >= 70

    # a click on the province with the most requests opens its request list
    busiest = (
        ProjectRequest.objects.filter(fiscal_year=2565, office__kind="province")
        .values("office_id", "office__province__code")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    with page.expect_navigation():
        page.locator(f'svg.thai-map a[data-province="{busiest["office__province__code"]}"]').click()
    assert "/requests/" in page.url and f"office={busiest['office_id']}" in page.url
    references = set(
        ProjectRequest.objects.filter(office_id=busiest["office_id"], fiscal_year=2565).values_list(
            "reference", flat=True
        )
    )
    assert any(reference in page.content() for reference in references)
    screenshot(page, "dashboard_fy2565_province_list")

    page.goto(page.base_url + "/reviews/dashboards/matrix/?fiscal_year=2565")
    assert page.locator("#alignment-matrix").count() == 1
    assert axe_violations(page) == []
    screenshot(page, "dashboard_fy2565_matrix")
