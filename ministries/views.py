"""HTML pages of the ministries area: budget lines and their import (administrators), the
ministries' own requests of the cycle (R6) and their output/project lists (R21)."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ministries.forms import (
    BudgetLineFilterForm,
    BudgetLineImportForm,
    MinistryOutputForm,
    OutputFilterForm,
    OwnRequestFilterForm,
    OwnRequestLineForm,
    OwnRequestUploadForm,
)
from ministries.importing import FileFormatError, read_upload
from ministries.models import BudgetLineImport
from ministries.permissions import can_enter_own_requests, can_import_budget_lines, can_view_own_requests
from ministries.selectors import (
    access_own_request,
    budget_line_list,
    import_batch_get,
    import_batch_list,
    output_get,
    output_list,
    own_request_list,
    own_request_owners,
)
from ministries.services import budget_lines_import, ministry_output_save, own_requests_import
from portal.exceptions import ApplicationError, NotAllowed


@login_required
@require_http_methods(["GET", "POST"])
def budget_line_import(request):
    if not can_import_budget_lines(request.user):
        raise PermissionDenied
    form = BudgetLineImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = budget_lines_import(
                rows=read_upload(upload),
                file_name=upload.name,
                user=request.user,
                source="web",
                allow_partial=form.cleaned_data["skip_invalid"],
            )
        except FileFormatError as exc:
            form.add_error("file", str(exc))
        else:
            if batch.status == BudgetLineImport.Status.DONE:
                messages.success(
                    request,
                    _("นำเข้าแล้ว: เพิ่มใหม่ %(created)s ปรับปรุง %(updated)s ไม่เปลี่ยนแปลง %(unchanged)s")
                    % {
                        "created": f"{batch.created:,}",
                        "updated": f"{batch.updated:,}",
                        "unchanged": f"{batch.unchanged:,}",
                    },
                )
                # issue 12 point 5: the import queues the re-screening of open requests, never waits on it
                messages.info(
                    request,
                    _("คำขอที่ยังพิจารณาอยู่ %(count)s รายการ ส่งเข้าคิวตรวจความซ้ำซ้อนใหม่แล้ว")
                    % {"count": f"{batch.rescreens_queued:,}"},
                )
            else:
                messages.error(request, _("ไม่ได้นำเข้า: ข้อมูลผิดพลาด %(count)s แถว") % {"count": f"{batch.error_count:,}"})
            return redirect("ministries:budget-line-import-detail", batch_id=batch.pk)
    return render(request, "ministries/budget_line_import.html", {"form": form, "batches": import_batch_list()[:20]})


@login_required
@require_GET
def budget_line_import_detail(request, batch_id):
    if not can_import_budget_lines(request.user):
        raise PermissionDenied
    return render(request, "ministries/budget_line_import_detail.html", {"batch": import_batch_get(batch_id=batch_id)})


@login_required
@require_GET
def budget_line_list_view(request):
    """Ministries' budget lines: public budget documents, searchable by every signed-in user (R2)."""
    form = BudgetLineFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = budget_line_list(
        fiscal_year=filters.get("fiscal_year"), province=filters.get("province", ""), q=filters.get("q", "")
    )
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "ministries/budget_line_list.html",
        {"form": form, "page": page, "can_import": can_import_budget_lines(request.user)},
    )


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


# --- the ministry's outputs and projects (R21) ------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def output_list_view(request, output_id=None):
    """Every signed-in user reads a ministry's output/project list (planners choose from it); the
    ministry and its departments add and change their own entries."""
    filters = OutputFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    year = chosen.get("fiscal_year") or _current_year()
    ministry = chosen.get("ministry")
    queryset = output_list(fiscal_year=year, ministry_id=ministry.pk if ministry else None)
    owners = own_request_owners(request.user)
    output = output_get(output_id=output_id) if output_id else None
    initial = {"fiscal_year": year}
    if output is not None:
        key = f"d{output.department_id}" if output.department_id else f"m{output.ministry_id}"
        initial = {
            "owner": key,
            "fiscal_year": output.fiscal_year,
            "kind": output.kind,
            "name": output.name,
            "is_active": output.is_active,
        }
    form = MinistryOutputForm(request.POST or None, owners=owners, initial=initial) if owners else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            ministry_of, department = form.cleaned_data["owner"]
            try:
                ministry_output_save(
                    user=request.user,
                    output=output,
                    fiscal_year=form.cleaned_data["fiscal_year"],
                    ministry=ministry_of,
                    department=department,
                    kind=form.cleaned_data["kind"],
                    name=form.cleaned_data["name"],
                    is_active=form.cleaned_data["is_active"],
                )
            except NotAllowed:
                raise PermissionDenied from None
            except (ApplicationError, ValidationError) as exc:
                form.add_error(None, getattr(exc, "message", None) or " ".join(exc.messages))
            else:
                messages.success(request, _("บันทึกผลผลิต/โครงการแล้ว"))
                return redirect(f"{reverse('ministries:output-list')}?fiscal_year={form.cleaned_data['fiscal_year']}")
    return render(
        request,
        "ministries/outputs.html",
        {
            "filter_form": filters,
            "page": Paginator(queryset, 100).get_page(request.GET.get("page")),
            "form": form,
            "output": output,
            "fiscal_year": year,
        },
        status=400 if form is not None and form.errors else 200,
    )
