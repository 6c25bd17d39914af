"""HTML pages of the ministries area: budget lines and their import (administrators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ministries.forms import (
    BudgetLineFilterForm,
    BudgetLineImportForm,
)
from ministries.importing import FileFormatError, read_upload
from ministries.models import BudgetLineImport
from ministries.permissions import can_import_budget_lines
from ministries.selectors import (
    budget_line_list,
    import_batch_get,
    import_batch_list,
)
from ministries.services import budget_lines_import


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
                line_source=form.cleaned_data["line_source"],
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
