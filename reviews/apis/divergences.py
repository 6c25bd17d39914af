"""R1 endpoints: the divergence list (GET for both sides' own rows, POST/PATCH central team) and a
cluster's strategic issues against its provinces'."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from clusters.models import Cluster, StrategicIssue
from ministries.models import Ministry, MinistryStrategy
from portal.api_fields import ADDateField
from portal.exceptions import ApplicationError
from portal.scoping import ScopedPrimaryKeyRelatedField
from proposals.selectors.requests import access_request
from reviews.models import StrategyDivergence
from reviews.permissions import can_see_divergences
from reviews.selectors import divergences as reads
from reviews.selectors.queue import strategy_alignment
from reviews.services.divergences import divergence_create, divergence_update


class DivergenceOutput(serializers.ModelSerializer):
    office = serializers.CharField(source="strategic_issue.office.name_th")
    issue_title = serializers.CharField(source="strategic_issue.title")
    ministry_name = serializers.CharField(source="ministry.name_th")

    class Meta:
        model = StrategyDivergence
        fields = [
            "id",
            "fiscal_year",
            "strategic_issue",
            "issue_title",
            "office",
            "ministry",
            "ministry_name",
            "ministry_strategy",
            "degree",
            "description",
            "outcome",
            "outcome_note",
            "meeting_date",
            "updated_at",
        ]


class DivergenceInput(serializers.Serializer):
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700)
    strategic_issue = ScopedPrimaryKeyRelatedField(queryset=StrategicIssue.objects.all())
    ministry = ScopedPrimaryKeyRelatedField(queryset=Ministry.objects.all())
    ministry_strategy = ScopedPrimaryKeyRelatedField(
        queryset=MinistryStrategy.objects.all(), required=False, allow_null=True
    )
    degree = serializers.ChoiceField(choices=StrategyDivergence.Degree.choices, required=False)
    description = serializers.CharField()
    outcome = serializers.ChoiceField(choices=StrategyDivergence.Outcome.choices, required=False)
    outcome_note = serializers.CharField(required=False, allow_blank=True)
    meeting_date = ADDateField(required=False, allow_null=True)


def _errors(exc):
    return serializers.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


def _year(request):
    raw = request.query_params.get("fiscal_year", "")
    if raw and not (raw.isdecimal() and 2500 <= int(raw) <= 2700):
        raise ApplicationError("กรุณาระบุ fiscal_year เป็นปีพุทธศักราช เช่น 2554")
    return int(raw) if raw else None


class DivergenceListApi(APIView):
    """GET ?fiscal_year=&cluster=&ministry=&outcome=: rows this user may see. POST: central team."""

    @extend_schema(responses=DivergenceOutput(many=True))
    def get(self, request):
        if not can_see_divergences(request.user):
            return Response([])
        params = request.query_params
        cluster = (
            Cluster.objects.filter(pk=params["cluster"]).first() if params.get("cluster", "").isdecimal() else None
        )
        ministry = (
            Ministry.objects.filter(pk=params["ministry"]).first() if params.get("ministry", "").isdecimal() else None
        )
        outcome = params.get("outcome") if params.get("outcome") in StrategyDivergence.Outcome.values else None
        rows = reads.divergence_list(
            user=request.user, fiscal_year=_year(request), cluster=cluster, ministry=ministry, outcome=outcome
        )
        return Response(DivergenceOutput(rows, many=True).data)

    @extend_schema(request=DivergenceInput, responses=DivergenceOutput)
    def post(self, request):
        data = DivergenceInput(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        try:
            row = divergence_create(user=request.user, **data.validated_data)
        except ValidationError as exc:
            raise _errors(exc) from None
        return Response(DivergenceOutput(row).data, status=status.HTTP_201_CREATED)


class DivergenceDetailApi(APIView):
    @extend_schema(responses=DivergenceOutput)
    def get(self, request, pk):
        return Response(DivergenceOutput(reads.access_divergence(user=request.user, divergence_id=pk)).data)

    @extend_schema(request=DivergenceInput, responses=DivergenceOutput)
    def patch(self, request, pk):
        row = reads.access_divergence(user=request.user, divergence_id=pk)
        data = DivergenceInput(data=request.data, partial=True, context={"request": request})
        data.is_valid(raise_exception=True)
        try:
            row = divergence_update(user=request.user, divergence=row, **data.validated_data)
        except ValidationError as exc:
            raise _errors(exc) from None
        return Response(DivergenceOutput(row).data)


class ClusterIssuesApi(APIView):
    """GET ?fiscal_year=: the cluster's issues and each member province's, with filed requests."""

    @extend_schema(responses=None)
    def get(self, request, office_id):
        office = reads.access_cluster_office(user=request.user, office_id=office_id)
        year = _year(request)
        if year is None:
            raise ApplicationError("กรุณาระบุ fiscal_year เป็นปีพุทธศักราช เช่น 2554")
        data = reads.cluster_issue_comparison(office=office, fiscal_year=year)

        def issue(i):
            return {
                "id": i.pk,
                "number": i.number,
                "title": i.title,
                "request_count": i.request_count,
                "request_amount": str(i.request_amount or 0),
            }

        return Response(
            {
                "office": office.name_th,
                "fiscal_year": year,
                "cluster_issues": [issue(i) for i in data["cluster_issues"]],
                "provinces": [
                    {
                        "office": p["office"].name_th,
                        "issues": [
                            {**issue(r["issue"]), "covered": r["covered"], "echoed_by": [c.pk for c in r["echoes"]]}
                            for r in p["issues"]
                        ],
                    }
                    for p in data["provinces"]
                ],
                "uncovered": data["uncovered"],
            }
        )


class RequestAlignmentApi(APIView):
    """GET: the R1 verdict on one request, as its reviewers see it, for anyone who may see the
    request (the planner included: R1 asks that both sides see it)."""

    @extend_schema(responses=None)
    def get(self, request, request_id):
        req = access_request(user=request.user, request_id=request_id)
        return Response({"request_id": req.pk, **strategy_alignment(request=req).as_dict()})
