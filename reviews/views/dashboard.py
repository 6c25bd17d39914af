"""Pages of the review area: thin (parse, fetch through access_*, call one service, respond)."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse

from reviews import permissions
from reviews.selectors.cached import alignment_summary_cached, dashboard_data_cached
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
            # issue 15: cached under a stamp of what it reads (reviews/selectors/cached.py)
            "alignment": alignment_summary_cached(user=request.user, fiscal_year=fiscal_year),
        },
    )


@login_required
def dashboard_data(request):
    require(permissions.can_view_dashboard(request.user))
    return JsonResponse(
        # issue 15: cached under a stamp of what it reads (reviews/selectors/cached.py)
        dashboard_data_cached(user=request.user, fiscal_year=fiscal_year_of(request)),
        json_dumps_params={"ensure_ascii": False},
    )
