"""Planner-workflow rules riding on transitions (issue 3): what a submission must carry, and
where a submitted request goes. Registered in transition_rules; loaded by ProposalsConfig."""

from django.utils import timezone
from django.utils.translation import gettext as _

from ministries.models import FieldOffice
from portal.exceptions import ApplicationError
from proposals.models import FundingChannel
from proposals.services.analysis import analysis_problems
from proposals.services.joint import joint_problems
from proposals.services.transition_rules import effect, guard
from proposals.steps import output_required
from proposals.workflow import Action, asks_ministry_support


def submission_problems(request) -> list[str]:
    """Everything that stops this request from being submitted, in Thai; [] when complete.
    Also used to show the checklist on the request page before the planner presses submit."""
    problems = []
    if not request.strategic_issue_id:
        problems.append(_("ยังไม่ได้เชื่อมโยงประเด็นยุทธศาสตร์จังหวัด/กลุ่มจังหวัด"))
    elif request.strategic_issue.office_id != request.office_id:
        problems.append(_("ประเด็นยุทธศาสตร์ที่เลือกไม่ใช่ของสำนักงานเจ้าของคำขอ"))
    elif not request.strategic_issue.covers(request.fiscal_year):
        problems.append(_("ประเด็นยุทธศาสตร์ที่เลือกไม่ครอบคลุมปีงบประมาณนี้"))
    if not request.ministry_strategy_id:
        problems.append(_("ยังไม่ได้เชื่อมโยงยุทธศาสตร์กระทรวง"))
    elif not request.ministry_strategy.covers(request.fiscal_year):
        problems.append(_("ยุทธศาสตร์กระทรวงที่เลือกไม่ครอบคลุมปีงบประมาณนี้"))
    if request.amount is None or request.amount <= 0:
        problems.append(_("วงเงินต้องมากกว่า 0 บาท"))
    if not request.category_id:
        problems.append(_("ยังไม่ได้เลือกหมวดงาน"))
    if request.is_critical_need and not request.damage_justification.strip():
        problems.append(_("คำขอที่ระบุว่าจำเป็นเร่งด่วนต้องอธิบายความเสียหายหากไม่ดำเนินการ"))
    if request.funding_channel == FundingChannel.MINISTRY_SUPPORT:
        if not request.target_ministry_id:
            problems.append(_("ขอรับการสนับสนุนจากกระทรวง ต้องระบุกระทรวงที่ขอรับการสนับสนุน"))
        elif request.target_department_id and request.target_department.ministry_id != request.target_ministry_id:
            problems.append(_("กรมที่ขอรับการสนับสนุนไม่อยู่ในกระทรวงที่เลือก"))
        if output_required(request) and not request.ministry_output_id:
            problems.append(_("ขอรับการสนับสนุนจากกระทรวง ต้องระบุผลผลิต/โครงการของกระทรวงที่รองรับ"))  # R21
    if not request.locations.exists():
        problems.append(_("ยังไม่ได้ระบุพื้นที่ดำเนินการ (จังหวัด)"))
    problems += analysis_problems(request) + joint_problems(request)
    if plan_approval_missing(request.plan):
        problems.append(
            _("แผนปฏิบัติราชการยังไม่ได้บันทึกมติ %(committee)s ที่เห็นชอบแผน บันทึกได้ที่หน้าแผน")
            % {"committee": committee_for(request.plan.office)}
        )
    return problems


def committee_for(office) -> str:
    """The existing committee that approves this office's plan: ก.บ.จ. or ก.บ.ก."""
    from clusters.models import Office
    from proposals.models import PlanApproval

    kind = PlanApproval.CommitteeKind.KBK if office.kind == Office.Kind.CLUSTER else PlanApproval.CommitteeKind.KBJ
    return str(kind.label).split(" ")[0]


def plan_approval_missing(plan) -> bool:
    """The year requires a recorded committee approval (the central team's setting) and the
    plan has none."""
    from portal.models import FiscalYear
    from proposals.models import PlanApproval

    required = FiscalYear.objects.filter(year=plan.fiscal_year, plan_approval_required=True).exists()
    return required and not PlanApproval.objects.filter(plan=plan).exists()


@guard(Action.SUBMIT)
def submission_is_complete(*, request, transition, user, payload):
    problems = submission_problems(request)
    if problems:
        raise ApplicationError(_("ยังส่งคำขอไม่ได้: ") + " · ".join(problems), extra={"errors": problems})


def routed_field_office_for(request):
    """R14 (000 ประเด็น 4 item 2): a request asking the ministry's support whose category a
    field-office kind routes goes to that kind's office in the province of its first location,
    valid that year. One funded by the province's or cluster's own budget needs no such route."""
    if not request.category_id or not asks_ministry_support(request):
        return None
    first = request.locations.order_by("id").first()
    if first is None:
        return None
    return (
        FieldOffice.objects.for_fiscal_year(request.fiscal_year)
        .filter(province_id=first.province_id, kind__routed_categories=request.category_id)
        .order_by("kind__code")
        .first()
    )


@effect(Action.SUBMIT)
def route_submitted_request(*, request, transition, user, payload):
    """Who reviews: the ministry asked for support, else the owner of the linked strategy."""
    if request.funding_channel == FundingChannel.MINISTRY_SUPPORT:
        request.reviewing_ministry_id = request.target_ministry_id
        request.reviewing_department_id = request.target_department_id
    else:
        request.reviewing_ministry_id = request.ministry_strategy.ministry_id
        request.reviewing_department_id = request.target_department_id
    request.routed_field_office = routed_field_office_for(request)
    request.submitted_at = timezone.now()


@guard(Action.MERGE)
def merge_names_its_project(*, request, transition, user, payload):
    if not payload.get("merged_into"):
        raise ApplicationError(_("การรวมโครงการต้องระบุโครงการกลุ่มจังหวัดที่รวมเข้า"))


@effect(Action.MERGE)
def link_merged_source(*, request, transition, user, payload):
    request.merged_into_id = int(payload["merged_into"])
