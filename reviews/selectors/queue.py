"""Reads for the reviewer's queue and the decision page (issue 5 item 1)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from ministries.models import MinistryStrategy
from portal.models import Membership, Role
from portal.roles import scope_of
from proposals.models import CalendarPhase, DeadlineExtension, PhaseKind, ProjectRequest
from proposals.models.joint import cross_cutting_q, partner_of_q
from proposals.selectors.requests import locations_prefetch
from proposals.workflow import Status, StatusGroup
from reviews import alignment
from reviews.models import ProgrammeItem
from screening.models import UNRULED_STATES, DuplicateFlag, FlagState

# Issue 15: only the office is joined; the other lookups come by prefetch (one small query each,
# by primary key). PostgreSQL's planning time grows steeply with the number of joins: the eleven
# joins this page once had cost ~190 ms of planning for a query that ran in 3 ms.
QUEUE_JOINED = ("office__province", "office__cluster")
QUEUE_PREFETCHED = (
    "category",
    "reviewing_ministry",
    "reviewing_department",
    "routed_field_office",
    "referred_ministry",
    "referred_department",
    "strategic_issue",
    "ministry_strategy",
    "review_assignment__assignee",
)
DETAIL_PREFETCHED = QUEUE_PREFETCHED + (
    "plan",
    "ministry_strategy__ministry",
    "target_ministry",
    "target_department",
    "created_by",
)


def _reviewer_condition(scope) -> Q:
    condition = Q(pk__in=[])
    if scope.ministry_ids:
        condition |= Q(reviewing_ministry__in=scope.ministry_ids) | Q(referred_ministry__in=scope.ministry_ids)
    if scope.department_ids:
        condition |= Q(reviewing_department__in=scope.department_ids) | Q(referred_department__in=scope.department_ids)
    if scope.field_office_ids:
        condition |= Q(routed_field_office__in=scope.field_office_ids)
    # R20: a partner ministry finds the request in its queue to advise on it (never "waiting")
    condition |= partner_of_q(ministry_ids=scope.ministry_ids, department_ids=scope.department_ids)
    return condition


def reviewable_requests(user):
    """Requests this person reviews: routed to their ministry, department or field office (R14).

    Narrower than `visible_to`: a field officer who is also a provincial planner (R9) does not
    get their own province's requests on the review pages. The central team sees all (read-only).
    """
    scope = scope_of(user)
    visible = ProjectRequest.objects.visible_to(user)
    if scope.is_central:
        return visible
    if not scope.is_reviewer:
        return visible.none()
    return visible.filter(_reviewer_condition(scope))


def waiting_condition(scope) -> Q:
    """Requests that wait for this reviewer's decision now."""
    condition = Q(pk__in=[])
    if scope.ministry_ids:
        condition |= Q(status=Status.MINISTRY_REVIEW, reviewing_ministry__in=scope.ministry_ids)
        condition |= Q(status=Status.REFERRED, referred_ministry__in=scope.ministry_ids)  # R19
    if scope.department_ids:
        condition |= Q(status=Status.MINISTRY_REVIEW, reviewing_department__in=scope.department_ids)
        condition |= Q(status=Status.REFERRED, referred_department__in=scope.department_ids)
    if scope.field_office_ids:
        condition |= Q(status=Status.FIELD_REVIEW, routed_field_office__in=scope.field_office_ids)
    return condition


def _count_flags(states) -> Coalesce:
    counted = (
        DuplicateFlag.objects.filter(request=OuterRef("pk"), state__in=states)
        .order_by()
        .values("request")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def review_deadline_expression():
    """Each row's review deadline: the review phase's close of its fiscal year, or the latest
    extension granted to its field office (field review) or ministry (ministry review).

    Issue 15: written as a CASE over the row's own columns, built from the calendar's few rows
    (two small queries), not as correlated subqueries: the queue sorts on it, and subqueries made
    the database evaluate four lookups for every visible row before keeping a page of 25."""
    phases: dict[tuple, object] = {}
    for year, kind, closes in (
        CalendarPhase.objects.filter(kind__in=[PhaseKind.FIELD_REVIEW, PhaseKind.MINISTRY_REVIEW])
        .order_by("-id")
        .values_list("fiscal_year", "kind", "closes_on")
    ):
        phases[(year, kind)] = closes  # ordered by -id: the first phase of a kind wins
    extensions: dict[tuple, object] = {}
    for year, kind, ministry_id, field_office_id, closes in DeadlineExtension.objects.filter(
        kind__in=[PhaseKind.FIELD_REVIEW, PhaseKind.MINISTRY_REVIEW]
    ).values_list("fiscal_year", "kind", "ministry_id", "field_office_id", "closes_on"):
        who = field_office_id if kind == PhaseKind.FIELD_REVIEW else ministry_id
        if who is not None:
            key = (year, kind, who)
            extensions[key] = max(closes, extensions.get(key, closes))

    def close(kind, column):
        whens = [
            When(**{"fiscal_year": year, column: who}, then=Value(closes))
            for (year, k, who), closes in sorted(extensions.items())
            if k == kind
        ]
        whens += [
            When(fiscal_year=year, then=Value(closes)) for (year, k), closes in sorted(phases.items()) if k == kind
        ]
        return Case(*whens, default=None, output_field=DateField()) if whens else Value(None, output_field=DateField())

    return Case(
        When(status=Status.FIELD_REVIEW, then=close(PhaseKind.FIELD_REVIEW, "routed_field_office")),
        default=close(PhaseKind.MINISTRY_REVIEW, "reviewing_ministry"),
        output_field=DateField(),
    )


def annotate_queue(queryset):
    """Flag counts, the review phase's deadline (with the ministry's or field office's extension)
    and the plan's size, all as subqueries: one query however long the page (constant queries)."""
    plan_size = (
        ProjectRequest.objects.filter(plan=OuterRef("plan"))
        .exclude(status__in=StatusGroup.CLOSED_BY_OWNER_OR_CLUSTER)
        .order_by()
        .values("plan")
        .annotate(n=Count("*"))  # issue 15: counted from the index request_plan_status alone
        .values("n")
    )
    return queryset.annotate(
        open_flags=_count_flags(UNRULED_STATES),
        ruled_flags=_count_flags([FlagState.RULED_DUPLICATE, FlagState.RULED_NOT_DUPLICATE]),
        confirmed_flags=_count_flags([FlagState.RULED_DUPLICATE]),
        review_deadline=review_deadline_expression(),
        plan_size=Coalesce(Subquery(plan_size, output_field=IntegerField()), Value(0)),
    )


def review_queue(*, user, filters: dict | None = None):
    """The queue as a queryset ready for a table (filters applied, not yet paginated)."""
    from reviews.filters import ReviewQueueFilter

    queryset = annotate_queue(
        reviewable_requests(user)
        .select_related(*QUEUE_JOINED)
        .prefetch_related(
            *QUEUE_PREFETCHED,
            locations_prefetch(),
            Prefetch("programme_items", queryset=ProgrammeItem.objects.select_related("programme")),
        )
        .annotate(is_cross_cutting=ExpressionWrapper(cross_cutting_q(), output_field=BooleanField()))
    )
    return ReviewQueueFilter(filters or {}, queryset=queryset, request_user=user)


def queue_counts(queryset) -> dict:
    """Counts and sums per status of the filtered queue, in one query."""
    rows = queryset.order_by().values("status").annotate(n=Count("id"), total=Sum("amount"))
    by_status = [
        {"status": r["status"], "label": Status(r["status"]).label, "count": r["n"], "amount": r["total"] or 0}
        for r in rows
    ]
    return {
        "by_status": sorted(by_status, key=lambda r: list(Status.values).index(r["status"])),
        "count": sum(r["count"] for r in by_status),
        "amount": sum(r["amount"] for r in by_status),
    }


def access_review_request(*, user, request_id) -> ProjectRequest:
    """The request if this person reviews it (or is the central team); Http404 for both missing and
    not theirs (STYLE habit 5): a reviewer of another ministry learns nothing."""
    try:
        return (
            annotate_queue(reviewable_requests(user))
            .select_related(*QUEUE_JOINED)
            .prefetch_related(*DETAIL_PREFETCHED)
            .get(pk=request_id)
        )
    except (ProjectRequest.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบคำของบประมาณ") from None


def _strategy_row(s) -> alignment.StrategyRow:
    return alignment.StrategyRow(s.id, s.number, s.title, s.target_industry, s.ministry_id)


def alignments_for(requests) -> list[alignment.Alignment]:
    """R1 for many requests at once (the dashboard) with the same function as one (the decision
    page): each request's strategic issue against its reviewing ministry's strategies that year,
    judged by the year's mapping table (issue 10). Three queries whatever the number."""
    from reviews.models import StrategyMapping

    requests = list(requests)
    ministry_ids = {
        r.reviewing_ministry_id or (r.ministry_strategy.ministry_id if r.ministry_strategy_id else None)
        for r in requests
    } - {None}
    years = {r.fiscal_year for r in requests}
    strategies: dict[int, list] = {}
    for s in MinistryStrategy.objects.filter(
        ministry_id__in=ministry_ids, period_start__lte=max(years, default=0), period_end__gte=min(years, default=0)
    ).order_by("number"):
        strategies.setdefault(s.ministry_id, []).append(s)
    mappings: dict[tuple[int, int], dict[int, alignment.MappingRow]] = {}
    for m in StrategyMapping.objects.filter(
        fiscal_year__in=years, strategic_issue_id__in={r.strategic_issue_id for r in requests} - {None}
    ).select_related("kept_by_ministry"):
        mappings.setdefault((m.fiscal_year, m.strategic_issue_id), {})[m.ministry_strategy_id] = alignment.MappingRow(
            m.id, m.ministry_strategy_id, m.verdict, m.note, m.keeper_label
        )
    out = []
    for request in requests:
        ministry_id = request.reviewing_ministry_id or (
            request.ministry_strategy.ministry_id if request.ministry_strategy_id else None
        )
        rows = [
            _strategy_row(s)
            for s in strategies.get(ministry_id, [])
            if s.period_start <= request.fiscal_year <= s.period_end
        ]
        issue = request.strategic_issue if request.strategic_issue_id else None
        out.append(
            alignment.align(
                issue_title=issue.title if issue else None,
                issue_industry=issue.target_industry if issue else None,
                linked_strategy=_strategy_row(request.ministry_strategy) if request.ministry_strategy_id else None,
                reviewing_ministry_id=ministry_id,
                ministry_strategies=rows,
                mappings=mappings.get((request.fiscal_year, request.strategic_issue_id), {}),
            )
        )
    return out


def strategy_alignment(*, request) -> alignment.Alignment:
    """R1: the request's strategic issue against the reviewing ministry's strategies that year."""
    return alignments_for([request])[0]


def colleagues_of(user):
    """People who review for the same ministry, department or field office (assignment choices)."""
    scope = scope_of(user)
    same = Q(pk__in=[])
    if scope.ministry_ids:
        same |= Q(role=Role.MINISTRY_REVIEWER, ministry__in=scope.ministry_ids)
    if scope.department_ids:
        same |= Q(role=Role.MINISTRY_REVIEWER, department__in=scope.department_ids)
    if scope.field_office_ids:
        same |= Q(role=Role.FIELD_OFFICE_REVIEWER, field_office__in=scope.field_office_ids)
    user_ids = Membership.objects.active().filter(same).values("user")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("first_name", "username")


def is_colleague_for(*, assignee, request) -> bool:
    """The assignee can review this request themselves (same organisation)."""
    from reviews.permissions import can_decide_request

    return can_decide_request(assignee, request)


def reviewer_assignment_event(*, request):
    """The latest event that set the request's reviewing ministry outside the submit route (an
    import's inferred reviewer or the central team's reassignment), for its reason (issue 10)."""
    from proposals.models import RequestEvent

    return (
        RequestEvent.objects.filter(request=request, action__in=("reviewer_assigned", "reviewer_reassigned"))
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )


def field_office_shares_for(user, fiscal_year: int | None) -> list[dict]:
    """R18: for each ministry the user reviews for, the share of the year's provincial requests
    concerning it that its own field offices carry out (shown on the queue page)."""
    from ministries.models import Ministry
    from proposals.selectors.ownership import field_office_project_share

    if not fiscal_year:
        return []
    scope = scope_of(user)
    return [
        {"ministry": ministry, "share": field_office_project_share(fiscal_year, ministry=ministry)}
        for ministry in Ministry.objects.filter(pk__in=scope.reviewer_ministry_ids).order_by("name_th")
    ]
