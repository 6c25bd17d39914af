"""Both sides in a browser (R13, R1, R22): a planner proposes a joint KPI, the ministry confirms
it and only then the public sees it; on a phone the planner reads the alignment verdict on their
own request and cites the province's environmental quality management plan."""

from decimal import Decimal

import pytest

from library import services as library_services
from library.models import DocumentKind
from proposals.models import ActionPlan, ProjectRequest
from proposals.workflow import Status
from reviews.models import StrategyMapping
from tests.e2e.conftest import axe_violations, login, logout, screenshot
from tests.personas import YEAR

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KPI = "ปริมาณขยะชุมชนที่นำกลับมาใช้ใหม่"


def test_a_joint_kpi_is_public_only_once_the_ministry_confirms_it(page, people):
    login(page, people.planner_a)
    page.goto(page.base_url + f"/library/joint-kpis/{YEAR}/")
    page.click("#propose-kpi")
    page.fill("#id_name", KPI)
    page.select_option("#id_ministry", str(people.ministry_x.pk))
    page.select_option("#id_offices", [str(people.office_a.pk)])
    page.fill("#id_target", "30")
    page.fill("#id_unit", "ร้อยละ")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator('[data-kpi-status="pending"]').count() == 1
    logout(page)

    page.goto(page.base_url + f"/library/joint-kpis/{YEAR}/")
    assert KPI not in page.content()

    login(page, people.reviewer_x)
    page.goto(page.base_url + f"/library/joint-kpis/{YEAR}/")
    with page.expect_navigation():
        page.click("button[id^=respond-]")
    page.reload()  # axe on the page itself, without the one-off message
    screenshot(page, "joint_kpi_confirmed")
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in axe_violations(page)] == []
    logout(page)

    page.goto(page.base_url + f"/library/joint-kpis/{YEAR}/")
    assert KPI in page.locator("#workshop-h + .table-wrap").inner_text()


def test_on_a_phone_the_planner_reads_the_verdict_and_cites_the_environment_plan(page, people):
    StrategyMapping.objects.create(
        fiscal_year=YEAR, strategic_issue=people.issue_a, ministry_strategy=people.strategy_x, verdict="aligned"
    )
    plan = library_services.document_create(
        user=people.planner_a,
        kind=DocumentKind.ENVIRONMENT_PLAN,
        title="แผนจัดการคุณภาพสิ่งแวดล้อมจังหวัดขอนแก่น",
        office=people.office_a,
        external_url="https://www.onep.go.th/",
        fiscal_year_from=2553,
        fiscal_year_to=2556,
    )
    action_plan = ActionPlan.objects.create(office=people.office_a, fiscal_year=YEAR, title="แผนขอนแก่น")
    request = ProjectRequest.objects.create(
        plan=action_plan,
        office=people.office_a,
        fiscal_year=YEAR,
        reference="KKN-E2E-1",
        title="บำบัดน้ำเสียชุมชนเทศบาล",
        amount=Decimal("3000000"),
        status=Status.MINISTRY_REVIEW,
        reviewing_ministry=people.ministry_x,
        strategic_issue=people.issue_a,
        ministry_strategy=people.strategy_x,
    )
    page.set_viewport_size({"width": 375, "height": 800})
    login(page, people.planner_a)
    page.goto(page.base_url + f"/requests/{request.pk}/")
    assert page.locator('#request-alignment [data-alignment="aligned"]').count() == 1
    page.select_option("#cited-plans select[name=document]", str(plan.pk))
    with page.expect_navigation():
        page.click("#cited-plans form.cite-form button[type=submit]")
    assert plan.title in page.locator("#cited-plans").inner_text()
    # the sections this feature adds fit a 375px phone (the request's own sections are the
    # proposals page's)
    for section in ("#request-alignment", "#cited-plans"):
        box = page.locator(section).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, (section, box)
        inner = page.evaluate(
            f"[...document.querySelectorAll('{section} *')].filter(e => e.getBoundingClientRect().right > 375).length"
        )
        assert inner == 0, section
    page.reload()  # axe on the page itself, without the one-off message
    screenshot(page, "request_verdict_and_plans_phone")
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in axe_violations(page)] == []
