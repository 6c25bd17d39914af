"""The ก.น.จ. agenda pack as XLSX (openpyxl): a summary by cluster and by ministry, then the
items with amounts in baht and in million baht (budget documents state ล้านบาท), strategy
links and the duplicate-flag rulings (R6: the committee sees how each was settled)."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from portal.spreadsheets import cell_set
from portal.thai import baht, thai_date
from reviews.models import ReferralFunding
from reviews.selectors import agenda_items, agenda_summary, approved_amount_of, flag_rulings_text
from reviews.selectors.agendas import ministry_priority_text

BAHT = "#,##0.00"
MILLION = "#,##0.0000"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F2")
BOLD = Font(bold=True)


def _million(value) -> float:
    return float((Decimal(value or 0) / Decimal(1_000_000)).quantize(Decimal("0.0001")))


def _header(sheet, row: int, titles: list[str]) -> None:
    for column, title in enumerate(titles, start=1):
        cell = cell_set(sheet, row, column, title)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _widths(sheet, widths: list[int]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def agenda_filename(agenda) -> str:
    return f"agenda-{agenda.fiscal_year}-{agenda.pk}.xlsx"


def _summary_table(sheet, start: int, title: str, rows: list[dict], total: dict) -> int:
    cell_set(sheet, start, 1, title).font = Font(bold=True, size=12)
    _header(
        sheet,
        start + 1,
        [
            title.replace("สรุปตาม", ""),
            "จำนวนคำขอ",
            "วงเงินที่เสนอ (บาท)",
            "วงเงินที่เสนอ (ล้านบาท)",
            "วงเงินที่อนุมัติ (บาท)",
            "วงเงินที่อนุมัติ (ล้านบาท)",
        ],
    )
    row = start + 2
    for entry in rows + [{"name": "รวม", **total}]:
        values = [
            entry["name"],
            entry["count"],
            float(entry["amount"]),
            _million(entry["amount"]),
            float(entry["approved"]),
            _million(entry["approved"]),
        ]
        for column, value in enumerate(values, start=1):
            cell = cell_set(sheet, row, column, value)
            if column in (3, 5):
                cell.number_format = BAHT
            if column in (4, 6):
                cell.number_format = MILLION
            if entry["name"] == "รวม":
                cell.font = BOLD
        row += 1
    return row + 1


def _referral_text(item) -> str:
    """R19: how the ministry the committee referred the request to will fund it."""
    if not item.referral_funding:
        return ""
    text = f"{item.referral_department or item.referral_ministry}: {ReferralFunding(item.referral_funding).label}"
    if item.referral_amount:
        text += f" {baht(item.referral_amount)} บาท"
    return text + (f" — {item.referral_answer}" if item.referral_answer else "")


ITEM_HEADERS = [
    "ลำดับ",
    "เลขที่คำขอ",
    "ชื่อโครงการ",
    "สำนักงาน",
    "กลุ่มจังหวัด",
    "กระทรวงผู้พิจารณา",
    "หมวดงาน",
    "ลำดับความสำคัญ",
    "วงเงิน (บาท)",
    "วงเงิน (ล้านบาท)",
    "ประเด็นยุทธศาสตร์จังหวัด/กลุ่มจังหวัด",
    "ยุทธศาสตร์กระทรวง",
    "ผลตรวจความซ้ำซ้อนและการวินิจฉัย",
    "แผนงาน",
    "ความเห็นของกระทรวง",
    "คำตอบของกระทรวง/กรมที่ ก.น.จ. ส่งให้สนับสนุน",
    "มติ",
    "วงเงินที่อนุมัติ (บาท)",
    "วงเงินที่อนุมัติ (ล้านบาท)",
    "หมายเหตุ",
    "ลำดับความสำคัญของกระทรวงในแผนงาน",
]


def agenda_pack_xlsx(*, agenda) -> io.BytesIO:
    """Build the workbook in memory; a fixed number of queries whatever the agenda's length."""
    items = agenda_items(agenda=agenda)
    summary = agenda_summary(items)
    book = Workbook()
    sheet = book.active
    sheet.title = "สรุป"
    cell_set(sheet, 1, 1, agenda.title).font = Font(bold=True, size=14)
    meeting = f"{agenda.meeting} วันที่ {thai_date(agenda.meeting.date)}" if agenda.meeting_id else "ยังไม่กำหนดการประชุม"
    cell_set(
        sheet,
        2,
        1,
        f"{agenda.committee.name_th} ({agenda.committee.abbreviation}) · ปีงบประมาณ พ.ศ. {agenda.fiscal_year} · {meeting}",
    )
    cell_set(sheet, 3, 1, f"สถานะวาระ: {agenda.get_status_display()} · จำนวน {summary['total']['count']} รายการ")
    row = _summary_table(sheet, 5, "สรุปตามกลุ่มจังหวัด", summary["by_cluster"], summary["total"])
    _summary_table(sheet, row, "สรุปตามกระทรวง", summary["by_ministry"], summary["total"])
    _widths(sheet, [48, 12, 20, 18, 20, 18])

    items_sheet = book.create_sheet("รายการ")
    _header(items_sheet, 1, ITEM_HEADERS)
    for index, item in enumerate(items, start=2):
        req = item.request
        issue = str(req.strategic_issue) if req.strategic_issue_id else ""
        if req.strategic_issue_id and req.strategic_issue.target_industry:
            issue += f" (สาขา: {req.strategic_issue.target_industry})"
        strategy = str(req.ministry_strategy) if req.ministry_strategy_id else ""
        programmes = ", ".join(p.programme.name for p in req.programme_items.all())
        approved = approved_amount_of(item) if item.decision else None
        values = [
            item.order,
            req.reference,
            req.title,
            req.office.name_th,
            item.cluster_name or "",
            req.reviewing_ministry.name_th if req.reviewing_ministry_id else "",
            req.category.name_th if req.category_id else "",
            req.priority_rank,
            float(req.amount),
            _million(req.amount),
            issue,
            strategy,
            flag_rulings_text(req),
            programmes,
            item.opinion_text or "",  # R19: the ministry advised; the committee decides
            _referral_text(item),
            item.get_decision_display() if item.decision else "รอมติ",
            float(approved) if approved is not None else None,
            _million(approved) if approved is not None else None,
            item.note,
            ministry_priority_text(req),
        ]
        for column, value in enumerate(values, start=1):
            cell = cell_set(items_sheet, index, column, value)
            cell.alignment = Alignment(wrap_text=column in (3, 11, 12, 13, 15, 16, 21), vertical="top")
            if column in (9, 18):
                cell.number_format = BAHT
            if column in (10, 19):
                cell.number_format = MILLION
    _widths(items_sheet, [7, 16, 42, 24, 30, 28, 20, 10, 16, 14, 34, 34, 40, 20, 36, 36, 18, 16, 14, 24, 36])
    items_sheet.freeze_panes = "C2"
    stream = io.BytesIO()
    book.save(stream)
    stream.seek(0)
    return stream
