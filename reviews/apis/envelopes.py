"""API of the review area (/api/v1/...): the same selectors, services and predicates as the pages."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework import serializers as drf_serializers
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from ministries.models import ResponsibilityRule
from portal.roles import scope_of
from portal.scoping import id_param
from reviews import selectors, services
from reviews.apis.access import ReadOrCentral
from reviews.serializers import (
    EnvelopeRaiseSerializer,
    EnvelopeSerializer,
    RuleSerializer,
    RuleSetSerializer,
)

# --- envelopes (R15)


class EnvelopeListApi(APIView):
    """Envelopes of the user's ministries (all for the central team); POST sets one."""

    def _check(self, request):
        scope = scope_of(request.user)
        if not (scope.is_central or scope.reviewer_ministry_ids):
            raise PermissionDenied

    @extend_schema(responses=EnvelopeSerializer(many=True))
    def get(self, request):
        self._check(request)
        year = request.query_params.get("fiscal_year")
        envelopes = selectors.envelope_list(
            user=request.user, fiscal_year=int(year) if (year or "").isdecimal() else None
        )
        return Response(EnvelopeSerializer(envelopes, many=True).data)

    @extend_schema(request=EnvelopeSerializer, responses={201: EnvelopeSerializer})
    def post(self, request):
        self._check(request)
        data = EnvelopeSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        v = data.validated_data
        envelope = services.envelope_create(
            user=request.user,
            ministry_id=v["ministry_id"],
            department_id=v["department_id"],
            fiscal_year=v["fiscal_year"],
            base_budget=v["base_budget"],
            share_percent=v["share_percent"],
            fixed_amount=v["fixed_amount"],
            note=v["note"],
        )
        return Response(
            EnvelopeSerializer(selectors.access_envelope(user=request.user, envelope_id=envelope.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class EnvelopeDetailApi(APIView):
    @extend_schema(responses=EnvelopeSerializer)
    def get(self, request, pk):
        return Response(EnvelopeSerializer(selectors.access_envelope(user=request.user, envelope_id=pk)).data)


class EnvelopeRaiseApi(APIView):
    @extend_schema(request=EnvelopeRaiseSerializer, responses=EnvelopeSerializer)
    def post(self, request, pk):
        envelope = selectors.access_envelope(user=request.user, envelope_id=pk)
        data = EnvelopeRaiseSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        services.envelope_raise(user=request.user, envelope_id=envelope.pk, **data.validated_data)
        return Response(EnvelopeSerializer(selectors.access_envelope(user=request.user, envelope_id=pk)).data)


# --- the responsibility framework (R5)


class RuleClearedSerializer(drf_serializers.Serializer):
    cleared = drf_serializers.BooleanField()


# The answer is the rule, or {"cleared": true} when the cell was emptied (issue 13: the schema
# promised a rule only).
RULE_SET_RESULT = PolymorphicProxySerializer(
    component_name="RuleSetResult", serializers=[RuleSerializer, RuleClearedSerializer], resource_type_field_name=None
)


class FrameworkRuleListApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated, ReadOrCentral]

    @extend_schema(responses=RuleSerializer(many=True))
    def get(self, request):
        rules = ResponsibilityRule.objects.select_related("category", "ministry", "department")
        year = request.query_params.get("fiscal_year")
        if (year or "").isdecimal():
            rules = rules.for_fiscal_year(int(year))
        for key in ("category", "ministry"):
            value = request.query_params.get(key)
            if id_param(value) is not None:
                rules = rules.filter(**{f"{key}_id": id_param(value)})
        return Response(RuleSerializer(rules, many=True).data)

    @extend_schema(request=RuleSetSerializer, responses={200: RULE_SET_RESULT})
    def post(self, request):
        data = RuleSetSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        v = data.validated_data
        rule = services.responsibility_rule_set(
            user=request.user,
            category_id=v["category"],
            ministry_id=v["ministry"],
            fiscal_year=v["fiscal_year"],
            owned=v["owned"],
            department_id=v["department"],
            province_may_fund=v["province_may_fund"],
            note=v["note"],
        )
        return Response(RuleSerializer(rule).data if rule else {"cleared": True})


class FrameworkCheckApi(APIView):
    """The R5 warning for a category and year (what the planner's form shows while drafting)."""

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def get(self, request):
        category, year = request.query_params.get("category"), request.query_params.get("fiscal_year")
        if id_param(category) is None or not (year or "").isdecimal():
            return Response({"detail": "กรุณาระบุ category และ fiscal_year เป็นตัวเลข"}, status=400)
        warning = selectors.framework_warning_for(
            category_id=id_param(category),
            fiscal_year=int(year),
            funding_channel=request.query_params.get("funding_channel"),
            target_ministry_id=id_param(request.query_params.get("target_ministry")),
        )
        return Response({"warning": warning.as_dict() if warning else None})
