"""The public channel's API (R10-R13): read-only for everyone, writes for the owners, through the
same selectors, services and permission predicates as the pages."""
from django.core.exceptions import ValidationError
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from clusters.models import Office
from library import selectors, services
from library.filters import DocumentFilter
from library.models import DirectoryEntry, Document, DocumentKind, JointKPI, MechanismNode, NodeLevel, ResourceType
from library.permissions import can_edit_document
from library.search import parse_query
from ministries.models import CentralAgency, Department, FieldOffice, Ministry, FieldOfficeKind
from portal.exceptions import ApplicationError


class ReadOnlyOrSignedIn(permissions.BasePermission):
    """Anyone reads (the channel is public, R11-R13); only signed-in people may try to write, and
    the services then check that they own what they write."""

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or bool(request.user and request.user.is_authenticated)


class PublicApi(APIView):
    permission_classes = [ReadOnlyOrSignedIn]


def _validation(exc: ValidationError):
    return serializers.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


# --- documents
class VersionOutput(serializers.Serializer):
    number = serializers.IntegerField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    note = serializers.CharField()
    uploaded_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, version):
        url = reverse("library:document-version-download", kwargs={"slug": version.document.slug, "number": version.number})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class DocumentOutput(serializers.Serializer):
    slug = serializers.CharField()
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    title = serializers.CharField()
    description = serializers.CharField()
    office = serializers.CharField(source="office.name_th", default=None)
    office_id = serializers.IntegerField(allow_null=True)
    ministry = serializers.CharField(source="ministry.name_th", default=None)
    ministry_id = serializers.IntegerField(allow_null=True)
    fiscal_year_from = serializers.IntegerField(allow_null=True)
    fiscal_year_to = serializers.IntegerField(allow_null=True)
    plan_period = serializers.CharField()
    tags = serializers.ListField(source="tag_list", child=serializers.CharField())
    is_published = serializers.BooleanField()
    url = serializers.SerializerMethodField()
    versions = serializers.SerializerMethodField()

    def get_url(self, document):
        request = self.context.get("request")
        return request.build_absolute_uri(document.get_absolute_url()) if request else document.get_absolute_url()

    def get_versions(self, document):
        versions = sorted(document.versions.all(), key=lambda v: -v.number)
        return VersionOutput(versions, many=True, context=self.context).data


class DocumentInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    title = serializers.CharField(max_length=300, error_messages={"blank": "กรุณากรอกชื่อเอกสาร", "required": "กรุณากรอกชื่อเอกสาร"})
    description = serializers.CharField(required=False, allow_blank=True, default="")
    office = serializers.PrimaryKeyRelatedField(queryset=Office.objects.all(), required=False, allow_null=True, default=None)
    ministry = serializers.PrimaryKeyRelatedField(queryset=Ministry.objects.all(), required=False, allow_null=True, default=None)
    fiscal_year_from = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=2500, max_value=2700)
    fiscal_year_to = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=2500, max_value=2700)
    plan_period = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    tags = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    is_published = serializers.BooleanField(required=False, default=True)


class DocumentCreateInput(DocumentInput):
    file = serializers.FileField(error_messages={"required": "กรุณาเลือกไฟล์เอกสาร", "empty": "ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ที่มีเนื้อหา"})
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class DocumentListApi(PublicApi):
    """GET: published documents, filtered and searched in Thai (q, kind, cluster, province,
    fiscal_year). POST (multipart): publish a document for one's own office or ministry."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(responses=DocumentOutput(many=True))
    def get(self, request):
        filterset = DocumentFilter(request.query_params or None, queryset=Document.objects.none())
        params = filterset.clean_params()
        query = parse_query(params.pop("raw_query"))
        documents = selectors.document_list(user=request.user, query=query, **params).prefetch_related("versions")
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(documents, request, view=self)
        response = paginator.get_paginated_response(DocumentOutput(page, many=True, context={"request": request}).data)
        response.data["query"] = {"text": query.text, "tokens": list(query.tokens), "notices": [str(n) for n in query.notices]}
        return response

    @extend_schema(request=DocumentCreateInput, responses=DocumentOutput)
    def post(self, request):
        data = DocumentCreateInput(data=request.data)
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
        data = DocumentInput(data=request.data, partial=True)
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
        file = serializers.FileField(error_messages={"required": "กรุณาเลือกไฟล์เอกสาร", "empty": "ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ที่มีเนื้อหา"})
        note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)

    @extend_schema(request=InputSerializer, responses=VersionOutput)
    def post(self, request, slug):
        document = selectors.access_editable_document(user=request.user, slug=slug)
        data = self.InputSerializer(data=request.data)
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


# --- directory
class DirectoryEntryOutput(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.__str__")

    class Meta:
        model = DirectoryEntry
        fields = ["id", "organisation", "central_agency", "ministry", "department", "office", "field_office", "unit_name",
                  "coordination_role", "contact_person", "position", "phone", "email", "website", "note", "order"]


class DirectoryEntryInput(serializers.Serializer):
    central_agency = serializers.PrimaryKeyRelatedField(queryset=CentralAgency.objects.all(), required=False, allow_null=True)
    ministry = serializers.PrimaryKeyRelatedField(queryset=Ministry.objects.all(), required=False, allow_null=True)
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all(), required=False, allow_null=True)
    office = serializers.PrimaryKeyRelatedField(queryset=Office.objects.all(), required=False, allow_null=True)
    field_office = serializers.PrimaryKeyRelatedField(queryset=FieldOffice.objects.all(), required=False, allow_null=True)
    unit_name = serializers.CharField(max_length=200)
    coordination_role = serializers.CharField(required=False, allow_blank=True)
    contact_person = serializers.CharField(required=False, allow_blank=True, max_length=200)
    position = serializers.CharField(required=False, allow_blank=True, max_length=200)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=100)
    email = serializers.EmailField(required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)
    order = serializers.IntegerField(required=False, min_value=0, max_value=32767)


class DirectoryEntryListApi(PublicApi):
    @extend_schema(responses=DirectoryEntryOutput(many=True))
    def get(self, request):
        entries = DirectoryEntry.objects.select_related("central_agency", "ministry", "department", "office", "field_office")
        return Response(DirectoryEntryOutput(entries.order_by("order", "unit_name"), many=True).data)

    @extend_schema(request=DirectoryEntryInput, responses=DirectoryEntryOutput)
    def post(self, request):
        data = DirectoryEntryInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            entry = services.directory_entry_create(user=request.user, **data.validated_data)
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(DirectoryEntryOutput(entry).data, status=status.HTTP_201_CREATED)


class DirectoryEntryDetailApi(PublicApi):
    @extend_schema(responses=DirectoryEntryOutput)
    def get(self, request, entry_id):
        from django.shortcuts import get_object_or_404

        return Response(DirectoryEntryOutput(get_object_or_404(DirectoryEntry, pk=entry_id)).data)

    @extend_schema(request=DirectoryEntryInput, responses=DirectoryEntryOutput)
    def patch(self, request, entry_id):
        entry = selectors.access_directory_entry(user=request.user, entry_id=entry_id)
        data = DirectoryEntryInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        try:
            entry = services.directory_entry_update(user=request.user, entry=entry, **data.validated_data)
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(DirectoryEntryOutput(entry).data)

    def delete(self, request, entry_id):
        entry = selectors.access_directory_entry(user=request.user, entry_id=entry_id)
        services.directory_entry_delete(user=request.user, entry=entry)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- mechanisms
class NodeOutput(serializers.ModelSerializer):
    class Meta:
        model = MechanismNode
        fields = ["id", "level", "name", "ministry", "department", "field_office_kind", "description", "order"]


class ResourceTypeOutput(serializers.ModelSerializer):
    nodes = NodeOutput(many=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = ResourceType
        fields = ["code", "name_th", "name_en", "description", "source", "order", "nodes", "links"]

    def get_links(self, resource_type):
        return [{"id": link.pk, "source": link.source_id, "target": link.target_id, "label": link.label} for link in resource_type.links.all()]


class ResourceTypeListApi(PublicApi):
    class InputSerializer(serializers.Serializer):
        code = serializers.SlugField(max_length=40)
        name_th = serializers.CharField(max_length=200)
        name_en = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        description = serializers.CharField(required=False, allow_blank=True, default="")
        source = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
        order = serializers.IntegerField(required=False, default=0, min_value=0, max_value=32767)

    @extend_schema(responses=ResourceTypeOutput(many=True))
    def get(self, request):
        return Response(ResourceTypeOutput(selectors.resource_type_list().prefetch_related("nodes", "links"), many=True).data)

    @extend_schema(request=InputSerializer, responses=ResourceTypeOutput)
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            resource_type = services.resource_type_create(user=request.user, **data.validated_data)
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(ResourceTypeOutput(resource_type).data, status=status.HTTP_201_CREATED)


class ResourceTypeDetailApi(PublicApi):
    @extend_schema(responses=ResourceTypeOutput)
    def get(self, request, code):
        return Response(ResourceTypeOutput(selectors.resource_type_get(code=code)).data)


class MechanismNodeCreateApi(APIView):
    permission_classes = [permissions.IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        level = serializers.ChoiceField(choices=NodeLevel.choices)
        name = serializers.CharField(max_length=200)
        ministry = serializers.PrimaryKeyRelatedField(queryset=Ministry.objects.all(), required=False, allow_null=True)
        department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all(), required=False, allow_null=True)
        field_office_kind = serializers.PrimaryKeyRelatedField(queryset=FieldOfficeKind.objects.all(), required=False, allow_null=True)
        description = serializers.CharField(required=False, allow_blank=True, default="")
        order = serializers.IntegerField(required=False, default=0, min_value=0, max_value=32767)

    @extend_schema(request=InputSerializer, responses=NodeOutput)
    def post(self, request, code):
        resource_type = selectors.resource_type_get(code=code)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            node = services.mechanism_node_create(user=request.user, resource_type=resource_type, **data.validated_data)
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(NodeOutput(node).data, status=status.HTTP_201_CREATED)


class MechanismLinkCreateApi(APIView):
    permission_classes = [permissions.IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        source = serializers.IntegerField()
        target = serializers.IntegerField()
        label = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses=None)
    def post(self, request, code):
        resource_type = selectors.resource_type_get(code=code)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        nodes = {n.pk: n for n in resource_type.nodes.filter(pk__in=[data.validated_data["source"], data.validated_data["target"]])}
        source, target = nodes.get(data.validated_data["source"]), nodes.get(data.validated_data["target"])
        if source is None or target is None:
            raise ApplicationError("ไม่พบหน่วยในกลไกด้านนี้")
        try:
            link = services.mechanism_link_create(user=request.user, resource_type=resource_type, source=source, target=target, label=data.validated_data["label"])
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response({"id": link.pk, "source": source.pk, "target": target.pk, "label": link.label}, status=status.HTTP_201_CREATED)


# --- joint KPIs
class JointKPIOutput(serializers.ModelSerializer):
    ministry_name = serializers.CharField(source="ministry.name_th")
    office_names = serializers.SerializerMethodField()

    class Meta:
        model = JointKPI
        fields = ["id", "fiscal_year", "name", "ministry", "ministry_name", "department", "offices", "office_names", "target",
                  "unit", "result", "result_reported_on", "source"]

    def get_office_names(self, kpi):
        return [office.name_th for office in kpi.offices.all()]


class JointKPIInput(serializers.Serializer):
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700)
    name = serializers.CharField(max_length=300)
    ministry = serializers.PrimaryKeyRelatedField(queryset=Ministry.objects.all())
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all(), required=False, allow_null=True)
    offices = serializers.PrimaryKeyRelatedField(queryset=Office.objects.all(), many=True)
    target = serializers.CharField(max_length=100, required=False, allow_blank=True)
    unit = serializers.CharField(max_length=50, required=False, allow_blank=True)
    result = serializers.CharField(max_length=200, required=False, allow_blank=True)
    result_reported_on = serializers.DateField(required=False, allow_null=True)
    source = serializers.CharField(max_length=300, required=False, allow_blank=True)


class JointKPIListApi(PublicApi):
    """GET ?fiscal_year=2554: the requests' agreed joint KPIs and the workshop ones (R13)."""

    @extend_schema(responses=None)
    def get(self, request):
        raw = request.query_params.get("fiscal_year", "")
        if not (raw.isdigit() and 2500 <= int(raw) <= 2700):
            raise ApplicationError("กรุณาระบุ fiscal_year เป็นปีพุทธศักราช เช่น 2554")
        year = int(raw)
        request_kpis = [
            {"id": k.pk, "name": k.name, "target": k.target, "unit": k.unit, "result": k.result,
             "office": k.request.office.name_th, "office_id": k.request.office_id,
             "ministry": k.joint_ministry.name_th if k.joint_ministry_id else None, "ministry_id": k.joint_ministry_id,
             "request_reference": k.request.reference, "request_title": k.request.title, "request_status": k.request.status}
            for k in selectors.request_joint_kpi_list(fiscal_year=year)
        ]
        workshop = JointKPIOutput(selectors.workshop_joint_kpi_list(fiscal_year=year), many=True).data
        return Response({"fiscal_year": year, "request_kpis": request_kpis, "workshop_kpis": workshop})

    @extend_schema(request=JointKPIInput, responses=JointKPIOutput)
    def post(self, request):
        data = JointKPIInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        try:
            kpi = services.joint_kpi_create(user=request.user, offices=fields.pop("offices"), **fields)
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(JointKPIOutput(kpi).data, status=status.HTTP_201_CREATED)


class JointKPIDetailApi(PublicApi):
    @extend_schema(responses=JointKPIOutput)
    def get(self, request, kpi_id):
        from django.shortcuts import get_object_or_404

        return Response(JointKPIOutput(get_object_or_404(JointKPI, pk=kpi_id)).data)

    @extend_schema(request=JointKPIInput, responses=JointKPIOutput)
    def patch(self, request, kpi_id):
        kpi = selectors.access_joint_kpi(user=request.user, kpi_id=kpi_id)
        data = JointKPIInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        try:
            kpi = services.joint_kpi_update(user=request.user, kpi=kpi, offices=fields.pop("offices", None), **fields)
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(JointKPIOutput(kpi).data)
