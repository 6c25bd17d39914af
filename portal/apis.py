from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from portal.roles import scope_of


class ApiDocsPermission(permissions.BasePermission):
    """The schema and its docs page: public while developing, signed-in only in production
    (issue 13; API_DOCS_PUBLIC overrides). Read at request time so one setting governs both."""

    def has_permission(self, request, view):
        if getattr(settings, "API_DOCS_PUBLIC", False):
            return True
        return bool(request.user and request.user.is_authenticated)


class ApiRootApi(APIView):
    """Index of the API's endpoints."""

    @extend_schema(exclude=True)
    def get(self, request):
        names = [
            "region-list",
            "province-list",
            "cluster-list",
            "office-list",
            "strategic-issue-list",
            "ministry-list",
            "department-list",
            "field-office-list",
            "ministry-strategy-list",
            "central-agency-list",
            "work-category-list",
            "me",
        ]
        links = {}
        for name in names:
            links[name] = reverse(f"api:{name}", request=request)
        links["schema"] = reverse("api:schema", request=request)
        return Response(links)


class MeApi(APIView):
    class OutputSerializer(serializers.Serializer):
        username = serializers.CharField()
        full_name = serializers.CharField()
        roles = serializers.ListField(child=serializers.CharField())

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        scope = scope_of(request.user)
        return Response(
            {
                "username": request.user.get_username(),
                "full_name": request.user.get_full_name(),
                "roles": sorted(scope.roles),
            }
        )
