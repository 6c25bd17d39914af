"""The central team's dashboards (issue 14): overview with the map, the alignment matrix, tables by
dimension, the drill-down list, the XLSX export of what is shown and the ก.น.จ. briefing.

Thin: parse the filters through the scope-limited form, call the selectors, render. A person who
is neither the central team nor a cluster officer gets 403 on every one of them.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from reviews.dashboard_export import dashboard_workbook
from reviews.dashboard_forms import DIMENSIONS, METRICS, DashboardFilterForm, filter_query
from reviews.selectors.dashboard_matrix import alignment_matrix
from reviews.selectors.dashboard_money import money_by
from reviews.selectors.dashboard_overview import map_of, overview_data, overview_figures, top_items
from reviews.selectors.dashboard_scope import can_view_dashboards, dashboard_requests, dashboard_scope
from reviews.views.common import fiscal_year_of, require


def _parse(request):
    fiscal_year = fiscal_year_of(request)
    scope = dashboard_scope(user=request.user, fiscal_year=fiscal_year)
    require(scope is not None)
    form = DashboardFilterForm(request.GET, scope=scope)
    filters = form.filters()
    return scope, form, filters


def _common(scope, form, filters, **extra):
    return {
        "fiscal_year": scope.fiscal_year,
        "scope": scope,
        "form": form,
        "filters": filters,
        "query": filter_query(filters, scope.fiscal_year),
        **extra,
    }


@login_required
def dashboard(request):
    """The first dashboard's address (issue 5), kept for bookmarks and old links: the overview
    replaced its charts and JSON (issue 14), so it sends the person there for the same year."""
    require(can_view_dashboards(request.user))
    return redirect(f"{reverse('reviews:dashboards')}?fiscal_year={fiscal_year_of(request)}")


@login_required
def dashboards(request):
    scope, form, filters = _parse(request)
    data, as_of = overview_figures(scope=scope, filters=filters)
    metric = form.chosen_metric()
    return render(
        request,
        "reviews/dashboard_overview.html",
        _common(
            scope,
            form,
            filters,
            data=data,
            as_of=as_of,
            map=map_of(scope=scope, filters=filters, by_province=data["by_province"], metric=metric),
            metric=metric,
            metric_label=METRICS[metric],
            trend_max=max([d["count"] for d in data["trend"]] or [0]),
        ),
    )


@login_required
def dashboards_matrix(request):
    scope, form, filters = _parse(request)
    requests = dashboard_requests(scope=scope, filters=filters)
    return render(
        request,
        "reviews/dashboard_matrix.html",
        _common(scope, form, filters, matrix=alignment_matrix(scope=scope, filters=filters, requests=requests)),
    )


@login_required
def dashboards_table(request):
    scope, form, filters = _parse(request)
    dimension = form.chosen_dimension()
    requests = dashboard_requests(scope=scope, filters=filters)
    return render(
        request,
        "reviews/dashboard_table.html",
        _common(
            scope,
            form,
            filters,
            dimension=dimension,
            dimension_label=DIMENSIONS[dimension],
            rows=money_by(requests, dimension, fiscal_year=scope.fiscal_year),
        ),
    )


@login_required
def dashboards_requests(request):
    scope, form, filters = _parse(request)
    requests = (
        dashboard_requests(scope=scope, filters=filters)
        .select_related("office", "reviewing_ministry", "category", "ministry_strategy")
        .order_by("-amount", "reference")
    )
    page = Paginator(requests, 50).get_page(request.GET.get("page"))
    return render(request, "reviews/dashboard_requests.html", _common(scope, form, filters, page=page))


@login_required
def dashboards_xlsx(request):
    scope, form, filters = _parse(request)
    content = dashboard_workbook(scope=scope, filters=filters, dimension=form.chosen_dimension())
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="dashboard-{scope.fiscal_year}.xlsx"'
    return response


@login_required
def dashboards_briefing(request):
    scope, form, filters = _parse(request)
    data = overview_data(scope=scope, filters=filters)
    requests = dashboard_requests(scope=scope, filters=filters)
    return render(
        request,
        "reviews/dashboard_briefing.html",
        _common(
            scope,
            form,
            filters,
            data=data,
            map=map_of(scope=scope, filters=filters, by_province=data["by_province"], metric="amount"),
            matrix=alignment_matrix(scope=scope, filters=filters, requests=requests),
            top=top_items(requests),
            printed_on=timezone.localdate(),
        ),
    )
