"""The ministries' own budget requests of the cycle (R6).

While provinces submit, the year's budget documents do not exist yet: what a provincial request
can repeat is what the ministries are asking for themselves (000 ประเด็น 1 item 6: "ถ้ากระทรวงมีคำขอแล้ว
ควรหลีกเลี่ยงไม่ของบประมาณซ้ำซ้อนอีก"). A ministry's policy bureau and a department's planning unit
enter them (a form, one row) or upload them (the budget-line columns) during their own-request phase.
They go through the budget-line import (same parser, same writer), so every upload re-screens the
open requests of its years (ministries.hooks.budget_lines_changed).
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from ministries.hooks import own_request_window
from ministries.importing import FileFormatError, ParsedRow, RowError, parse_all
from ministries.models import BudgetLineImport, Department, LineSource, Ministry
from ministries.permissions import can_enter_own_requests
from ministries.services.budget_lines import Owner, _finish, _Registry, lines_write
from portal.exceptions import NotAllowed
from portal.thai import thai_date

MAX_OWN_REF = 40
OWN_REF_PREFIX = "MR"


def stored_ref(*, ministry_id: int, department_id: int | None, ref: str) -> str:
    """The REF a ministry's own line is stored under: namespaced by its owner, so two ministries'
    "1" are two lines and no upload can overwrite another owner's (or a budget document's) line."""
    return f"{OWN_REF_PREFIX}{ministry_id}-{department_id or 0}-{ref}"


def _window_problem(fiscal_year: int, ministry: Ministry, today) -> str | None:
    window = own_request_window(fiscal_year=fiscal_year, ministry_id=ministry.id)
    if window is None:
        return _("ปีงบประมาณ %(year)s ยังไม่มีช่วงเวลายื่นคำของบประมาณของกระทรวงในปฏิทิน") % {"year": fiscal_year}
    opens_on, closes_on = window
    if not opens_on <= today <= closes_on:
        return _("ปีงบประมาณ %(year)s อยู่นอกช่วงยื่นคำของบประมาณของกระทรวง (%(opens)s ถึง %(closes)s)") % {
            "year": fiscal_year,
            "opens": thai_date(opens_on),
            "closes": thai_date(closes_on),
        }
    return None


def _owner_problems(row: ParsedRow, *, ministry: Ministry, department: Department | None, registry: _Registry):
    """(errors, department id of the line) for one row of an upload by `ministry`/`department`."""
    errors = []
    if registry.ministry_id(row.ministry) != ministry.id:
        errors.append(
            RowError(
                row.row,
                "MINISTRY",
                _("แถวนี้เป็นของ “%(other)s” นำเข้าได้เฉพาะคำขอของ%(mine)s")
                % {"other": row.ministry, "mine": ministry.name_th},
            )
        )
    unit_department = registry.department_id(row.unit, None)
    department_id = department.id if department else None
    if department is not None:
        if unit_department and unit_department != department.id:
            errors.append(
                RowError(
                    row.row,
                    "BUDGETARY_UNIT",
                    _("แถวนี้เป็นของหน่วยงาน “%(other)s” นำเข้าได้เฉพาะคำขอของ%(mine)s")
                    % {"other": row.unit, "mine": department.name_th},
                )
            )
    elif unit_department:
        if registry.departments.get(row.unit, (None, None))[1] != ministry.id:
            errors.append(
                RowError(row.row, "BUDGETARY_UNIT", _("หน่วยงาน “%(unit)s” ไม่อยู่ในกระทรวงนี้") % {"unit": row.unit})
            )
        else:
            department_id = unit_department
    if len(row.ref) > MAX_OWN_REF:
        errors.append(RowError(row.row, "REF", _("เลขอ้างอิงยาวเกิน %(n)s ตัวอักษร") % {"n": MAX_OWN_REF}))
    return errors, department_id


def own_requests_import(
    *,
    user,
    rows: Iterable[tuple[int, dict]],
    file_name: str,
    ministry: Ministry,
    department: Department | None = None,
    channel: str = "own-web",
) -> BudgetLineImport:
    """Create or update `ministry`'s (or `department`'s) own requests from rows of the budget-line
    columns, all or nothing: every row must name that ministry (and department), fall in a year
    whose own-request phase is open for the ministry today, and parse.

    Raises NotAllowed when the user may not enter this owner's requests, FileFormatError when the
    file cannot be read. Returns the batch (status REJECTED with its row errors, or DONE); on DONE
    the open requests of its years are queued for re-screening (`rescreens_queued`)."""
    if department is not None and department.ministry_id != ministry.id:
        raise NotAllowed(_("กรมที่เลือกไม่อยู่ในกระทรวงนี้"))
    if not can_enter_own_requests(user, ministry_id=ministry.id, department_id=department.id if department else None):
        raise NotAllowed(_("บันทึกได้เฉพาะคำของบประมาณของกระทรวง/กรมของท่าน"))
    started = time.monotonic()
    batch = BudgetLineImport.objects.create(file_name=file_name[:255], created_by=user, source=channel)
    batch.rescreens_queued = 0
    try:
        parsed, errors = parse_all(rows)
    except FileFormatError as exc:
        _finish(batch, started, status=BudgetLineImport.Status.REJECTED, errors=[RowError(0, "", str(exc))], rows=0)
        raise
    registry = _Registry()
    today = timezone.localdate()
    window_problems: dict[int, str | None] = {}
    owners: dict[str, Owner] = {}
    for row in parsed:
        row_errors, department_id = _owner_problems(row, ministry=ministry, department=department, registry=registry)
        if row.fiscal_year not in window_problems:
            window_problems[row.fiscal_year] = _window_problem(row.fiscal_year, ministry, today)
        if window_problems[row.fiscal_year]:
            row_errors.append(RowError(row.row, "FISCAL_YEAR_BE", window_problems[row.fiscal_year]))
        if row.is_provincial:
            row_errors.append(RowError(row.row, "MINISTRY", _("งบประมาณจังหวัด/กลุ่มจังหวัดไม่ใช่คำขอของกระทรวง")))
        errors.extend(row_errors)
        owners[row.ref] = Owner(
            ministry_id=ministry.id,
            department_id=department_id,
            ref=stored_ref(ministry_id=ministry.id, department_id=department_id, ref=row.ref),
        )
    batch.rows = len(parsed) + len({e.row for e in errors if e.row not in {r.row for r in parsed}})
    if errors:
        errors.sort(key=lambda e: e.row)
        _finish(batch, started, status=BudgetLineImport.Status.REJECTED, errors=errors, rows=batch.rows)
        return batch
    return lines_write(
        batch=batch,
        parsed=parsed,
        errors=[],
        started=started,
        source=LineSource.MINISTRY_REQUEST,
        owner_of=lambda row: owners[row.ref],
    )
