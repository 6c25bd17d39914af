"""API of the review area (/api/v1/...): the same selectors, services and predicates as the pages."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from reviews import selectors, services
from reviews.apis.access import CentralOnly, ReadOrCentral
from reviews.serializers import (
    ProgrammeSerializer,
    RequestIdSerializer,
)

# --- programmes (R16)


class ProgrammeListApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated, ReadOrCentral]

    @extend_schema(responses=ProgrammeSerializer(many=True))
    def get(self, request):
        year = request.query_params.get("fiscal_year")
        return Response(
            ProgrammeSerializer(
                selectors.programme_list(fiscal_year=int(year) if (year or "").isdecimal() else None), many=True
            ).data
        )

    @extend_schema(request=ProgrammeSerializer, responses={201: ProgrammeSerializer})
    def post(self, request):
        data = ProgrammeSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        programme = services.programme_create(user=request.user, **data.validated_data)
        return Response(ProgrammeSerializer(programme).data, status=status.HTTP_201_CREATED)


class ProgrammeItemsApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated, ReadOrCentral]

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        programme = selectors.access_programme(user=request.user, programme_id=pk)
        items = selectors.programme_items(user=request.user, programme=programme)
        return Response(
            [
                {
                    "id": i.pk,
                    "request_id": i.request_id,
                    "reference": i.request.reference,
                    "title": i.request.title,
                    "amount": str(i.request.amount),
                }
                for i in items
            ]
        )

    @extend_schema(request=RequestIdSerializer, responses={201: None})
    def post(self, request, pk):
        data = RequestIdSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        item = services.programme_item_add(
            user=request.user, programme_id=pk, request_id=data.validated_data["request_id"]
        )
        return Response({"id": item.pk, "request_id": item.request_id}, status=status.HTTP_201_CREATED)


class ProgrammeItemRemoveApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated, CentralOnly]

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def delete(self, request, pk, item_id):
        selectors.access_programme_item(user=request.user, item_id=item_id, programme_id=pk)
        services.programme_item_remove(user=request.user, item_id=item_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
