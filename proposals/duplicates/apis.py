"""API of duplicate screening: flags and rulings per request, budget lines, the import."""
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from ministries.forms import BudgetLineImportForm
from ministries.models import BudgetLine, BudgetLineImport
from ministries.selectors import budget_line_list, import_batch_list
from ministries.services import budget_lines_import
from proposals.duplicates.importing import FileFormatError, read_upload
from proposals.duplicates.permissions import can_import_budget_lines, can_respond_flag, can_rule_flag
from proposals.duplicates.selectors import access_flag, flags_for_request
from proposals.duplicates.services import flag_respond, flag_rule
from proposals.models import DuplicateFlag, ResponseKind
from proposals.selectors.requests import access_request


class BudgetLineSerializer(serializers.ModelSerializer):
    ministry_name = serializers.CharField(source="ministry_text")
    unit = serializers.CharField(source="unit_text")

    class Meta:
        model = BudgetLine
        fields = ["id", "source_ref", "fiscal_year", "ministry", "ministry_name", "department", "unit", "budget_plan",
                  "output", "project", "category", "item_text", "amount", "ref_doc", "page", "obliged", "is_provincial", "facts"]


class OtherRequestSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    source_ref = serializers.CharField(allow_null=True)
    title = serializers.CharField()
    office = serializers.CharField()


class FlagSerializer(serializers.ModelSerializer):
    budget_line = BudgetLineSerializer(read_only=True)
    other_request = serializers.SerializerMethodField()
    level_display = serializers.CharField(source="get_level_display")
    state_display = serializers.CharField(source="get_state_display")
    can_respond = serializers.SerializerMethodField()
    can_rule = serializers.SerializerMethodField()

    class Meta:
        model = DuplicateFlag
        fields = ["id", "request", "budget_line", "other_request", "level", "level_display", "score", "reasons",
                  "matched_terms", "screened_revision", "state", "state_display", "planner_response_kind",
                  "planner_response", "responded_at", "ruling_reason", "ruled_by", "ruled_at", "created_at",
                  "can_respond", "can_rule"]

    @extend_schema_field(OtherRequestSerializer(allow_null=True))
    def get_other_request(self, flag) -> dict | None:
        other = flag.other_request
        if other is None:
            return None
        return {"id": other.pk, "reference": other.reference, "source_ref": other.source_ref, "title": other.title,
                "office": str(other.office)}

    def get_can_respond(self, flag) -> bool:
        return can_respond_flag(self.context["request"].user, flag)

    def get_can_rule(self, flag) -> bool:
        return can_rule_flag(self.context["request"].user, flag)


class FlagResponseInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ResponseKind.choices, error_messages={"invalid_choice": _("คำชี้แจงต้องเป็น withdraw, revise หรือ explain")})
    text = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class FlagRulingInput(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[("duplicate", _("ซ้ำซ้อน")), ("not_duplicate", _("ไม่ซ้ำซ้อน"))],
                                       error_messages={"invalid_choice": _("ผลการวินิจฉัยต้องเป็น duplicate หรือ not_duplicate")})
    reason = serializers.CharField(max_length=4000, error_messages={"required": _("กรุณาระบุเหตุผลของการวินิจฉัย"),
                                                                     "blank": _("กรุณาระบุเหตุผลของการวินิจฉัย")})


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
        data = FlagResponseInput(data=request.data)
        data.is_valid(raise_exception=True)
        flag = flag_respond(flag_id=flag.pk, user=request.user, kind=data.validated_data["kind"], text=data.validated_data.get("text", ""))
        return Response(FlagSerializer(flag, context={"request": request}).data)


class FlagRuleApi(APIView):
    @extend_schema(request=FlagRulingInput, responses=FlagSerializer)
    def post(self, request, flag_id):
        flag = access_flag(user=request.user, flag_id=flag_id)
        data = FlagRulingInput(data=request.data)
        data.is_valid(raise_exception=True)
        result = flag_rule(flag_id=flag.pk, user=request.user, duplicate=data.validated_data["decision"] == "duplicate",
                           reason=data.validated_data["reason"])
        body = FlagSerializer(result.flag, context={"request": request}).data
        body["request_returned"] = result.returned
        return Response(body)


class BudgetLineListApi(generics.ListAPIView):
    """Ministries' budget lines; filter by ?fiscal_year=, ?province= (Thai name), ?q= (text)."""

    serializer_class = BudgetLineSerializer
    filter_backends = []

    def get_queryset(self):
        params = self.request.query_params
        year = params.get("fiscal_year", "")
        return budget_line_list(fiscal_year=int(year) if year.isdigit() else None, province=params.get("province", ""), q=params.get("q", ""))


class BudgetLineImportSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLineImport
        fields = ["id", "file_name", "source", "status", "started_at", "finished_at", "elapsed_seconds", "rows", "created",
                  "updated", "unchanged", "error_count", "errors", "fiscal_years", "created_by"]


class BudgetLineImportApi(APIView):
    """Administrators: GET the recent imports; POST a file (multipart `file`, optional `skip_invalid`)."""

    parser_classes = [MultiPartParser, FormParser]

    def check_permissions(self, request):
        super().check_permissions(request)
        if not can_import_budget_lines(request.user):
            raise PermissionDenied(_("เฉพาะผู้ดูแลระบบเท่านั้นที่นำเข้ารายการงบประมาณได้"))

    @extend_schema(responses=BudgetLineImportSerializer(many=True))
    def get(self, request):
        return Response(BudgetLineImportSerializer(import_batch_list()[:50], many=True).data)

    @extend_schema(request={"multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}, "skip_invalid": {"type": "boolean"}}}},
                   responses=BudgetLineImportSerializer)
    def post(self, request):
        form = BudgetLineImportForm(request.data, request.FILES)
        if not form.is_valid():
            return Response({"detail": " ".join(e for errors in form.errors.values() for e in errors), "errors": form.errors},
                            status=status.HTTP_400_BAD_REQUEST)
        upload = form.cleaned_data["file"]
        try:
            batch = budget_lines_import(rows=read_upload(upload), file_name=upload.name, user=request.user, source="api",
                                        allow_partial=form.cleaned_data["skip_invalid"])
        except FileFormatError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        code = status.HTTP_201_CREATED if batch.status == BudgetLineImport.Status.DONE else status.HTTP_400_BAD_REQUEST
        return Response(BudgetLineImportSerializer(batch).data, status=code)
