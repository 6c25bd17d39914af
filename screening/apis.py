"""API of duplicate screening: flags and rulings per request, budget lines, the import."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from ministries.serializers import BudgetLineSerializer
from proposals.selectors.requests import access_request
from screening.forms import LineFlagFilterForm
from screening.models import DuplicateFlag, OwnerAnswer, ResponseKind
from screening.permissions import can_answer_as_line_owner, can_respond_flag, can_rule_flag, can_see_line_flags
from screening.selectors import (
    access_flag,
    flags_against_lines,
    flags_for_request,
    screening_status,
    visible_other_request_ids,
)
from screening.services import flag_owner_answer, flag_respond, flag_rule, request_rescreen

HIDDEN_OTHER_REQUEST = _("คำขอของสำนักงานอื่น")


class OtherRequestSerializer(serializers.Serializer):
    """The counterpart request. Identified only when the viewer may open it; otherwise `visible`
    is false, the identifiers are null and `title` is a neutral label (issue 13)."""

    visible = serializers.BooleanField()
    id = serializers.IntegerField(allow_null=True)
    reference = serializers.CharField(allow_null=True)
    source_ref = serializers.CharField(allow_null=True)
    title = serializers.CharField()
    office = serializers.CharField(allow_null=True)


class FlagSerializer(serializers.ModelSerializer):
    budget_line = BudgetLineSerializer(read_only=True)
    other_request = serializers.SerializerMethodField()
    level_display = serializers.CharField(source="get_level_display")
    state_display = serializers.CharField(source="get_state_display")
    can_respond = serializers.SerializerMethodField()
    can_rule = serializers.SerializerMethodField()
    can_owner_answer = serializers.SerializerMethodField()
    # R6: the matched line's source (a ministry's own request of this cycle, a budget document, enacted)
    line_source = serializers.CharField(source="budget_line.source", default=None, read_only=True)
    line_source_label = serializers.CharField(source="budget_line.get_source_display", default=None, read_only=True)

    class Meta:
        model = DuplicateFlag
        fields = [
            "id",
            "request",
            "budget_line",
            "line_source",
            "line_source_label",
            "other_request",
            "level",
            "level_display",
            "score",
            "reasons",
            "matched_terms",
            "screened_revision",
            "state",
            "state_display",
            "planner_response_kind",
            "planner_response",
            "responded_at",
            "ruling_reason",
            "ruled_by",
            "ruled_at",
            "owner_answer",
            "owner_note",
            "owner_answered_at",
            "created_at",
            "can_respond",
            "can_rule",
            "can_owner_answer",
        ]

    @extend_schema_field(OtherRequestSerializer(allow_null=True))
    def get_other_request(self, flag) -> dict | None:
        other = flag.other_request
        if other is None:
            return None
        if not self._other_visible(flag):
            return {
                "visible": False,
                "id": None,
                "reference": None,
                "source_ref": None,
                "title": str(HIDDEN_OTHER_REQUEST),
                "office": None,
            }
        return {
            "visible": True,
            "id": other.pk,
            "reference": other.reference,
            "source_ref": other.source_ref,
            "title": other.title,
            "office": str(other.office),
        }

    def _other_visible(self, flag) -> bool:
        """Asked once per list: the list serializer's instance is every flag being shown."""
        cache = self.context.setdefault("_other_visible", {})
        if flag.other_request_id not in cache:
            batch = list(self.parent.instance) if isinstance(self.parent, serializers.ListSerializer) else []
            flags = batch if flag in batch else [flag]
            visible = visible_other_request_ids(user=self.context["request"].user, flags=flags)
            cache.update({f.other_request_id: f.other_request_id in visible for f in flags if f.other_request_id})
        return cache[flag.other_request_id]

    def get_can_respond(self, flag) -> bool:
        return can_respond_flag(self.context["request"].user, flag)

    def get_can_rule(self, flag) -> bool:
        return can_rule_flag(self.context["request"].user, flag)

    def get_can_owner_answer(self, flag) -> bool:
        return can_answer_as_line_owner(self.context["request"].user, flag)


class FlagResponseInput(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=ResponseKind.choices, error_messages={"invalid_choice": _("คำชี้แจงต้องเป็น withdraw, revise หรือ explain")}
    )
    text = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class FlagRulingInput(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[("duplicate", _("ซ้ำซ้อน")), ("not_duplicate", _("ไม่ซ้ำซ้อน"))],
        error_messages={"invalid_choice": _("ผลการวินิจฉัยต้องเป็น duplicate หรือ not_duplicate")},
    )
    reason = serializers.CharField(
        max_length=4000,
        error_messages={"required": _("กรุณาระบุเหตุผลของการวินิจฉัย"), "blank": _("กรุณาระบุเหตุผลของการวินิจฉัย")},
    )


class RequestFlagListApi(APIView):
    """Flags of one request (404 when the request is not visible to the caller)."""

    @extend_schema(responses=FlagSerializer(many=True))
    def get(self, request, request_id):
        req = access_request(user=request.user, request_id=request_id)
        include_superseded = request.query_params.get("all") == "1"
        flags = flags_for_request(request=req, include_superseded=include_superseded)
        for flag in flags:
            flag.request = req
        return Response(FlagSerializer(flags, many=True, context={"request": request}).data)


class FlagRespondApi(APIView):
    @extend_schema(request=FlagResponseInput, responses=FlagSerializer)
    def post(self, request, flag_id):
        flag = access_flag(user=request.user, flag_id=flag_id)
        data = FlagResponseInput(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        flag = flag_respond(
            flag_id=flag.pk,
            user=request.user,
            kind=data.validated_data["kind"],
            text=data.validated_data.get("text", ""),
        )
        return Response(FlagSerializer(flag, context={"request": request}).data)


class FlagRuleApi(APIView):
    @extend_schema(request=FlagRulingInput, responses=FlagSerializer)
    def post(self, request, flag_id):
        flag = access_flag(user=request.user, flag_id=flag_id)
        data = FlagRulingInput(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        result = flag_rule(
            flag_id=flag.pk,
            user=request.user,
            duplicate=data.validated_data["decision"] == "duplicate",
            reason=data.validated_data["reason"],
        )
        body = FlagSerializer(result.flag, context={"request": request}).data
        body["request_returned"] = result.returned
        return Response(body)


class RescreenInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class RequestRescreenApi(APIView):
    """Ask for the request's current revision to be screened again (reviewers, central team)."""

    @extend_schema(request=RescreenInput, responses=OpenApiTypes.OBJECT)
    def post(self, request, request_id):
        req = access_request(user=request.user, request_id=request_id)
        data = RescreenInput(data=request.data)
        data.is_valid(raise_exception=True)
        req = request_rescreen(user=request.user, request_id=req.pk, reason=data.validated_data.get("reason", ""))
        status = screening_status(req)
        return Response(
            {
                "id": req.pk,
                "reference": req.reference,
                "revision": req.revision,
                "screening_state": req.screening_state,
                "screening_status": status.key,
                "screening_label": status.label,
                "screening_progress": status.progress[0],
            },
            status=202,
        )


class OwnerAnswerInput(serializers.Serializer):
    answer = serializers.ChoiceField(
        choices=OwnerAnswer.choices,
        error_messages={"invalid_choice": _("คำตอบต้องเป็น same_work, different_work หรือ partly")},
    )
    note = serializers.CharField(
        max_length=4000,
        error_messages={"required": _("กรุณาระบุหมายเหตุประกอบคำตอบ"), "blank": _("กรุณาระบุหมายเหตุประกอบคำตอบ")},
    )


class LineFlagSerializer(FlagSerializer):
    request_reference = serializers.CharField(source="request.reference")
    request_title = serializers.CharField(source="request.title")
    request_office = serializers.CharField(source="request.office.name_th")
    request_fiscal_year = serializers.IntegerField(source="request.fiscal_year")

    class Meta(FlagSerializer.Meta):
        fields = [
            *FlagSerializer.Meta.fields,
            "request_reference",
            "request_title",
            "request_office",
            "request_fiscal_year",
        ]


class FlagDetailApi(APIView):
    """One flag: for the request's readers and for the owner of the flagged budget line."""

    @extend_schema(responses=LineFlagSerializer)
    def get(self, request, flag_id):
        flag = access_flag(user=request.user, flag_id=flag_id)
        return Response(LineFlagSerializer(flag, context={"request": request}).data)


class FlagOwnerAnswerApi(APIView):
    @extend_schema(request=OwnerAnswerInput, responses=LineFlagSerializer)
    def post(self, request, flag_id):
        flag = access_flag(user=request.user, flag_id=flag_id)
        data = OwnerAnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        flag = flag_owner_answer(
            flag_id=flag.pk, user=request.user, answer=data.validated_data["answer"], note=data.validated_data["note"]
        )
        flag = access_flag(user=request.user, flag_id=flag.pk)
        return Response(LineFlagSerializer(flag, context={"request": request}).data)


class LineFlagListApi(ListAPIView):
    """ "Requests flagged against our lines": ?fiscal_year= &province=<id> &level= &answered=yes|no."""

    serializer_class = LineFlagSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return DuplicateFlag.objects.none()
        if not can_see_line_flags(self.request.user):
            raise Http404("ไม่พบหน้านี้")
        form = LineFlagFilterForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
        data = form.cleaned_data
        return flags_against_lines(
            user=self.request.user,
            fiscal_year=data.get("fiscal_year"),
            province=data.get("province"),
            level=data.get("level"),
            answered=data.get("answered"),
        )
