"""Pages of the review area: thin (parse, fetch through access_*, call one service, respond)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ministries.models import Department, Ministry
from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors
from portal.roles import scope_of
from reviews import permissions, selectors, services
from reviews.forms import (
    EnvelopeForm,
    EnvelopeRaiseForm,
)
from reviews.views.common import require

# --- support envelopes (R15)


@login_required
def envelope_list(request):
    scope = scope_of(request.user)
    require(scope.is_central or bool(scope.reviewer_ministry_ids))
    ministries = Ministry.objects.filter(pk__in=scope.reviewer_ministry_ids)
    departments = Department.objects.filter(ministry__in=scope.ministry_ids) | Department.objects.filter(
        pk__in=scope.department_ids
    )
    form = None
    if scope.reviewer_ministry_ids:
        form = EnvelopeForm(
            request.POST or None, user=request.user, ministries=ministries, departments=departments.distinct()
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                envelope = services.envelope_create(
                    user=request.user,
                    ministry_id=data["ministry"].pk,
                    fiscal_year=data["fiscal_year"],
                    department_id=data["department"].pk if data["department"] else None,
                    base_budget=data["base_budget"] or 0,
                    share_percent=data["share_percent"],
                    fixed_amount=data["fixed_amount"],
                    note=data["note"],
                )
            except (ApplicationError, ValidationError) as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("กำหนดกรอบวงเงินสนับสนุนแล้ว"))
                return redirect("reviews:envelope-detail", pk=envelope.pk)
    elif request.method == "POST":
        raise PermissionDenied
    fiscal_year = request.GET.get("fiscal_year")
    return render(
        request,
        "reviews/envelope_list.html",
        {
            "envelopes": selectors.envelope_list(
                user=request.user, fiscal_year=int(fiscal_year) if (fiscal_year or "").isdecimal() else None
            ),
            "form": form,
        },
        status=400 if (form is not None and form.errors) else 200,
    )


@login_required
def envelope_detail(request, pk):
    envelope = selectors.access_envelope(user=request.user, envelope_id=pk)
    can_manage = permissions.can_manage_envelope(request.user, envelope)
    form = None
    if can_manage:
        initial = {
            "base_budget": envelope.base_budget,
            "share_percent": envelope.share_percent,
            "fixed_amount": envelope.fixed_amount,
        }
        form = EnvelopeRaiseForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.envelope_raise(
                    user=request.user,
                    envelope_id=envelope.pk,
                    reason=data["reason"],
                    base_budget=data["base_budget"],
                    share_percent=data["share_percent"],
                    fixed_amount=data["fixed_amount"],
                )
            except (ApplicationError, ValidationError) as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("ปรับกรอบวงเงินแล้ว"))
                return redirect("reviews:envelope-detail", pk=envelope.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "reviews/envelope_detail.html",
        {
            "envelope": envelope,
            "draws": selectors.envelope_draws(envelope=envelope),
            "changes": selectors.envelope_changes(envelope=envelope),
            "form": form,
            "can_manage": can_manage,
        },
        status=400 if (form is not None and form.errors) else 200,
    )
