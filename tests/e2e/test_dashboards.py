"""The central team's dashboards in a browser on the demo year (issue 14): the map draws 77
provinces and a click opens that province's request list; the matrix shows aligned and unmapped
cells; no serious accessibility violation; screenshots at the office screen and a phone."""

import pytest
from django.contrib.auth import get_user_model

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
