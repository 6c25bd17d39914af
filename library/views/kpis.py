"""Joint KPI pages (R13): one page per fiscal year; the central team records KPIs and results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from library import selectors, services
from library.forms import JointKPIForm, RequestKPIResultForm
from library.permissions import can_edit_joint_kpis
from portal.forms import apply_service_errors
from portal.models import FiscalYear


def _default_year() -> int:
    current = FiscalYear.objects.current()
    if current is not None:
        return current.year
    years = selectors.joint_kpi_years()
    return years[0] if years else 2554


def joint_kpis(request, year=None):
    if year is None:
        raw = request.GET.get("fiscal_year", "")
        year = int(raw) if raw.isdigit() and 2500 <= int(raw) <= 2700 else _default_year()
    years = sorted(set(selectors.joint_kpi_years()) | {year, _default_year()}, reverse=True)
    return render(
        request,
        "library/joint_kpis.html",
        {
            "year": year,
            "years": years,
            "request_kpis": selectors.request_joint_kpi_list(fiscal_year=year),
            "workshop_kpis": selectors.workshop_joint_kpi_list(fiscal_year=year),
            "can_edit": can_edit_joint_kpis(request.user),
        },
    )


@login_required
def joint_kpi_create(request):
    if not can_edit_joint_kpis(request.user):
        raise PermissionDenied
    form = JointKPIForm(
        request.POST or None, initial={"fiscal_year": request.GET.get("fiscal_year") or _default_year()}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            kpi = services.joint_kpi_create(user=request.user, offices=data.pop("offices"), **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("บันทึกตัวชี้วัดร่วมแล้ว"))
            return redirect("library:joint-kpis-year", year=kpi.fiscal_year)
    return render(
        request,
        "library/form_page.html",
        {"form": form, "title": _("บันทึกตัวชี้วัดร่วมจากการประชุมเชิงปฏิบัติการ"), "back_url": reverse("library:joint-kpis")},
    )


@login_required
def joint_kpi_edit(request, kpi_id):
    kpi = selectors.access_joint_kpi(user=request.user, kpi_id=kpi_id)
    form = JointKPIForm(request.POST or None, instance=kpi)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            kpi = services.joint_kpi_update(user=request.user, kpi=kpi, offices=data.pop("offices"), **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("บันทึกตัวชี้วัดร่วมแล้ว"))
            return redirect("library:joint-kpis-year", year=kpi.fiscal_year)
    return render(
        request,
        "library/form_page.html",
        {"form": form, "title": _("แก้ไขตัวชี้วัดร่วม"), "back_url": reverse("library:joint-kpis")},
    )


@login_required
@require_POST
def request_kpi_result(request, kpi_id):
    kpi = selectors.access_request_joint_kpi(user=request.user, kpi_id=kpi_id)
    form = RequestKPIResultForm(request.POST)
    if form.is_valid():
        try:
            services.request_kpi_result_record(user=request.user, kpi=kpi, result=form.cleaned_data["result"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("บันทึกผลการดำเนินงานแล้ว"))
    else:
        messages.error(request, _("ผลการดำเนินงานยาวเกินไป (ไม่เกิน 200 ตัวอักษร)"))
    return redirect("library:joint-kpis-year", year=kpi.request.fiscal_year)
