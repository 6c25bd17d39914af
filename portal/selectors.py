"""Reads for the site-wide pages."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from portal.models import FiscalYear
from portal.roles import scope_of
from portal.snapshots import Snapshot
from proposals.models import Notification, ProjectRequest
from proposals.workflow import Status

# issue 15: the current year as the pages show it (the header, the queue's R18 share): read on every
# page, changed a few times a year (portal.snapshots)
_SHOWN_YEAR = Snapshot(lambda _key: FiscalYear.objects.current(), models=(FiscalYear,))


def shown_fiscal_year() -> FiscalYear | None:
    """The current fiscal year, for display: at most SNAPSHOT_SECONDS old in other processes."""
    return _SHOWN_YEAR.get()


def home_work_list(*, user) -> list[dict]:
    """What waits for this person, one line per kind of work, counted in one query."""
    scope = scope_of(user)
    visible = ProjectRequest.objects.visible_to(user)
    counts = visible.aggregate(
        drafts=Count("id", filter=Q(status=Status.DRAFT, office__in=scope.office_ids)),
        returned=Count("id", filter=Q(status=Status.RETURNED, office__in=scope.office_ids)),
        cluster_incoming=Count(
            "id",
            filter=Q(status__in=[Status.SUBMITTED, Status.SCREENING, Status.FIELD_REVIEW, Status.MINISTRY_REVIEW])
            & ~Q(office__in=scope.office_ids),
        ),
        field_review=Count("id", filter=Q(status=Status.FIELD_REVIEW, routed_field_office__in=scope.field_office_ids)),
        ministry_review=Count(
            "id",
            filter=Q(status=Status.MINISTRY_REVIEW)
            & (Q(reviewing_ministry__in=scope.ministry_ids) | Q(reviewing_department__in=scope.department_ids)),
        ),
        endorsed=Count("id", filter=Q(status=Status.ENDORSED)),
        committee=Count("id", filter=Q(status=Status.COMMITTEE_REVIEW)),
    )
    lines = []
    if scope.is_planner:
        lines.append(
            {"key": "drafts", "label": _("คำขอฉบับร่างที่ยังไม่ได้ส่ง"), "count": counts["drafts"], "status": Status.DRAFT}
        )
        lines.append(
            {
                "key": "returned",
                "label": _("คำขอที่ถูกส่งกลับให้แก้ไข"),
                "count": counts["returned"],
                "status": Status.RETURNED,
            }
        )
    if scope.cluster_office_ids:
        lines.append(
            {
                "key": "cluster_incoming",
                "label": _("คำขอของจังหวัดในกลุ่มที่รอบูรณาการ"),
                "count": counts["cluster_incoming"],
                "status": "",
            }
        )
    if scope.field_office_ids:
        lines.append(
            {
                "key": "field_review",
                "label": _("คำขอที่รอหน่วยงานส่วนภูมิภาคพิจารณา"),
                "count": counts["field_review"],
                "status": Status.FIELD_REVIEW,
            }
        )
    if scope.ministry_ids or scope.department_ids:
        lines.append(
            {
                "key": "ministry_review",
                "label": _("คำขอที่รอกระทรวง/กรมพิจารณา"),
                "count": counts["ministry_review"],
                "status": Status.MINISTRY_REVIEW,
            }
        )
    if scope.is_central:
        lines.append(
            {
                "key": "endorsed",
                "label": _("คำขอที่กระทรวงเห็นชอบ รอจัดเข้าวาระ ก.น.จ."),
                "count": counts["endorsed"],
                "status": Status.ENDORSED,
            }
        )
        lines.append(
            {
                "key": "committee",
                "label": _("คำขอที่อยู่ระหว่าง ก.น.จ. พิจารณา"),
                "count": counts["committee"],
                "status": Status.COMMITTEE_REVIEW,
            }
        )
    return lines


def unread_notifications(*, user, limit: int = 10):
    return list(Notification.objects.filter(user=user, read_at__isnull=True).select_related("request")[:limit])
