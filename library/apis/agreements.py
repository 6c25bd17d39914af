"""Two-sided endpoints (R13 joint KPIs and workshops; R22 cited plans and zoning proposals). Reads
and writes go through the same selectors, guarded fetches and services as the pages."""

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from clusters.models import Office
from library import selectors, services
from library.apis.common import PublicApi, _validation
from library.apis.kpis import JointKPIOutput
from library.models import Document, JointKPI, RequestPlanCitation, Workshop, ZoningProposal
from library.permissions import (
    can_answer_request_kpi,
    can_answer_zoning_proposal,
    can_respond_joint_kpi,
)
from ministries.models import Ministry
from portal.api_fields import ADDateField
from portal.exceptions import ApplicationError
from portal.scoping import IdField, ScopedPrimaryKeyRelatedField
from proposals.selectors.requests import access_request


def _year(request) -> int | None:
    raw = request.query_params.get("fiscal_year", "")
    if not raw:
        return None
    if not (raw.isdecimal() and 2500 <= int(raw) <= 2700):
        raise ApplicationError("กรุณาระบุ fiscal_year เป็นปีพุทธศักราช เช่น 2554")
    return int(raw)


class AnswerInput(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["agree", "change"])
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True)


def _answered(call, data):
    answer = AnswerInput(data=data)
    answer.is_valid(raise_exception=True)
    try:
        return call(agree=answer.validated_data["decision"] == "agree", note=answer.validated_data.get("note", ""))
    except ValidationError as exc:
        raise _validation(exc) from None


# --- joint KPIs (R13)
class JointKPIProposalListApi(APIView):
    """GET ?fiscal_year=2554: the proposals not yet agreed that this user is a party to, and the
    requests' joint KPIs naming this user's ministry that wait for its answer."""

    @extend_schema(responses=None)
    def get(self, request):
        year = _year(request)
        if year is None:
            raise ApplicationError("กรุณาระบุ fiscal_year เป็นปีพุทธศักราช เช่น 2554")
        proposals = selectors.proposal_joint_kpi_list(user=request.user, fiscal_year=year)
        to_answer = [
            {
                "id": k.pk,
                "name": k.name,
                "target": k.target,
                "unit": k.unit,
                "ministry_id": k.joint_ministry_id,
                "request_id": k.request_id,
                "request_reference": k.request.reference,
                "office": k.request.office.name_th,
            }
            for k in selectors.request_kpis_to_answer(user=request.user, fiscal_year=year)
        ]
        rows = [
            {**JointKPIOutput(kpi).data, "can_respond": can_respond_joint_kpi(request.user, kpi)} for kpi in proposals
        ]
        return Response({"fiscal_year": year, "proposals": rows, "request_kpis_to_answer": to_answer})


class JointKPIRespondApi(APIView):
    """POST {decision: agree|change, note}: the other side answers a pending proposal."""

    @extend_schema(request=AnswerInput, responses=JointKPIOutput)
    def post(self, request, kpi_id):
        kpi = selectors.access_joint_kpi(user=request.user, kpi_id=kpi_id)
        if not can_respond_joint_kpi(request.user, kpi):
            raise Http404
        kpi = _answered(lambda **kw: services.joint_kpi_respond(user=request.user, kpi=kpi, **kw), request.data)
        return Response(JointKPIOutput(kpi).data)


class RequestKPIAnswerApi(APIView):
    """POST {decision, note}: the joint ministry answers a request's joint KPI as it reads now."""

    @extend_schema(request=AnswerInput, responses=None)
    def post(self, request, kpi_id):
        kpi = selectors.access_answerable_request_kpi(user=request.user, kpi_id=kpi_id)
        if not can_answer_request_kpi(request.user, kpi):
            raise Http404
        agreement = _answered(lambda **kw: services.request_kpi_respond(user=request.user, kpi=kpi, **kw), request.data)
        return Response({"kpi_id": kpi.pk, "status": agreement.status, "note": agreement.note})


# --- workshops (R13)
class WorkshopOutput(serializers.ModelSerializer):
    kpis = serializers.SerializerMethodField()

    class Meta:
        model = Workshop
        fields = ["id", "fiscal_year", "held_on", "title", "venue", "notes", "offices", "ministries", "kpis"]

    def get_kpis(self, workshop) -> list[dict]:
        return [
            {"id": k.pk, "name": k.name, "ministry": k.ministry_id} for k in selectors.workshop_kpis(workshop=workshop)
        ]


class WorkshopInput(serializers.Serializer):
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700)
    held_on = ADDateField()
    title = serializers.CharField(max_length=300)
    venue = serializers.CharField(max_length=300, required=False, allow_blank=True)
    notes = serializers.CharField(required=False, allow_blank=True)
    offices = ScopedPrimaryKeyRelatedField(queryset=Office.objects.all(), many=True, required=False)
    ministries = ScopedPrimaryKeyRelatedField(queryset=Ministry.objects.all(), many=True, required=False)
    # plain ids, checked below against the workshop's year (a KPI is not an organisation's row)
    kpis = serializers.ListField(child=IdField(), required=False)


def _workshop_save(request, workshop=None):
    data = WorkshopInput(data=request.data, context={"request": request}, partial=workshop is not None)
    data.is_valid(raise_exception=True)
    fields = dict(data.validated_data)
    offices = fields.pop("offices", None)
    ministries = fields.pop("ministries", None)
    if workshop is not None:
        offices = list(workshop.offices.all()) if offices is None else offices
        ministries = list(workshop.ministries.all()) if ministries is None else ministries
    kpi_ids = set(fields.pop("kpis", []))
    kpis = list(JointKPI.objects.filter(pk__in=kpi_ids))
    if len(kpis) != len(kpi_ids):
        raise serializers.ValidationError({"kpis": ["ไม่พบตัวชี้วัดร่วมบางรายการที่ระบุ"]})
    try:
        return services.workshop_record(
            user=request.user,
            workshop=workshop,
            offices=offices or [],
            ministries=ministries or [],
            kpis=kpis,
            **fields,
        )
    except ValidationError as exc:
        raise _validation(exc) from None


class WorkshopListApi(PublicApi):
    """GET ?fiscal_year=: the workshops and the KPIs each agreed (public). POST: central team."""

    @extend_schema(responses=WorkshopOutput(many=True))
    def get(self, request):
        return Response(WorkshopOutput(selectors.workshop_list(fiscal_year=_year(request)), many=True).data)

    @extend_schema(request=WorkshopInput, responses=WorkshopOutput)
    def post(self, request):
        return Response(WorkshopOutput(_workshop_save(request)).data, status=status.HTTP_201_CREATED)


class WorkshopDetailApi(PublicApi):
    @extend_schema(responses=WorkshopOutput)
    def get(self, request, workshop_id):
        return Response(WorkshopOutput(selectors.workshop_get(workshop_id=workshop_id)).data)

    @extend_schema(request=WorkshopInput, responses=WorkshopOutput)
    def patch(self, request, workshop_id):
        workshop = selectors.workshop_get(workshop_id=workshop_id)
        return Response(WorkshopOutput(_workshop_save(request, workshop)).data)


# --- plans a request cites (R22)
class CitationOutput(serializers.ModelSerializer):
    document_slug = serializers.CharField(source="document.slug")
    document_title = serializers.CharField(source="document.title")
    document_kind = serializers.CharField(source="document.kind")

    class Meta:
        model = RequestPlanCitation
        fields = ["id", "document", "document_slug", "document_title", "document_kind", "note", "cited_at"]


class CitationInput(serializers.Serializer):
    # the document's slug, looked up among the plans of the request's area only
    document = serializers.SlugField(max_length=80)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class RequestPlanListApi(APIView):
    """GET: the plans the request cites and those of its area it could cite. POST {document: slug}."""

    @extend_schema(responses=None)
    def get(self, request, request_id):
        req = access_request(user=request.user, request_id=request_id)
        citable = [
            {"slug": d.slug, "title": d.title, "kind": d.kind, "office": d.office.name_th if d.office_id else None}
            for d in selectors.citable_documents(request=req)
        ]
        cited = CitationOutput(selectors.request_citations(request=req), many=True).data
        return Response({"request_id": req.pk, "cited": cited, "citable": citable})

    @extend_schema(request=CitationInput, responses=CitationOutput)
    def post(self, request, request_id):
        req = access_request(user=request.user, request_id=request_id)
        if not services.can_cite_plans(request.user, req):
            raise Http404
        data = CitationInput(data=request.data)
        data.is_valid(raise_exception=True)
        document = selectors.citable_documents(request=req).filter(slug=data.validated_data["document"]).first()
        if document is None:
            raise serializers.ValidationError({"document": ["เลือกได้เฉพาะแผนที่เผยแพร่ของพื้นที่ของคำขอนี้"]})
        try:
            citation = services.request_plan_cite(
                user=request.user, request=req, document=document, note=data.validated_data.get("note", "")
            )
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(CitationOutput(citation).data, status=status.HTTP_201_CREATED)


class RequestPlanDeleteApi(APIView):
    @extend_schema(responses=None)
    def delete(self, request, request_id, citation_id):
        citation = selectors.access_citation(user=request.user, citation_id=citation_id, request_id=request_id)
        if not services.can_cite_plans(request.user, citation.request):
            raise Http404
        services.request_plan_uncite(user=request.user, citation=citation)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- industrial-zoning proposals (R22)
class ZoningOutput(serializers.ModelSerializer):
    office_name = serializers.CharField(source="office.name_th")
    ministry_name = serializers.CharField(source="ministry.name_th")

    class Meta:
        model = ZoningProposal
        fields = [
            "id",
            "office",
            "office_name",
            "ministry",
            "ministry_name",
            "fiscal_year",
            "title",
            "location",
            "need",
            "industries",
            "document",
            "status",
            "answer",
            "received_at",
            "answered_at",
            "created_at",
        ]


class ZoningInput(serializers.Serializer):
    office = ScopedPrimaryKeyRelatedField(queryset=Office.objects.all())
    ministry = ScopedPrimaryKeyRelatedField(queryset=Ministry.objects.all())
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700)
    title = serializers.CharField(max_length=300)
    location = serializers.CharField(max_length=300)
    need = serializers.CharField()
    industries = serializers.CharField(max_length=300, required=False, allow_blank=True)
    # a published document's slug (the plans library is public)
    document = serializers.SlugField(max_length=80, required=False, allow_null=True, allow_blank=True)


class ZoningProposalListApi(APIView):
    """GET ?fiscal_year=&status=: proposals this user sent or received. POST: an office sends one."""

    @extend_schema(responses=ZoningOutput(many=True))
    def get(self, request):
        raw_status = request.query_params.get("status") or None
        proposals = selectors.zoning_proposal_list(user=request.user, fiscal_year=_year(request), status=raw_status)
        return Response(ZoningOutput(proposals, many=True).data)

    @extend_schema(request=ZoningInput, responses=ZoningOutput)
    def post(self, request):
        data = ZoningInput(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        slug = fields.pop("document", None)
        if slug:
            fields["document"] = Document.objects.published().filter(slug=slug).first()
            if fields["document"] is None:
                raise serializers.ValidationError({"document": ["ไม่พบเอกสารที่เผยแพร่ตามรหัสนี้"]})
        try:
            proposal = services.zoning_proposal_send(
                user=request.user, office=fields.pop("office"), ministry=fields.pop("ministry"), **fields
            )
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(ZoningOutput(proposal).data, status=status.HTTP_201_CREATED)


class ZoningProposalDetailApi(APIView):
    @extend_schema(responses=ZoningOutput)
    def get(self, request, proposal_id):
        return Response(ZoningOutput(selectors.access_zoning_proposal(user=request.user, proposal_id=proposal_id)).data)


def _ministry_side(request, proposal_id) -> ZoningProposal:
    proposal = selectors.access_zoning_proposal(user=request.user, proposal_id=proposal_id)
    if not can_answer_zoning_proposal(request.user, proposal):
        raise Http404
    return proposal


class ZoningProposalReceiveApi(APIView):
    @extend_schema(request=None, responses=ZoningOutput)
    def post(self, request, proposal_id):
        proposal = _ministry_side(request, proposal_id)
        try:
            proposal = services.zoning_proposal_receive(user=request.user, proposal=proposal)
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(ZoningOutput(proposal).data)


class ZoningAnswerInput(serializers.Serializer):
    answer = serializers.CharField(max_length=4000)


class ZoningProposalAnswerApi(APIView):
    @extend_schema(request=ZoningAnswerInput, responses=ZoningOutput)
    def post(self, request, proposal_id):
        proposal = _ministry_side(request, proposal_id)
        data = ZoningAnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            proposal = services.zoning_proposal_answer(
                user=request.user, proposal=proposal, answer=data.validated_data["answer"]
            )
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(ZoningOutput(proposal).data)
