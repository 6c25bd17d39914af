"""Plans library endpoints (R11)."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import permissions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from clusters.models import Office
from library import selectors, services
from library.apis.common import PublicApi, _validation
from library.filters import DocumentFilter
from library.models import Document, DocumentKind
from library.search import parse_query
from ministries.models import Ministry
from portal.parsers import DepthLimitedJSONParser
from portal.scoping import ACTING_FOR, ScopedPrimaryKeyRelatedField
from portal.text import validate_title


class VersionOutput(serializers.Serializer):
    number = serializers.IntegerField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    note = serializers.CharField()
    uploaded_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, version) -> str:
        url = reverse(
            "library:document-version-download", kwargs={"slug": version.document.slug, "number": version.number}
        )
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class DocumentOutput(serializers.Serializer):
    slug = serializers.CharField()
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    title = serializers.CharField()
    description = serializers.CharField()
    office = serializers.CharField(source="office.name_th", default=None, allow_null=True)
    office_id = serializers.IntegerField(allow_null=True)
    ministry = serializers.CharField(source="ministry.name_th", default=None, allow_null=True)
    ministry_id = serializers.IntegerField(allow_null=True)
    fiscal_year_from = serializers.IntegerField(allow_null=True)
    fiscal_year_to = serializers.IntegerField(allow_null=True)
    plan_period = serializers.CharField()
    tags = serializers.ListField(source="tag_list", child=serializers.CharField())
    is_published = serializers.BooleanField()
    external_url = serializers.CharField()
    url = serializers.SerializerMethodField()
    versions = serializers.SerializerMethodField()

    def get_url(self, document) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(document.get_absolute_url()) if request else document.get_absolute_url()

    @extend_schema_field(VersionOutput(many=True))
    def get_versions(self, document):
        versions = sorted(document.versions.all(), key=lambda v: -v.number)
        return VersionOutput(versions, many=True, context=self.context).data


def _choice_help(choices) -> str:
    return ", ".join(f"{value} ({label})" for value, label in choices)


class QueryOutput(serializers.Serializer):
    text = serializers.CharField()
    tokens = serializers.ListField(child=serializers.CharField())
    notices = serializers.ListField(child=serializers.CharField())


DOCUMENT_LIST_PARAMETERS = [
    OpenApiParameter("q", str, description="ค้นหา (ชื่อหรือคำอธิบาย)"),
    OpenApiParameter("kind", str, description=_choice_help(DocumentKind.choices)),
    OpenApiParameter("cluster", int),
    OpenApiParameter("province", int),
    OpenApiParameter("fiscal_year", int, description="ปีงบประมาณ (พ.ศ.)"),
    OpenApiParameter("page", int),
]


class DocumentPageOutput(serializers.Serializer):
    """The list as sent: one page of documents and how the Thai query was read (issue 13: the
    schema used to call it a bare array)."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = DocumentOutput(many=True)
    query = QueryOutput()


class DocumentInput(serializers.Serializer):
    # A plain string checked against the choices: each app's "kind" enum would otherwise collide
    # in the schema's enum names (drf-spectacular W001, which the deploy check fails on).
    kind = serializers.CharField(max_length=30, help_text=_choice_help(DocumentKind.choices))
    title = serializers.CharField(
        max_length=300,
        error_messages={"blank": "กรุณากรอกชื่อเอกสาร", "required": "กรุณากรอกชื่อเอกสาร"},
        validators=[validate_title],
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")
    # Each organisation publishes its own documents (R11): the owner is one the user acts for.
    office = ScopedPrimaryKeyRelatedField(
        queryset=Office.objects.all(), scope_kind=ACTING_FOR, required=False, allow_null=True, default=None
    )
    ministry = ScopedPrimaryKeyRelatedField(
        queryset=Ministry.objects.all(), scope_kind=ACTING_FOR, required=False, allow_null=True, default=None
    )
    fiscal_year_from = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=2500, max_value=2700
    )
    fiscal_year_to = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=2500, max_value=2700
    )
    plan_period = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    tags = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    is_published = serializers.BooleanField(required=False, default=True)
    external_url = serializers.URLField(required=False, allow_blank=True, default="", max_length=500)

    def validate_kind(self, value):
        if value not in DocumentKind.values:
            raise serializers.ValidationError("ประเภทเอกสารไม่ถูกต้อง")
        return value


class DocumentCreateInput(DocumentInput):
    file = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        error_messages={"empty": "ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ที่มีเนื้อหา"},
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class DocumentListApi(PublicApi):
    """GET: published documents, filtered and searched in Thai (q, kind, cluster, province,
    fiscal_year). POST (multipart): publish a document for one's own office or ministry."""

    parser_classes = [MultiPartParser, FormParser, DepthLimitedJSONParser]

    @extend_schema(
        responses=DocumentPageOutput, parameters=DOCUMENT_LIST_PARAMETERS, operation_id="library_documents_list"
    )
    def get(self, request):
        filterset = DocumentFilter(request.query_params or None, queryset=Document.objects.none())
        params = filterset.clean_params()
        query = parse_query(params.pop("raw_query"))
        documents = selectors.document_list(user=request.user, query=query, **params).prefetch_related("versions")
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(documents, request, view=self)
        response = paginator.get_paginated_response(DocumentOutput(page, many=True, context={"request": request}).data)
        response.data["query"] = {
            "text": query.text,
            "tokens": list(query.tokens),
            "notices": [str(n) for n in query.notices],
        }
        return response

    @extend_schema(request=DocumentCreateInput, responses=DocumentOutput)
    def post(self, request):
        data = DocumentCreateInput(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        try:
            document = services.document_create(user=request.user, **data.validated_data)
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(DocumentOutput(document, context={"request": request}).data, status=status.HTTP_201_CREATED)


class DocumentDetailApi(PublicApi):
    @extend_schema(responses=DocumentOutput)
    def get(self, request, slug):
        document = selectors.access_document(user=request.user, slug=slug)
        return Response(DocumentOutput(document, context={"request": request}).data)

    @extend_schema(request=DocumentInput, responses=DocumentOutput)
    def patch(self, request, slug):
        document = selectors.access_editable_document(user=request.user, slug=slug)
        data = DocumentInput(data=request.data, partial=True, context={"request": request})
        data.is_valid(raise_exception=True)
        changes = {k: v for k, v in data.validated_data.items() if k in request.data}
        try:
            document = services.document_update(user=request.user, document=document, **changes)
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(DocumentOutput(document, context={"request": request}).data)


class DocumentVersionCreateApi(APIView):
    """POST (multipart `file`, optional `note`): replace the document's file; versions are kept."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "DocumentVersionInput"

        file = serializers.FileField(
            error_messages={"required": "กรุณาเลือกไฟล์เอกสาร", "empty": "ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ที่มีเนื้อหา"}
        )
        note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)

    @extend_schema(request=InputSerializer, responses=VersionOutput)
    def post(self, request, slug):
        document = selectors.access_editable_document(user=request.user, slug=slug)
        data = self.InputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        try:
            version = services.document_version_add(user=request.user, document=document, **data.validated_data)
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(VersionOutput(version, context={"request": request}).data, status=status.HTTP_201_CREATED)


class ActionPlanPublishApi(APIView):
    """POST: publish an action plan filed in the portal to the library (a new version if already there)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=None, responses=DocumentOutput)
    def post(self, request, plan_id):
        plan = selectors.access_publishable_plan(user=request.user, plan_id=plan_id)
        document = services.action_plan_publish(user=request.user, plan=plan)
        return Response(DocumentOutput(document, context={"request": request}).data, status=status.HTTP_201_CREATED)
