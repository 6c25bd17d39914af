"""R6 in a real browser (issue 16): a ministry's policy bureau uploads its own requests for the
year (XLSX) during its own-request phase; a planner's request that repeats one of them is flagged
against it when submitted (Celery runs eagerly in tests), the flag naming the line's source; the
ministry that owns the line answers the flag. Screenshots: tests/e2e/artifacts/own_requests_*.png."""

import pytest

from ministries.models import BudgetLine, LineSource
from proposals.models import PhaseKind, ProjectRequest, RequestLocation
from screening import adapters
from screening.models import DuplicateFlag
from tests.e2e.conftest import login, logout, screenshot
from tests.ministries.conftest import own_row, xlsx_of
from tests.proposals.conftest import make_request, set_phase

pytestmark = pytest.mark.django_db(transaction=True)

WEIR = "ก่อสร้างฝายห้วยทรายบ้านโนนสวรรค์ หมู่ที่ 4 ตำบลบ้านเป็ด อำเภอเมืองขอนแก่น จังหวัดขอนแก่น"


def test_a_ministry_s_own_request_flags_a_repeating_provincial_request(page, people, tmp_path):
    adapters.clear_cache()
    for kind in PhaseKind.values:
        set_phase(kind, closes_days=30)

    # 1. ทส.'s policy bureau uploads its own requests of the year from the template's columns
    login(page, people.reviewer_x)
    page.goto(page.base_url + "/own-requests/")
    workbook = tmp_path / "mnre_own_requests.xlsx"
    workbook.write_bytes(
        xlsx_of(
            [
                own_row(
                    WEIR,
                    ref="ทส-001",
                    ministry="กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม",
                    unit="กรมทรัพยากรน้ำ",
                    OUTPUT="ผลผลิตแหล่งน้ำได้รับการพัฒนา",
                    PROJECT="โครงการพัฒนาแหล่งน้ำ",
                ),
            ]
        ).getvalue()
    )
    page.set_input_files("#own-request-upload input[type=file]", str(workbook))
    with page.expect_navigation():
        page.click("#own-request-upload button[type=submit]")
    line = BudgetLine.objects.get()
    assert line.source == LineSource.MINISTRY_REQUEST and line.ministry == people.ministry_x
    assert "ทส-001" in page.locator("#own-request-table").inner_text()
    screenshot(page, "own_requests_1_uploaded")

    # 2. a planner of ขอนแก่น submits a request for the same weir: flagged against the ministry's request
    logout(page)
    request = make_request(people, title="ก่อสร้างฝายห้วยทรายบ้านโนนสวรรค์ ตำบลบ้านเป็ด", amount=4_500_000)
    if not request.locations.exists():
        RequestLocation.objects.create(request=request, province=people.office_a.province)
    login(page, people.planner_a)
    page.goto(f"{page.base_url}/requests/{request.pk}/")
    with page.expect_navigation():
        page.click("#action-submit")
    with page.expect_navigation():
        page.click("#confirm-submit")
    request = ProjectRequest.objects.get(pk=request.pk)
    flag = DuplicateFlag.objects.get(request=request, budget_line=line)
    page.goto(f"{page.base_url}/requests/{request.pk}/duplicates/")
    card = page.locator(f"#flag-{flag.pk}")
    assert "คำขอของกระทรวงปีนี้" in card.inner_text() and "ทส-001" in card.inner_text()
    screenshot(page, "own_requests_2_flagged")

    # 3. ทส. (the line's owner) answers: the same work, already in its own request
    logout(page)
    login(page, people.reviewer_x)
    page.goto(f"{page.base_url}/screening/flags/{flag.pk}/")
    page.check(f"#flag{flag.pk}-owner-answer input[value=same_work]")
    page.fill(f"#flag{flag.pk}-owner-note", "กรมทรัพยากรน้ำของบก่อสร้างฝายนี้ไว้แล้วในคำขอของกระทรวงปี 2554")
    with page.expect_navigation():
        page.click(".owner-answer-form button[type=submit]")
    flag.refresh_from_db()
    assert flag.owner_answer == "same_work" and flag.owner_answered_by == people.reviewer_x
    screenshot(page, "own_requests_3_answered")
