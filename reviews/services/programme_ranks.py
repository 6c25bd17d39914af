"""R16 (002 ประเด็น 4): ministries take the requests they support into programmes and integrated
plans, and keep their own priority order over them; the committee sees that order."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Case, F, Max, Value, When
from django.http import Http404
from django.utils.translation import gettext as _

from portal.exceptions import ApplicationError, ConflictError, NotAllowed
from portal.roles import scope_of
from proposals.events import request_event_record
from proposals.models import ProjectRequest
from proposals.workflow import EventKind, Status, StatusGroup
from reviews.ministry_models import ProgrammeRank
from reviews.models import Programme, ProgrammeItem
from reviews.permissions import is_reviewer_for, partner_ministry_ids_of

RANK_OFFSET = 1_000_000  # ranks parked above this while re-ordered (uniq_programme_rank_position)


def supporting_ministry_id(user, request) -> int | None:
    """The user's ministry that may support this request in a programme: the ministry reviewing
    it (its own reviewers or its department's planning unit) or a partner ministry (R20)."""
    if is_reviewer_for(user, request):
        return request.reviewing_ministry_id
    partners = partner_ministry_ids_of(user, request)
    return min(partners) if partners else None


def can_rank_for(user, ministry_id) -> bool:
    return ministry_id is not None and int(ministry_id) in scope_of(user).reviewer_ministry_ids


def _event(request, *, user, kind, programme, ministry_id, comment):
    request_event_record(
        request=request,
        kind=kind,
        actor=user,
        comment=comment,
        payload={"programme_id": programme.pk, "ministry_id": ministry_id},
    )


def programme_support_add(*, user, programme_id: int, request_id: int) -> ProgrammeRank:
    """A ministry takes a request it supports into a programme, last in its own order. The
    request joins the programme if not already in it (then withdrawing takes it out again)."""
    with transaction.atomic():
        programme = Programme.objects.select_for_update().filter(pk=programme_id).first()
        request = ProjectRequest.objects.visible_to(user).filter(pk=request_id).first()
        if programme is None or request is None:
            raise Http404("ไม่พบแผนงานหรือคำของบประมาณ")
        ministry_id = supporting_ministry_id(user, request)
        if ministry_id is None:
            raise NotAllowed(_("จัดคำขอเข้าแผนงานได้เฉพาะกระทรวงที่พิจารณาคำขอหรือเป็นกระทรวงร่วม"))
        if request.status not in StatusGroup.PROGRAMMABLE:
            raise ApplicationError(
                _("จัดเข้าแผนงานได้เฉพาะคำขอที่กระทรวงเห็นชอบหรือรับไปดำเนินการแล้ว (คำขอนี้อยู่ในสถานะ “%(s)s”)")
                % {"s": Status(request.status).label}
            )
        if request.fiscal_year != programme.fiscal_year:
            raise ApplicationError(_("คำขอและแผนงานต้องเป็นปีงบประมาณเดียวกัน"))
        if ProgrammeRank.objects.filter(programme=programme, ministry_id=ministry_id, request=request).exists():
            raise ConflictError(_("กระทรวงของท่านจัดคำขอนี้ไว้ในแผนงานนี้แล้ว"))
        _item, created = ProgrammeItem.objects.get_or_create(
            programme=programme, request=request, defaults={"added_by": user}
        )
        last = ProgrammeRank.objects.filter(programme=programme, ministry_id=ministry_id).aggregate(m=Max("rank"))["m"]
        rank = ProgrammeRank.objects.create(
            programme=programme,
            ministry_id=ministry_id,
            request=request,
            rank=(last or 0) + 1,
            added_item=created,
            ranked_by=user,
        )
        _event(
            request,
            user=user,
            kind=EventKind.PROGRAMME_ADD if created else EventKind.PROGRAMME_RANK,
            programme=programme,
            ministry_id=ministry_id,
            comment=_("กระทรวงสนับสนุนในแผนงาน “%(p)s” ลำดับที่ %(r)s") % {"p": programme.name, "r": rank.rank},
        )
    return rank


def _write_order(programme, ministry_id, ordered_request_ids: list[int]) -> None:
    rows = ProgrammeRank.objects.filter(programme=programme, ministry_id=ministry_id)
    rows.update(rank=F("rank") + RANK_OFFSET)
    whens = [When(request_id=pk, then=Value(position)) for position, pk in enumerate(ordered_request_ids, start=1)]
    if whens:
        rows.filter(request_id__in=ordered_request_ids).update(rank=Case(*whens))


def programme_ranks_reorder(
    *, user, programme_id: int, ministry_id: int, request_ids: list[int]
) -> list[ProgrammeRank]:
    """Replace a ministry's order over its requests in a programme: `request_ids` must name
    exactly the requests it ranks there, most important first. Only that ministry's people."""
    if not can_rank_for(user, ministry_id):
        raise NotAllowed(_("จัดลำดับได้เฉพาะลำดับความสำคัญของกระทรวงของท่าน"))
    with transaction.atomic():
        programme = Programme.objects.select_for_update().filter(pk=programme_id).first()
        if programme is None:
            raise Http404("ไม่พบแผนงาน")
        current = set(
            ProgrammeRank.objects.filter(programme=programme, ministry_id=ministry_id).values_list(
                "request_id", flat=True
            )
        )
        wanted = [int(pk) for pk in request_ids]
        if len(set(wanted)) != len(wanted) or set(wanted) != current:
            raise ConflictError(_("รายการที่จัดลำดับไม่ตรงกับคำขอที่กระทรวงสนับสนุนในแผนงานนี้ กรุณาโหลดหน้าใหม่"))
        _write_order(programme, ministry_id, wanted)
    return list(ProgrammeRank.objects.filter(programme=programme, ministry_id=ministry_id).order_by("rank"))


def programme_rank_move(*, user, programme_id: int, ministry_id: int, request_id: int, direction: str):
    """Move one request up or down the ministry's order (the page's buttons)."""
    order = list(
        ProgrammeRank.objects.filter(programme_id=programme_id, ministry_id=ministry_id)
        .order_by("rank")
        .values_list("request_id", flat=True)
    )
    if int(request_id) not in order or direction not in ("up", "down"):
        raise Http404("ไม่พบรายการ")
    i = order.index(int(request_id))
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
    return programme_ranks_reorder(user=user, programme_id=programme_id, ministry_id=ministry_id, request_ids=order)


def programme_support_withdraw(*, user, programme_id: int, ministry_id: int, request_id: int) -> None:
    """The ministry withdraws its support: its rank goes, the rest close up; the request leaves
    the programme if this ministry brought it in and no other ministry ranks it."""
    if not can_rank_for(user, ministry_id):
        raise NotAllowed(_("ถอนได้เฉพาะลำดับความสำคัญของกระทรวงของท่าน"))
    with transaction.atomic():
        programme = Programme.objects.select_for_update().filter(pk=programme_id).first()
        rank = (
            ProgrammeRank.objects.select_related("request")
            .filter(programme_id=programme_id, ministry_id=ministry_id, request_id=request_id)
            .first()
        )
        if programme is None or rank is None:
            raise Http404("ไม่พบรายการ")
        request = rank.request
        rank.delete()
        remaining = list(
            ProgrammeRank.objects.filter(programme=programme, ministry_id=ministry_id)
            .order_by("rank")
            .values_list("request_id", flat=True)
        )
        _write_order(programme, ministry_id, remaining)
        removed = (
            rank.added_item and not ProgrammeRank.objects.filter(programme=programme, request_id=request_id).exists()
        )
        if removed:
            ProgrammeItem.objects.filter(programme=programme, request_id=request_id).delete()
        _event(
            request,
            user=user,
            kind=EventKind.PROGRAMME_REMOVE if removed else EventKind.PROGRAMME_RANK,
            programme=programme,
            ministry_id=ministry_id,
            comment=_("กระทรวงถอนการสนับสนุนในแผนงาน “%(p)s”") % {"p": programme.name},
        )
