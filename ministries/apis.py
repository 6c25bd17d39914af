from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from ministries.filters import DepartmentFilter, FieldOfficeFilter, MinistryFilter, MinistryStrategyFilter
from ministries.forms import BudgetLineImportForm
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
from ministries.selectors import budget_line_list, import_batch_list
from ministries.serializers import (
    BudgetLineSerializer,
    CentralAgencySerializer,
    DepartmentSerializer,
    FieldOfficeSerializer,
    MinistrySerializer,
    MinistryStrategySerializer,
    WorkCategorySerializer,
)
from ministries.services import budget_lines_import


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
            fiscal_year=int(year) if year.isdigit() else None,
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
            )
        except FileFormatError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        code = status.HTTP_201_CREATED if batch.status == BudgetLineImport.Status.DONE else status.HTTP_400_BAD_REQUEST
        data = dict(BudgetLineImportSerializer(batch).data)
        # how many open requests this import queued for re-screening (issue 12 point 5; not stored)
        data["rescreens_queued"] = batch.rescreens_queued
        return Response(data, status=code)
