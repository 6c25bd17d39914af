"""The core loop on the demo year in a real browser (issue 10): the planner submits the demo
draft and sees real flags; the ministry that owns the flagged budget line (กรมทางหลวง) answers;
the reviewing ministry (คค.) returns it; the planner attaches a file and resubmits; the new
revision is screened again; the reviewer rules and endorses; the central team puts it on the
ก.น.จ. agenda, records the decision, and the XLSX pack holds the request. Screenshots of each
step go to tests/e2e/artifacts/loop_*.png."""

import io

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from portal.demo_load import demo_load
from portal.models import Committee
from proposals.models import ProjectRequest
from proposals.workflow import Status
from reviews.models import AgendaItem
from screening import adapters
from screening.models import DuplicateFlag, FlagState
from tests.e2e.conftest import login, logout, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _user(username):
    return get_user_model().objects.get(username=username)


def test_the_whole_loop_on_the_demo(page, people, tmp_path):
    adapters.clear_cache()
    demo_load()
    page.on("dialog", lambda dialog: dialog.accept())  # the site's data-confirm prompts
    request = ProjectRequest.objects.get(reference="DEMO-2554-KKN-06")
    assert request.status == Status.DRAFT

    # 1. the planner submits the demo draft and sees a duplicate of a real กรมทางหลวง line
    login(page, _user("planner_khonkaen"))
    page.goto(f"{page.base_url}/requests/{request.pk}/")
    with page.expect_navigation():
        page.click("#action-submit")  # the summary to confirm (issue 11)
    with page.expect_navigation():
        page.click("#confirm-submit")
    request.refresh_from_db()
    assert request.status == Status.MINISTRY_REVIEW and request.reviewing_ministry.code == "mot"
    page.goto(f"{page.base_url}/requests/{request.pk}/duplicates/")
    assert page.locator('[data-screening="current"]').is_visible()
    flag = DuplicateFlag.objects.filter(request=request, level="duplicate").order_by("-score").first()
    assert flag is not None and flag.budget_line.department.code == "doh"
    assert "บ้านฝาง" in page.locator(f"#flag-{flag.pk}").inner_text()
    screenshot(page, "loop_1_planner_flags")

    # 2. the line's owner (กรมทางหลวง's planning unit, not a reviewer of this request) answers
    logout(page)
    login(page, _user("reviewer_doh"))
    page.goto(page.base_url + "/screening/our-lines/?fiscal_year=2554")
    assert page.locator(f"#line-flag-{flag.pk}").is_visible()
    screenshot(page, "loop_2_our_lines")
    page.goto(f"{page.base_url}/screening/flags/{flag.pk}/")
    page.check(f"#flag{flag.pk}-owner-answer input[value=partly]")
    page.fill(f"#flag{flag.pk}-owner-note", "กรมบูรณะเฉพาะช่วงในเมือง ช่วงอำเภอบ้านฝางยังไม่อยู่ในแผน")
    with page.expect_navigation():
        page.click(".owner-answer-form button[type=submit]")
    flag.refresh_from_db()
    assert flag.owner_answer == "partly"
    screenshot(page, "loop_3_owner_answered")

    # 3. the reviewing ministry (คค.) reads the answer on its decision page and returns the request
    logout(page)
    login(page, _user("reviewer_mot"))
    page.goto(f"{page.base_url}/reviews/requests/{request.pk}/")
    assert "ช่วงอำเภอบ้านฝางยังไม่อยู่ในแผน" in page.content()
    page.check("input[name=decision][value=return]")
    page.fill("#id_comment", "โปรดระบุช่วง กม. ที่ไม่ซ้ำกับแผนของกรมทางหลวง และแนบแผนที่")
    screenshot(page, "loop_4_decision_return")
    with page.expect_navigation():
        page.click("#decision-submit")
    request.refresh_from_db()
    assert request.status == Status.RETURNED

    # 4. the planner attaches a map and resubmits: a new revision, screened again
    logout(page)
    login(page, _user("planner_khonkaen"))
    page.goto(f"{page.base_url}/requests/{request.pk}/")
    map_file = tmp_path / "map.pdf"
    map_file.write_bytes(PDF)
    page.set_input_files("form[action$='/attachments/'] input[type=file]", str(map_file))
    with page.expect_navigation():
        page.click("form[action$='/attachments/'] button[type=submit]")
    with page.expect_navigation():
        page.click("#action-submit")  # the summary to confirm (issue 11)
    with page.expect_navigation():
        page.click("#confirm-submit")
    request.refresh_from_db()
    assert request.status == Status.MINISTRY_REVIEW and request.revision == 2 and request.screened_revision == 2
    page.goto(f"{page.base_url}/requests/{request.pk}/duplicates/")
    assert page.locator('[data-screening="current"]').is_visible() and "ฉบับที่ 2" in page.content()
    screenshot(page, "loop_5_rescreened")

    # 5. the reviewer rules this revision's flags and endorses
    logout(page)
    login(page, _user("reviewer_mot"))
    for _ in range(10):
        page.goto(f"{page.base_url}/reviews/requests/{request.pk}/")
        forms = page.locator("form[action*='/screening/flags/'][action$='/rule/']")
        if forms.count() == 0:
            break
        form = forms.first
        form.locator("input[value=not_duplicate]").check()
        form.locator("textarea").fill("กรมทางหลวงยืนยันว่าช่วงที่ขอไม่อยู่ในแผนของกรม (คำตอบเจ้าของรายการ)")
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
    assert not DuplicateFlag.objects.filter(request=request, state__in=[FlagState.OPEN, FlagState.ANSWERED]).exists()
    page.goto(f"{page.base_url}/reviews/requests/{request.pk}/")
    page.check("input[name=decision][value=endorse]")
    with page.expect_navigation():
        page.click("#decision-submit")
    request.refresh_from_db()
    assert request.status == Status.ENDORSED

    # 6. the central team: agenda, decision, XLSX pack
    logout(page)
    login(page, _user("central_nesdb"))
    page.goto(page.base_url + "/reviews/agendas/")
    page.select_option("#id_committee", str(Committee.objects.get(abbreviation="ก.น.จ.").pk))
    page.fill("#id_fiscal_year", "2554")
    page.fill("#id_title", "วาระการประชุม ก.น.จ. ครั้งที่ 1/2554")
    with page.expect_navigation():
        page.click("#agenda-form button[type=submit]")
    page.check(f"#add-{request.pk}")
    with page.expect_navigation():
        page.click("#agenda-add-submit")
    request.refresh_from_db()
    assert request.status == Status.COMMITTEE_REVIEW
    item = AgendaItem.objects.get(request=request)
    page.select_option(f"#decision-{item.pk}", "approved")
    with page.expect_navigation():
        page.click(f"#decide-{item.pk}")
    screenshot(page, "loop_6_agenda_decided")
    request.refresh_from_db()
    assert request.status == Status.APPROVED
    with page.expect_download() as info:
        page.click("#download-xlsx")
    book = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    rows = list(book["รายการ"].iter_rows(values_only=True))
    assert any(request.reference in [str(c) for c in row] for row in rows[1:])
