"""Workshops (R13): listed per fiscal year for everyone; recorded by the central team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from library import selectors, services
from library.forms_agreements import WorkshopForm
from library.permissions import can_edit_joint_kpis
from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors
from portal.models import FiscalYear


def _year(request) -> int:
    raw = request.POST.get("fiscal_year") or request.GET.get("fiscal_year") or ""
    if raw.isdecimal() and 2500 <= int(raw) <= 2700:
        return int(raw)
    current = FiscalYear.objects.current()
    return current.year if current else 2554


def workshop_list(request):
    year = _year(request)
    return render(
        request,
        "library/workshop_list.html",
        {
            "year": year,
            "workshops": selectors.workshop_list(fiscal_year=year),
            "can_edit": can_edit_joint_kpis(request.user),
        },
    )


def workshop_detail(request, workshop_id):
    workshop = selectors.workshop_get(workshop_id=workshop_id)
    return render(
        request,
        "library/workshop_detail.html",
        {
            "workshop": workshop,
            "kpis": selectors.workshop_kpis(workshop=workshop),
            "can_edit": can_edit_joint_kpis(request.user),
        },
    )


def _save(request, *, workshop=None):
    if not can_edit_joint_kpis(request.user):
        raise PermissionDenied
    year = workshop.fiscal_year if workshop and request.method != "POST" else _year(request)
    initial = {"fiscal_year": year}
    if workshop is not None:
        initial.update(
            {
                "held_on": workshop.held_on,
                "title": workshop.title,
                "venue": workshop.venue,
                "notes": workshop.notes,
                "offices": list(workshop.offices.all()),
                "ministries": list(workshop.ministries.all()),
                "kpis": list(workshop.kpis.all()),
            }
        )
    form = WorkshopForm(request.POST or None, initial=initial, fiscal_year=year, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            saved = services.workshop_record(
                user=request.user,
                workshop=workshop,
                offices=data.pop("offices"),
                ministries=data.pop("ministries"),
                kpis=list(data.pop("kpis")),
                **data,
            )
        except (ValidationError, ApplicationError) as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("บันทึกการประชุมเชิงปฏิบัติการแล้ว"))
            return redirect("library:workshop-detail", workshop_id=saved.pk)
    title = _("บันทึกการประชุมเชิงปฏิบัติการ") if workshop is None else _("แก้ไขการประชุมเชิงปฏิบัติการ")
    return render(
        request,
        "library/form_page.html",
        {"form": form, "title": title, "back_url": reverse("library:workshop-list") + f"?fiscal_year={year}"},
    )


@login_required
def workshop_create(request):
    return _save(request)


@login_required
def workshop_edit(request, workshop_id):
    return _save(request, workshop=selectors.workshop_get(workshop_id=workshop_id))
