"""API of the review area (/api/v1/...): the same selectors, services and predicates as the pages."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework import serializers as drf_serializers
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from proposals.workflow import ministry_advises
from reviews import selectors, services
from reviews.apis.access import ReviewerOnly
from reviews.models import StrategyMapping
from reviews.serializers import (
    AssignInputSerializer,
    BulkInputSerializer,
    DecisionInputSerializer,
    QueueItemSerializer,
    ReviewOutputSerializer,
)

# --- queue and decisions


class ReviewQueueListApi(ListAPIView):
    """The reviewer's queue with the page's filters (which, fiscal_year, cluster, province,
    category, strategy, amount_min/max, flags, deadline, q, ordering)."""

    permission_classes = [drf_permissions.IsAuthenticated, ReviewerOnly]
    serializer_class = QueueItemSerializer
    filter_backends = []

    def get_queryset(self):
        filterset = selectors.review_queue(user=self.request.user, filters=self.request.query_params, plan_size=False)
        if not filterset.is_valid():
            from rest_framework.exceptions import ValidationError

            raise ValidationError(filterset.errors)
        return filterset.qs

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        selectors.fill_plan_sizes(page if page is not None else queryset)  # the rows answered only
        return page


class ReviewDetailApi(APIView):
    """What the decision page shows: status, alignment (R1), envelope (R15), framework answer (R5)."""

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        req = selectors.access_review_request(user=request.user, request_id=pk)
        envelope = selectors.envelope_for_request(req)
        warning = selectors.framework_warning_for(
            category_id=req.category_id,
            fiscal_year=req.fiscal_year,
            funding_channel=req.funding_channel,
            target_ministry_id=req.target_ministry_id,
            partner_ministry_ids=selectors.partner_ministry_ids(req),
        )
        return Response(
            {
                "id": req.pk,
                "reference": req.reference,
                "title": req.title,
                "status": req.status,
                "amount": str(req.amount),
                "priority_rank": req.priority_rank,
                "plan_size": req.plan_size,
                "open_flags": req.open_flags,
                "ruled_flags": req.ruled_flags,
                "review_deadline": req.review_deadline,
                "decisions": [str(d) for d in services.decisions_open_to(request.user, req)],
                "advisory": ministry_advises(req),  # R19: the ministry gives an opinion, ก.น.จ. decides
                "alignment": selectors.strategy_alignment(request=req).as_dict(),
                "framework": warning.as_dict() if warning else None,
                "framework_justification": req.framework_justification,
                "envelope": None
                if envelope is None
                else {
                    "id": envelope.pk,
                    "limit": str(envelope.limit),
                    "used": str(envelope.used_amount),
                    "left": str(envelope.left_amount),
                },
            }
        )


class ReviewDecisionApi(APIView):
    @extend_schema(request=DecisionInputSerializer, responses={201: ReviewOutputSerializer})
    def post(self, request, pk):
        req = selectors.access_review_request(user=request.user, request_id=pk)
        data = DecisionInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        alignment = selectors.strategy_alignment(request=req).as_dict()
        review = services.review_record(
            user=request.user,
            request_id=req.pk,
            decision=data.validated_data["decision"],
            comment=data.validated_data["comment"],
            alignment=alignment,
            opinion=data.validated_data["opinion"],
        )
        return Response(ReviewOutputSerializer(review).data, status=status.HTTP_201_CREATED)


class ReviewAssignApi(APIView):
    @extend_schema(request=AssignInputSerializer, responses={200: None})
    def post(self, request, pk):
        req = selectors.access_review_request(user=request.user, request_id=pk)
        data = AssignInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        assignee = selectors.colleagues_of(request.user).filter(pk=data.validated_data["assignee_id"]).first()
        assignment = services.review_assign(user=request.user, request_id=req.pk, assignee=assignee)
        return Response({"request_id": req.pk, "assignee": assignment.assignee.get_username()})


class ReviewerReassignInput(drf_serializers.Serializer):
    ministry_id = drf_serializers.IntegerField()
    department_id = drf_serializers.IntegerField(required=False, allow_null=True)
    reason = drf_serializers.CharField(
        max_length=1000,
        error_messages={
            "required": _("กรุณาระบุเหตุผลที่เปลี่ยนกระทรวงผู้พิจารณา"),
            "blank": _("กรุณาระบุเหตุผลที่เปลี่ยนกระทรวงผู้พิจารณา"),
        },
    )


class ReviewerReassignApi(APIView):
    """The central team moves a request to another reviewing ministry (issue 10)."""

    @extend_schema(request=ReviewerReassignInput, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk):
        req = selectors.access_review_request(user=request.user, request_id=pk)
        data = ReviewerReassignInput(data=request.data)
        data.is_valid(raise_exception=True)
        req = services.request_reviewer_reassign(
            user=request.user,
            request_id=req.pk,
            ministry_id=data.validated_data["ministry_id"],
            department_id=data.validated_data.get("department_id"),
            reason=data.validated_data["reason"],
        )
        return Response(
            {
                "id": req.pk,
                "reference": req.reference,
                "reviewing_ministry": req.reviewing_ministry_id,
                "reviewing_department": req.reviewing_department_id,
            }
        )


class MergeConsentInput(drf_serializers.Serializer):
    note = drf_serializers.CharField(required=False, allow_blank=True, max_length=2000)


class MergeConsentApi(APIView):
    """The reviewing ministry consents to the cluster merging a request in its review (issue 10)."""

    @extend_schema(request=MergeConsentInput, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk):
        req = selectors.access_review_request(user=request.user, request_id=pk)
        data = MergeConsentInput(data=request.data)
        data.is_valid(raise_exception=True)
        consent = services.merge_consent_give(
            user=request.user, request_id=req.pk, note=data.validated_data.get("note", "")
        )
        return Response(
            {"request_id": req.pk, "reference": req.reference, "ministry": consent.ministry_id},
            status=status.HTTP_201_CREATED,
        )


class StrategyMappingSerializer(drf_serializers.Serializer):
    id = drf_serializers.IntegerField(read_only=True)
    fiscal_year = drf_serializers.IntegerField(min_value=2400, max_value=2700)
    strategic_issue = drf_serializers.IntegerField(source="strategic_issue_id")
    ministry_strategy = drf_serializers.IntegerField(source="ministry_strategy_id")
    verdict = drf_serializers.ChoiceField(choices=["aligned", "partial"])
    note = drf_serializers.CharField(required=False, allow_blank=True, max_length=2000)
    kept_by = drf_serializers.CharField(source="keeper_label", read_only=True)


class StrategyMappingListApi(ListAPIView):
    """The R1 mapping table (?fiscal_year=); POST creates or changes a row (issue 10)."""

    serializer_class = StrategyMappingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return StrategyMapping.objects.none()
        if not selectors.can_see_mappings(self.request.user):
            raise Http404
        year = self.request.query_params.get("fiscal_year")
        return selectors.mappings_visible_to(
            self.request.user, fiscal_year=int(year) if (year or "").isdecimal() else None
        )

    @extend_schema(request=StrategyMappingSerializer, responses={201: StrategyMappingSerializer})
    def post(self, request):
        if not selectors.can_see_mappings(request.user):
            raise Http404
        data = StrategyMappingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.strategy_mapping_set(
            user=request.user,
            fiscal_year=data.validated_data["fiscal_year"],
            strategic_issue_id=data.validated_data["strategic_issue_id"],
            ministry_strategy_id=data.validated_data["ministry_strategy_id"],
            verdict=data.validated_data["verdict"],
            note=data.validated_data.get("note", ""),
        )
        return Response(StrategyMappingSerializer(row).data, status=status.HTTP_201_CREATED)


class StrategyMappingDetailApi(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request, pk):
        services.strategy_mapping_delete(user=request.user, mapping_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReviewBulkApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated, ReviewerOnly]

    @extend_schema(request=BulkInputSerializer, responses={200: None})
    def post(self, request):
        data = BulkInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        assignee = None
        if data.validated_data["assignee_id"]:
            assignee = selectors.colleagues_of(request.user).filter(pk=data.validated_data["assignee_id"]).first()
        outcomes = services.reviews_bulk_apply(
            user=request.user,
            request_ids=data.validated_data["request_ids"],
            action=data.validated_data["action"],
            comment=data.validated_data["comment"],
            assignee=assignee,
        )
        return Response(
            {
                "results": [o.__dict__ for o in outcomes],
                "succeeded": sum(o.ok for o in outcomes),
                "refused": sum(not o.ok for o in outcomes),
            }
        )
