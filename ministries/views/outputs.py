"""Pages of the ministry's outputs and projects (R21)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ministries.forms import (
    MinistryOutputForm,
    OutputFilterForm,
)
from ministries.selectors import (
    output_get,
    output_list,
    own_request_owners,
)
from ministries.services import ministry_output_save
from ministries.views.own_requests import _current_year
from portal.exceptions import ApplicationError, NotAllowed

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
