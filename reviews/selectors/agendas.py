"""Reads for programmes and the ก.น.จ. agenda (R16; 000 ประเด็น 5 item 1)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from clusters.models import ClusterMembership
from proposals.models import ProjectRequest
from proposals.workflow import StatusGroup
from reviews.models import Agenda, AgendaItem, Programme, ProgrammeItem, ProgrammeRank
from reviews.selectors.referrals import advice_annotations
from screening.models import UNRULED_STATES, DuplicateFlag, FlagState
from screening.selectors import screening_current_q, screening_status


def cluster_name_expr(prefix: str = ""):
    """The request's cluster name: its cluster office's, or its province's cluster that year."""
    membership = (
        ClusterMembership.objects.filter(
            province=OuterRef(f"{prefix}office__province"),
            valid_from__lte=OuterRef(f"{prefix}fiscal_year"),
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef(f"{prefix}fiscal_year")))
        .values("cluster__name_th")[:1]
    )
    return Coalesce(F(f"{prefix}office__cluster__name_th"), Subquery(membership))


def unruled_flags_exist():
    return Exists(DuplicateFlag.objects.filter(request=OuterRef("pk"), state__in=UNRULED_STATES))


def agenda_eligible_requests(*, fiscal_year: int):
    """Requests of the year ready for the agenda (endorsed, or the ministry's opinion or its
    answer to a referral given: R19) whose current revision is screened and whose duplicate
    flags are all ruled (none open or answered): R6 says the committee reviews only after
    duplicates are settled. The same reading as the send-to-committee guards (issue 10).
    Each row carries the ministry's opinion and referral answer (`advice_annotations`)."""
    return (
        ProjectRequest.objects.filter(status__in=StatusGroup.AGENDA_READY, fiscal_year=fiscal_year)
        .filter(screening_current_q())
        .exclude(unruled_flags_exist())
        .select_related("office", "reviewing_ministry", "category")
        .annotate(cluster_name=cluster_name_expr(), **advice_annotations())
        .order_by("reviewing_ministry__name_th", "office__name_th", "priority_rank", "id")
    )


def agendas_held_back(*, fiscal_year: int):
    """Agenda-ready requests kept off the agenda by unruled flags or an unfinished screening of
    their current revision, so the team knows what waits and why (`held_reason`)."""
    rows = list(
        ProjectRequest.objects.filter(status__in=StatusGroup.AGENDA_READY, fiscal_year=fiscal_year)
        .filter(unruled_flags_exist() | ~screening_current_q())
        .annotate(has_unruled=unruled_flags_exist())
        .select_related("office", "reviewing_ministry")
        .order_by("office__name_th", "id")
    )
    for row in rows:
        row.screening = screening_status(row)
        row.held_reason = (
            _("รอการวินิจฉัยผลตรวจความซ้ำซ้อน") if row.has_unruled else f"{row.screening.label} — {row.screening.next_step}"
        )
    return rows


def request_references(ids) -> dict[int, str]:
    """id -> reference, for messages about several requests at once."""
    return dict(ProjectRequest.objects.filter(pk__in=list(ids)).values_list("pk", "reference"))


def agenda_list(*, fiscal_year: int | None = None):
    queryset = Agenda.objects.select_related("committee", "meeting").annotate(
        item_count=Count("items"),
        total=Sum("items__request__amount"),
    )
    if fiscal_year:
        queryset = queryset.filter(fiscal_year=fiscal_year)
    return queryset.order_by("-fiscal_year", "-created_at")


def access_agenda(*, user, agenda_id) -> Agenda:
    from reviews.permissions import can_manage_agenda

    if not can_manage_agenda(user):
        raise Http404("ไม่พบวาระ")
    try:
        return Agenda.objects.select_related("committee", "meeting").get(pk=agenda_id)
    except (Agenda.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบวาระ") from None


def _current_flags_prefetch(prefix: str = ""):
    return Prefetch(
        f"{prefix}duplicate_flags",
        queryset=DuplicateFlag.objects.exclude(state=FlagState.SUPERSEDED)
        .select_related("budget_line", "other_request")
        .order_by("-score", "id"),
        to_attr="current_flags",
    )


def agenda_items(*, agenda) -> list[AgendaItem]:
    """Items with everything the pack shows (strategy links, flags and rulings): constant queries."""
    return list(
        AgendaItem.objects.filter(agenda=agenda)
        .select_related(
            "request__office",
            "request__reviewing_ministry",
            "request__reviewing_department",
            "request__category",
            "request__strategic_issue",
            "request__ministry_strategy__ministry",
            "decided_by",
        )
        .annotate(cluster_name=cluster_name_expr("request__"), **advice_annotations("request"))
        .prefetch_related(
            _current_flags_prefetch("request__"),
            Prefetch("request__programme_items", queryset=ProgrammeItem.objects.select_related("programme")),
            # R16: the committee sees each ministry's own priority for the request
            Prefetch(
                "request__programme_ranks",
                queryset=ProgrammeRank.objects.select_related("programme", "ministry").order_by(
                    "ministry__name_th", "rank"
                ),
            ),
        )
        .order_by("order", "id")
    )


def agenda_summary(items: list[AgendaItem]) -> dict:
    """Totals by cluster and by ministry, requested and approved, from the loaded items."""

    def bucket():
        return {"count": 0, "amount": Decimal(0), "approved": Decimal(0)}

    by_cluster, by_ministry = defaultdict(bucket), defaultdict(bucket)
    total = bucket()
    for item in items:
        approved = approved_amount_of(item)
        keys = (
            (by_cluster, item.cluster_name or "ไม่ระบุกลุ่มจังหวัด"),
            (
                by_ministry,
                item.request.reviewing_ministry.name_th if item.request.reviewing_ministry_id else "ไม่ระบุกระทรวง",
            ),
        )
        for table, key in keys:
            table[key]["count"] += 1
            table[key]["amount"] += item.request.amount
            table[key]["approved"] += approved
        total["count"] += 1
        total["amount"] += item.request.amount
        total["approved"] += approved
    as_rows = lambda table: [{"name": k, **v} for k, v in sorted(table.items())]  # noqa: E731
    return {"by_cluster": as_rows(by_cluster), "by_ministry": as_rows(by_ministry), "total": total}


def approved_amount_of(item: AgendaItem) -> Decimal:
    if item.decision == "approved_changed_amount":
        return item.approved_amount or Decimal(0)
    if item.decision == "approved":
        return item.request.amount
    return Decimal(0)


def flag_rulings_text(request) -> str:
    """One line per current flag: level, counterpart, state and ruling reason (for the pack)."""
    lines = []
    for flag in getattr(request, "current_flags", []):
        counterpart = (
            flag.budget_line.source_ref
            if flag.budget_line_id
            else (flag.other_request.reference if flag.other_request_id else "")
        )
        text = f"{flag.get_level_display()} กับ {counterpart}: {flag.get_state_display()}"
        if flag.ruling_reason:
            text += f" ({flag.ruling_reason})"
        lines.append(text)
    return "\n".join(lines) or "ไม่พบความซ้ำซ้อน"


def ministry_priority_text(request) -> str:
    """R16: "ministry: no. n in programme" for each ministry ranking the request (prefetched)."""
    return "\n".join(
        _("%(m)s: ลำดับที่ %(r)s ใน %(p)s") % {"m": r.ministry.name, "r": r.rank, "p": r.programme.name}
        for r in request.programme_ranks.all()
    )


def programme_list(*, fiscal_year: int | None = None):
    queryset = Programme.objects.annotate(item_count=Count("items"), total=Sum("items__request__amount"))
    if fiscal_year:
        queryset = queryset.filter(fiscal_year=fiscal_year)
    return queryset.order_by("-fiscal_year", "name")


def access_programme(*, user, programme_id) -> Programme:
    """Programmes are visible to every signed-in person (R16: shown on requests and in lists)."""
    if not user.is_authenticated:
        raise Http404("ไม่พบแผนงาน")
    try:
        return Programme.objects.get(pk=programme_id)
    except (Programme.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบแผนงาน") from None


def access_programme_item(*, user, item_id, programme_id=None) -> ProgrammeItem:
    """A programme's item if this user may see its request (and, given `programme_id`, it belongs
    to that programme); Http404 both for "missing" and for "not yours"."""
    visible = ProjectRequest.objects.visible_to(user).values("pk")
    queryset = ProgrammeItem.objects.filter(request__in=visible).select_related("programme", "request")
    if programme_id is not None:
        queryset = queryset.filter(programme_id=programme_id)
    try:
        return queryset.get(pk=item_id)
    except (ProgrammeItem.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบรายการในแผนงาน") from None


def programme_items(*, user, programme) -> list[ProgrammeItem]:
    """Items whose request this person may see (the programme's name is public, the requests are not)."""
    visible = ProjectRequest.objects.visible_to(user).values("pk")
    return list(
        programme.items.filter(request__in=visible)
        .select_related("request__office", "request__reviewing_ministry", "added_by")
        .order_by("added_at", "id")
    )


def programme_candidates(*, programme):
    return (
        ProjectRequest.objects.filter(fiscal_year=programme.fiscal_year, status__in=StatusGroup.PROGRAMMABLE)
        .exclude(programme_items__programme=programme)
        .select_related("office")
        .order_by("office__name_th", "id")
    )
