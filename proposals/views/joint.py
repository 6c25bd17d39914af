"""Pages of R20 (across ministries and areas) and R3 (the plan's analysis): thin views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors
from proposals import permissions
from proposals.joint_forms import CoordinatorForm, JointForm, PlanAnalysisForm, partner_formset
from proposals.selectors.analysis import plan_analysis_get, plan_problem_table
from proposals.selectors.joint import joint_of
from proposals.selectors.plans import access_plan
from proposals.selectors.requests import access_request
from proposals.services.analysis import plan_analysis_set
from proposals.services.joint import (
    Basis,
    PartnerShare,
    can_name_coordinator,
    request_coordinator_set,
    request_joint_set,
)
from proposals.views import error_text


def _initial(target, joint) -> tuple[dict, list[dict]]:
    lead = joint.lead
    basis = Basis.AMOUNT if (lead and lead.amount is not None) else Basis.PERCENT
    initial = {
        "revision": target.revision,
        "basis": basis,
        "lead_share": (lead.amount if basis == Basis.AMOUNT else lead.percent) if lead else None,
        "provinces": [p.province_id for p in joint.provinces],
        "coordinator": joint.coordination.coordinator_id if joint.coordination else None,
        "coordinator_note": joint.coordination.note if joint.coordination else "",
    }
    partners = [
        {
            "ministry": s.ministry_id,
            "department": s.department_id,
            "share": s.amount if basis == Basis.AMOUNT else s.percent,
        }
        for s in joint.partners
    ]
    return initial, partners


@login_required
def request_joint_view(request, pk):
    """R20 as a step of the request form: partner ministries with shares, other provinces, and
    the central coordinator."""
    target = access_request(user=request.user, request_id=pk)
    if not permissions.can_edit_request(request.user, target):
        raise PermissionDenied
    own = target.office.province_ids(target.fiscal_year)
    joint = joint_of(request=target)
    data = request.POST if request.method == "POST" else None
    initial, partner_initial = _initial(target, joint)
    form = JointForm(data, initial=initial, own_province_ids=own)
    formset = partner_formset(
        data=data, initial=partner_initial if data is None else None, fiscal_year=target.fiscal_year
    )
    if data is not None and form.is_valid() and formset.is_valid():
        partners = [
            PartnerShare(
                ministry_id=f.cleaned_data["ministry"].pk,
                department_id=f.cleaned_data["department"].pk if f.cleaned_data.get("department") else None,
                share=f.cleaned_data["share"],
            )
            for f in formset.forms
            if f.cleaned_data.get("ministry") and not f.cleaned_data.get("DELETE")
        ]
        values = form.cleaned_data
        try:
            request_joint_set(
                user=request.user,
                request_id=target.pk,
                expected_revision=values["revision"],
                basis=values["basis"],
                lead_share=values["lead_share"],
                partners=partners,
                province_ids=[p.pk for p in values["provinces"]],
                coordinator_id=values["coordinator"].pk if values["coordinator"] else None,
                coordinator_note=values["coordinator_note"],
            )
        except (ApplicationError, ValidationError) as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("บันทึกกระทรวงร่วมและพื้นที่แล้ว"))
            return redirect("proposals:request-detail", pk=target.pk)
    return render(
        request,
        "proposals/request_joint.html",
        {"object": target, "form": form, "formset": formset, "joint": joint},
    )


@login_required
@require_POST
def request_coordinator_view(request, pk):
    target = access_request(user=request.user, request_id=pk)
    if not can_name_coordinator(request.user, target):
        raise PermissionDenied
    form = CoordinatorForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("ข้อมูลไม่ถูกต้อง"))
        return redirect("proposals:request-detail", pk=target.pk)
    coordinator = form.cleaned_data["coordinator"]
    try:
        request_coordinator_set(
            user=request.user,
            request_id=target.pk,
            coordinator_id=coordinator.pk if coordinator else None,
            note=form.cleaned_data["note"],
        )
    except ApplicationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("บันทึกผู้ประสานงานหลักแล้ว"))
    return redirect("proposals:request-detail", pk=target.pk)


@login_required
def plan_analysis_view(request, pk):
    """R3: the plan's own analysis comparing the severity of its problems (the office writes the
    text; the table comes from its requests)."""
    plan = access_plan(user=request.user, plan_id=pk)
    analysis = plan_analysis_get(plan=plan)
    can_edit = permissions.can_edit_plan(request.user, plan)
    form = None
    if can_edit:
        initial = {"summary": analysis.summary, "method": analysis.method} if analysis else None
        form = PlanAnalysisForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                plan_analysis_set(user=request.user, plan_id=plan.pk, **form.cleaned_data)
            except (ApplicationError, ValidationError) as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("บันทึกบทวิเคราะห์ของแผนแล้ว"))
                return redirect("proposals:plan-analysis", pk=plan.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "proposals/plan_analysis.html",
        {
            "plan": plan,
            "analysis": analysis,
            "problem_table": plan_problem_table(plan=plan),
            "form": form,
            "can_edit": can_edit,
            "today": timezone.localdate(),
        },
    )
