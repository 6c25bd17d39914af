"""Pages of the review area: thin (parse, fetch through access_*, call one service, respond)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ministries.models import Ministry, WorkCategory
from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors
from portal.scoping import id_param
from proposals.models import ActionPlan
from reviews import permissions, selectors, services
from reviews.forms import (
    RuleCellForm,
    RuleCellPickForm,
)
from reviews.views.common import fiscal_year_of, require

# --- responsibility framework (R5)


@login_required
def framework(request):
    fiscal_year = fiscal_year_of(request)
    return render(
        request,
        "reviews/framework.html",
        {
            "matrix": selectors.framework_matrix(fiscal_year=fiscal_year),
            "fiscal_year": fiscal_year,
            "can_manage": permissions.can_manage_framework(request.user),
            "pick_form": RuleCellPickForm(),
        },
    )


@login_required
def framework_cell(request, category_id, ministry_id):
    require(permissions.can_manage_framework(request.user))
    category = WorkCategory.objects.filter(pk=category_id).first()
    ministry = Ministry.objects.filter(pk=ministry_id).first()
    if category is None or ministry is None:
        raise Http404
    fiscal_year = fiscal_year_of(request)
    rule = selectors.rule_for_cell(category_id=category.pk, ministry_id=ministry.pk, fiscal_year=fiscal_year)
    initial = {
        "owned": rule is not None,
        "department": rule.department_id if rule else None,
        "province_may_fund": rule.province_may_fund if rule else False,
        "note": rule.note if rule else "",
    }
    form = RuleCellForm(request.POST or None, initial=initial, ministry=ministry)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.responsibility_rule_set(
                user=request.user,
                category_id=category.pk,
                ministry_id=ministry.pk,
                fiscal_year=fiscal_year,
                owned=data["owned"],
                department_id=data["department"].pk if data["department"] else None,
                province_may_fund=data["province_may_fund"],
                note=data["note"],
            )
        except ApplicationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("บันทึกกรอบความรับผิดชอบแล้ว"))
            return redirect(f"{reverse('reviews:framework')}?fiscal_year={fiscal_year}")
    return render(
        request,
        "reviews/framework_cell.html",
        {
            "form": form,
            "category": category,
            "ministry": ministry,
            "rule": rule,
            "fiscal_year": fiscal_year,
        },
    )


@login_required
@require_GET
def framework_pick(request):
    require(permissions.can_manage_framework(request.user))
    form = RuleCellPickForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("กรุณาเลือกหมวดงานและกระทรวง"))
        return redirect("reviews:framework")
    url = reverse("reviews:framework-cell", args=[form.cleaned_data["category"].pk, form.cleaned_data["ministry"].pk])
    return redirect(f"{url}?fiscal_year={fiscal_year_of(request)}")


@login_required
@require_GET
def framework_check(request):
    """htmx fragment for the planner's request form: the R5 warning for the chosen category.
    The fiscal year comes from the form's plan (one the planner may see) or the year given."""
    fiscal_year = None
    plan_id = request.GET.get("plan")
    if plan_id and plan_id.isdecimal():
        plan = ActionPlan.objects.visible_to(request.user).filter(pk=plan_id).only("fiscal_year").first()
        fiscal_year = plan.fiscal_year if plan else None
    if fiscal_year is None:
        fiscal_year = fiscal_year_of(request)
    category = request.GET.get("category")
    warning = selectors.framework_warning_for(
        category_id=id_param(category),
        fiscal_year=fiscal_year,
        funding_channel=request.GET.get("funding_channel") or None,
        target_ministry_id=id_param(request.GET.get("target_ministry")),
    )
    return render(request, "reviews/includes/framework_check.html", {"warning": warning})
