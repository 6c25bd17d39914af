from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from portal.roles import scope_of


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
