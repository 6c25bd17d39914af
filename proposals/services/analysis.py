"""R3: the analysis a request and its plan carry (000 ประเด็น 1 items 2-3 and 6): the problem,
its evidence and its severity before submission; the plan's own comparison of its problems."""

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from portal.exceptions import NotAllowed
from proposals.models import ActionPlan, PlanAnalysis
from proposals.permissions import can_edit_plan


def analysis_problems(request) -> list[str]:
    """The seed's complaint is requests without analysis ("ไม่มีการวิเคราะห์ข้อมูลและการเปรียบเทียบ
    ระดับความรุนแรงของปัญหา"): all three are required at submission."""
    problems = []
    if not (request.problem or "").strip():
        problems.append(_("ยังไม่ได้ระบุปัญหาที่ต้องการแก้ไข"))
    if not (request.evidence or "").strip():
        problems.append(_("ยังไม่ได้ระบุข้อมูลหลักฐานประกอบปัญหา"))
    if not request.severity:
        problems.append(_("ยังไม่ได้ประเมินความรุนแรงของปัญหา"))
    return problems


def plan_analysis_set(*, user, plan_id: int, summary: str, method: str = "") -> PlanAnalysis:
    """Write the plan's analysis section (its office only). Its table is generated, not stored."""
    with transaction.atomic():
        plan = ActionPlan.objects.visible_to(user).select_for_update(of=("self",)).filter(pk=plan_id).first()
        if plan is None:
            raise Http404("ไม่พบแผน")
        if not can_edit_plan(user, plan):
            raise NotAllowed(_("เฉพาะสำนักงานเจ้าของแผนที่เขียนบทวิเคราะห์ของแผนได้"))
        analysis = PlanAnalysis.objects.filter(plan=plan).first() or PlanAnalysis(plan=plan)
        analysis.summary = (summary or "").strip()
        analysis.method = (method or "").strip()
        analysis.updated_by = user
        analysis.full_clean(exclude=["plan"], validate_unique=False)
        analysis.save()
    return analysis
