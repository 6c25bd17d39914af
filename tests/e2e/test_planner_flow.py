"""The planner's January in a real browser: plan, two requests with strategy links, ranks,
submission; the cluster officer merges them; the planner sees them merged (issue 3)."""

import re

import pytest

from ministries.models import WorkCategory
from proposals.models import ProjectRequest
from proposals.workflow import Status
from tests.e2e.conftest import login, logout, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _add_request(page, people, title, amount):
    page.click("#add-request")
    page.fill("#id_title", title)
    page.fill("#id_problem", "แหล่งน้ำตื้นเขิน ฤดูแล้งขาดน้ำอุปโภคบริโภค")
    # R3: evidence and severity are required to submit as well
    page.fill("#id_evidence", "ข้อมูลภัยแล้ง ปภ. ปี 2552")
    page.select_option("#id_severity", "high")
    page.select_option("#id_category", str(WorkCategory.objects.get(code="water").pk))
    page.fill("#id_amount", amount)
    # issue 11: through the steps, saving at each: what and why -> where -> links to strategies
    with page.expect_navigation():
        page.click("#save-next")
    assert "step=where" in page.url, page.url
    with page.expect_navigation():
        page.click("#save-next")
    assert "step=links" in page.url, page.url
    page.select_option("#id_strategic_issue", str(people.issue_a.pk))
    page.select_option("#id_ministry_strategy", str(people.strategy_x.pk))
    page.fill("#id_framework_justification", "ไม่มีหน่วยงานใดจัดงบให้ในพื้นที่นี้")
    with page.expect_navigation():
        page.click("#save-request")
    match = re.search(r"/requests/(\d+)/$", page.url)
    assert match, page.url
    return int(match.group(1))


def test_a_planner_files_two_requests_and_the_cluster_officer_merges_them(page, people):
    login(page, people.planner_a)
    page.goto(page.base_url + "/plans/new/")
    page.fill("#id_title", "แผนปฏิบัติราชการจังหวัดขอนแก่น ประจำปีงบประมาณ พ.ศ. 2554")
    page.check(f"input[name=strategic_issues][value='{people.issue_a.pk}']")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/plans/" in page.url
    plan_url = page.url
    screenshot(page, "planner_plan_created")

    first = _add_request(page, people, "ขุดลอกหนองโคตร ต.บ้านเป็ด", "1200000")
    page.goto(plan_url)
    second = _add_request(page, people, "ขุดลอกกุดกว้าง ต.บ้านทุ่ม", "850000")
    page.goto(plan_url)
    assert page.locator(f"tr[data-request='{first}'] .rank").inner_text() == "1"

    # the second matters more: move it up (no reload with JavaScript: plan_rank.js, issue 11)
    with page.expect_response(lambda r: "/rank/" in r.url):
        page.click(f"tr[data-request='{second}'] form[action$='/up/'] button")
    page.wait_for_function(f"() => document.querySelector(\"tr[data-request='{second}']\").dataset.rank === '1'")
    assert page.locator(f"tr[data-request='{second}'] .rank").inner_text() == "1"
    assert page.locator(f"tr[data-request='{first}'] .rank").inner_text() == "2"
    screenshot(page, "planner_plan_ranked")

    for request_id in (second, first):
        page.goto(f"{page.base_url}/requests/{request_id}/")
        with page.expect_navigation():
            page.click("#action-submit")  # the summary to confirm (issue 11)
        assert "ยืนยันการส่งคำขอ" in page.content()
        with page.expect_navigation():
            page.click("#confirm-submit")
        assert "ดำเนินการแล้ว" in page.content()
    screenshot(page, "planner_request_submitted")

    # issue 11: a two-word search, the words in the other order, finds the one request with both
    from urllib.parse import quote

    page.goto(page.base_url + "/requests/?q=" + quote("บ้านทุ่ม ขุดลอก"))
    listing = page.inner_html("main")
    assert f"/requests/{second}/" in listing and f"/requests/{first}/" not in listing
    screenshot(page, "planner_two_word_search")
    assert set(ProjectRequest.objects.filter(pk__in=[first, second]).values_list("status", flat=True)) <= {
        Status.SUBMITTED,
        Status.SCREENING,
        Status.FIELD_REVIEW,
        Status.MINISTRY_REVIEW,
    }

    # issue 10: screening has already handed both on to review, so the reviewing ministry (ทส.)
    # consents to the merge first (past cluster consolidation the merge is the ministry's call)
    logout(page)
    login(page, people.reviewer_x)
    for request_id in (first, second):
        page.goto(f"{page.base_url}/reviews/requests/{request_id}/")
        with page.expect_navigation():
            page.click("#merge-consent button[type=submit]")
        assert "ยินยอมให้กลุ่มจังหวัดรวม" in page.content()

    logout(page)
    login(page, people.cluster_officer)
    page.goto(page.base_url + "/cluster/")
    page.check(f"#pick-{first}")
    page.check(f"#pick-{second}")
    page.fill("#id_title", "ฟื้นฟูแหล่งน้ำเพื่อการอุปโภคบริโภค กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง")
    screenshot(page, "cluster_board_selected")
    page.once("dialog", lambda dialog: dialog.accept())  # merging asks for confirmation
    with page.expect_navigation():
        page.click("#merge-button")
    assert "2,050,000" in page.content()  # the merged project sums the amounts
    screenshot(page, "cluster_project_merged")

    logout(page)
    login(page, people.planner_a)
    page.goto(f"{page.base_url}/requests/{first}/")
    assert "รวมเป็นโครงการกลุ่มจังหวัดแล้ว" in page.locator("#request-status").inner_text()
    assert "คำขอนี้รวมเป็นโครงการกลุ่มจังหวัด" in page.content()
    screenshot(page, "planner_sees_merged")
