"""Writes to action plans: one per office and fiscal year."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from clusters.models import Office, StrategicIssue
from portal.exceptions import ConflictError, NotAllowed
from proposals.models import ActionPlan
from proposals.permissions import can_create_plan_for, can_edit_plan


def _check_issues(office: Office, fiscal_year: int, issue_ids) -> list[int]:
    ids = [int(getattr(i, "pk", i)) for i in (issue_ids or [])]
    valid = set(
        StrategicIssue.objects.filter(
            pk__in=ids, office=office, period_start__lte=fiscal_year, period_end__gte=fiscal_year
        ).values_list("pk", flat=True)
    )
    if set(ids) - valid:
        raise ValidationError({"strategic_issues": _("ประเด็นยุทธศาสตร์ต้องเป็นของสำนักงานนี้และครอบคลุมปีงบประมาณของแผน")})
    return ids


def plan_create(
    *, user, office_id: int, fiscal_year: int, title: str, vision: str = "", strategic_issue_ids=None
) -> ActionPlan:
    """Raises NotAllowed for another office, ConflictError if the office already has that year's plan."""
    office = Office.objects.get(pk=office_id)
    if not can_create_plan_for(user, office):
        raise NotAllowed(_("ท่านสร้างแผนให้สำนักงานอื่นไม่ได้"))
    if ActionPlan.objects.filter(office=office, fiscal_year=fiscal_year).exists():
        raise ConflictError(
            _("%(office)s มีแผนปฏิบัติราชการปีงบประมาณ %(year)s อยู่แล้ว (หนึ่งแผนต่อสำนักงานต่อปี)")
            % {"office": office, "year": fiscal_year}
        )
    plan = ActionPlan(
        office=office, fiscal_year=fiscal_year, title=(title or "").strip(), vision=vision or "", created_by=user
    )
    plan.full_clean(validate_constraints=False)
    ids = _check_issues(office, fiscal_year, strategic_issue_ids)
    try:
        with transaction.atomic():
            plan.save()
            plan.strategic_issues.set(ids)
    except IntegrityError:  # two tabs pressed "create" at once
        raise ConflictError(
            _("%(office)s มีแผนปฏิบัติราชการปีงบประมาณ %(year)s อยู่แล้ว") % {"office": office, "year": fiscal_year}
        ) from None
    return plan


def plan_update(*, user, plan_id: int, title: str, vision: str = "", strategic_issue_ids=None) -> ActionPlan:
    with transaction.atomic():
        plan = ActionPlan.objects.select_for_update().select_related("office").get(pk=plan_id)
        if not can_edit_plan(user, plan):
            raise NotAllowed(_("ท่านแก้ไขแผนของสำนักงานอื่นไม่ได้"))
        plan.title = (title or "").strip()
        plan.vision = vision or ""
        plan.version += 1
        plan.full_clean(validate_constraints=False)
        plan.save()
        plan.strategic_issues.set(_check_issues(plan.office, plan.fiscal_year, strategic_issue_ids))
    return plan


def plan_get_or_create_for_office(*, user, office: Office, fiscal_year: int) -> ActionPlan:
    """The office's plan for the year, created with a default title when it has none (the cluster
    board merges into the cluster's plan even before its officer has opened one)."""
    plan = ActionPlan.objects.filter(office=office, fiscal_year=fiscal_year).first()
    if plan:
        return plan
    return plan_create(
        user=user,
        office_id=office.pk,
        fiscal_year=fiscal_year,
        title=f"แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {fiscal_year} {office.name_th}",
    )


def plan_approval_record(*, user, plan_id: int, meeting_date, resolution_number: str, minutes=None, note: str = ""):
    """R17: record (or correct) the ก.บ.จ./ก.บ.ก. approval of the plan: meeting date, resolution
    number and the minutes file (checked by content like any attachment). The committee follows
    from the office: a province's ก.บ.จ., a cluster's ก.บ.ก. A correction may keep the file."""
    from proposals.models import PlanApproval
    from proposals.services.attachments import attachment_check

    resolution_number = (resolution_number or "").strip()
    errors = {}
    if meeting_date is None:
        errors["meeting_date"] = _("กรุณาระบุวันประชุม")
    if not resolution_number:
        errors["resolution_number"] = _("กรุณาระบุมติที่/ครั้งที่ของการประชุม")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        plan = ActionPlan.objects.select_for_update().select_related("office").get(pk=plan_id)
        if not can_edit_plan(user, plan):
            raise NotAllowed(_("ท่านบันทึกมติของแผนสำนักงานอื่นไม่ได้"))
        approval = PlanApproval.objects.filter(plan=plan).first() or PlanApproval(plan=plan)
        if minutes is None and not approval.pk:
            raise ValidationError({"minutes": _("กรุณาแนบรายงานการประชุม (PDF, DOCX หรือรูปภาพ)")})
        approval.committee = (
            PlanApproval.CommitteeKind.KBK
            if plan.office.kind == Office.Kind.CLUSTER
            else PlanApproval.CommitteeKind.KBJ
        )
        approval.meeting_date, approval.resolution_number = meeting_date, resolution_number[:100]
        approval.note, approval.recorded_by = (note or "").strip()[:500], user
        if minutes is not None:
            attachment_check(minutes)
            approval.minutes_name = PurePath(minutes.name).name[:255]
            approval.minutes.save(approval.minutes_name, minutes, save=False)
        approval.full_clean(exclude=["plan"])
        approval.save()
    return approval
