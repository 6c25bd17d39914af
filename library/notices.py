"""Who is told about the channel's two-sided work (R13 joint KPIs, R22 zoning proposals); the
notice itself always goes through proposals.services.notifications.notify()."""

from django.db.models import Q

from portal.models import Role
from proposals.services.notifications import notify, people_matching


def office_people(office_ids) -> Q:
    return Q(office_id__in=list(office_ids), role__in=[Role.PROVINCE_PLANNER, Role.CLUSTER_OFFICER])


def ministry_reviewers(ministry_id) -> Q:
    # the ministry's policy bureau and its departments' planning units alike
    return Q(role=Role.MINISTRY_REVIEWER) & (Q(ministry_id=ministry_id) | Q(department__ministry_id=ministry_id))


def tell(*, who: Q, message: str, url: str, actor=None) -> None:
    notify(users=people_matching(who, exclude=actor), message=message, url=url)
