"""Pages of the review area: thin (parse, fetch through access_*, call one service, respond)."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse

from proposals.models import ProjectRequest
from reviews import permissions, selectors
from reviews.views.common import fiscal_year_of, require

# --- dashboard (issue 5 item 6)


@login_required
def dashboard(request):
    require(permissions.can_view_dashboard(request.user))
    fiscal_year = fiscal_year_of(request)
    return render(
        request,
        "reviews/dashboard.html",
        {
            "fiscal_year": fiscal_year,
            "data_url": f"{reverse('reviews:dashboard-data')}?fiscal_year={fiscal_year}",
            "alignment": selectors.alignment_summary(
                ProjectRequest.objects.visible_to(request.user).filter(fiscal_year=fiscal_year)
            ),
        },
    )


@login_required
def dashboard_data(request):
    require(permissions.can_view_dashboard(request.user))
    return JsonResponse(
        selectors.dashboard_data(user=request.user, fiscal_year=fiscal_year_of(request)),
        json_dumps_params={"ensure_ascii": False},
    )
