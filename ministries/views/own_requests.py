"""Pages of the ministries' own requests of the cycle (R6): list, upload, template, one-row form."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ministries.forms import (
    OwnRequestFilterForm,
    OwnRequestLineForm,
    OwnRequestUploadForm,
)
from ministries.importing import FileFormatError, read_upload
from ministries.models import BudgetLineImport
from ministries.permissions import can_enter_own_requests, can_view_own_requests
from ministries.selectors import (
    access_own_request,
    own_request_list,
    own_request_owners,
)
from ministries.services import own_requests_import
from portal.exceptions import NotAllowed

# --- the ministries' own requests of the cycle (R6) ------------------------------------------------


def _current_year() -> int | None:
    from portal.models import FiscalYear

    current = FiscalYear.objects.current()
    return current.year if current else None


def _own_request_page(request, *, upload_form=None, batch=None, status=200):
    if not can_view_own_requests(request.user):
        raise PermissionDenied
    owners = own_request_owners(request.user)
    filters = OwnRequestFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    queryset = own_request_list(user=request.user, fiscal_year=chosen.get("fiscal_year"), q=chosen.get("q", ""))
    context = {
        "filter_form": filters,
        "page": Paginator(queryset, 50).get_page(request.GET.get("page")),
        "can_enter": bool(owners),
        "upload_form": upload_form or (OwnRequestUploadForm(owners=owners) if owners else None),
        "batch": batch,
        "fiscal_year": _current_year(),
    }
    return render(request, "ministries/own_requests.html", context, status=status)


@login_required
@require_GET
def own_request_list_view(request):
    """ "คำขอของกระทรวง": a ministry's own requests of the cycle; the central team reads all (R6)."""
    return _own_request_page(request)


def _import_messages(request, batch) -> None:
    if batch.status == BudgetLineImport.Status.DONE:
        messages.success(
            request,
            _("บันทึกคำขอของกระทรวงแล้ว: เพิ่มใหม่ %(created)s ปรับปรุง %(updated)s ไม่เปลี่ยนแปลง %(unchanged)s")
            % {"created": batch.created, "updated": batch.updated, "unchanged": batch.unchanged},
        )
        messages.info(
            request,
            _("คำขอของจังหวัดที่ยังพิจารณาอยู่ %(count)s รายการ ส่งเข้าคิวตรวจความซ้ำซ้อนใหม่แล้ว")
            % {"count": f"{batch.rescreens_queued:,}"},
        )


@login_required
@require_POST
def own_request_upload(request):
    owners = own_request_owners(request.user)
    if not owners:
        raise PermissionDenied
    form = OwnRequestUploadForm(request.POST, request.FILES, owners=owners)
    if form.is_valid():
        ministry, department = form.cleaned_data["owner"]
        upload = form.cleaned_data["file"]
        try:
            batch = own_requests_import(
                user=request.user,
                rows=read_upload(upload),
                file_name=upload.name,
                ministry=ministry,
                department=department,
            )
        except FileFormatError as exc:
            form.add_error("file", str(exc))
        except NotAllowed as exc:
            form.add_error("owner", str(exc.message))
        else:
            if batch.status == BudgetLineImport.Status.DONE:
                _import_messages(request, batch)
                return redirect("ministries:own-request-list")
            messages.error(request, _("ไม่ได้บันทึก: ข้อมูลผิดพลาด %(count)s แถว") % {"count": batch.error_count})
            return _own_request_page(request, upload_form=form, batch=batch, status=400)
    return _own_request_page(request, upload_form=form, status=400)


@login_required
@require_GET
def own_request_template(request):
    """The upload template: the budget-line columns, with one example row of the user's ministry."""
    owners = own_request_owners(request.user)
    if not owners:
        raise PermissionDenied
    from openpyxl import Workbook

    from ministries.importing import COLUMNS
    from portal.spreadsheets import row_append

    _key, ministry, department = owners[0]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "own_requests"
    row_append(sheet, COLUMNS)
    example = {
        "REF": "1",
        "MINISTRY": ministry.name_th,
        "BUDGETARY_UNIT": department.name_th if department else ministry.name_th,
        "OUTPUT": "",
        "PROJECT": "",
        "ITEM_DESCRIPTION": _("ก่อสร้างฝายบ้านตัวอย่าง ตำบล... อำเภอ... จังหวัด..."),
        "FISCAL_YEAR_BE": _current_year() or "",
        "AMOUNT_BAHT": 1000000,
    }
    row_append(sheet, [example.get(column, "") for column in COLUMNS])
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="ministry_own_requests_template.xlsx"'
    workbook.save(response)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def own_request_edit(request, line_id=None):
    """Type in one own request, or change one (by its REF within the owner)."""
    owners = own_request_owners(request.user)
    if not owners:
        raise PermissionDenied
    line = access_own_request(user=request.user, line_id=line_id) if line_id else None
    initial = {"fiscal_year": _current_year()}
    if line is not None:
        if not can_enter_own_requests(request.user, ministry_id=line.ministry_id, department_id=line.department_id):
            raise PermissionDenied  # the central team reads every ministry's requests, enters none
        keys = {key for key, *_rest in owners}
        key = f"d{line.department_id}" if f"d{line.department_id}" in keys else f"m{line.ministry_id}"
        initial = {
            "owner": key,
            "ref": line.own_ref,
            "fiscal_year": line.fiscal_year,
            "budget_plan": line.budget_plan,
            "output": line.output,
            "project": line.project,
            "category": line.category,
            "item": line.item_text,
            "amount": line.amount,
        }
    form = OwnRequestLineForm(request.POST or None, owners=owners, initial=initial)
    if line is not None:  # a change keeps the line's owner and REF (else it would be another line)
        form.fields["ref"].disabled = form.fields["owner"].disabled = True
    batch = None
    if request.method == "POST" and form.is_valid():
        ministry, department = form.cleaned_data["owner"]
        ref = form.cleaned_data["ref"] or (line.own_ref if line else uuid.uuid4().hex[:8].upper())
        try:
            batch = own_requests_import(
                user=request.user,
                rows=[(2, form.row(ref))],
                file_name=_("บันทึกทางหน้าจอ"),
                ministry=ministry,
                department=department,
                channel="own-form",
            )
        except NotAllowed as exc:
            form.add_error("owner", str(exc.message))
        else:
            if batch.status == BudgetLineImport.Status.DONE:
                _import_messages(request, batch)
                return redirect("ministries:own-request-list")
            for error in batch.errors:
                form.add_error(None, error["message"])
    return render(request, "ministries/own_request_form.html", {"form": form, "line": line})
