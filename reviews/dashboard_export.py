"""The dashboards' XLSX (issue 14): the figures the pages show for the same filters, one sheet per
table, every cell written through portal.spreadsheets (text-safe: a province or programme name
starting with "=" stays text)."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from portal.spreadsheets import row_append
from reviews.dashboard_forms import DIMENSIONS
from reviews.selectors.dashboard_matrix import alignment_matrix
from reviews.selectors.dashboard_money import money_by
from reviews.selectors.dashboard_overview import overview_data
from reviews.selectors.dashboard_scope import DashboardFilters, DashboardScope, dashboard_requests


def money_columns() -> list[tuple[str, str]]:
    """(key, header) of the money-at-stake columns, in the order of the page's tables."""
    return [
        ("count", _("จำนวนคำขอ")),
        ("amount", _("วงเงินที่ขอ (บาท)")),
        ("duplicate_amount", _("ตรวจพบว่าซ้ำซ้อน (บาท)")),
        ("overlap_amount", _("ตรวจพบว่าคาบเกี่ยว (บาท)")),
        ("unruled_amount", _("รอวินิจฉัย (บาท)")),
        ("confirmed_amount", _("วินิจฉัยว่าซ้ำซ้อน (บาท)")),
        ("cleared_amount", _("วินิจฉัยว่าไม่ซ้ำซ้อน (บาท)")),
        ("kept_amount", _("ไม่ถูกจัดงบซ้ำ (บาท)")),
        ("endorsed_amount", _("กระทรวงเห็นชอบ (บาท)")),
    ]


def _money_sheet(book, title: str, first_header: str, rows: list[dict]) -> None:
    sheet = book.create_sheet(title)
    columns = money_columns()
    row_append(sheet, [first_header] + [h for _k, h in columns])
    for row in rows:
        row_append(sheet, [row["label"]] + [row.get(k) or 0 for k, _h in columns])


def dashboard_workbook(*, scope: DashboardScope, filters: DashboardFilters, dimension: str) -> bytes:
    data = overview_data(scope=scope, filters=filters)
    requests = dashboard_requests(scope=scope, filters=filters)
    book = Workbook()
    summary = book.active
    summary.title = _("สรุป")
    row_append(summary, [_("ปีงบประมาณ (พ.ศ.)"), scope.fiscal_year])
    row_append(summary, [_("ขอบเขต"), _("ทั้งประเทศ") if scope.national else _("กลุ่มจังหวัดของท่าน")])
    for key, header in money_columns():
        row_append(summary, [header, data["totals"].get(key) or 0])
    for row in data["confirmed_by_status"]:
        row_append(summary, [_("วินิจฉัยว่าซ้ำซ้อน แล้ว: %(status)s (บาท)") % {"status": row["label"]}, row["amount"]])
    share = data["field_office_projects"]  # R18
    row_append(summary, [_("คำขอของจังหวัด"), share["total"]])
    row_append(summary, [_("เป็นโครงการของหน่วยงานส่วนภูมิภาค"), share["field_office"]])
    row_append(summary, [_("สัดส่วนโครงการของหน่วยงานส่วนภูมิภาค (%)"), share["percent"]])
    _money_sheet(book, _("จังหวัด"), _("จังหวัด"), data["by_province"])
    _money_sheet(book, _("กลุ่มจังหวัด"), _("กลุ่มจังหวัด"), data["by_cluster"])
    if dimension not in ("province", "cluster"):
        label = str(DIMENSIONS[dimension])
        _money_sheet(book, label[:31], label, money_by(requests, dimension, fiscal_year=scope.fiscal_year))
    lines = book.create_sheet(_("กระทรวงเจ้าของรายการ"))
    row_append(
        lines,
        [
            _("กระทรวงเจ้าของรายการงบประมาณที่ตรงกัน"),
            _("จำนวนคำขอ"),
            _("วงเงิน (บาท)"),
            _("ซ้ำซ้อน (บาท)"),
            _("คาบเกี่ยว (บาท)"),
        ],
    )
    for row in data["by_line_ministry"]:
        row_append(
            lines,
            [row["label"], row["count"], row["amount"], row.get("duplicate_amount", 0), row.get("overlap_amount", 0)],
        )
    matrix = alignment_matrix(scope=scope, filters=filters, requests=requests)
    sheet = book.create_sheet(_("ความสอดคล้อง"))
    row_append(sheet, [_("แถว"), _("ยุทธศาสตร์กระทรวง"), _("ผล"), _("จำนวนคำขอ"), _("วงเงิน (บาท)")])
    for row in matrix["rows"]:
        for entry in row["cells"]:
            if entry["cell"]:
                for part in entry["cell"]["parts"]:
                    row_append(
                        sheet,
                        [
                            row["label"],
                            f"{entry['column']['label']} {entry['column']['title']}",
                            part["label"],
                            part["count"],
                            part["amount"],
                        ],
                    )
    deadlines = book.create_sheet(_("กำหนดส่ง"))
    row_append(
        deadlines,
        [
            _("สำนักงาน"),
            _("กำหนดส่ง"),
            _("ขยายถึง"),
            _("ส่งแล้ว"),
            _("ตามกำหนด"),
            _("หลังกำหนดในเวลาที่ขยาย"),
            _("เกินกำหนด"),
            _("ผล"),
        ],
    )
    for office in data["deadlines"]["offices"]:
        row_append(
            deadlines,
            [
                office["office"],
                office["closes_on"],
                office["extended_to"],
                office["submitted"],
                office["on_time"],
                office["late_extended"],
                office["late"],
                office["state_label"],
            ],
        )
    out = BytesIO()
    book.save(out)
    return out.getvalue()
