"""Reads of the ministries' own order over programmes (R16)."""

from __future__ import annotations

from itertools import groupby

from django.db.models import Q

from portal.roles import scope_of
from proposals.models import ProjectRequest
from proposals.models.joint import partner_of_q
from proposals.workflow import StatusGroup
from reviews.ministry_models import ProgrammeRank


def programme_rankings(*, user, programme) -> list[dict]:
    """Each ministry's ordered list in this programme, limited to the requests this person may
    see: [{"ministry": Ministry, "ranks": [ProgrammeRank...], "mine": bool}]."""
    visible = ProjectRequest.objects.visible_to(user).values("pk")
    rows = (
        ProgrammeRank.objects.filter(programme=programme, request__in=visible)
        .select_related("ministry", "request__office")
        .order_by("ministry__name_th", "ministry_id", "rank")
    )
    mine = scope_of(user).reviewer_ministry_ids
    return [
        {"ministry": ranks[0].ministry, "ranks": ranks, "mine": ranks[0].ministry_id in mine}
        for ranks in (list(group) for _key, group in groupby(rows, key=lambda r: r.ministry_id))
    ]


def support_candidates(*, user, programme):
    """Requests of the programme's year this person's ministry reviews or partners, ready for a
    programme and not yet in its own order there."""
    scope = scope_of(user)
    if not (scope.ministry_ids or scope.department_ids):
        return ProjectRequest.objects.none()
    mine = Q(reviewing_ministry__in=scope.ministry_ids) | Q(reviewing_department__in=scope.department_ids)
    mine |= partner_of_q(ministry_ids=scope.ministry_ids, department_ids=scope.department_ids)
    ranked = ProgrammeRank.objects.filter(programme=programme, ministry__in=scope.reviewer_ministry_ids).values(
        "request_id"
    )
    return (
        ProjectRequest.objects.visible_to(user)
        .filter(mine, fiscal_year=programme.fiscal_year, status__in=StatusGroup.PROGRAMMABLE)
        .exclude(pk__in=ranked)
        .select_related("office")
        .order_by("office__name_th", "id")
    )
