"""Browser: a request across ministries (R20) set by its planner, advised on by the partner
ministry with its own severity (R3), taken into a programme in the ministry's order (R16); each
page fits a 375 px phone without sideways scrolling."""

import pytest

from proposals.models import RequestMinistryShare
from reviews.models import MinistryOpinion, ProgrammeRank
from reviews.services import programme_create, review_record
from tests.e2e.conftest import login, logout, screenshot
from tests.reviews.conftest import draft, open_phases, to_ministry_review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDE = (
    "Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > 376"
    " && !Array.from(e.children).some(c => c.getBoundingClientRect().right > 376))"
    ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + e.closest('section')?.id + ':'"
    " + (e.textContent || '').slice(0, 40))"
)


def fits_a_phone(page, name, sections=()):
    """The page does not scroll sideways at 375 px; with `sections`, only those (the decision
    page's older alignment card is wider than a phone on its own; not this feature's)."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    screenshot(page, name)
    if sections:
        for selector in sections:
            inner, outer = page.evaluate(
                f"[document.querySelector('{selector}').scrollWidth, document.querySelector('{selector}').clientWidth]"
            )
            assert inner <= outer, (selector, inner, outer)
    else:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (width, page.evaluate(WIDE))
    page.set_viewport_size({"width": 1366, "height": 768})


def test_partners_advise_and_ministries_order_their_programme(page, people):
    open_phases()
    request = draft(people, title="ขุดลอกลำน้ำเชื่อมสองจังหวัด")

    login(page, people.planner_a)
    page.goto(f"{page.base_url}/requests/{request.pk}/joint/")
    page.fill("#id_lead_share", "60")
    page.select_option("#id_partners-0-ministry", str(people.ministry_y.pk))
    page.fill("#id_partners-0-share", "40")
    with page.expect_navigation():
        page.click("#save-joint")
    assert "หลายกระทรวง/หลายพื้นที่" in page.content()
    assert RequestMinistryShare.objects.filter(request=request, ministry=people.ministry_y).exists()
    page.goto(f"{page.base_url}/requests/{request.pk}/joint/")
    fits_a_phone(page, "joint_375")
    page.goto(f"{page.base_url}/plans/{request.plan_id}/analysis/")
    page.fill("#id_summary", "ภัยแล้งรุนแรงที่สุดของจังหวัด")
    with page.expect_navigation():
        page.click("#save-analysis")
    assert "ภัยแล้งรุนแรงที่สุดของจังหวัด" in page.content()
    fits_a_phone(page, "plan_analysis_375")
    logout(page)

    request = to_ministry_review(request, planner=people.planner_a, field_reviewer=people.field_a)
    login(page, people.reviewer_y)
    page.goto(f"{page.base_url}/reviews/?which=partner")
    assert request.reference in page.content()
    page.goto(f"{page.base_url}/reviews/requests/{request.pk}/")
    page.select_option("#id_opinion_stance", "conditional")
    page.select_option("#id_opinion_severity", "critical")
    page.fill("#id_opinion_severity_note", "ข้อมูลกรมชลประทาน")
    with page.expect_navigation():
        page.click("#save-opinion")
    assert "เห็นต่างจากจังหวัด" in page.content()
    assert MinistryOpinion.objects.get(request=request).stance == "conditional"
    fits_a_phone(page, "decide_opinions_375", sections=("#ministry-opinions", "#joint"))
    logout(page)

    review_record(user=people.reviewer_x, request_id=request.pk, decision="endorse")
    programme = programme_create(user=people.central, name="แผนบูรณาการน้ำ", fiscal_year=2554, kind="integrated_plan")
    login(page, people.reviewer_x)
    page.goto(f"{page.base_url}/reviews/programmes/{programme.pk}/")
    page.select_option("#id_request", str(request.pk))
    with page.expect_navigation():
        page.click("#support-add")
    assert ProgrammeRank.objects.get(programme=programme, request=request).rank == 1
    assert "ลำดับที่" in page.content()
    fits_a_phone(page, "programme_rankings_375")
