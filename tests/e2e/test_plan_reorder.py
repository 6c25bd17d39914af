"""Reordering a plan's requests in a real browser (issue 11, R3): keyboard (Alt+ArrowUp/Down on a
focused row), drag and drop, and the ▲▼ buttons, all without a page reload; the order persists."""

import pytest

from proposals.models import ProjectRequest
from tests.e2e.conftest import login, screenshot
from tests.proposals.conftest import make_request

pytestmark = pytest.mark.django_db(transaction=True)


def _order(plan_id):
    return list(ProjectRequest.objects.filter(plan_id=plan_id).order_by("priority_rank").values_list("pk", flat=True))


def _page_order(page):
    return [
        int(x) for x in page.eval_on_selector_all("tbody[data-rank-list] tr", "rs => rs.map(r => r.dataset.request)")
    ]


@pytest.fixture
def plan_page(page, people):
    requests = [make_request(people, title=f"โครงการลำดับ {i}") for i in range(1, 4)]
    login(page, people.planner_a)
    page.goto(f"{page.base_url}/plans/{requests[0].plan_id}/")
    page.wait_for_selector("tr[draggable=true]")  # plan_rank.js has enhanced the rows
    # a marker on window survives only if the page is never reloaded
    page.evaluate("window.__noReload = true")
    return page, requests


def test_keyboard_reordering_announces_and_persists_after_reload(plan_page):
    page, (r1, r2, r3) = plan_page
    row = page.locator(f"tr[data-request='{r3.pk}']")
    row.focus()
    with page.expect_response(lambda r: "/rank/" in r.url):
        page.keyboard.press("Alt+ArrowUp")
    page.wait_for_function(f"() => document.querySelector(\"tr[data-request='{r3.pk}']\").dataset.rank === '2'")
    page.wait_for_function("() => document.getElementById('rank-status').textContent.includes('2')")
    assert page.evaluate("document.activeElement.dataset.request") == str(r3.pk)
    with page.expect_response(lambda r: "/rank/" in r.url):
        page.keyboard.press("Alt+ArrowUp")
    page.wait_for_function(f"() => document.querySelector('tbody[data-rank-list] tr').dataset.request === '{r3.pk}'")
    assert page.evaluate("window.__noReload") is True
    assert _order(r1.plan_id) == [r3.pk, r1.pk, r2.pk]
    page.reload()
    assert _page_order(page) == [r3.pk, r1.pk, r2.pk]
    assert page.locator(f"tr[data-request='{r3.pk}'] .rank").inner_text() == "1"


def test_drag_and_drop_reorders_without_reload_and_persists(plan_page):
    page, (r1, r2, r3) = plan_page
    with page.expect_response(lambda r: "/rank/" in r.url):
        page.locator(f"tr[data-request='{r1.pk}'] td:nth-child(3)").drag_to(
            page.locator(f"tr[data-request='{r3.pk}'] td:nth-child(3)")
        )
    page.wait_for_function(f"() => document.querySelector(\"tr[data-request='{r1.pk}']\").dataset.rank === '3'")
    assert page.evaluate("window.__noReload") is True
    screenshot(page, "plan_reordered_by_drag")
    assert _order(r1.plan_id) == [r2.pk, r3.pk, r1.pk]
    page.reload()
    assert _page_order(page) == [r2.pk, r3.pk, r1.pk]


def test_the_arrow_buttons_move_without_reload_when_javascript_runs(plan_page):
    page, (r1, r2, _r3) = plan_page
    with page.expect_response(lambda r: "/rank/" in r.url):
        page.locator(f"tr[data-request='{r2.pk}'] form[data-direction=up] button").click()
    page.wait_for_function(f"() => document.querySelector('tbody[data-rank-list] tr').dataset.request === '{r2.pk}'")
    assert page.evaluate("window.__noReload") is True
    assert _order(r1.plan_id)[:2] == [r2.pk, r1.pk]
