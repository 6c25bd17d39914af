"""Writes for R1's divergence list: the central team records where a cluster's (or province's)
strategic issue and a ministry's strategy diverge, and what the meeting about it decided; both
sides hear of the outcome through notify()."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.exceptions import NotAllowed
from portal.models import Membership, Role
from proposals.services.notifications import NoticeText, notify
from reviews.models import StrategyDivergence
from reviews.permissions import can_keep_divergences

FIELDS = (
    "fiscal_year",
    "strategic_issue",
    "ministry",
    "ministry_strategy",
    "degree",
    "description",
    "outcome",
    "outcome_note",
    "meeting_date",
)


def _both_sides(divergence, *, actor) -> list:
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    condition = Q(role=Role.MINISTRY_REVIEWER) & (
        Q(ministry_id=divergence.ministry_id) | Q(department__ministry_id=divergence.ministry_id)
    )
    condition |= Q(
        office_id=divergence.strategic_issue.office_id, role__in=[Role.PROVINCE_PLANNER, Role.CLUSTER_OFFICER]
    )
    users = get_user_model().objects.filter(
        is_active=True, pk__in=Membership.objects.active().filter(condition).values("user")
    )
    return list(users.exclude(pk=actor.pk).order_by("pk"))


def _guard(user):
    if not can_keep_divergences(user):
        raise NotAllowed(_("เฉพาะทีมบูรณาการกลางบันทึกรายการความไม่สอดคล้องได้"))


@transaction.atomic
def divergence_create(*, user, **fields) -> StrategyDivergence:
    _guard(user)
    if fields.get("ministry") is None and fields.get("ministry_strategy") is not None:
        fields["ministry"] = fields["ministry_strategy"].ministry
    divergence = StrategyDivergence(created_by=user, **{k: v for k, v in fields.items() if k in FIELDS})
    divergence.full_clean()
    divergence.save()
    notify(
        users=_both_sides(divergence, actor=user),
        message=NoticeText(
            gettext_noop("ทีมบูรณาการกลางบันทึกความไม่สอดคล้องของยุทธศาสตร์: %(issue)s กับ %(ministry)s"),
            **{"issue": divergence.strategic_issue.title[:120], "ministry": divergence.ministry},
        ),
        url=reverse("reviews:divergence-detail", args=[divergence.pk]),
    )
    return divergence


@transaction.atomic
def divergence_update(*, user, divergence: StrategyDivergence, **fields) -> StrategyDivergence:
    """Record the meeting's outcome (or correct the row); both sides are told of a new outcome."""
    _guard(user)
    divergence = StrategyDivergence.objects.select_for_update().get(pk=divergence.pk)
    old_outcome = divergence.outcome
    for name, value in fields.items():
        if name in FIELDS:
            setattr(divergence, name, value)
    divergence.full_clean()
    divergence.save()
    if divergence.outcome != old_outcome:
        notify(
            users=_both_sides(divergence, actor=user),
            message=NoticeText(
                gettext_noop("ผลการหารือเรื่องความไม่สอดคล้อง “%(issue)s” กับ %(ministry)s: %(outcome)s"),
                **{
                    "issue": divergence.strategic_issue.title[:120],
                    "ministry": divergence.ministry.name_th,
                    "outcome": divergence.get_outcome_display(),
                },
            ),
            url=reverse("reviews:divergence-detail", args=[divergence.pk]),
        )
    return divergence
