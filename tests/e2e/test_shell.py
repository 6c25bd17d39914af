import pytest

from tests.e2e.conftest import axe_violations, login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_demo_planner_logs_in_and_sees_the_thai_home_page(page, people):
    login(page, people.planner_a)
    assert page.locator("h1").inner_text().startswith("สวัสดี")
    assert page.locator("html").get_attribute("lang") == "th"
    assert "งานที่รอท่านดำเนินการ" in page.content()
    screenshot(page, "home_planner")


def test_the_public_home_page_has_no_serious_accessibility_violations(page, people):
    page.goto(page.base_url + "/")
    assert axe_violations(page) == []
