"""API of the review area (/api/v1/...): the same selectors, services and predicates as the pages."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework import serializers as drf_serializers
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from ministries.models import ResponsibilityRule
from portal.models import Committee, CommitteeMeeting
from portal.roles import scope_of
from reviews import permissions, selectors, services
from reviews.models import StrategyMapping
from reviews.serializers import (
    AgendaDecisionInputSerializer,
    AgendaItemSerializer,
    AgendaSerializer,
    AssignInputSerializer,
    BulkInputSerializer,
    DecisionInputSerializer,
    EnvelopeRaiseSerializer,
    EnvelopeSerializer,
    ProgrammeSerializer,
    QueueItemSerializer,
    RequestIdSerializer,
    ReviewOutputSerializer,
    RuleSerializer,
    RuleSetSerializer,
)


class ReviewerOnly(drf_permissions.BasePermission):
    def has_permission(self, request, view):
        return permissions.can_view_review_queue(request.user)


class CentralOnly(drf_permissions.BasePermission):
    def has_permission(self, request, view):
        return permissions.can_manage_agenda(request.user)


class ReadOrCentral(drf_permissions.BasePermission):
    """Read for every signed-in person, write for the central team (the framework, programmes)."""

    def has_permission(self, request, view):
        if request.method in drf_permissions.SAFE_METHODS:
            return request.user.is_authenticated
        return permissions.can_manage_framework(request.user)


# --- queue and decisions


class ReviewQueueListApi(ListAPIView):
    """The reviewer's queue with the page's filters (which, fiscal_year, cluster, province,
    category, strategy, amount_min/max, flags, deadline, q, ordering)."""

    permission_classes = [drf_permissions.IsAuthenticated, ReviewerOnly]
    serializer_class = QueueItemSerializer
    filter_backends = []

    def get_queryset(self):
        filterset = selectors.review_queue(user=self.request.user, filters=self.request.query_params)
        if not filterset.is_valid():
            from rest_framework.exceptions import ValidationError

            raise ValidationError(filterset.errors)
        return filterset.qs


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
        )
        can_decide = permissions.can_decide_request(request.user, req)
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
                "decisions": [str(d) for d in services.decisions_for_status(req.status)] if can_decide else [],
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
            self.request.user, fiscal_year=int(year) if (year or "").isdigit() else None
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
            user=request.user, fiscal_year=int(year) if (year or "").isdigit() else None
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
        if (year or "").isdigit():
            rules = rules.for_fiscal_year(int(year))
        for key in ("category", "ministry"):
            value = request.query_params.get(key)
            if (value or "").isdigit():
                rules = rules.filter(**{f"{key}_id": int(value)})
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
        if not (category or "").isdigit() or not (year or "").isdigit():
            return Response({"detail": "กรุณาระบุ category และ fiscal_year เป็นตัวเลข"}, status=400)
        warning = selectors.framework_warning_for(
            category_id=int(category),
            fiscal_year=int(year),
            funding_channel=request.query_params.get("funding_channel"),
            target_ministry_id=request.query_params.get("target_ministry")
            if (request.query_params.get("target_ministry") or "").isdigit()
            else None,
        )
        return Response({"warning": warning.as_dict() if warning else None})


# --- programmes (R16)


class ProgrammeListApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated, ReadOrCentral]

    @extend_schema(responses=ProgrammeSerializer(many=True))
    def get(self, request):
        year = request.query_params.get("fiscal_year")
        return Response(
            ProgrammeSerializer(
                selectors.programme_list(fiscal_year=int(year) if (year or "").isdigit() else None), many=True
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


# --- the ก.น.จ. agenda


class AgendaListApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated, CentralOnly]

    @extend_schema(responses=AgendaSerializer(many=True))
    def get(self, request):
        year = request.query_params.get("fiscal_year")
        return Response(
            AgendaSerializer(
                selectors.agenda_list(fiscal_year=int(year) if (year or "").isdigit() else None), many=True
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


# --- dashboard


class DashboardDataApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated, CentralOnly]

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def get(self, request):
        from reviews.forms import current_year

        year = request.query_params.get("fiscal_year")
        return Response(
            selectors.dashboard_data(
                user=request.user, fiscal_year=int(year) if (year or "").isdigit() else current_year()
            )
        )
