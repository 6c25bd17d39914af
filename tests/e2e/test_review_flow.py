"""The ministry's review and the committee's agenda in a real browser (issue 5): ทส. endorses one
request and returns another with a comment; the planner reads it and resubmits; the central team
builds the ก.น.จ. agenda, records the decisions and downloads the XLSX pack."""

import io

import pytest
from openpyxl import load_workbook

from portal.models import Committee
from proposals.models import ProjectRequest
from proposals.workflow import Status
from reviews.models import AgendaItem
from tests.e2e.conftest import axe_violations, login, logout, screenshot
from tests.reviews.conftest import open_phases, under_review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_review_return_resubmit_agenda_and_pack(page, people):
    open_phases()
    keep = under_review(people, title="ขุดลอกหนองโคตรเพื่อเพิ่มน้ำต้นทุน", amount="4500000.00")
    fix = under_review(people, title="ขุดลอกกุดกว้าง ต.บ้านทุ่ม", amount="850000.00")
    assert {keep.status, fix.status} == {Status.MINISTRY_REVIEW}

    # 1. the reviewer of the right ministry decides from the queue
    login(page, people.reviewer_x)
    page.goto(page.base_url + "/reviews/")
    assert page.locator(f"#queue-row-{keep.pk}").is_visible()
    screenshot(page, "review_queue")
    page.click(f"#queue-row-{keep.pk} a")
    assert page.locator("#alignment-state").is_visible()
    assert "ลำดับที่" in page.locator("#priority-rank").inner_text()
    assert axe_violations(page) == []
    page.check("input[name=decision][value=endorse]")
    with page.expect_navigation():
        page.click("#decision-submit")
    assert "เห็นชอบ" in page.locator(".messages").inner_text()

    page.goto(f"{page.base_url}/reviews/requests/{fix.pk}/")
    page.check("input[name=decision][value=return]")
    page.fill("#id_comment", "โปรดแนบแบบแปลนและพิกัดแหล่งน้ำ")
    screenshot(page, "review_decision_return")
    with page.expect_navigation():
        page.click("#decision-submit")
    keep.refresh_from_db()
    fix.refresh_from_db()
    assert (keep.status, fix.status) == (Status.ENDORSED, Status.RETURNED)

    # 2. the planner reads the comment and resubmits
    logout(page)
    login(page, people.planner_a)
    page.goto(f"{page.base_url}/requests/{fix.pk}/history/")
    assert "โปรดแนบแบบแปลนและพิกัดแหล่งน้ำ" in page.content()
    page.goto(f"{page.base_url}/requests/{fix.pk}/")
    with page.expect_navigation():
        page.click("#action-submit")
    with page.expect_navigation():
        page.click("#confirm-submit")
    fix.refresh_from_db()
    assert fix.status in {Status.SUBMITTED, Status.SCREENING, Status.FIELD_REVIEW, Status.MINISTRY_REVIEW}

    # 3. the central team builds the agenda, records the decision, downloads the pack
    logout(page)
    login(page, people.central)
    page.goto(page.base_url + "/reviews/agendas/")
    page.select_option("#id_committee", str(Committee.objects.get(abbreviation="ก.น.จ.").pk))
    page.fill("#id_fiscal_year", "2554")
    page.fill("#id_title", "วาระการประชุม ก.น.จ. ครั้งที่ 1/2554")
    with page.expect_navigation():
        page.click("#agenda-form button[type=submit]")
    assert f'id="add-{fix.pk}"' not in page.content()  # back under review, not endorsed
    page.check(f"#add-{keep.pk}")
    with page.expect_navigation():
        page.click("#agenda-add-submit")
    keep.refresh_from_db()
    assert keep.status == Status.COMMITTEE_REVIEW
    item = AgendaItem.objects.get(request=keep)
    page.select_option(f"#decision-{item.pk}", "approved_changed_amount")
    page.fill(f"#amount-{item.pk}", "4000000")
    page.fill(f"#note-{item.pk}", "ปรับลดตามราคากลาง")
    with page.expect_navigation():
        page.click(f"#decide-{item.pk}")
    assert "บันทึกมติแล้ว" in page.content()
    screenshot(page, "agenda_decided")
    keep.refresh_from_db()
    assert keep.status == Status.APPROVED

    with page.expect_download() as info:
        page.click("#download-xlsx")
    book = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    rows = list(book["รายการ"].iter_rows(values_only=True))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1]))
    assert row["เลขที่คำขอ"] == keep.reference
    assert row["วงเงิน (บาท)"] == 4500000.0 and row["วงเงิน (ล้านบาท)"] == 4.5
    assert row["มติ"] == "อนุมัติโดยปรับวงเงิน" and row["วงเงินที่อนุมัติ (บาท)"] == 4000000.0
    summary = [r for r in book["สรุป"].iter_rows(values_only=True) if r and r[0] == "รวม"]
    assert summary and summary[0][1] == 1 and summary[0][4] == 4000000.0
    assert ProjectRequest.objects.get(pk=keep.pk).events.filter(action="approve").exists()


def test_the_framework_matrix_and_an_envelope_page_fit_the_office_screen(page, people):
    from reviews.services import framework_defaults_load
    from tests.reviews.conftest import envelope

    framework_defaults_load()
    pot = envelope(people.ministry_x, limit="150000000")
    login(page, people.reviewer_x)
    page.goto(page.base_url + "/reviews/framework/?fiscal_year=2554")
    assert "กรมทางหลวง" in page.content()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1366
    screenshot(page, "framework_matrix")
    assert axe_violations(page) == []
    page.goto(f"{page.base_url}/reviews/envelopes/{pot.pk}/")
    assert "150,000,000" in page.locator("#envelope-limit").inner_text()
    screenshot(page, "envelope_detail")
    assert axe_violations(page) == []
