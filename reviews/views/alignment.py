"""Pages of the review area: thin (parse, fetch through access_*, call one service, respond)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors
from portal.roles import scope_of
from reviews import selectors, services
from reviews.forms import (
    StrategyMappingForm,
)
from reviews.views.common import fiscal_year_of

# --- R1 mapping table (issue 10)


def _mapping_form(request, fiscal_year, data=None):
    scope = scope_of(request.user)
    return StrategyMappingForm(
        data, fiscal_year=fiscal_year, ministry_ids=None if scope.is_central else scope.reviewer_ministry_ids
    )


@login_required
def alignment_map(request):
    """The year's mapping between strategic issues and ministry strategies (R1): the central team
    sees and keeps every row, a ministry the rows of its own strategies."""
    if not selectors.can_see_mappings(request.user):
        raise Http404
    fiscal_year = fiscal_year_of(request)
    form = _mapping_form(request, fiscal_year, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.strategy_mapping_set(
                    user=request.user,
                    fiscal_year=fiscal_year,
                    strategic_issue_id=form.cleaned_data["strategic_issue"].pk,
                    ministry_strategy_id=form.cleaned_data["ministry_strategy"].pk,
                    verdict=form.cleaned_data["verdict"],
                    note=form.cleaned_data["note"],
                )
            except ApplicationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("บันทึกความสอดคล้องแล้ว"))
                return redirect(f"{reverse('reviews:alignment-map')}?fiscal_year={fiscal_year}")
    rows = selectors.mappings_visible_to(request.user, fiscal_year=fiscal_year)
    return render(
        request,
        "reviews/alignment_map.html",
        {"rows": rows, "form": form, "fiscal_year": fiscal_year},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def alignment_map_delete(request, pk):
    services.strategy_mapping_delete(user=request.user, mapping_id=pk)
    messages.success(request, _("ลบแถวความสอดคล้องแล้ว"))
    return redirect(f"{reverse('reviews:alignment-map')}?fiscal_year={fiscal_year_of(request)}")
