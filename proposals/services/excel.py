"""Excel where planners live in Excel: a template with Thai headers, a validated all-or-nothing
import of a filled plan, and exports of a plan and of a filtered request list (openpyxl)."""

import io
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from clusters.models import Province, StrategicIssue
from ministries.models import Ministry, MinistryStrategy, WorkCategory
from portal.exceptions import ApplicationError, NotAllowed
from portal.spreadsheets import row_append
from portal.xlsx_guard import XlsxRefused, limits_from_settings, xlsx_check
from proposals.models import ActionPlan, FundingChannel, Severity
from proposals.permissions import can_add_request
from proposals.services.requests import request_create
from proposals.workflow import StatusGroup

COLUMNS = (
    ("priority_rank", "ลำดับความสำคัญ"),
    ("title", "ชื่อโครงการ *"),
    ("description", "รายละเอียด"),
    ("objectives", "วัตถุประสงค์"),
    ("problem", "ปัญหาที่ต้องการแก้ไข"),
    ("evidence", "ข้อมูลหลักฐานประกอบ"),
    ("severity", "ความรุนแรงของปัญหา (น้อย/ปานกลาง/มาก/วิกฤต)"),
    ("category", "หมวดงาน *"),
    ("strategic_issue", "ประเด็นยุทธศาสตร์ (ลำดับที่)"),
    ("ministry_strategy", "ยุทธศาสตร์กระทรวง (อักษรย่อ ลำดับ เช่น ทส. 1)"),
    ("funding_channel", "แหล่งงบประมาณ"),
    ("target_ministry", "กระทรวงที่ขอรับการสนับสนุน (อักษรย่อ)"),
    ("amount", "วงเงิน (บาท) *"),
    ("provinces", "จังหวัด (คั่นด้วย ;)"),
    ("amphoe", "อำเภอ"),
    ("tambon", "ตำบล"),
    ("is_critical_need", "จำเป็นเร่งด่วน (ใช่/ไม่ใช่)"),
    ("damage_justification", "ความเสียหายหากไม่ดำเนินการ"),
)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F2")
MAX_ROWS = 2000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _header(sheet, headers):
    row_append(sheet, headers)
    for index, _title in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = 22 if index > 1 else 12
    sheet.freeze_panes = "A2"


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _strategy_code(strategy) -> str:
    return f"{strategy.ministry.abbreviation or strategy.ministry.code} {strategy.number}"


def plan_template_xlsx(*, plan: ActionPlan) -> bytes:
    """An empty plan sheet plus a sheet of the valid values for this office and year."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "คำของบประมาณ"
    _header(sheet, [title for _n, title in COLUMNS])
    lists = workbook.create_sheet("ค่าที่ใช้ได้")
    row_append(lists, ["หมวดงาน", "ประเด็นยุทธศาสตร์ของสำนักงาน", "ยุทธศาสตร์กระทรวง", "แหล่งงบประมาณ", "จังหวัดในพื้นที่"])
    categories = [c.name_th for c in WorkCategory.objects.all()]
    issues = [
        f"{i.number}. {i.title}"
        for i in StrategicIssue.objects.filter(
            office=plan.office, period_start__lte=plan.fiscal_year, period_end__gte=plan.fiscal_year
        )
    ]
    strategies = [
        f"{_strategy_code(s)}. {s.title}"
        for s in MinistryStrategy.objects.select_related("ministry").filter(
            period_start__lte=plan.fiscal_year, period_end__gte=plan.fiscal_year
        )
    ]
    channels = [str(label) for _v, label in FundingChannel.choices]
    provinces = list(
        Province.objects.filter(pk__in=plan.office.province_ids(plan.fiscal_year)).values_list("name_th", flat=True)
    )
    for row in range(max(len(categories), len(issues), len(strategies), len(channels), len(provinces))):
        row_append(
            lists,
            [col[row] if row < len(col) else None for col in (categories, issues, strategies, channels, provinces)],
        )
    for index in range(1, 6):
        lists.column_dimensions[get_column_letter(index)].width = 40
    return _save(workbook)


def _key(name: str) -> str:
    """Abbreviations are typed with or without dots and spaces: ทส. = ทส = ท.ส."""
    return name.replace(" ", "").replace(".", "").replace("\u00a0", "")


class _Lookups:
    """Everything a row may name, fetched once per import."""

    def __init__(self, plan: ActionPlan):
        self.categories = {}
        for c in WorkCategory.objects.all():
            self.categories[c.name_th.strip()] = c.pk
            self.categories[c.code] = c.pk
        self.issues = {
            i.number: i.pk
            for i in StrategicIssue.objects.filter(
                office=plan.office, period_start__lte=plan.fiscal_year, period_end__gte=plan.fiscal_year
            )
        }
        self.strategies = {}
        for s in MinistryStrategy.objects.select_related("ministry").filter(
            period_start__lte=plan.fiscal_year, period_end__gte=plan.fiscal_year
        ):
            for name in {s.ministry.abbreviation, s.ministry.code, s.ministry.name_th}:
                if name:
                    self.strategies[(_key(name), s.number)] = s.pk
        self.ministries = {}
        for m in Ministry.objects.all():
            for name in (m.abbreviation, m.code, m.name_th):
                if name:
                    self.ministries[_key(name)] = m.pk
        self.channels = {str(label): value for value, label in FundingChannel.choices} | {
            v: v for v in FundingChannel.values
        }
        self.severities = {str(label): value for value, label in Severity.choices} | {v: v for v in Severity.values}
        allowed = plan.office.province_ids(plan.fiscal_year)
        self.provinces = dict(Province.objects.filter(pk__in=allowed).values_list("name_th", "pk"))
        self.default_province = plan.office.province_id


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _parse_row(values: dict, lookups: _Lookups) -> tuple[dict, dict, list[tuple[str, str]]]:
    """(data, extras, errors) for one row; errors are (column key, Thai message)."""
    errors = []
    data = {
        name: _text(values.get(name))
        for name in ("title", "description", "objectives", "problem", "evidence", "damage_justification")
    }
    if not data["title"]:
        errors.append(("title", _("ต้องระบุชื่อโครงการ")))
    elif len(data["title"]) > 500:
        errors.append(("title", _("ชื่อโครงการยาวเกิน 500 ตัวอักษร")))
    raw_amount = values.get("amount")
    try:
        amount = Decimal(_text(raw_amount).replace(",", ""))
        if amount <= 0:
            errors.append(("amount", _("วงเงินต้องมากกว่า 0 บาท")))
        elif amount.as_tuple().exponent < -2 or amount >= Decimal("1e13"):
            errors.append(("amount", _("วงเงินไม่ถูกต้อง (ทศนิยมไม่เกิน 2 ตำแหน่ง)")))
        data["amount"] = amount
    except (InvalidOperation, ValueError):
        errors.append(("amount", _("วงเงินต้องเป็นตัวเลข เช่น 1500000") if _text(raw_amount) else _("ต้องระบุวงเงิน")))
    category = _text(values.get("category"))
    if not category:
        errors.append(("category", _("ต้องระบุหมวดงาน")))
    elif category not in lookups.categories:
        errors.append(("category", _("ไม่รู้จักหมวดงาน “%(v)s” (ดูแผ่นงาน ค่าที่ใช้ได้)") % {"v": category}))
    else:
        data["category"] = lookups.categories[category]
    severity = _text(values.get("severity"))
    if severity:
        if severity in lookups.severities:
            data["severity"] = lookups.severities[severity]
        else:
            errors.append(("severity", _("ความรุนแรงต้องเป็น น้อย ปานกลาง มาก หรือ วิกฤต")))
    issue = _text(values.get("strategic_issue")).split(".")[0].strip()
    if issue:
        if issue.isdecimal() and int(issue) in lookups.issues:
            data["strategic_issue"] = lookups.issues[int(issue)]
        else:
            errors.append(("strategic_issue", _("ไม่พบประเด็นยุทธศาสตร์ลำดับที่ “%(v)s” ของสำนักงานนี้ในปีนี้") % {"v": issue}))
    strategy = _text(values.get("ministry_strategy"))
    if strategy:
        match = re.match(r"^\s*(\D+?)\s*(\d+)", strategy)
        key = (_key(match.group(1)), int(match.group(2))) if match else None
        if key and key in lookups.strategies:
            data["ministry_strategy"] = lookups.strategies[key]
        else:
            errors.append(
                (
                    "ministry_strategy",
                    _("ไม่พบยุทธศาสตร์กระทรวง “%(v)s” (เขียนเป็น อักษรย่อ ลำดับ เช่น ทส. 1)") % {"v": strategy},
                )
            )
    channel = _text(values.get("funding_channel"))
    if channel:
        if channel in lookups.channels:
            data["funding_channel"] = lookups.channels[channel]
        else:
            errors.append(("funding_channel", _("แหล่งงบประมาณไม่ถูกต้อง (ดูแผ่นงาน ค่าที่ใช้ได้)")))
    target = _text(values.get("target_ministry"))
    if target:
        if _key(target) in lookups.ministries:
            data["target_ministry"] = lookups.ministries[_key(target)]
        else:
            errors.append(("target_ministry", _("ไม่รู้จักกระทรวง “%(v)s”") % {"v": target}))
    if data.get("funding_channel") == FundingChannel.MINISTRY_SUPPORT and not data.get("target_ministry"):
        errors.append(("target_ministry", _("ขอรับการสนับสนุนจากกระทรวง ต้องระบุกระทรวง")))
    critical = _text(values.get("is_critical_need"))
    if critical and critical not in ("ใช่", "ไม่ใช่", "ไม่"):
        errors.append(("is_critical_need", _("ตอบ ใช่ หรือ ไม่ใช่")))
    data["is_critical_need"] = critical == "ใช่"
    if data["is_critical_need"] and not data["damage_justification"]:
        errors.append(("damage_justification", _("คำขอจำเป็นเร่งด่วนต้องอธิบายความเสียหายหากไม่ดำเนินการ")))
    locations = []
    names = [n.strip() for n in _text(values.get("provinces")).replace(",", ";").split(";") if n.strip()]
    for name in names:
        name = name.removeprefix("จ.").removeprefix("จังหวัด").strip()
        if name in lookups.provinces:
            locations.append(
                {
                    "province": lookups.provinces[name],
                    "amphoe": _text(values.get("amphoe")),
                    "tambon": _text(values.get("tambon")),
                }
            )
        else:
            errors.append(("provinces", _("จังหวัด “%(v)s” ไม่อยู่ในเขตของสำนักงานนี้") % {"v": name}))
    if not names:
        if lookups.default_province:
            locations.append(
                {
                    "province": lookups.default_province,
                    "amphoe": _text(values.get("amphoe")),
                    "tambon": _text(values.get("tambon")),
                }
            )
        else:
            errors.append(("provinces", _("ต้องระบุจังหวัดในพื้นที่ดำเนินการ")))
    rank = _text(values.get("priority_rank"))
    extras = {"locations": locations, "rank": int(rank) if rank.isdecimal() else None}
    if rank and not rank.isdecimal():
        errors.append(("priority_rank", _("ลำดับความสำคัญต้องเป็นจำนวนเต็มบวก")))
    return data, extras, errors


def plan_import_xlsx(*, user, plan_id: int, file) -> list:
    """Create draft requests from a filled template. Every row is validated first; if any row has
    an error, nothing is saved and ApplicationError carries extra["errors"] = [{row, column,
    column_title, message}]. On success the rows join the plan after its existing ranks, in
    the sheet's rank order."""
    plan = ActionPlan.objects.select_related("office").get(pk=plan_id)
    if not can_add_request(user, plan):
        raise NotAllowed(_("ท่านนำเข้าคำขอในแผนของสำนักงานอื่นไม่ได้"))
    try:
        # before openpyxl sees it: a zip bomb never becomes a workbook (issue 13)
        xlsx_check(file, limits_from_settings(max_rows=MAX_ROWS + 1))
    except XlsxRefused as exc:
        raise ApplicationError(str(exc)) from None
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ApplicationError(_("อ่านไฟล์ไม่ได้ กรุณาใช้ไฟล์ .xlsx จากแบบฟอร์มของระบบ")) from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [(_text(h)) for h in next(rows, ())]
    titles = {title: name for name, title in COLUMNS}
    positions = {titles[h]: i for i, h in enumerate(header) if h in titles}
    missing = [title for name, title in COLUMNS if name in ("title", "amount", "category") and name not in positions]
    if missing:
        raise ApplicationError(_("หัวตารางไม่ตรงกับแบบฟอร์ม ขาดคอลัมน์: %(cols)s") % {"cols": ", ".join(missing)})
    lookups = _Lookups(plan)
    parsed, errors = [], []
    column_title = dict(COLUMNS)
    for row_number, row in enumerate(rows, start=2):
        if row_number > MAX_ROWS + 1:
            raise ApplicationError(_("นำเข้าได้ครั้งละไม่เกิน %(n)s แถว") % {"n": MAX_ROWS})
        values = {name: row[i] if i < len(row) else None for name, i in positions.items()}
        if all(_text(v) == "" for v in values.values()):
            continue
        data, extras, row_errors = _parse_row(values, lookups)
        for column, message in row_errors:
            letter = get_column_letter(positions[column] + 1) if column in positions else ""
            errors.append(
                {"row": row_number, "column": letter, "column_title": column_title[column], "message": message}
            )
        parsed.append((row_number, data, extras))
    workbook.close()
    if not parsed and not errors:
        raise ApplicationError(_("ไม่พบข้อมูลในไฟล์ (แถวที่ 2 เป็นต้นไป)"))
    if errors:
        raise ApplicationError(
            _("ไฟล์มีข้อผิดพลาด %(n)s จุด ยังไม่ได้บันทึกข้อมูลใด ๆ กรุณาแก้ไขแล้วนำเข้าใหม่") % {"n": len(errors)},
            extra={"errors": errors},
        )
    parsed.sort(key=lambda item: (item[2]["rank"] is None, item[2]["rank"] or 0, item[0]))
    created = []
    with transaction.atomic():
        for row_number, data, extras in parsed:
            try:
                created.append(request_create(user=user, plan_id=plan.pk, data=data, locations=extras["locations"]))
            except ValidationError as exc:
                messages = (
                    "; ".join(m for ms in exc.message_dict.values() for m in ms)
                    if hasattr(exc, "error_dict")
                    else "; ".join(exc.messages)
                )
                raise ApplicationError(
                    _("แถว %(row)s: %(msg)s ยังไม่ได้บันทึกข้อมูลใด ๆ") % {"row": row_number, "msg": messages},
                    extra={"errors": [{"row": row_number, "column": "", "column_title": "", "message": messages}]},
                ) from None
    return created


def _location_text(request) -> str:
    return "; ".join(str(loc) for loc in request.locations.all())


def plan_export_xlsx(*, plan: ActionPlan, requests) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "แผนปฏิบัติราชการ"
    row_append(sheet, [plan.title])
    row_append(sheet, [f"{plan.office.name_th} ปีงบประมาณ พ.ศ. {plan.fiscal_year}"])
    row_append(sheet, [])
    headers = [
        "ลำดับความสำคัญ",
        "เลขที่คำขอ",
        "ชื่อโครงการ",
        "หมวดงาน",
        "ประเด็นยุทธศาสตร์",
        "ยุทธศาสตร์กระทรวง",
        "พื้นที่ดำเนินการ",
        "แหล่งงบประมาณ",
        "วงเงิน (บาท)",
        "สถานะ",
    ]
    row_append(sheet, headers)
    for index in range(1, len(headers) + 1):
        sheet.cell(row=4, column=index).font = Font(bold=True)
        sheet.cell(row=4, column=index).fill = HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = 24
    total = Decimal(0)
    for r in requests:
        row_append(
            sheet,
            [
                r.priority_rank,
                r.reference,
                r.title,
                str(r.category or ""),
                str(r.strategic_issue or ""),
                str(r.ministry_strategy or ""),
                _location_text(r),
                r.get_funding_channel_display(),
                r.amount,
                r.get_status_display(),
            ],
        )
        sheet.cell(row=sheet.max_row, column=9).number_format = "#,##0.00"
        if r.status not in StatusGroup.CLOSED_BY_OWNER_OR_CLUSTER:
            total += r.amount
    row_append(sheet, [None] * 7 + ["รวม", total])
    sheet.cell(row=sheet.max_row, column=9).number_format = "#,##0.00"
    sheet.cell(row=sheet.max_row, column=8).font = Font(bold=True)
    return _save(workbook)


def requests_export_xlsx(*, requests) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("คำของบประมาณ")
    row_append(
        sheet,
        [
            "เลขที่คำขอ",
            "ปีงบประมาณ",
            "สำนักงาน",
            "ชื่อโครงการ",
            "หมวดงาน",
            "พื้นที่ดำเนินการ",
            "กระทรวงผู้พิจารณา",
            "ลำดับความสำคัญ",
            "วงเงิน (บาท)",
            "สถานะ",
        ],
    )
    for r in requests:
        row_append(
            sheet,
            [
                r.reference,
                r.fiscal_year,
                str(r.office),
                r.title,
                str(r.category or ""),
                _location_text(r),
                str(r.reviewing_ministry or ""),
                r.priority_rank,
                r.amount,
                r.get_status_display(),
            ],
        )
    return _save(workbook)
