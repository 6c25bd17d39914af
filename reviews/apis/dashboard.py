"""API of the review area (/api/v1/...): the same selectors, services and predicates as the pages."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from reviews import selectors
from reviews.apis.access import CentralOnly

# --- dashboard


class DashboardDataApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated, CentralOnly]

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def get(self, request):
        from reviews.forms import current_year

        year = request.query_params.get("fiscal_year")
        return Response(
            selectors.dashboard_data(
                user=request.user, fiscal_year=int(year) if (year or "").isdecimal() else current_year()
            )
        )
