"""R20 on the workflow: a submitted request across ministries tells its partner ministries, who
see it and advise the lead (000 ประเด็น 3 item 5). Loaded by ReviewsConfig.ready()."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_noop

from portal.models import Role
from proposals.models import RequestMinistryShare, ShareRole
from proposals.services.notifications import NoticeText, notify, people_matching
from proposals.services.transition_rules import effect
from proposals.workflow import Action


def partner_reviewers(request) -> list:
    shares = list(RequestMinistryShare.objects.filter(request=request, role=ShareRole.PARTNER))
    if not shares:
        return []
    condition = Q(pk__in=[])
    for share in shares:
        if share.department_id:
            condition |= Q(role=Role.MINISTRY_REVIEWER, department_id=share.department_id)
        condition |= Q(role=Role.MINISTRY_REVIEWER, ministry_id=share.ministry_id, department__isnull=True)
    return people_matching(condition)


@effect(Action.SUBMIT)
def tell_the_partner_ministries(*, request, transition, user, payload):
    users = partner_reviewers(request)
    if users:
        notify(
            users=users,
            request=request,
            url=reverse("reviews:decide", args=[request.pk]),
            message=NoticeText(
                gettext_noop("คำขอ %(ref)s “%(title)s” มีกระทรวงของท่านเป็นกระทรวงร่วม ให้ความเห็นต่อกระทรวงหลักได้ที่หน้าพิจารณา"),
                **{"ref": request.reference, "title": request.title[:120]},
            ),
        )
