from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from ministries.filters import DepartmentFilter, FieldOfficeFilter, MinistryFilter, MinistryStrategyFilter
from ministries.forms import OWN_REQUEST_MAX_BYTES, BudgetLineImportForm
from ministries.importing import FileFormatError, read_upload
from ministries.models import (
    BudgetLineImport,
    CentralAgency,
    Department,
    FieldOffice,
    Ministry,
    MinistryStrategy,
    WorkCategory,
)
from ministries.permissions import can_import_budget_lines
from ministries.selectors import budget_line_list, import_batch_list, output_get, output_list, own_request_list
from ministries.serializers import (
    BudgetLineSerializer,
    CentralAgencySerializer,
    DepartmentSerializer,
    FieldOfficeSerializer,
    MinistryOutputSerializer,
    MinistrySerializer,
    MinistryStrategySerializer,
    OwnRequestLineSerializer,
    WorkCategorySerializer,
)
from ministries.services import budget_lines_import, ministry_output_save, own_requests_import
from portal.scoping import ScopedPrimaryKeyRelatedField


class MinistryListApi(generics.ListAPIView):
    queryset = Ministry.objects.all()
    serializer_class = MinistrySerializer
    filterset_class = MinistryFilter


class MinistryDetailApi(generics.RetrieveAPIView):
    queryset = Ministry.objects.all()
    serializer_class = MinistrySerializer


class DepartmentListApi(generics.ListAPIView):
    queryset = Department.objects.all()
    serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilter


class FieldOfficeListApi(generics.ListAPIView):
    queryset = FieldOffice.objects.select_related("kind")
    serializer_class = FieldOfficeSerializer
    filterset_class = FieldOfficeFilter


class MinistryStrategyListApi(generics.ListAPIView):
    queryset = MinistryStrategy.objects.prefetch_related("goals")
    serializer_class = MinistryStrategySerializer
    filterset_class = MinistryStrategyFilter


class CentralAgencyListApi(generics.ListAPIView):
    queryset = CentralAgency.objects.all()
    serializer_class = CentralAgencySerializer


class WorkCategoryListApi(generics.ListAPIView):
    queryset = WorkCategory.objects.all()
    serializer_class = WorkCategorySerializer
    pagination_class = None


# ---------------------------------------------------------------- budget lines (R6's data)


class BudgetLineListApi(generics.ListAPIView):
    """Ministries' budget lines; filter by ?fiscal_year=, ?province= (Thai name), ?q= (text)."""

    serializer_class = BudgetLineSerializer
    filter_backends = []

    def get_queryset(self):
        params = self.request.query_params
        year = params.get("fiscal_year", "")
        return budget_line_list(
            fiscal_year=int(year) if year.isdecimal() else None,
            province=params.get("province", ""),
            q=params.get("q", ""),
        )


class BudgetLineImportSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLineImport
        fields = [
            "id",
            "file_name",
            "source",
            "status",
            "started_at",
            "finished_at",
            "elapsed_seconds",
            "rows",
            "created",
            "updated",
            "unchanged",
            "error_count",
            "errors",
            "fiscal_years",
            "created_by",
        ]


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

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}, "skip_invalid": {"type": "boolean"}},
            }
        },
        responses=BudgetLineImportSerializer,
    )
    def post(self, request):
        form = BudgetLineImportForm(request.data, request.FILES)
        if not form.is_valid():
            return Response(
                {"detail": " ".join(e for errors in form.errors.values() for e in errors), "errors": form.errors},
                status=status.HTTP_400_BAD_REQUEST,
            )
        upload = form.cleaned_data["file"]
        try:
            batch = budget_lines_import(
                rows=read_upload(upload),
                file_name=upload.name,
                user=request.user,
                source="api",
                allow_partial=form.cleaned_data["skip_invalid"],
                line_source=form.cleaned_data["line_source"],
            )
        except FileFormatError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        code = status.HTTP_201_CREATED if batch.status == BudgetLineImport.Status.DONE else status.HTTP_400_BAD_REQUEST
        data = dict(BudgetLineImportSerializer(batch).data)
        # how many open requests this import queued for re-screening (issue 12 point 5; not stored)
        data["rescreens_queued"] = batch.rescreens_queued
        return Response(data, status=code)


# ---------------------------------------------------------------- the ministries' own requests (R6)


def _small_number(text: str) -> int | None:
    """A year or an id from the query string; absurd numbers are ignored (never a database overflow)."""
    return int(text) if text.isdecimal() and len(text) <= 9 else None


class OwnRequestInput(serializers.Serializer):
    ministry = ScopedPrimaryKeyRelatedField(queryset=Ministry.objects.all())
    department = ScopedPrimaryKeyRelatedField(queryset=Department.objects.all(), required=False, allow_null=True)
    rows = serializers.ListField(child=serializers.DictField(), required=False, max_length=5000)
    file = serializers.FileField(required=False)


class OwnRequestListApi(generics.ListAPIView):
    """GET: the own requests this user may read (?fiscal_year=, ?q=). POST: enter or upload own
    requests for `ministry` (id) and optional `department` (id): a multipart `file` (.xlsx/.csv,
    the budget-line columns) or JSON `rows` (objects with those columns). All or nothing; 400 with
    the row errors when refused, 403 for another ministry's or department's requests."""

    serializer_class = OwnRequestLineSerializer
    filter_backends = []
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        params = self.request.query_params
        year = params.get("fiscal_year", "")
        return own_request_list(user=self.request.user, fiscal_year=_small_number(year), q=params.get("q", ""))

    @extend_schema(request=OwnRequestInput, responses=BudgetLineImportSerializer)
    def post(self, request):
        data = OwnRequestInput(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        ministry, department = data.validated_data["ministry"], data.validated_data.get("department")
        upload = request.FILES.get("file")
        try:
            if upload is not None:
                if upload.size > OWN_REQUEST_MAX_BYTES:
                    return Response({"detail": _("ไฟล์มีขนาดเกินกว่าที่รับได้")}, status=status.HTTP_400_BAD_REQUEST)
                rows, name = read_upload(upload), upload.name
            else:
                rows = [(number, row) for number, row in enumerate(data.validated_data.get("rows") or [], start=2)]
                name = "api"
                if not rows:
                    return Response({"detail": _("ไม่มีแถวข้อมูล")}, status=status.HTTP_400_BAD_REQUEST)
            batch = own_requests_import(
                user=request.user,
                rows=rows,
                file_name=name,
                ministry=ministry,
                department=department,
                channel="own-api",
            )
        except FileFormatError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        payload = BudgetLineImportSerializer(batch).data
        payload["rescreens_queued"] = batch.rescreens_queued
        if batch.status != BudgetLineImport.Status.DONE:
            payload["detail"] = _("ไม่ได้บันทึก: ข้อมูลผิดพลาด %(count)s แถว") % {"count": batch.error_count}
            return Response(payload, status=status.HTTP_400_BAD_REQUEST)
        return Response(payload, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- the ministry's outputs/projects (R21)


class MinistryOutputListApi(generics.ListAPIView):
    """GET: a ministry's outputs and projects of a year (?fiscal_year=, ?ministry=, ?department=,
    ?active=1). POST: add one to a list the user keeps (its ministry or department)."""

    serializer_class = MinistryOutputSerializer
    filter_backends = []

    def get_queryset(self):
        params = self.request.query_params
        number = lambda name: _small_number(params.get(name, ""))  # noqa: E731
        return output_list(
            fiscal_year=number("fiscal_year"),
            ministry_id=number("ministry"),
            department_id=number("department"),
            active_only=params.get("active") in ("1", "true"),
        )

    def post(self, request):
        serializer = MinistryOutputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        output = ministry_output_save(
            user=request.user,
            fiscal_year=data["fiscal_year"],
            ministry=data["ministry"],
            department=data.get("department"),
            kind=data["kind"],
            name=data["name"],
            is_active=data.get("is_active", True),
        )
        return Response(MinistryOutputSerializer(output).data, status=status.HTTP_201_CREATED)


class MinistryOutputDetailApi(APIView):
    """GET one entry; PATCH its name or `is_active` (the ministry or department that keeps it)."""

    @extend_schema(responses=MinistryOutputSerializer)
    def get(self, request, pk):
        return Response(MinistryOutputSerializer(output_get(output_id=pk)).data)

    @extend_schema(request=MinistryOutputSerializer, responses=MinistryOutputSerializer)
    def patch(self, request, pk):
        output = output_get(output_id=pk)
        serializer = MinistryOutputSerializer(output, data=request.data, partial=True, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        output = ministry_output_save(
            user=request.user,
            output=output,
            fiscal_year=output.fiscal_year,
            ministry=output.ministry,
            department=output.department,
            kind=data.get("kind", output.kind),
            name=data.get("name", output.name),
            is_active=data.get("is_active", output.is_active),
        )
        return Response(MinistryOutputSerializer(output).data)
