"""Tell the people who act next: a Notification on their home page and an e-mail.

Rows are written inside the caller's transaction (they roll back with it), and so is one outbox
row per e-mail (portal/outbox.py): the mail leaves from a Celery task after the commit, one
message per recipient, so nobody is told about a change that did not happen, a mail server or
broker outage never fails the change, and no committed notice is lost (issue 13 item 2).
"""

import logging

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from portal.models import Membership, Role, UserPreference
from portal.outbox import outbox_enqueue
from portal.preferences import preferences_of
from proposals.models import Notification
from proposals.workflow import CENTRAL, CLUSTER, FIELD_OFFICE, MINISTRY, OWNER, REFERRED_TO, Status, told_on_arrival

logger = logging.getLogger(__name__)


def people_matching(condition: Q, *, exclude=None) -> list:
    """The active people holding an active membership that matches `condition` (e.g.
    office_people, reviewers_of), in a stable order: every area's recipients are found here."""
    users = get_user_model().objects.filter(
        is_active=True,
        pk__in=Membership.objects.active().filter(condition).values("user"),
    )
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return list(users.order_by("pk"))


def office_people(office_id) -> Q:
    return Q(office_id=office_id, role__in=[Role.PROVINCE_PLANNER, Role.CLUSTER_OFFICER])


def reviewers_of(request) -> Q:
    condition = Q(pk__in=[])
    if request.reviewing_ministry_id:
        condition |= Q(role=Role.MINISTRY_REVIEWER, ministry_id=request.reviewing_ministry_id, department__isnull=True)
    if request.reviewing_department_id:
        condition |= Q(role=Role.MINISTRY_REVIEWER, department_id=request.reviewing_department_id)
    return condition


def cluster_officers_of(request) -> Q:
    from clusters.models import ClusterMembership

    province_id = request.office.province_id
    if not province_id:
        return Q(pk__in=[])
    clusters = (
        ClusterMembership.objects.for_fiscal_year(request.fiscal_year).filter(province_id=province_id).values("cluster")
    )
    return Q(role=Role.CLUSTER_OFFICER, office__cluster__in=clusters)


def _field_office_reviewers_of(request) -> Q:
    return Q(role=Role.FIELD_OFFICE_REVIEWER, field_office_id=request.routed_field_office_id)


def referred_reviewers_of(request) -> Q:
    """R19: the reviewers of the ministry (or department) ก.น.จ. referred the request to."""
    condition = Q(pk__in=[])
    if request.referred_ministry_id:
        condition |= Q(role=Role.MINISTRY_REVIEWER, ministry_id=request.referred_ministry_id, department__isnull=True)
    if request.referred_department_id:
        condition |= Q(role=Role.MINISTRY_REVIEWER, department_id=request.referred_department_id)
    return condition


def _central_team(request) -> Q:
    # administrators may act for the central team but are not sent its daily work
    return Q(role__in=[Role.CENTRAL_TEAM])


def _owner_office(request) -> Q:
    return office_people(request.office_id)


# The people each actor kind of the workflow table stands for, on one request.
PEOPLE_FOR_ACTOR = {
    OWNER: _owner_office,
    CLUSTER: cluster_officers_of,
    MINISTRY: reviewers_of,
    FIELD_OFFICE: _field_office_reviewers_of,
    REFERRED_TO: referred_reviewers_of,
    CENTRAL: _central_team,
}


def recipients_for(request, target: str) -> Q:
    """Who is told once a request reaches `target`: the actor kinds the workflow table names for
    it (proposals.workflow.TOLD_ON_ARRIVAL), as people of this request."""
    condition = Q(pk__in=[])
    for actor in sorted(told_on_arrival(target)):
        condition |= PEOPLE_FOR_ACTOR[actor](request)
    return condition


class NoticeText:
    """A notice that can be read in either language (issue 11): a Thai msgid (marked for the
    catalogue by the caller with gettext_noop or gettext_lazy) and its parameters. Parameters that
    are lazy translations (status and action labels) follow the language too; names typed by
    users stay as typed."""

    def __init__(self, msgid: str, *, tail: str = "", **params):
        self.msgid = str(msgid) if not isinstance(msgid, str) else msgid
        self.params = params
        self.tail = tail  # a note typed by a user, appended as typed in both languages

    def render(self, language: str) -> str:
        with translation.override(language):
            text = translation.gettext(self.msgid)
            text = text % {k: str(v) for k, v in self.params.items()} if self.params else text
        return f"{text} — {self.tail}" if self.tail else text

    def __str__(self):
        return self.render(translation.get_language() or "th")


def _texts(message) -> tuple[str, str]:
    """(Thai, English) of a notice; a plain string is taken as Thai only."""
    if isinstance(message, NoticeText):
        return message.render("th")[:500], message.render("en")[:500]
    return str(message)[:500], ""


def notify(*, users, message, request=None, url: str = "") -> list[Notification]:
    """Notification rows now; e-mail after commit, in each recipient's language, for those who
    want it at once (the daily digest gathers the others' rows; proposals.services.mail)."""
    if not users:
        return []
    if request is not None and not url:
        url = reverse("proposals:request-detail", args=[request.pk])
    thai, english = _texts(message)
    rows = Notification.objects.bulk_create(
        [Notification(user=u, request=request, message=thai, message_en=english, url=url) for u in users]
    )
    wanted = preferences_of([u.pk for u in users])
    for user, row in zip(users, rows, strict=True):
        if user.email and row.pk and wanted[user.pk].mail == UserPreference.MailMode.IMMEDIATE:
            outbox_enqueue(
                task_name="proposals.notification_mail",
                kwargs={"notification_id": row.pk},
                dedupe_key=f"mail:notification:{row.pk}",
            )
    return rows


def notify_transition(*, request, target: str, actor, action_label: str, comment: str = "") -> None:
    users = people_matching(recipients_for(request, target), exclude=actor)
    params = {"ref": request.reference, "title": request.title[:120], "action": action_label}
    params["status"] = Status(target).label  # lazy: rendered in each reader's language
    if comment:
        message = NoticeText(gettext_noop("คำขอ %(ref)s “%(title)s” %(action)s: %(status)s — %(comment)s"), **params)
        message.params["comment"] = comment[:200]
    else:
        message = NoticeText(gettext_noop("คำขอ %(ref)s “%(title)s” %(action)s: %(status)s"), **params)
    notify(users=users, message=message, request=request)
