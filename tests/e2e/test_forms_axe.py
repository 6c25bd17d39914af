"""Accessibility of the planner's and reviewer's working pages (issue 11): axe-core reports no
serious or critical violations on the request form (new, each step, whole), the plan page and
the reviewer queue, at 1366x768 and at 375 px; the request form's screenshots are saved at both
widths (tests/e2e/artifacts/request_form_*.png) for the before/after note."""

import pytest

from proposals.steps import STEP_KEYS
from tests.e2e.conftest import axe_violations, login, screenshot
from tests.proposals.conftest import make_request
from tests.reviews.conftest import open_phases, under_review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WIDTHS = {"1366": {"width": 1366, "height": 768}, "375": {"width": 375, "height": 800}}


def _summary(violations):
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


def _no_sideways_scroll(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_the_request_form_steps_and_plan_page_pass_axe(page, people, width):
    page.set_viewport_size(WIDTHS[width])
    request = make_request(people, title="ขุดลอกหนองน้ำสาธารณะบ้านโนนสวรรค์")
    make_request(people, title="ซ่อมแซมฝายน้ำล้นบ้านหนองแวง")
    login(page, people.planner_a)
    pages = {"new": f"/plans/{request.plan_id}/requests/new/", "all": f"/requests/{request.pk}/edit/"}
    pages.update({step: f"/requests/{request.pk}/edit/?step={step}" for step in STEP_KEYS})
    pages["plan"] = f"/plans/{request.plan_id}/"
    for name, path in pages.items():
        page.goto(page.base_url + path)
        if name == "plan":
            page.wait_for_selector("tr[draggable=true]")
        shot = f"request_form_{name}_{width}" if name != "plan" else f"plan_page_{width}"
        screenshot(page, shot)
        assert _summary(axe_violations(page)) == [], path
        _no_sideways_scroll(page, WIDTHS[width]["width"])


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_the_reviewer_queue_passes_axe(page, people, width):
    page.set_viewport_size(WIDTHS[width])
    open_phases()
    under_review(people, title="ขุดลอกหนองโคตรเพื่อเพิ่มน้ำต้นทุน", amount="4500000.00")
    login(page, people.reviewer_x)
    page.goto(page.base_url + "/reviews/")
    screenshot(page, f"review_queue_{width}")
    assert _summary(axe_violations(page)) == []


def test_the_settings_page_passes_axe(page, people):
    login(page, people.planner_a)
    page.goto(page.base_url + "/settings/")
    assert _summary(axe_violations(page)) == []


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_the_request_page_with_a_message_passes_axe_and_fits(page, people, width):
    """The request page after a save: the flash message is a live region around the list (axe
    "list" was serious when the role sat on the <li>), and its facts fit a phone."""
    page.set_viewport_size(WIDTHS[width])
    request = make_request(
        people,
        title="ขุดลอกหนองน้ำสาธารณะบ้านโนนสวรรค์",
        evidence="ข้อมูลจากhttps://example.go.th/รายงานภัยแล้งประจำปีงบประมาณ2553ฉบับสมบูรณ์ไม่มีช่องว่าง",
    )
    login(page, people.planner_a)
    page.goto(page.base_url + f"/requests/{request.pk}/edit/?step=what")
    page.click("#save-request")
    page.wait_for_selector("[role=alert] .message")
    assert _summary(axe_violations(page)) == [], "the page showing the saved message"
    page.goto(page.base_url + f"/requests/{request.pk}/")
    screenshot(page, f"request_detail_{width}")
    assert _summary(axe_violations(page)) == []
    _no_sideways_scroll(page, WIDTHS[width]["width"])
