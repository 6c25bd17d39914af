import gzip
import io
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from ministries.importing import COLUMNS, rows_to_csv_bytes
from ministries.models import BudgetLine, BudgetLineImport, BudgetLineProvince
from tests.screening.conftest import HIGHWAY_LINE, RIVER_LINE, import_rows, make_request, row

pytestmark = pytest.mark.django_db


def write_csv(tmp_path, rows, name="lines.csv"):
    path = tmp_path / name
    data = rows_to_csv_bytes(rows)
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    return path


def test_it_imports_rows_with_their_facts_and_provinces(people):
    batch = import_rows(
        [
            row(HIGHWAY_LINE, ref="A#1"),
            row(RIVER_LINE, ref="A#2", ministry="กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม", unit="กรมทรัพยากรน้ำ"),
        ]
    )
    assert (batch.status, batch.created, batch.updated, batch.unchanged) == ("done", 2, 0, 0)
    line = BudgetLine.objects.get(source_ref="A#1")
    assert line.ministry == people.ministry_y and line.department.code == "doh"
    assert line.facts["roads"][0]["number"] == "2301"
    assert list(BudgetLineProvince.objects.filter(line=line).values_list("name", flat=True)) == ["ขอนแก่น"]
    assert BudgetLine.objects.in_province("ขอนแก่น").count() == 2


def test_a_second_import_of_the_same_rows_changes_nothing(db):
    rows = [row(HIGHWAY_LINE, ref="B#1"), row(RIVER_LINE, ref="B#2")]
    import_rows(rows)
    again = import_rows(rows)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert BudgetLine.objects.count() == 2 and BudgetLineProvince.objects.count() == 2


def test_a_changed_row_is_updated_in_place_never_duplicated(db):
    import_rows([row(HIGHWAY_LINE, ref="C#1", amount="100")])
    first_id = BudgetLine.objects.get().pk
    batch = import_rows([row(HIGHWAY_LINE.replace("ขอนแก่น", "อุดรธานี"), ref="C#1", amount="200")])
    assert (batch.created, batch.updated) == (0, 1)
    line = BudgetLine.objects.get()
    assert line.pk == first_id and line.amount == 200
    assert list(line.provinces.values_list("name", flat=True)) == ["อุดรธานี"]


def test_invalid_rows_are_reported_by_row_and_column_in_thai_and_nothing_is_imported(tmp_path, db):
    path = write_csv(
        tmp_path,
        [
            row(HIGHWAY_LINE, ref="D#1"),
            row(HIGHWAY_LINE, ref=""),
            row(HIGHWAY_LINE, ref="D#3", amount="12.5"),
            row(HIGHWAY_LINE, ref="D#4", year="65"),
            row(HIGHWAY_LINE, ref="D#1"),
        ],
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="ไม่ได้นำเข้า"):
        call_command("import_budget_lines", str(path), stderr=err, stdout=io.StringIO())
    report = err.getvalue()
    assert "แถวที่ 3 คอลัมน์ REF: ไม่มีเลขอ้างอิง (REF)" in report
    assert "แถวที่ 4 คอลัมน์ AMOUNT_BAHT: วงเงินต้องเป็นจำนวนเต็ม (บาท)" in report
    assert "แถวที่ 5 คอลัมน์ FISCAL_YEAR_BE" in report
    assert "แถวที่ 6 คอลัมน์ REF: เลขอ้างอิง D#1 ซ้ำกับแถวที่ 2" in report
    assert BudgetLine.objects.count() == 0
    assert BudgetLineImport.objects.get().status == BudgetLineImport.Status.REJECTED


def test_skip_invalid_imports_the_valid_rows_and_still_reports_the_others(tmp_path, db):
    path = write_csv(tmp_path, [row(HIGHWAY_LINE, ref="E#1"), row(HIGHWAY_LINE, ref="E#2", amount="abc")])
    err = io.StringIO()
    with pytest.raises(CommandError, match="ข้ามแถวที่ผิดพลาด 1 แถว"):
        call_command("import_budget_lines", str(path), "--skip-invalid", stderr=err, stdout=io.StringIO())
    assert list(BudgetLine.objects.values_list("source_ref", flat=True)) == ["E#1"]
    assert "แถวที่ 3 คอลัมน์ AMOUNT_BAHT" in err.getvalue()


def test_a_file_without_the_required_columns_is_refused_with_a_thai_message(tmp_path, db):
    path = tmp_path / "x.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="ไม่พบคอลัมน์ที่จำเป็น: REF"):
        call_command("import_budget_lines", str(path), stdout=io.StringIO())


def test_other_file_types_are_refused(tmp_path, db):
    path = tmp_path / "lines.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(CommandError, match="รองรับเฉพาะไฟล์ .csv, .csv.gz หรือ .xlsx"):
        call_command("import_budget_lines", str(path), stdout=io.StringIO())


def test_csv_gz_and_xlsx_files_import_like_csv(tmp_path, db):
    out = io.StringIO()
    call_command(
        "import_budget_lines", str(write_csv(tmp_path, [row(HIGHWAY_LINE, ref="G#1")], "l.csv.gz")), stdout=out
    )
    assert "เพิ่มใหม่ 1" in out.getvalue() and "วินาที" in out.getvalue()

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    values = row(RIVER_LINE, ref="G#2")
    values["AMOUNT_BAHT"], values["FISCAL_YEAR_BE"] = 7000000, 2554  # numbers, as Excel stores them
    sheet.append([values[c] for c in COLUMNS])
    path = tmp_path / "l.xlsx"
    workbook.save(path)
    call_command("import_budget_lines", str(path), stdout=io.StringIO())
    line = BudgetLine.objects.get(source_ref="G#2")
    assert line.amount == 7000000 and line.fiscal_year == 2554 and line.facts["tambons"]


def test_an_import_queues_rescreening_of_the_years_open_requests(people, django_capture_on_commit_callbacks):
    from proposals.workflow import Status
    from screening.models import ScreeningRun

    request = make_request(people.office_a, status=Status.MINISTRY_REVIEW, ministry=people.ministry_y)
    with django_capture_on_commit_callbacks(execute=True):
        import_rows([row(HIGHWAY_LINE, ref="H#1")])
    assert request.duplicate_flags.filter(budget_line__source_ref="H#1").exists()
    with django_capture_on_commit_callbacks(execute=True):
        import_rows([row(HIGHWAY_LINE, ref="H#1"), row(RIVER_LINE, ref="H#2")])
    assert ScreeningRun.objects.filter(request=request).count() == 2  # one run per lines version


SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "fy2565_budget_lines.csv.gz"


@pytest.mark.slow  # the full FY2565 file
@pytest.mark.skipif(not SHARED.is_file(), reason="../shared/data/fy2565_budget_lines.csv.gz is absent")
def test_the_real_fy2565_file_imports_every_line(db):
    started = time.monotonic()
    out = io.StringIO()
    call_command("import_budget_lines", str(SHARED), stdout=out)
    elapsed = time.monotonic() - started
    print(f"\nimported the FY2565 file in {elapsed:.1f} s: {out.getvalue().strip()}")
    assert BudgetLine.objects.count() == 44566
    assert BudgetLine.objects.filter(is_provincial=True).count() == 1951
    assert BudgetLine.objects.for_fiscal_year(2565).count() == 38549
