"""Cluster integration (R4; 000 ประเด็น 1 item 3, ประเด็น 5 item 2; 002 ประเด็น 5 item 2):
small requests of one kind from the cluster's provinces become one larger cluster project."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from clusters.models import Office
from portal.exceptions import ApplicationError, NotAllowed
from portal.roles import scope_of
from proposals.events import request_event_record
from proposals.models import ProjectRequest, RequestKPI, RequestStakeholder
from proposals.permissions import is_cluster_officer_for
from proposals.services.plans import plan_get_or_create_for_office
from proposals.services.requests import request_create
from proposals.services.transitions import request_transition
from proposals.workflow import Action, EventKind, transition_for


def requests_merge(*, user, request_ids: list[int], title: str, cluster_office_id: int | None = None) -> ProjectRequest:
    """Merge two or more requests of one work category into a new draft project in the cluster's
    plan. The project sums the amounts and unions the locations, KPIs and stakeholders; each source
    moves to MERGED through request_transition with merged_into set, so the links hold both ways
    and nothing is deleted. One transaction: all sources merge or none do."""
    scope = scope_of(user)
    office_ids = [cluster_office_id] if cluster_office_id else sorted(scope.cluster_office_ids)
    if not office_ids or not set(office_ids) <= scope.cluster_office_ids:
        raise NotAllowed(_("การรวมโครงการทำได้เฉพาะเจ้าหน้าที่กลุ่มจังหวัด"))
    ids = sorted({int(i) for i in request_ids})
    if len(ids) < 2:
        raise ApplicationError(_("เลือกคำขออย่างน้อย 2 รายการเพื่อรวมเป็นโครงการกลุ่มจังหวัด"))
    title = (title or "").strip()
    if not title:
        raise ApplicationError(_("กรุณาตั้งชื่อโครงการกลุ่มจังหวัดที่รวมแล้ว"))
    sources = list(
        ProjectRequest.objects.filter(pk__in=ids)
        .select_related("office", "category", "ministry_strategy")
        .prefetch_related("locations", "kpis", "stakeholders")
        .order_by("priority_rank", "id")
    )
    if len(sources) != len(ids) or not all(is_cluster_officer_for(user, r) for r in sources):
        raise NotAllowed(_("รวมได้เฉพาะคำขอของจังหวัดในกลุ่มจังหวัดของท่าน"))
    merge = transition_for(Action.MERGE)
    if any(r.status not in merge.sources for r in sources):
        raise ApplicationError(_("รวมได้เฉพาะคำขอที่ส่งแล้วและยังอยู่ระหว่างพิจารณา"))
    if len({r.category_id for r in sources}) != 1 or sources[0].category_id is None:
        raise ApplicationError(_("รวมได้เฉพาะคำขอในหมวดงานเดียวกัน"))
    if len({r.fiscal_year for r in sources}) != 1:
        raise ApplicationError(_("รวมได้เฉพาะคำขอในปีงบประมาณเดียวกัน"))
    fiscal_year = sources[0].fiscal_year
    office = Office.objects.get(pk=office_ids[0])
    strategies = {r.ministry_strategy_id for r in sources}
    with transaction.atomic():
        plan = plan_get_or_create_for_office(user=user, office=office, fiscal_year=fiscal_year)
        project = request_create(
            user=user,
            plan_id=plan.pk,
            data={
                "title": title,
                "description": "\n".join(f"- {r.reference} {r.office}: {r.title}" for r in sources),
                "objectives": "\n".join(r.objectives for r in sources if r.objectives),
                "problem": "\n".join(r.problem for r in sources if r.problem),
                "evidence": "\n".join(r.evidence for r in sources if r.evidence),
                "category": sources[0].category_id,
                "ministry_strategy": strategies.pop() if len(strategies) == 1 else None,
                "funding_channel": "cluster",
                "amount": sum((r.amount for r in sources), Decimal(0)),
            },
            locations=[
                {
                    "province": loc.province_id,
                    "district": loc.district_id,
                    "subdistrict": loc.subdistrict_id,
                    "village_no": loc.village_no,
                    "amphoe": loc.amphoe,
                    "tambon": loc.tambon,
                    # a source typed before the gazetteer keeps its place as typed
                    "keep_unmatched_names": True,
                }
                for r in sources
                for loc in r.locations.all()
            ],
        )
        RequestKPI.objects.bulk_create(
            [
                RequestKPI(
                    request=project,
                    name=k.name,
                    target=k.target,
                    unit=k.unit,
                    is_joint=k.is_joint,
                    joint_ministry_id=k.joint_ministry_id,
                )
                for r in sources
                for k in r.kpis.all()
            ]
        )
        RequestStakeholder.objects.bulk_create(
            [
                RequestStakeholder(request=project, kind=s.kind, name=s.name, role=s.role)
                for r in sources
                for s in r.stakeholders.all()
            ]
        )
        for source in sources:
            request_transition(
                request_id=source.pk,
                action=Action.MERGE,
                user=user,
                comment=_("รวมเป็นโครงการกลุ่มจังหวัด %(ref)s") % {"ref": project.reference},
                payload={"merged_into": project.pk},
            )
        request_event_record(
            request=project,
            kind=EventKind.MERGE_CREATE,
            actor=user,
            from_status="",
            payload={"sources": [r.reference for r in sources]},
        )
    return project
