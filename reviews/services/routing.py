"""Every request reaches a reviewer (issue 10 item 3).

Requests filed in the portal get their reviewing ministry on submit (the target ministry, else
the linked strategy's). Requests that arrive without one (the budget documents' import, older
data) get one here, with the reason shown on the history:
  1. the responsibility framework (R5) for the request's category that year (a ministry-owned
     rule first), else
  2. the ministry of the linked ministry strategy, else
  3. the owner of the budget lines its current flags point at (the strongest match first).
The central team can reassign any open request; each assignment is an event.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ministries.models import Department, Ministry, ResponsibilityRule
from portal.exceptions import ApplicationError, NotAllowed
from portal.models import Role
from portal.roles import scope_of
from proposals.events import request_event_record
from proposals.models import ProjectRequest
from proposals.services.notifications import NoticeText, notify, people_matching
from proposals.workflow import EventKind, Status, StatusGroup
from reviews.models import ReviewAssignment
from screening.models import DuplicateFlag


@dataclass(frozen=True)
class ReviewerChoice:
    ministry_id: int
    department_id: int | None
    source: str  # framework | strategy | lines
    reason: str


def reviewer_infer(request) -> ReviewerChoice | None:
    """Who should review a request that has no reviewing ministry, and why; None if nothing says."""
    if request.category_id:
        rule = (
            ResponsibilityRule.objects.for_fiscal_year(request.fiscal_year)
            .filter(category_id=request.category_id)
            .select_related("ministry", "department", "category")
            .order_by("province_may_fund", "ministry__name_th", "id")
            .first()
        )
        if rule is not None:
            return ReviewerChoice(
                rule.ministry_id,
                rule.department_id,
                "framework",
                _("ตามกรอบความรับผิดชอบปี %(year)s: หมวดงาน “%(category)s” เป็นภารกิจของ %(owner)s")
                % {"year": request.fiscal_year, "category": rule.category, "owner": rule.owner_label},
            )
    if request.ministry_strategy_id:
        strategy = request.ministry_strategy
        return ReviewerChoice(
            strategy.ministry_id,
            None,
            "strategy",
            _("ตามยุทธศาสตร์กระทรวงที่คำขอเชื่อมโยง: %(s)s") % {"s": strategy},
        )
    flag = (
        DuplicateFlag.objects.current()
        .filter(request=request, budget_line__ministry__isnull=False)
        .select_related("budget_line__ministry", "budget_line__department")
        .order_by("level", "-score", "id")  # "duplicate" sorts before "overlap": strongest first
        .first()
    )
    if flag is not None:
        line = flag.budget_line
        return ReviewerChoice(
            line.ministry_id,
            line.department_id,
            "lines",
            _("ตามเจ้าของรายการงบประมาณที่ระบบพบว่าอาจซ้ำ (%(level)s): %(unit)s รายการ %(ref)s")
            % {"level": flag.get_level_display(), "unit": line.unit_label, "ref": line.source_ref},
        )
    return None


def _notify_reviewers(request, *, ministry_id, department_id, message, exclude=None) -> None:
    from django.urls import reverse

    condition = Q(role=Role.MINISTRY_REVIEWER, ministry_id=ministry_id, department__isnull=True)
    if department_id:
        condition |= Q(role=Role.MINISTRY_REVIEWER, department_id=department_id)
    url = reverse("reviews:decide", kwargs={"pk": request.pk})
    notify(users=people_matching(condition, exclude=exclude), message=message, request=request, url=url)


def _set_reviewer(request, *, ministry_id, department_id, user, action, reason, source) -> None:
    before = (request.reviewing_ministry_id, request.reviewing_department_id)
    ProjectRequest.objects.filter(pk=request.pk).update(
        reviewing_ministry_id=ministry_id, reviewing_department_id=department_id
    )
    if before != (ministry_id, department_id):
        ReviewAssignment.objects.filter(request=request).delete()  # the old organisation's assignee
    request.reviewing_ministry_id, request.reviewing_department_id = ministry_id, department_id
    ministry = Ministry.objects.get(pk=ministry_id)
    department = Department.objects.filter(pk=department_id).first() if department_id else None
    request_event_record(
        request=request,
        kind=action,
        actor=user,
        comment=reason,
        payload={
            "ministry": ministry.name_th,
            "department": department.name_th if department else "",
            "source": source,
            "previous_ministry_id": before[0],
        },
    )
    _notify_reviewers(
        request,
        ministry_id=ministry_id,
        department_id=department_id,
        message=NoticeText(
            gettext_noop("คำขอ %(ref)s อยู่ในความรับผิดชอบพิจารณาของหน่วยงานท่าน: %(reason)s"),
            **{"ref": request.reference, "reason": reason},
        ),
        exclude=user,
    )


def reviewers_assign_missing(*, fiscal_year: int | None = None, user=None) -> dict[str, int]:
    """Give every filed, open request without a reviewing ministry one (see the module doc).
    Idempotent: requests that have one are left alone. Returns counts by source (+ "none")."""
    queryset = ProjectRequest.objects.filter(reviewing_ministry__isnull=True).exclude(
        status__in=[Status.DRAFT, *StatusGroup.FINAL]
    )
    if fiscal_year:
        queryset = queryset.filter(fiscal_year=fiscal_year)
    counts = {"framework": 0, "strategy": 0, "lines": 0, "none": 0}
    for request in queryset.select_related("ministry_strategy").order_by("id").iterator(chunk_size=500):
        choice = reviewer_infer(request)
        if choice is None:
            counts["none"] += 1
            continue
        with transaction.atomic():
            locked = ProjectRequest.objects.select_for_update().filter(pk=request.pk, reviewing_ministry__isnull=True)
            if not locked.exists():
                continue
            _set_reviewer(
                request,
                ministry_id=choice.ministry_id,
                department_id=choice.department_id,
                user=user,
                action=EventKind.REVIEWER_ASSIGNED,
                reason=choice.reason,
                source=choice.source,
            )
        counts[choice.source] += 1
    return counts


def request_reviewer_reassign(
    *, user, request_id: int, ministry_id: int, department_id: int | None = None, reason: str = ""
) -> ProjectRequest:
    """The central team moves a request to another reviewing ministry (and department): an event,
    and the new reviewers are told. Only while the request is open and filed."""
    reason = (reason or "").strip()
    if not scope_of(user).is_central:
        raise NotAllowed(_("เฉพาะทีมบูรณาการกลางที่เปลี่ยนกระทรวงผู้พิจารณาได้"))
    if not reason:
        raise ApplicationError(_("กรุณาระบุเหตุผลที่เปลี่ยนกระทรวงผู้พิจารณา"), extra={"field": "reason"})
    ministry = Ministry.objects.filter(pk=ministry_id).first()
    if ministry is None:
        raise ApplicationError(_("ไม่พบกระทรวงที่เลือก"), extra={"field": "ministry"})
    if department_id:
        department = Department.objects.filter(pk=department_id).first()
        if department is None or department.ministry_id != ministry.pk:
            raise ApplicationError(_("กรมที่เลือกไม่อยู่ในกระทรวงที่เลือก"), extra={"field": "department"})
    with transaction.atomic():
        request = ProjectRequest.objects.select_for_update().filter(pk=request_id).first()
        if request is None:
            raise Http404("ไม่พบคำของบประมาณ")
        if request.status == Status.DRAFT or request.status in StatusGroup.FINAL:
            raise ApplicationError(
                _("คำขอ %(ref)s อยู่ในสถานะ “%(status)s” จึงเปลี่ยนกระทรวงผู้พิจารณาไม่ได้")
                % {"ref": request.reference, "status": request.get_status_display()}
            )
        _set_reviewer(
            request,
            ministry_id=ministry.pk,
            department_id=department_id or None,
            user=user,
            action=EventKind.REVIEWER_REASSIGNED,
            reason=reason,
            source="central",
        )
    return request
