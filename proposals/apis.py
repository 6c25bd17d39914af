"""DRF endpoints of plans and requests, with the same permissions as the pages: lists scope
through visible_to, fetches through access_*, writes through the services."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.api_fields import ADDateField
from proposals.filters import PlanFilter, RequestFilter
from proposals.models import PlanApproval
from proposals.selectors.plans import access_plan, plan_list
from proposals.selectors.requests import access_request, request_detail_get, request_events, request_list
from proposals.serializers import (
    PlanInputSerializer,
    PlanOutputSerializer,
    RankInputSerializer,
    RequestDetailOutputSerializer,
    RequestEventSerializer,
    RequestInputSerializer,
    RequestOutputSerializer,
    TransitionInputSerializer,
)
from proposals.services.plans import plan_approval_record, plan_create
from proposals.services.ranks import plan_ranks_set
from proposals.services.requests import request_create, request_update
from proposals.services.transitions import request_transition
from proposals.services.workflow_rules import plan_approval_missing

CHILD_KEYS = ("locations", "kpis", "stakeholders", "year_amounts")


def _split(data: dict) -> tuple[dict, dict]:
    data = dict(data)
    children = {k: data.pop(k) for k in CHILD_KEYS if k in data}
    data.pop("plan", None)
    data.pop("revision", None)
    return data, children


class PlanListApi(generics.ListAPIView):
    """Plans this user may see; POST creates one for the user's office."""

    serializer_class = PlanOutputSerializer
    filterset_class = PlanFilter

    def get_queryset(self):
        return plan_list(user=self.request.user).prefetch_related("strategic_issues")

    @extend_schema(request=PlanInputSerializer, responses={201: PlanOutputSerializer})
    def post(self, request):
        serializer = PlanInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        plan = plan_create(
            user=request.user,
            office_id=data["office"].pk,
            fiscal_year=data["fiscal_year"],
            title=data["title"],
            vision=data["vision"],
            strategic_issue_ids=data["strategic_issues"],
        )
        return Response(PlanOutputSerializer(plan).data, status=status.HTTP_201_CREATED)


class PlanDetailApi(APIView):
    @extend_schema(responses=PlanOutputSerializer)
    def get(self, request, pk):
        plan = access_plan(user=request.user, plan_id=pk)
        data = PlanOutputSerializer(plan).data
        data["request_ids"] = list(plan.requests.order_by("priority_rank", "id").values_list("pk", flat=True))
        return Response(data)


class PlanRankApi(APIView):
    """POST {"order": [request ids, first = most important]}: the plan's priority order (R3)."""

    @extend_schema(request=RankInputSerializer, responses={204: None})
    def post(self, request, pk):
        plan = access_plan(user=request.user, plan_id=pk)
        serializer = RankInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        plan_ranks_set(user=request.user, plan_id=plan.pk, ordered_ids=serializer.validated_data["order"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanApprovalInput(serializers.Serializer):
    meeting_date = ADDateField(help_text="ISO date (ค.ศ.), e.g. 2010-11-25")
    resolution_number = serializers.CharField(max_length=100)
    minutes = serializers.FileField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class PlanApprovalApi(APIView):
    """R17: GET the plan's ก.บ.จ./ก.บ.ก. approval; POST (multipart) records or corrects it."""

    parser_classes = [MultiPartParser, FormParser]

    def _body(self, plan):
        approval = PlanApproval.objects.filter(plan=plan).first()
        if approval is None:
            return {"plan": plan.pk, "approval": None, "required": plan_approval_missing(plan)}
        return {
            "plan": plan.pk,
            "required": False,
            "approval": {
                "committee": approval.committee,
                "committee_display": approval.get_committee_display(),
                "meeting_date": approval.meeting_date.isoformat(),
                "resolution_number": approval.resolution_number,
                "minutes_name": approval.minutes_name,
                "minutes_url": approval.minutes.url,
                "note": approval.note,
            },
        }

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        return Response(self._body(access_plan(user=request.user, plan_id=pk)))

    @extend_schema(request={"multipart/form-data": PlanApprovalInput}, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk):
        plan = access_plan(user=request.user, plan_id=pk)
        data = PlanApprovalInput(data=request.data)
        data.is_valid(raise_exception=True)
        plan_approval_record(
            user=request.user,
            plan_id=plan.pk,
            meeting_date=data.validated_data["meeting_date"],
            resolution_number=data.validated_data["resolution_number"],
            minutes=data.validated_data.get("minutes"),
            note=data.validated_data.get("note", ""),
        )
        return Response(self._body(plan), status=status.HTTP_201_CREATED)


class RequestListApi(generics.ListAPIView):
    """Requests this user may see, filtered by fiscal_year, office, status, category, ministry,
    amount_min/amount_max; POST creates a draft in a plan of the user's office."""

    serializer_class = RequestOutputSerializer
    filterset_class = RequestFilter

    def get_queryset(self):
        # issue 15: the rows show their lookups by id: only the office is joined (its name is shown),
        # and the owning agency (R18) comes in one query for the page instead of one per row
        return request_list(user=self.request.user, related=("office",)).prefetch_related(
            "owner_field_office", "owner_department"
        )

    @extend_schema(request=RequestInputSerializer, responses={201: RequestDetailOutputSerializer})
    def post(self, request):
        serializer = RequestInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        if "plan" not in serializer.validated_data:
            return Response({"plan": ["ต้องระบุแผนปฏิบัติราชการ"]}, status=status.HTTP_400_BAD_REQUEST)
        plan = access_plan(user=request.user, plan_id=serializer.validated_data["plan"].pk)
        data, children = _split(serializer.validated_data)
        created = request_create(user=request.user, plan_id=plan.pk, data=data, **children)
        return Response(
            RequestDetailOutputSerializer(request_detail_get(user=request.user, request_id=created.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class RequestDetailApi(APIView):
    @extend_schema(responses=RequestDetailOutputSerializer)
    def get(self, request, pk):
        return Response(RequestDetailOutputSerializer(request_detail_get(user=request.user, request_id=pk)).data)

    @extend_schema(request=RequestInputSerializer, responses=RequestDetailOutputSerializer)
    def put(self, request, pk):
        return self._update(request, pk, partial=False)

    @extend_schema(request=RequestInputSerializer, responses=RequestDetailOutputSerializer)
    def patch(self, request, pk):
        return self._update(request, pk, partial=True)

    def _update(self, request, pk, *, partial):
        """Drafts and returned requests only; `revision` must be the one the client read (409 if not)."""
        target = access_request(user=request.user, request_id=pk)
        serializer = RequestInputSerializer(data=request.data, partial=partial, context={"request": request})
        serializer.is_valid(raise_exception=True)
        if "revision" not in serializer.validated_data:
            return Response(
                {"revision": ["ต้องส่ง revision ที่อ่านมา เพื่อป้องกันการบันทึกทับกัน"]}, status=status.HTTP_400_BAD_REQUEST
            )
        data, children = _split(serializer.validated_data)
        request_update(
            user=request.user,
            request_id=target.pk,
            expected_revision=serializer.validated_data["revision"],
            data=data,
            **children,
        )
        return Response(RequestDetailOutputSerializer(request_detail_get(user=request.user, request_id=target.pk)).data)


class RequestTransitionApi(APIView):
    """POST {"action": "submit", "comment": "..."}: one step of the workflow table."""

    @extend_schema(request=TransitionInputSerializer, responses=RequestOutputSerializer)
    def post(self, request, pk):
        target = access_request(user=request.user, request_id=pk)
        serializer = TransitionInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        moved = request_transition(request_id=target.pk, user=request.user, **serializer.validated_data)
        return Response(RequestOutputSerializer(moved).data)


class RequestEventListApi(APIView):
    """GET: the request's history (the same as its history page), each event with the capacity it
    was taken in (R9) and its payload (an opinion's kind, a referral's ministry, an answer's amount)."""

    @extend_schema(request=None, responses=RequestEventSerializer(many=True))
    def get(self, request, pk):
        target = access_request(user=request.user, request_id=pk)
        return Response(RequestEventSerializer(request_events(request=target), many=True).data)
