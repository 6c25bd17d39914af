"""Readers for the Budget Bureau line-item files: `.csv`, `.csv.gz` and `.xlsx` with the
columns of `../shared/data/fy2565_budget_lines.csv.gz` (REF, REF_DOC, REF_PAGE_NO, MINISTRY,
BUDGETARY_UNIT, BUDGET_PLAN, OUTPUT, PROJECT, CATEGORY, ITEM_DESCRIPTION, FISCAL_YEAR_BE,
AMOUNT_BAHT, OBLIGED).

Pure parsing and row validation, no ORM: both import commands and the upload page share it.
Errors carry the row number as a person sees it in a spreadsheet (the header is row 1) and the
column name, with a Thai message.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO

COLUMNS = (
    "REF",
    "REF_DOC",
    "REF_PAGE_NO",
    "MINISTRY",
    "BUDGETARY_UNIT",
    "BUDGET_PLAN",
    "OUTPUT",
    "PROJECT",
    "CATEGORY",
    "ITEM_DESCRIPTION",
    "FISCAL_YEAR_BE",
    "AMOUNT_BAHT",
    "OBLIGED",
)
REQUIRED_COLUMNS = ("REF", "MINISTRY", "BUDGETARY_UNIT", "ITEM_DESCRIPTION", "FISCAL_YEAR_BE", "AMOUNT_BAHT")
PROVINCIAL_PREFIX = "จังหวัดและกลุ่มจังหวัด"
FIRST_BE_YEAR, LAST_BE_YEAR = 2400, 2700
MAX_REF = 80
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_TRUE, _FALSE = {"true", "1", "yes", "y", "t", "ใช่"}, {"false", "0", "no", "n", "f", "ไม่ใช่"}


class FileFormatError(Exception):
    """The file as a whole cannot be read (wrong type, missing columns, not UTF-8). Thai message."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def to_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ParsedRow:
    row: int
    ref: str
    ref_doc: str
    page: int | None
    ministry: str
    unit: str
    budget_plan: str
    output: str
    project: str
    category: str
    item: str
    fiscal_year: int
    amount: Decimal
    obliged: bool | None
    raw: dict = field(repr=False, default_factory=dict)

    @property
    def is_provincial(self) -> bool:
        return self.ministry.startswith(PROVINCIAL_PREFIX)

    @property
    def context(self) -> str:
        # The same context the engine's benchmarks give the extractor (kind of work from the
        # project/output when the item text names none).
        return " | ".join((self.project, self.output, self.category))

    @property
    def amount_int(self) -> int:
        return int(self.amount)


def kind_of(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".csv.gz"):
        return "csv.gz"
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith(".xlsx"):
        return "xlsx"
    raise FileFormatError("รองรับเฉพาะไฟล์ .csv, .csv.gz หรือ .xlsx")


def _csv_rows(text_stream: IO[str]) -> Iterator[dict]:
    reader = csv.DictReader(text_stream)
    _check_header(reader.fieldnames or [])
    yield from reader


def _check_header(header: list) -> None:
    names = [str(h or "").strip().lstrip("\ufeff") for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise FileFormatError("ไม่พบคอลัมน์ที่จำเป็น: " + ", ".join(missing) + " (แถวแรกต้องเป็นชื่อคอลัมน์)")


def _xlsx_rows(binary: IO[bytes]) -> Iterator[dict]:
    from openpyxl import load_workbook

    from portal.xlsx_guard import XlsxRefused, xlsx_check

    try:
        xlsx_check(binary)  # before openpyxl sees it: a zip bomb never becomes a workbook (issue 13)
    except XlsxRefused as exc:
        raise FileFormatError(str(exc)) from None
    try:
        workbook = load_workbook(binary, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileFormatError("อ่านไฟล์ Excel ไม่ได้: ไฟล์เสียหายหรือไม่ใช่ .xlsx") from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        header = [str(h or "").strip() for h in next(rows)]
    except StopIteration:
        raise FileFormatError("ไฟล์ว่าง") from None
    _check_header(header)
    for values in rows:
        if values is None or all(v is None or v == "" for v in values):
            continue
        yield {h: ("" if v is None else _cell(v)) for h, v in zip(header, values)}
    workbook.close()


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "True" if value else "False"
    return str(value)


def read_rows(binary: IO[bytes], name: str) -> Iterator[tuple[int, dict]]:
    """Yield (row number, raw dict) from an open binary file; row 1 is the header."""
    kind = kind_of(name)
    if kind == "xlsx":
        rows = _xlsx_rows(binary)
    else:
        if kind == "csv.gz":
            binary = gzip.GzipFile(fileobj=binary)
        text = codecs.getreader("utf-8-sig")(binary)
        rows = _csv_rows(text)
    try:
        for number, raw in enumerate(rows, start=2):
            yield number, {(k or "").strip().lstrip("\ufeff"): (v or "") for k, v in raw.items() if k is not None}
    except UnicodeDecodeError as exc:
        raise FileFormatError("ไฟล์ CSV ต้องเข้ารหัส UTF-8") from exc
    except (gzip.BadGzipFile, EOFError, OSError) as exc:
        raise FileFormatError("อ่านไฟล์ .csv.gz ไม่ได้: ไฟล์เสียหายหรือไม่ได้บีบอัดแบบ gzip") from exc
    except csv.Error as exc:
        raise FileFormatError(f"รูปแบบ CSV ไม่ถูกต้อง: {exc}") from exc


def read_path(path: str | Path) -> Iterator[tuple[int, dict]]:
    path = Path(path)
    if not path.is_file():
        raise FileFormatError(f"ไม่พบไฟล์ {path}")
    with open(path, "rb") as handle:
        yield from read_rows(handle, path.name)


def read_upload(upload) -> Iterator[tuple[int, dict]]:
    """An uploaded Django file (kept in memory or on disk by the upload handler)."""
    upload.seek(0)
    yield from read_rows(upload.file if hasattr(upload, "file") else upload, upload.name)


def _int(value: str) -> int | None:
    value = value.strip().replace(",", "").translate(_THAI_DIGITS)
    if value.endswith(".0"):
        value = value[:-2]
    if not value.lstrip("-").isdecimal():
        return None
    return int(value)


def parse_row(number: int, raw: dict) -> tuple[ParsedRow | None, list[RowError]]:
    """Validate one row; returns the parsed row or the list of its errors (all of them)."""
    errors: list[RowError] = []
    get = lambda column: str(raw.get(column, "") or "").strip()  # noqa: E731

    ref = get("REF")
    if not ref:
        errors.append(RowError(number, "REF", "ไม่มีเลขอ้างอิง (REF)"))
    elif len(ref) > MAX_REF:
        errors.append(RowError(number, "REF", f"เลขอ้างอิงยาวเกิน {MAX_REF} ตัวอักษร"))
    for column, label in (
        ("MINISTRY", "กระทรวง"),
        ("BUDGETARY_UNIT", "หน่วยรับงบประมาณ"),
        ("ITEM_DESCRIPTION", "รายการ"),
    ):
        if not get(column):
            errors.append(RowError(number, column, f"ไม่มี{label}"))

    year_text = get("FISCAL_YEAR_BE")
    year = _int(year_text)
    if year is None:
        errors.append(RowError(number, "FISCAL_YEAR_BE", f"ปีงบประมาณต้องเป็นตัวเลข พ.ศ. (พบ “{year_text}”)"))
    elif not FIRST_BE_YEAR <= year <= LAST_BE_YEAR:
        errors.append(RowError(number, "FISCAL_YEAR_BE", f"ปีงบประมาณ {year} ไม่ใช่ปี พ.ศ. ที่ถูกต้อง"))

    amount_text = get("AMOUNT_BAHT")
    amount = None
    try:
        amount = Decimal(amount_text.replace(",", "").translate(_THAI_DIGITS))
        if not amount.is_finite() or amount != amount.to_integral_value():
            raise InvalidOperation
    except InvalidOperation:
        errors.append(RowError(number, "AMOUNT_BAHT", f"วงเงินต้องเป็นจำนวนเต็ม (บาท) (พบ “{amount_text}”)"))
        amount = None
    if amount is not None and amount < 0:
        errors.append(RowError(number, "AMOUNT_BAHT", "วงเงินต้องไม่ติดลบ"))
    elif amount is not None and amount >= Decimal(10) ** 13:
        errors.append(RowError(number, "AMOUNT_BAHT", "วงเงินสูงเกินกว่าที่ระบบรับได้"))

    page_text = get("REF_PAGE_NO")
    page = _int(page_text) if page_text else None
    if page_text and (page is None or page < 0):
        errors.append(RowError(number, "REF_PAGE_NO", f"เลขหน้าต้องเป็นจำนวนเต็ม (พบ “{page_text}”)"))

    obliged_text = get("OBLIGED").lower()
    obliged = True if obliged_text in _TRUE else False if obliged_text in _FALSE else None
    if obliged_text and obliged is None:
        errors.append(RowError(number, "OBLIGED", f"ช่องผูกพันข้ามปีต้องเป็น True หรือ False (พบ “{get('OBLIGED')}”)"))

    if errors:
        return None, errors
    return ParsedRow(
        row=number,
        ref=ref,
        ref_doc=get("REF_DOC")[:40],
        page=page,
        ministry=get("MINISTRY")[:300],
        unit=get("BUDGETARY_UNIT")[:300],
        budget_plan=get("BUDGET_PLAN"),
        output=get("OUTPUT"),
        project=get("PROJECT"),
        category=get("CATEGORY"),
        item=get("ITEM_DESCRIPTION"),
        fiscal_year=year,
        amount=amount,
        obliged=obliged,
        raw=raw,
    ), []


def parse_all(rows) -> tuple[list[ParsedRow], list[RowError]]:
    """Parse every row, and flag a REF repeated within the file (the file's own key)."""
    parsed: list[ParsedRow] = []
    errors: list[RowError] = []
    first_row_of: dict[str, int] = {}
    for number, raw in rows:
        row, row_errors = parse_row(number, raw)
        if row_errors:
            errors.extend(row_errors)
            continue
        if row.ref in first_row_of:
            errors.append(RowError(number, "REF", f"เลขอ้างอิง {row.ref} ซ้ำกับแถวที่ {first_row_of[row.ref]}"))
            continue
        first_row_of[row.ref] = number
        parsed.append(row)
    return parsed, errors


def rows_to_csv_bytes(rows: list[dict]) -> bytes:
    """Test and export helper: rows (dicts of the columns) as UTF-8 CSV bytes."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")
