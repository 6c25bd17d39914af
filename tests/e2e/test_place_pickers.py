"""The place pickers in a real browser (issue 11): province -> amphoe -> tambon reloads with htmx
under the CSP, and the request is saved with the gazetteer codes."""

import pytest

from clusters.models import Amphoe, Tambon
from ministries.models import WorkCategory
from proposals.models import ProjectRequest
from tests.e2e.conftest import login, screenshot
from tests.proposals.conftest import plan_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_planner_picks_province_amphoe_and_tambon(page, people):
    plan = plan_for(people.planner_a, people.office_a)
    district = Amphoe.objects.get(province__name_th="ขอนแก่น", name_th="ภูเวียง")
    subdistrict = Tambon.objects.get(amphoe=district, name_th="นาชุมแสง")
    login(page, people.planner_a)
    page.goto(f"{page.base_url}/plans/{plan.pk}/requests/new/")
    page.fill("#id_title", "ขุดลอกหนองน้ำสาธารณะบ้านนาชุมแสง")
    page.select_option("#id_category", str(WorkCategory.objects.get(code="water").pk))
    page.fill("#id_amount", "1500000")
    # issue 11: the new request opens on its first step; "save and continue" leads to the places
    assert page.locator("#id_locations-0-province").count() == 0
    with page.expect_navigation():
        page.click("#save-next")
    assert "step=where" in page.url, page.url

    with page.expect_response(lambda r: "/places/amphoe-options/" in r.url):
        page.select_option("#id_locations-0-province", str(people.office_a.province_id))
    page.wait_for_selector(f"#id_locations-0-district option[value='{district.code}']", state="attached")
    assert "กุมภวาปี" not in page.inner_html("#id_locations-0-district")  # an amphoe of อุดรธานี
    with page.expect_response(lambda r: "/places/tambon-options/" in r.url):
        page.select_option("#id_locations-0-district", district.code)
    page.wait_for_selector(f"#id_locations-0-subdistrict option[value='{subdistrict.code}']", state="attached")
    options = page.locator("#id_locations-0-subdistrict option").all_inner_texts()
    assert "นาชุมแสง" in options and "ม่วงหวาน" not in options  # only ภูเวียง's tambon
    page.select_option("#id_locations-0-subdistrict", subdistrict.code)
    page.fill("#id_locations-0-village_no", "4")
    screenshot(page, "request_form_place_pickers")
    with page.expect_navigation():
        page.click("#save-next")
    assert "step=links" in page.url, page.url
    location = ProjectRequest.objects.latest("id").locations.get()
    assert (location.district_id, location.subdistrict_id, location.village_no) == (district.code, subdistrict.code, 4)


def test_the_request_form_does_not_scroll_sideways_at_375_px(page, people):
    plan = plan_for(people.planner_a, people.office_a)
    login(page, people.planner_a)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{page.base_url}/plans/{plan.pk}/requests/new/?step=all")
    width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, "request_form_375")
    wide = page.evaluate(
        "Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > 376)"
        ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className)"
    )
    assert width <= 375, (width, wide)
