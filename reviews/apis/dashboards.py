"""The dashboards' figures as JSON (issue 14): the same scope, filters and selectors as the pages,
for the central team and cluster officers (403 for anyone else)."""

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.remembered import remembered
from reviews.dashboard_forms import DIMENSIONS, DashboardFilterForm
from reviews.selectors.dashboard_matrix import alignment_matrix
from reviews.selectors.dashboard_money import money_by
from reviews.selectors.dashboard_overview import overview_data
from reviews.selectors.dashboard_scope import can_view_dashboards, dashboard_requests, dashboard_scope


class DashboardViewer(drf_permissions.BasePermission):
    def has_permission(self, request, view):
        return can_view_dashboards(request.user)


class DashboardFiguresApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated, DashboardViewer]

    @extend_schema(
        request=None,
        responses=OpenApiTypes.OBJECT,
        parameters=[
            OpenApiParameter(name, OpenApiTypes.STR, required=False)
            for name in ("fiscal_year", "cluster", "province", "ministry", "category", "programme", "status", "by")
        ],
    )
    def get(self, request):
        from reviews.views.common import fiscal_year_of

        scope = dashboard_scope(user=request.user, fiscal_year=fiscal_year_of(request._request))
        form = DashboardFilterForm(request.query_params, scope=scope)
        filters = form.filters()
        if form.errors:
            return Response({"errors": form.errors}, status=400)
        dimension = form.chosen_dimension()
        # issue 15: remembered like the pages' figures, and dated the same way
        figures, as_of = remembered(
            "dashboard-api",
            (scope, filters, dimension),
            settings.DASHBOARD_FIGURES_SECONDS,
            lambda: _figures(scope, filters, dimension),
        )
        return Response({**figures, "as_of": as_of})


def _figures(scope, filters, dimension) -> dict:
    requests = dashboard_requests(scope=scope, filters=filters)
    return {
        "fiscal_year": scope.fiscal_year,
        "national": scope.national,
        **overview_data(scope=scope, filters=filters),
        "by": {
            "dimension": dimension,
            "label": str(DIMENSIONS[dimension]),
            "rows": money_by(requests, dimension, fiscal_year=scope.fiscal_year),
        },
        "matrix": alignment_matrix(scope=scope, filters=filters, requests=requests),
    }
