"""Who is told about the channel's two-sided work (R13 joint KPIs, R22 zoning proposals); the
notice itself always goes through proposals.services.notifications.notify()."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from portal.models import Membership, Role
from proposals.services.notifications import notify


def _people(condition: Q, *, exclude=None) -> list:
    users = get_user_model().objects.filter(
        is_active=True, pk__in=Membership.objects.active().filter(condition).values("user")
    )
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return list(users.order_by("pk"))


def office_people(office_ids) -> Q:
    return Q(office_id__in=list(office_ids), role__in=[Role.PROVINCE_PLANNER, Role.CLUSTER_OFFICER])


def ministry_reviewers(ministry_id) -> Q:
    # the ministry's policy bureau and its departments' planning units alike
    return Q(role=Role.MINISTRY_REVIEWER) & (Q(ministry_id=ministry_id) | Q(department__ministry_id=ministry_id))


def tell(*, who: Q, message: str, url: str, actor=None) -> None:
    notify(users=_people(who, exclude=actor), message=message, url=url)
