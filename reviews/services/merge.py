"""Merge only where it belongs (issue 10 item 4; R4 cluster consolidation vs R15 ministry review).

Once a request has passed cluster consolidation and sits with a field office or the ministry,
the cluster may merge it only with the reviewing ministry's consent; a merge that takes a
request out of a reviewer's queue tells that queue's reviewers and clears their stale notices."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from clusters.models import ClusterMembership
from portal.exceptions import ApplicationError, ConflictError, NotAllowed
from portal.models import Role
from proposals.events import request_event_record
from proposals.models import Notification, ProjectRequest
from proposals.permissions import is_reviewer_for
from proposals.services.notifications import NoticeText, notify, people_matching
from proposals.workflow import EventKind, Status
from reviews.models import MergeConsent

# Past the cluster's consolidation: the request is in someone's review queue.
IN_REVIEW = frozenset({Status.FIELD_REVIEW, Status.MINISTRY_REVIEW})


def has_merge_consent(request) -> bool:
    return (
        bool(request.reviewing_ministry_id)
        and MergeConsent.objects.filter(request=request, ministry_id=request.reviewing_ministry_id).exists()
    )


def can_consent_merge(user, request) -> bool:
    return request.status in IN_REVIEW and is_reviewer_for(user, request)


def queue_reviewers_q(request) -> Q:
    """Whose queue the request is in now: the routed field office in field review, the
    reviewing ministry/department in ministry review."""
    if request.status == Status.FIELD_REVIEW and request.routed_field_office_id:
        return Q(role=Role.FIELD_OFFICE_REVIEWER, field_office_id=request.routed_field_office_id)
    condition = Q(pk__in=[])
    if request.reviewing_ministry_id:
        condition |= Q(role=Role.MINISTRY_REVIEWER, ministry_id=request.reviewing_ministry_id, department__isnull=True)
    if request.reviewing_department_id:
        condition |= Q(role=Role.MINISTRY_REVIEWER, department_id=request.reviewing_department_id)
    return condition


def merge_consent_give(*, user, request_id: int, note: str = "") -> MergeConsent:
    """The reviewing ministry consents to the cluster merging this request; an event, and the
    cluster's officers are told."""
    with transaction.atomic():
        request = ProjectRequest.objects.select_for_update().select_related("office").filter(pk=request_id).first()
        if request is None:
            raise Http404("ไม่พบคำของบประมาณ")
        if not is_reviewer_for(user, request):
            raise NotAllowed(_("เฉพาะผู้พิจารณาของกระทรวงที่รับผิดชอบคำขอ %(ref)s ที่ยินยอมได้") % {"ref": request.reference})
        if request.status not in IN_REVIEW:
            raise ConflictError(
                _("คำขอ %(ref)s อยู่ในสถานะ “%(s)s” ไม่ต้องขอความยินยอม")
                % {"ref": request.reference, "s": request.get_status_display()}
            )
        try:
            with transaction.atomic():
                consent = MergeConsent.objects.create(
                    request=request, ministry_id=request.reviewing_ministry_id, given_by=user, note=(note or "").strip()
                )
        except IntegrityError:
            raise ConflictError(_("กระทรวงยินยอมให้รวมคำขอ %(ref)s ไว้แล้ว") % {"ref": request.reference}) from None
        request_event_record(
            request=request,
            kind=EventKind.MERGE_CONSENT,
            actor=user,
            comment=consent.note,
        )
        clusters = ClusterMembership.objects.for_fiscal_year(request.fiscal_year).filter(
            province_id=request.office.province_id
        )
        officers = people_matching(
            Q(role=Role.CLUSTER_OFFICER, office__cluster__in=clusters.values("cluster")), exclude=user
        )
        message = NoticeText(
            gettext_noop("%(m)s ยินยอมให้กลุ่มจังหวัดรวมคำขอ %(ref)s เป็นโครงการกลุ่มจังหวัดได้"),
            m=request.reviewing_ministry,
            ref=request.reference,
        )
        url = reverse("proposals:cluster-board")
        notify(users=list(officers), message=message, request=request, url=url)
    return consent


def merge_leaves_queue(*, request, merged_into_id: int, actor) -> None:
    """Called while a request in review is merged (inside the transition): the reviewers whose
    queue it leaves are told, and their unread notices about it are closed (they no longer wait)."""
    people = people_matching(queue_reviewers_q(request))
    if not people:
        return
    Notification.objects.filter(user__in=people, request=request, read_at__isnull=True).update(read_at=timezone.now())
    into = ProjectRequest.objects.filter(pk=merged_into_id).values_list("reference", flat=True).first() or ""
    message = NoticeText(
        gettext_noop("คำขอ %(ref)s ถูกรวมเป็นโครงการกลุ่มจังหวัด %(into)s แล้ว จึงออกจากรายการรอพิจารณาของท่าน ไม่ต้องพิจารณาต่อ"),
        ref=request.reference,
        into=into,
    )
    notify(
        users=[u for u in people if u != actor],
        message=message,
        request=request,
        url=reverse("proposals:request-detail", args=[merged_into_id]),
    )


def merge_refusal(request) -> ApplicationError:
    ministry = request.reviewing_ministry.name_th if request.reviewing_ministry_id else _("กระทรวงผู้พิจารณา")
    return NotAllowed(
        _(
            "คำขอ %(ref)s อยู่ในขั้น “%(status)s” แล้ว (ผ่านขั้นการรวมของกลุ่มจังหวัด) จึงรวมไม่ได้ "
            "จนกว่า%(ministry)sจะยินยอม: ขอให้ผู้พิจารณาของ%(ministry)sกด “ยินยอมให้กลุ่มจังหวัดรวม” ที่หน้าพิจารณาคำขอ"
        )
        % {"ref": request.reference, "status": request.get_status_display(), "ministry": ministry}
    )
