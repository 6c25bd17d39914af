"""API of R20 (a request across ministries or areas) and R3 (the plan's analysis section):
the same services and guarded fetches as the pages."""

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.scoping import IdField
from proposals.selectors.analysis import plan_analysis_get, plan_problem_table
from proposals.selectors.joint import joint_payload
from proposals.selectors.plans import access_plan
from proposals.selectors.requests import access_request
from proposals.services.analysis import plan_analysis_set
from proposals.services.joint import Basis, PartnerShare, request_coordinator_set, request_joint_set


class PartnerInput(serializers.Serializer):
    ministry = IdField()
    department = IdField(required=False, allow_null=True)
    share = serializers.DecimalField(max_digits=15, decimal_places=2, min_value=Decimal("0.01"))


class JointInput(serializers.Serializer):
    revision = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    basis = serializers.ChoiceField(choices=[Basis.PERCENT, Basis.AMOUNT], default=Basis.PERCENT)
    lead_share = serializers.DecimalField(max_digits=15, decimal_places=2, required=False, allow_null=True)
    partners = PartnerInput(many=True, required=False)
    # ids as IdField: a number past 64 bits is a 400, not a database overflow (issue-16 audit)
    provinces = serializers.ListField(child=IdField(), required=False, max_length=100)
    coordinator = IdField(required=False, allow_null=True)
    coordinator_note = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class RequestJointApi(APIView):
    """GET who takes part in the request; PUT replaces partners, provinces and coordinator (owner, draft)."""

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        return Response(joint_payload(access_request(user=request.user, request_id=pk)))

    @extend_schema(request=JointInput, responses=OpenApiTypes.OBJECT)
    def put(self, request, pk):
        target = access_request(user=request.user, request_id=pk)
        data = JointInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        saved = request_joint_set(
            user=request.user,
            request_id=target.pk,
            expected_revision=values["revision"],
            basis=values["basis"],
            lead_share=values.get("lead_share"),
            partners=[
                PartnerShare(ministry_id=p["ministry"], department_id=p.get("department"), share=p["share"])
                for p in values.get("partners", [])
            ],
            province_ids=values.get("provinces", []),
            coordinator_id=values.get("coordinator"),
            coordinator_note=values.get("coordinator_note", ""),
        )
        return Response(joint_payload(saved))


class CoordinatorInput(serializers.Serializer):
    coordinator = IdField(allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class RequestCoordinatorApi(APIView):
    """PUT: the central team names (or, with null, clears) the coordinating agency."""

    @extend_schema(request=CoordinatorInput, responses=OpenApiTypes.OBJECT)
    def put(self, request, pk):
        target = access_request(user=request.user, request_id=pk)
        data = CoordinatorInput(data=request.data)
        data.is_valid(raise_exception=True)
        saved = request_coordinator_set(
            user=request.user,
            request_id=target.pk,
            coordinator_id=data.validated_data["coordinator"],
            note=data.validated_data.get("note", ""),
        )
        return Response(joint_payload(saved))


class AnalysisInput(serializers.Serializer):
    summary = serializers.CharField(max_length=20000)
    method = serializers.CharField(required=False, allow_blank=True, max_length=5000)


def analysis_payload(plan) -> dict:
    analysis = plan_analysis_get(plan=plan)
    return {
        "plan_id": plan.pk,
        "summary": analysis.summary if analysis else "",
        "method": analysis.method if analysis else "",
        "updated_at": analysis.updated_at if analysis else None,
        "problems": [
            {
                "request_id": r.pk,
                "reference": r.reference,
                "title": r.title,
                "severity": r.severity,
                "severity_label": r.get_severity_display(),
                "priority_rank": r.priority_rank,
                "problem": r.problem,
                "evidence": r.evidence,
            }
            for r in plan_problem_table(plan=plan)
        ],
    }


class PlanAnalysisApi(APIView):
    """R3: the plan's analysis section (text by its office; problems ordered by severity)."""

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        return Response(analysis_payload(access_plan(user=request.user, plan_id=pk)))

    @extend_schema(request=AnalysisInput, responses=OpenApiTypes.OBJECT)
    def put(self, request, pk):
        plan = access_plan(user=request.user, plan_id=pk)
        data = AnalysisInput(data=request.data)
        data.is_valid(raise_exception=True)
        plan_analysis_set(user=request.user, plan_id=plan.pk, **data.validated_data)
        return Response(analysis_payload(plan))
