"""API of a ministry's own view of a request (R3, R20) and its programme order (R16): the same
selectors, services and predicates as the pages."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.scoping import IdField
from proposals.models import Severity
from reviews import selectors
from reviews.ministry_models import Stance
from reviews.selectors.opinions import ministry_opinions
from reviews.selectors.programme_ranks import programme_rankings
from reviews.services.opinions import ministry_opinion_record
from reviews.services.programme_ranks import (
    programme_ranks_reorder,
    programme_support_add,
    programme_support_withdraw,
)


class OpinionInput(serializers.Serializer):
    severity = serializers.ChoiceField(choices=Severity.choices, required=False, allow_blank=True)
    severity_note = serializers.CharField(required=False, allow_blank=True, max_length=3000)
    stance = serializers.ChoiceField(choices=Stance.choices, required=False, allow_blank=True)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=3000)


def _opinions_payload(req) -> dict:
    return {
        "request_id": req.pk,
        "province": {
            "office": req.office.name_th,
            "severity": req.severity,
            "severity_label": req.get_severity_display(),
        },
        "ministries": [
            {
                "ministry_id": o.ministry_id,
                "ministry": o.ministry.name_th,
                "is_partner": o.is_partner,
                "severity": o.severity,
                "severity_label": o.get_severity_display(),
                "severity_note": o.severity_note,
                "stance": o.stance,
                "stance_label": o.get_stance_display(),
                "comment": o.comment,
                "differs_from_province": bool(o.severity) and o.severity != req.severity,
                "updated_at": o.updated_at,
            }
            for o in ministry_opinions(request=req)
        ],
    }


class RequestOpinionsApi(APIView):
    """The ministries' severity beside the province's (R3) and the partners' advice (R20)."""

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        req = selectors.access_review_request(user=request.user, request_id=pk)
        return Response(_opinions_payload(req))

    @extend_schema(request=OpinionInput, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, pk):
        req = selectors.access_review_request(user=request.user, request_id=pk)
        data = OpinionInput(data=request.data)
        data.is_valid(raise_exception=True)
        ministry_opinion_record(user=request.user, request_id=req.pk, **data.validated_data)
        return Response(_opinions_payload(req), status=status.HTTP_201_CREATED)


def _rankings_payload(user, programme) -> list:
    return [
        {
            "ministry_id": group["ministry"].pk,
            "ministry": group["ministry"].name_th,
            "ranks": [
                {"rank": r.rank, "request_id": r.request_id, "reference": r.request.reference, "title": r.request.title}
                for r in group["ranks"]
            ],
        }
        for group in programme_rankings(user=user, programme=programme)
    ]


class ProgrammeRanksApi(APIView):
    """Each ministry's own priority order in a programme (the requests this person may see)."""

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        programme = selectors.access_programme(user=request.user, programme_id=pk)
        return Response(_rankings_payload(request.user, programme))


class RequestIdInput(serializers.Serializer):
    request_id = IdField()  # at most 64 bits: a larger number is a 400, not a database overflow


class ProgrammeSupportApi(APIView):
    """A ministry reviewer takes a request it reviews or partners into the programme, last in its order."""

    @extend_schema(request=RequestIdInput, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, pk):
        programme = selectors.access_programme(user=request.user, programme_id=pk)
        data = RequestIdInput(data=request.data)
        data.is_valid(raise_exception=True)
        rank = programme_support_add(
            user=request.user, programme_id=programme.pk, request_id=data.validated_data["request_id"]
        )
        return Response(
            {"ministry_id": rank.ministry_id, "request_id": rank.request_id, "rank": rank.rank},
            status=status.HTTP_201_CREATED,
        )


class OrderInput(serializers.Serializer):
    request_ids = serializers.ListField(child=IdField(), allow_empty=True, max_length=5000)


class ProgrammeMinistryRanksApi(APIView):
    """PUT the ministry's whole order (most important first); only that ministry's people."""

    @extend_schema(request=OrderInput, responses=OpenApiTypes.OBJECT)
    def put(self, request, pk, ministry_id):
        programme = selectors.access_programme(user=request.user, programme_id=pk)
        data = OrderInput(data=request.data)
        data.is_valid(raise_exception=True)
        ranks = programme_ranks_reorder(
            user=request.user,
            programme_id=programme.pk,
            ministry_id=ministry_id,
            request_ids=data.validated_data["request_ids"],
        )
        return Response([{"rank": r.rank, "request_id": r.request_id} for r in ranks])


class ProgrammeSupportWithdrawApi(APIView):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk, ministry_id, request_id):
        programme = selectors.access_programme(user=request.user, programme_id=pk)
        programme_support_withdraw(
            user=request.user, programme_id=programme.pk, ministry_id=ministry_id, request_id=request_id
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
