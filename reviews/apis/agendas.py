"""API of the review area (/api/v1/...): the same selectors, services and predicates as the pages."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.models import Committee, CommitteeMeeting
from reviews import selectors, services
from reviews.apis.access import CentralOnly
from reviews.serializers import (
    AgendaDecisionInputSerializer,
    AgendaItemSerializer,
    AgendaSerializer,
    RequestIdSerializer,
)

# --- the ก.น.จ. agenda


class AgendaListApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated, CentralOnly]

    @extend_schema(responses=AgendaSerializer(many=True))
    def get(self, request):
        year = request.query_params.get("fiscal_year")
        return Response(
            AgendaSerializer(
                selectors.agenda_list(fiscal_year=int(year) if (year or "").isdecimal() else None), many=True
            ).data
        )

    @extend_schema(request=AgendaSerializer, responses={201: AgendaSerializer})
    def post(self, request):
        data = AgendaSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        v = data.validated_data
        committee = Committee.objects.filter(pk=v["committee_id"]).first()
        if committee is None:
            return Response({"committee": ["ไม่พบคณะกรรมการ"]}, status=400)
        meeting = CommitteeMeeting.objects.filter(pk=v["meeting_id"]).first() if v["meeting_id"] else None
        agenda = services.agenda_create(
            user=request.user, committee=committee, meeting=meeting, fiscal_year=v["fiscal_year"], title=v["title"]
        )
        return Response(AgendaSerializer(agenda).data, status=status.HTTP_201_CREATED)


class AgendaDetailApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated, CentralOnly]

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        agenda = selectors.access_agenda(user=request.user, agenda_id=pk)
        items = selectors.agenda_items(agenda=agenda)
        summary = selectors.agenda_summary(items)
        return Response(
            {**AgendaSerializer(agenda).data, "items": AgendaItemSerializer(items, many=True).data, "summary": summary}
        )

    @extend_schema(request=AgendaSerializer, responses=AgendaSerializer)
    def patch(self, request, pk):
        agenda = selectors.access_agenda(user=request.user, agenda_id=pk)
        # validated like the create: a meeting id of "abc" or 2**64 is a 400, not a 500 (make audit)
        data = AgendaSerializer(data=request.data, partial=True, context={"request": request})
        data.is_valid(raise_exception=True)
        kwargs = {}
        if "title" in data.validated_data:
            kwargs["title"] = data.validated_data["title"]
        if "meeting_id" in data.validated_data:
            meeting_id = data.validated_data["meeting_id"]
            kwargs["meeting"] = CommitteeMeeting.objects.filter(pk=meeting_id).first() if meeting_id else None
        agenda = services.agenda_update(user=request.user, agenda_id=agenda.pk, **kwargs)
        return Response(AgendaSerializer(agenda).data)

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def delete(self, request, pk):
        agenda = selectors.access_agenda(user=request.user, agenda_id=pk)
        services.agenda_delete(user=request.user, agenda_id=agenda.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AgendaEligibleApi(APIView):
    """Endorsed requests of the agenda's year whose flags are all ruled, and those held back."""

    permission_classes = [drf_permissions.IsAuthenticated, CentralOnly]

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        agenda = selectors.access_agenda(user=request.user, agenda_id=pk)

        def row(r):
            return {
                "id": r.pk,
                "reference": r.reference,
                "title": r.title,
                "amount": str(r.amount),  # noqa: E731
                "office": r.office.name_th,
            }

        return Response(
            {
                "eligible": [row(r) for r in selectors.agenda_eligible_requests(fiscal_year=agenda.fiscal_year)],
                "held_back": [row(r) for r in selectors.agendas_held_back(fiscal_year=agenda.fiscal_year)],
            }
        )


class AgendaItemAddApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated, CentralOnly]

    @extend_schema(request=RequestIdSerializer, responses={201: None})
    def post(self, request, pk):
        agenda = selectors.access_agenda(user=request.user, agenda_id=pk)
        data = RequestIdSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        item = services.agenda_item_add(
            user=request.user, agenda_id=agenda.pk, request_id=data.validated_data["request_id"]
        )
        return Response(
            {"id": item.pk, "order": item.order, "request_id": item.request_id}, status=status.HTTP_201_CREATED
        )


class AgendaFinaliseApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated, CentralOnly]

    @extend_schema(request=OpenApiTypes.OBJECT, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk):
        agenda = services.agenda_finalise(
            user=request.user, agenda_id=selectors.access_agenda(user=request.user, agenda_id=pk).pk
        )
        return Response(AgendaSerializer(agenda).data)


class AgendaItemDecisionApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated, CentralOnly]

    @extend_schema(request=AgendaDecisionInputSerializer, responses={200: None})
    def post(self, request, pk, item_id):
        agenda = selectors.access_agenda(user=request.user, agenda_id=pk)
        if not agenda.items.filter(pk=item_id).exists():
            raise Http404
        data = AgendaDecisionInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        item = services.agenda_item_decide(user=request.user, item_id=item_id, **data.validated_data)
        return Response(
            {
                "id": item.pk,
                "decision": item.decision,
                "approved_amount": str(item.approved_amount or ""),
                "status": item.request.status,
            }
        )
