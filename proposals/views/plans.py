from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusters.models import Office
from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors, flash_form_errors
from portal.models import FiscalYear
from portal.redirects import redirect_next
from portal.roles import scope_of
from proposals import permissions
from proposals.forms import ImportForm, PlanApprovalForm, PlanCreateForm, PlanForm
from proposals.models import PlanApproval, RequestEvent
from proposals.selectors.analysis import plan_analysis_get, plan_problem_table
from proposals.selectors.plans import access_plan, plan_list, plan_requests, plan_totals
from proposals.selectors.requests import access_request
from proposals.services import excel
from proposals.services.plans import plan_approval_record, plan_create, plan_update
from proposals.services.ranks import request_move, request_rank_set
from proposals.services.workflow_rules import committee_for
from proposals.views import error_text, fiscal_year_from, paginate


@login_required
def plan_list_view(request):
    year = request.GET.get("year", "")
    plans = plan_list(user=request.user, fiscal_year=int(year) if year.isdecimal() else None)
    return render(
        request,
        "proposals/plan_list.html",
        {
            "page": paginate(request, plans),
            "year": year,
            "can_create": bool(scope_of(request.user).office_ids),
        },
    )


@login_required
def plan_create_view(request):
    scope = scope_of(request.user)
    offices = Office.objects.filter(pk__in=scope.office_ids).order_by("kind", "name_th")
    if not scope.office_ids:
        raise PermissionDenied(_("เฉพาะเจ้าหน้าที่แผนจังหวัด/กลุ่มจังหวัดสร้างแผนได้"))
    year = fiscal_year_from(request)
    form = PlanCreateForm(request.POST or None, user=request.user, offices=offices, fiscal_year=year)
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_create(
                user=request.user,
                office_id=form.cleaned_data["office"].pk,
                fiscal_year=form.cleaned_data["fiscal_year"],
                title=form.cleaned_data["title"],
                vision=form.cleaned_data["vision"],
                strategic_issue_ids=form.cleaned_data["strategic_issues"],
            )
        except (ApplicationError, ValidationError) as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("สร้างแผนปฏิบัติราชการแล้ว"))
            return redirect("proposals:plan-detail", pk=plan.pk)
    return render(request, "proposals/plan_form.html", {"form": form, "creating": True})


@login_required
def plan_detail_view(request, pk):
    plan = access_plan(user=request.user, plan_id=pk)
    page = paginate(request, plan_requests(plan=plan, table=True))
    events = list(
        RequestEvent.objects.filter(request__plan=plan)
        .select_related("actor", "request")
        .order_by("-created_at", "-id")[:10]
    )
    return render(
        request,
        "proposals/plan_detail.html",
        {
            "plan": plan,
            "page": page,
            "totals": plan_totals(plan=plan),
            "events": events,
            "issues": plan.strategic_issues.all(),
            "can_edit": permissions.can_edit_plan(request.user, plan),
            # R3: reordering by drag, keyboard or ▲▼ while the plan is still a draft
            "can_rank": permissions.can_rank_plan(request.user, plan) and plan.status == plan.PlanStatus.DRAFT,
            # R11: a filed plan goes to the public library without re-uploading it
            "can_publish": permissions.can_publish_action_plan(request.user, plan),
            # R17: the committee's approval, required before submission when the year says so
            "approval": PlanApproval.objects.filter(plan=plan).first(),
            # "missing (required and none recorded) or required" is "required": one question
            "approval_required": FiscalYear.objects.filter(year=plan.fiscal_year, plan_approval_required=True).exists(),
            "approval_committee": committee_for(plan.office),
            "approval_form": PlanApprovalForm() if permissions.can_edit_plan(request.user, plan) else None,
        },
    )


@login_required
@require_POST
def plan_approval_view(request, pk):
    """R17: record the ก.บ.จ./ก.บ.ก. approval of the plan."""
    plan = access_plan(user=request.user, plan_id=pk)
    form = PlanApprovalForm(request.POST, request.FILES)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("proposals:plan-detail", pk=plan.pk)
    try:
        approval = plan_approval_record(
            user=request.user,
            plan_id=plan.pk,
            meeting_date=form.cleaned_data["meeting_date"],
            resolution_number=form.cleaned_data["resolution_number"],
            minutes=form.cleaned_data.get("minutes"),
            note=form.cleaned_data.get("note", ""),
        )
    except (ApplicationError, ValidationError) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request, _("บันทึกมติ %(c)s ที่เห็นชอบแผนแล้ว") % {"c": approval.get_committee_display().split(" ")[0]}
        )
    return redirect("proposals:plan-detail", pk=plan.pk)


@login_required
def plan_edit_view(request, pk):
    plan = access_plan(user=request.user, plan_id=pk)
    if not permissions.can_edit_plan(request.user, plan):
        raise PermissionDenied
    form = PlanForm(
        request.POST or None, user=request.user, instance=plan, office=plan.office, fiscal_year=plan.fiscal_year
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan_update(
                user=request.user,
                plan_id=plan.pk,
                title=form.cleaned_data["title"],
                vision=form.cleaned_data["vision"],
                strategic_issue_ids=form.cleaned_data["strategic_issues"],
            )
        except (ApplicationError, ValidationError) as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("บันทึกแผนแล้ว"))
            return redirect("proposals:plan-detail", pk=plan.pk)
    return render(request, "proposals/plan_form.html", {"form": form, "plan": plan})


@login_required
def plan_print_view(request, pk):
    plan = access_plan(user=request.user, plan_id=pk)
    return render(
        request,
        "proposals/plan_print.html",
        {
            "plan": plan,
            "requests": plan_requests(plan=plan, counted_only=True),
            "totals": plan_totals(plan=plan),
            "issues": plan.strategic_issues.all(),
            "printed_on": timezone.localdate(),
            # R3: the plan's analysis is printed with it
            "analysis": plan_analysis_get(plan=plan),
            "problem_table": plan_problem_table(plan=plan),
        },
    )


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=excel.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def plan_export_view(request, pk):
    plan = access_plan(user=request.user, plan_id=pk)
    return _xlsx(
        excel.plan_export_xlsx(plan=plan, requests=plan_requests(plan=plan)),
        f"plan-{plan.fiscal_year}-{plan.office_id}.xlsx",
    )


@login_required
def plan_template_view(request, pk):
    plan = access_plan(user=request.user, plan_id=pk)
    return _xlsx(excel.plan_template_xlsx(plan=plan), f"plan-template-{plan.fiscal_year}.xlsx")


@login_required
def plan_import_view(request, pk):
    plan = access_plan(user=request.user, plan_id=pk)
    if not permissions.can_add_request(request.user, plan):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            created = excel.plan_import_xlsx(user=request.user, plan_id=plan.pk, file=form.cleaned_data["file"])
        except ApplicationError as exc:
            apply_service_errors(form, exc)
            row_errors = exc.extra.get("errors", [])
        else:
            messages.success(request, _("นำเข้าคำขอ %(n)s รายการเป็นฉบับร่างแล้ว") % {"n": len(created)})
            return redirect("proposals:plan-detail", pk=plan.pk)
    return render(request, "proposals/plan_import.html", {"plan": plan, "form": form, "row_errors": row_errors})


@login_required
@require_POST
def request_move_view(request, pk, direction):
    target = access_request(user=request.user, request_id=pk)
    try:
        request_move(user=request.user, request_id=target.pk, direction=direction)
    except ApplicationError as exc:
        messages.error(request, error_text(exc))
    return redirect_next(request, "proposals:plan-detail", pk=target.plan_id)


@login_required
@require_POST
def request_rank_view(request, pk):
    """Put one request at a rank (the plan page's drag and keyboard reordering, plan_rank.js).
    Answers JSON {"ranks": {id: rank}} to a fetch, or redirects back for a plain form post."""
    target = access_request(user=request.user, request_id=pk)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        ranks = request_rank_set(user=request.user, request_id=target.pk, rank=request.POST.get("rank"))
    except ApplicationError as exc:
        if wants_json:
            return JsonResponse({"error": error_text(exc)}, status=exc.status_code)
        messages.error(request, error_text(exc))
    else:
        if wants_json:
            return JsonResponse({"ranks": {str(k): v for k, v in ranks.items()}, "rank": ranks[target.pk]})
    return redirect_next(request, "proposals:plan-detail", pk=target.plan_id)
