"""The ministries' output/project lists (R21): loaded from budget lines, kept by the ministry."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ministries.models import MinistryOutput, OutputKind
from ministries.models.outputs import MAX_NAME
from ministries.permissions import can_edit_outputs
from portal.exceptions import ApplicationError, NotAllowed


def outputs_sync_from_lines(*, lines) -> int:
    """Add the outputs and projects the lines name to their ministry's list of the year (never
    removes or re-activates one the ministry retired). Lines of no known ministry and the
    provinces' own budgets carry no ministry structure. Returns how many were offered."""
    wanted: dict[tuple, MinistryOutput] = {}
    for line in lines:
        if not line.ministry_id or line.is_provincial:
            continue
        for kind, name in ((OutputKind.OUTPUT, line.output), (OutputKind.PROJECT, line.project)):
            name = " ".join((name or "").split())[:MAX_NAME]
            if not name or name == "-":
                continue
            key = (line.fiscal_year, line.ministry_id, line.department_id, kind, name)
            wanted.setdefault(
                key,
                MinistryOutput(
                    fiscal_year=line.fiscal_year,
                    ministry_id=line.ministry_id,
                    department_id=line.department_id,
                    kind=kind,
                    name=name,
                    from_lines=True,
                ),
            )
    MinistryOutput.objects.bulk_create(list(wanted.values()), batch_size=1000, ignore_conflicts=True)
    return len(wanted)


def ministry_output_save(
    *,
    user,
    fiscal_year: int,
    ministry,
    department=None,
    kind: str,
    name: str,
    is_active: bool = True,
    output: MinistryOutput | None = None,
) -> MinistryOutput:
    """Add or change one entry of a ministry's list (R21). Raises NotAllowed for another
    ministry's or department's list, ApplicationError for a name already on the list."""
    if department is not None and department.ministry_id != ministry.id:
        raise ApplicationError(_("กรมที่เลือกไม่อยู่ในกระทรวงนี้"))
    if not can_edit_outputs(user, ministry_id=ministry.id, department_id=department.id if department else None):
        raise NotAllowed(_("แก้ไขได้เฉพาะผลผลิต/โครงการของหน่วยงานของท่าน"))
    if output is not None and not can_edit_outputs(
        user, ministry_id=output.ministry_id, department_id=output.department_id
    ):
        raise NotAllowed(_("แก้ไขได้เฉพาะผลผลิต/โครงการของหน่วยงานของท่าน"))
    output = output or MinistryOutput()
    output.fiscal_year, output.ministry, output.department = fiscal_year, ministry, department
    output.kind, output.name, output.is_active = kind, " ".join((name or "").split())[:MAX_NAME], is_active
    output.updated_by = user
    output.full_clean()
    try:
        with transaction.atomic():
            output.save()
    except IntegrityError:
        raise ApplicationError(_("มีผลผลิต/โครงการชื่อนี้ในรายการของปีนี้แล้ว")) from None
    return output
