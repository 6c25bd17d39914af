"""Joint KPI endpoints (R13)."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from clusters.models import Office
from library import selectors, services
from library.apis.common import PublicApi, _validation
from library.models import JointKPI
from ministries.models import Department, Ministry
from portal.api_fields import ADDateField
from portal.exceptions import ApplicationError
from portal.scoping import ScopedPrimaryKeyRelatedField


class JointKPIOutput(serializers.ModelSerializer):
    ministry_name = serializers.CharField(source="ministry.name_th")
    office_names = serializers.SerializerMethodField()

    class Meta:
        model = JointKPI
        fields = [
            "id",
            "fiscal_year",
            "name",
            "ministry",
            "ministry_name",
            "department",
            "offices",
            "office_names",
            "target",
            "unit",
            "result",
            "result_reported_on",
            "source",
            "status",
            "proposed_side",
            "response_note",
            "responded_at",
            "workshop",
        ]

    def get_office_names(self, kpi) -> list[str]:
        return [office.name_th for office in kpi.offices.all()]


class JointKPIInput(serializers.Serializer):
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700)
    name = serializers.CharField(max_length=300)
    ministry = ScopedPrimaryKeyRelatedField(queryset=Ministry.objects.all())
    department = ScopedPrimaryKeyRelatedField(queryset=Department.objects.all(), required=False, allow_null=True)
    offices = ScopedPrimaryKeyRelatedField(queryset=Office.objects.all(), many=True)
    target = serializers.CharField(max_length=100, required=False, allow_blank=True)
    unit = serializers.CharField(max_length=50, required=False, allow_blank=True)
    result = serializers.CharField(max_length=200, required=False, allow_blank=True)
    result_reported_on = ADDateField(required=False, allow_null=True)
    source = serializers.CharField(max_length=300, required=False, allow_blank=True)


class JointKPIListApi(PublicApi):
    """GET ?fiscal_year=2554: the joint KPIs both sides agreed (R13): the requests' ones the joint
    ministry confirmed, and the workshop/library ones. POST: the central team records an agreed
    KPI; a ministry reviewer or an office's planner proposes one, pending until the other side
    answers (POST .../respond/)."""

    @extend_schema(responses=None, operation_id="library_joint_kpis_for_year")
    def get(self, request):
        raw = request.query_params.get("fiscal_year", "")
        if not (raw.isdecimal() and 2500 <= int(raw) <= 2700):
            raise ApplicationError("กรุณาระบุ fiscal_year เป็นปีพุทธศักราช เช่น 2554")
        year = int(raw)
        request_kpis = [
            {
                "id": k.pk,
                "name": k.name,
                "target": k.target,
                "unit": k.unit,
                "result": k.result,
                "office": k.request.office.name_th,
                "office_id": k.request.office_id,
                "ministry": k.joint_ministry.name_th if k.joint_ministry_id else None,
                "ministry_id": k.joint_ministry_id,
                "request_reference": k.request.reference,
                "request_title": k.request.title,
                "request_status": k.request.status,
            }
            for k in selectors.request_joint_kpi_list(fiscal_year=year)
        ]
        workshop = JointKPIOutput(selectors.workshop_joint_kpi_list(fiscal_year=year), many=True).data
        return Response({"fiscal_year": year, "request_kpis": request_kpis, "workshop_kpis": workshop})

    @extend_schema(request=JointKPIInput, responses=JointKPIOutput)
    def post(self, request):
        data = JointKPIInput(data=request.data, context={"request": request})
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
        # agreed KPIs are public; a proposal only for the two sides (404 for anyone else)
        return Response(JointKPIOutput(selectors.joint_kpi_get(user=request.user, kpi_id=kpi_id)).data)

    @extend_schema(request=JointKPIInput, responses=JointKPIOutput)
    def patch(self, request, kpi_id):
        kpi = selectors.access_joint_kpi(user=request.user, kpi_id=kpi_id)
        data = JointKPIInput(data=request.data, partial=True, context={"request": request})
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        from library.permissions import can_revise_joint_kpi

        if not can_revise_joint_kpi(request.user, kpi):
            from django.http import Http404

            raise Http404
        try:
            kpi = services.joint_kpi_update(user=request.user, kpi=kpi, offices=fields.pop("offices", None), **fields)
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(JointKPIOutput(kpi).data)
