"""The budget calendar page (R8): everyone reads it; the central team sets dates and extensions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors
from portal.models import FiscalYear
from proposals.forms import CalendarForm, ExtensionForm
from proposals.models import CalendarPhase, DeadlineExtension
from proposals.permissions import can_edit_calendar
from proposals.selectors.calendar import next_deadline_for, phases_for_year
from proposals.services.calendar import calendar_set, deadline_extension_grant, plan_approval_requirement_set
from proposals.views import error_text, fiscal_year_from


def _page(request, year, *, calendar_form=None, extension_form=None):
    phases = list(CalendarPhase.objects.filter(fiscal_year=year).order_by("closes_on", "opens_on"))
    editable = can_edit_calendar(request.user)
    return render(
        request,
        "proposals/calendar.html",
        {
            "year": year,
            "phases": phases,
            "extensions": DeadlineExtension.objects.filter(fiscal_year=year).select_related(
                "office", "ministry", "field_office", "granted_by"
            ),
            "mine": next_deadline_for(user=request.user, fiscal_year=year),
            "can_edit": editable,
            "approval_required": FiscalYear.objects.filter(year=year, plan_approval_required=True).exists(),
            "calendar_form": calendar_form or (CalendarForm(phases=phases_for_year(year)) if editable else None),
            "extension_form": extension_form or (ExtensionForm(fiscal_year=year) if editable else None),
        },
    )


@login_required
def calendar_view(request):
    return _page(request, fiscal_year_from(request))


@login_required
@require_POST
def calendar_edit_view(request):
    if not can_edit_calendar(request.user):
        raise PermissionDenied
    year = fiscal_year_from(request)
    form = CalendarForm(request.POST, phases=phases_for_year(year))
    if form.is_valid():
        try:
            calendar_set(user=request.user, fiscal_year=year, phases=form.phases())
        except ValidationError as exc:
            for kind, errors in exc.message_dict.items():
                form.add_error(f"{kind}__closes_on" if f"{kind}__closes_on" in form.fields else None, errors)
        except ApplicationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("บันทึกปฏิทินงบประมาณปี %(year)s แล้ว") % {"year": year})
            return redirect(reverse("proposals:calendar") + f"?year={year}")
    return _page(request, year, calendar_form=form)


@login_required
@require_POST
def calendar_extension_view(request):
    if not can_edit_calendar(request.user):
        raise PermissionDenied
    year = fiscal_year_from(request)
    form = ExtensionForm(request.POST, fiscal_year=year)
    if form.is_valid():
        data = form.cleaned_data
        try:
            deadline_extension_grant(
                user=request.user,
                fiscal_year=year,
                kind=data["kind"],
                closes_on=data["closes_on"],
                reason=data["reason"],
                office=data["office"],
                ministry=data["ministry"],
                field_office=data["field_office"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except ApplicationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("ขยายกำหนดส่งแล้ว"))
            return redirect(reverse("proposals:calendar") + f"?year={year}")
    return _page(request, year, extension_form=form)


@login_required
@require_POST
def calendar_approval_view(request):
    """R17: require the ก.บ.จ./ก.บ.ก. approval of plans before requests are submitted this year."""
    if not can_edit_calendar(request.user):
        raise PermissionDenied
    year = fiscal_year_from(request)
    required = request.POST.get("plan_approval_required") == "on"
    plan_approval_requirement_set(user=request.user, fiscal_year=year, required=required)
    messages.success(
        request,
        _("ปีงบประมาณ %(year)s: ต้องบันทึกมติ ก.บ.จ./ก.บ.ก. ก่อนส่งคำขอ") % {"year": year}
        if required
        else _("ปีงบประมาณ %(year)s: ไม่บังคับบันทึกมติ ก.บ.จ./ก.บ.ก. ก่อนส่งคำขอ") % {"year": year},
    )
    return redirect(reverse("proposals:calendar") + f"?year={year}")
