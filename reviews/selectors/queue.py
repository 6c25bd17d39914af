"""Reads for the reviewer's queue and the decision page (issue 5 item 1)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
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
from portal.remembered import remembered
from portal.roles import scope_of
from proposals.models import CalendarPhase, DeadlineExtension, PhaseKind, ProjectRequest
from proposals.models.joint import cross_cutting_q, partner_of_q, partner_shares
from proposals.workflow import Status, StatusGroup
from reviews import alignment
from reviews.models import ProgrammeItem
from screening.models import UNRULED_STATES, DuplicateFlag, FlagState

# Issue 15: only the office is joined (its name is shown; neither its province nor its cluster
# is); the other lookups come by prefetch (one small query each, by primary key). PostgreSQL's
# planning time grows steeply with the number of joins: the eleven joins this page once had cost
# ~190 ms of planning for a query that ran in 3 ms, and even the office's province and cluster
# cost the decision page's single row ~2 ms of planning.
QUEUE_JOINED = ("office",)
# Each page prefetches what it shows: a lookup the table does not read was a query per page.
QUEUE_PREFETCHED = ("category", "review_assignment__assignee")
# ... and what the API's rows carry besides (reviews/serializers.py QueueItemSerializer)
QUEUE_API_PREFETCHED = QUEUE_PREFETCHED + ("reviewing_ministry", "reviewing_department", "routed_field_office")
DETAIL_PREFETCHED = QUEUE_API_PREFETCHED + (
    "referred_ministry",
    "referred_department",
    "strategic_issue",
    "ministry_strategy",
    "plan",
    "ministry_strategy__ministry",
    "target_ministry",
    "target_department",
    "created_by",
)


# Above this many partner requests their ids are not listed in the SQL (the subquery instead).
MAX_LISTED_PARTNER_IDS = 2000


def partner_condition(scope, *, listed: bool = True) -> Q:
    """R20: a partner ministry finds the request in its queue to advise on it (never "waiting").

    Issue 15: the partner requests' ids are read first (one small query on the shares) and the
    condition is on the row's own key, which an index serves; the subquery per row (`partner_of_q`)
    made the database read every row of the year to test it, an arm the other arms could not
    narrow."""
    shares = partner_shares(ministry_ids=scope.ministry_ids, department_ids=scope.department_ids)
    if shares is None:
        return Q(pk__in=[])
    if not listed:  # one request by its key: the subquery is one probe, the list a query more
        return partner_of_q(ministry_ids=scope.ministry_ids, department_ids=scope.department_ids)
    ids = sorted(set(shares.order_by().values_list("request_id", flat=True)[: MAX_LISTED_PARTNER_IDS + 1]))
    if len(ids) > MAX_LISTED_PARTNER_IDS:
        return partner_of_q(ministry_ids=scope.ministry_ids, department_ids=scope.department_ids)
    return Q(pk__in=ids)


def _reviewer_condition(scope, *, listed_partners: bool = True) -> Q:
    condition = Q(pk__in=[])
    if scope.ministry_ids:
        condition |= Q(reviewing_ministry__in=scope.ministry_ids) | Q(referred_ministry__in=scope.ministry_ids)
    if scope.department_ids:
        condition |= Q(reviewing_department__in=scope.department_ids) | Q(referred_department__in=scope.department_ids)
    if scope.field_office_ids:
        condition |= Q(routed_field_office__in=scope.field_office_ids)
    return condition | partner_condition(scope, listed=listed_partners)


def reviewable_requests(user, *, listed_partners: bool = True):
    """Requests this person reviews: routed to their ministry, department or field office (R14).

    Narrower than `visible_to`: a field officer who is also a provincial planner (R9) does not
    get their own province's requests on the review pages. The central team sees all (read-only).
    """
    scope = scope_of(user)
    if scope.is_central:
        return ProjectRequest.objects.visible_to(user)
    if not scope.is_reviewer:
        return ProjectRequest.objects.none()
    # `visible_to(user)` and a reviewer's arm, written out: each arm of `_reviewer_condition` is
    # one of visible_to's arms for filed requests (proposals/models/scoping.py), so the two
    # together are the reviewer's arms on filed requests and on the user's own office's rows
    # (a planner who also reviews, R9). Issue 15: the visibility rule's own copy of each arm
    # (with its subquery per row) was planned and tested a second time in every query of the
    # queue. tests/reviews/test_queue_scope.py checks the two agree for every persona.
    visible = ~Q(status=Status.DRAFT)
    if scope.office_ids:
        visible |= Q(office__in=scope.office_ids)
    return ProjectRequest.objects.filter(_reviewer_condition(scope, listed_partners=listed_partners) & visible)


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

    if not phases and not extensions:
        # no review calendar at all: every row's deadline is none, and the queue knows it without
        # asking the database (a constant sorts nothing)
        return Value(None, output_field=DateField())
    return Case(
        When(status=Status.FIELD_REVIEW, then=close(PhaseKind.FIELD_REVIEW, "routed_field_office")),
        default=close(PhaseKind.MINISTRY_REVIEW, "reviewing_ministry"),
        output_field=DateField(),
    )


def _plan_sizes():
    return (
        ProjectRequest.objects.exclude(status__in=StatusGroup.CLOSED_BY_OWNER_OR_CLUSTER)
        .order_by()
        .values("plan")
        .annotate(n=Count("*"))  # issue 15: counted from the index request_plan_status alone
    )


def annotate_queue(queryset, *, plan_size: bool = True):
    """Flag counts, the review phase's deadline (with the ministry's or field office's extension)
    and the plan's size, all as subqueries: one query however long the page (constant queries).
    Without `plan_size` the caller fills it for the rows it shows (`fill_plan_sizes`)."""
    annotations = {
        "open_flags": _count_flags(UNRULED_STATES),
        "ruled_flags": _count_flags([FlagState.RULED_DUPLICATE, FlagState.RULED_NOT_DUPLICATE]),
        "confirmed_flags": _count_flags([FlagState.RULED_DUPLICATE]),
        "review_deadline": review_deadline_expression(),
    }
    if plan_size:
        sizes = _plan_sizes().filter(plan=OuterRef("plan")).values("n")
        annotations["plan_size"] = Coalesce(Subquery(sizes, output_field=IntegerField()), Value(0))
    return queryset.annotate(**annotations)


def fill_plan_sizes(requests) -> None:
    """Each request's `plan_size` (its plan's requests, less those withdrawn or merged), for the
    rows of one page: one grouped query over the page's few plans. Issue 15: as a subquery per
    row, each of 25 rows counted its whole plan (300 requests a province at national scale), and
    the rows of one office share one plan."""
    requests = list(requests)
    if not requests:
        return
    sizes = dict(_plan_sizes().filter(plan__in={r.plan_id for r in requests}).values_list("plan", "n"))
    for request in requests:
        request.plan_size = sizes.get(request.plan_id, 0)


def queue_page(filterset, rows, counts: dict, *, per_page: int, number):
    """One page of the filtered queue `rows` (from `filterset`), its count and deadlines known
    from `queue_counts`, with what its table shows (`prepare_queue_rows`).

    Issue 15: when the order is none an index walks (the deadline first among rows of several
    deadlines, or an ordering asked for), the database sorts every filtered row to find one page.
    Then the page's keys are found by sorting the keys alone (a narrow query: no office joined,
    no subquery per row) and its rows are read by key, instead of sorting whole rows with all
    their figures."""
    ordered = filterset.sorted(rows, deadlines=counts["deadlines"])
    by_key = filterset.sorts_every_row(counts["deadlines"])
    paginator = Paginator(ordered.prefetch_related(None).values_list("pk", flat=True) if by_key else ordered, per_page)
    paginator.count = counts["count"]  # known: no COUNT(*) of its own
    page = paginator.get_page(number)
    if by_key:
        keys = list(page.object_list)
        found = {r.pk: r for r in rows.order_by().filter(pk__in=keys)} if keys else {}
        page.object_list = [found[pk] for pk in keys if pk in found]
    else:
        page.object_list = list(page.object_list)
    prepare_queue_rows(page.object_list)
    return page


def prepare_queue_rows(requests) -> None:
    """What the queue's table shows of each row of one page, read once in Python: the plan's size
    (`fill_plan_sizes`), the status's label, the assignee or None. Issue 15: a row without an
    assignment made the template's lookup fail and list the request's attributes (`dir`) to
    decide whether to re-raise; each status label was looked up among every status per row."""
    requests = list(requests)
    fill_plan_sizes(requests)
    labels: dict[str, str] = {}
    for request in requests:
        if request.status not in labels:
            labels[request.status] = request.get_status_display()
        request.status_label = labels[request.status]
        assignment = getattr(request, "review_assignment", None)  # prefetched: no query
        request.assignee = assignment.assignee if assignment else None


def review_queue(*, user, filters: dict | None = None, prefetched=QUEUE_API_PREFETCHED, plan_size: bool = True):
    """The queue as a queryset ready for a table (filters applied, not yet paginated). A page
    passes what its table shows: the lookups to prefetch, and whether each row counts its plan
    (a page fills the sizes of its own rows, `fill_plan_sizes`)."""
    from reviews.filters import ReviewQueueFilter

    queryset = annotate_queue(
        reviewable_requests(user)
        .select_related(*QUEUE_JOINED)
        .prefetch_related(
            *prefetched,
            Prefetch("programme_items", queryset=ProgrammeItem.objects.select_related("programme")),
        )
        .annotate(is_cross_cutting=ExpressionWrapper(cross_cutting_q(), output_field=BooleanField())),
        plan_size=plan_size,
    )
    return ReviewQueueFilter(filters or {}, queryset=queryset, request_user=user)


def queue_counts(queryset) -> dict:
    """Counts and sums per status of the filtered queue, and the review deadlines among its rows,
    in one query (issue 15: the page's count, its sums and whether its rows have more than one
    deadline were three passes over the whole filtered queue)."""
    has_deadline = "review_deadline" in queryset.query.annotations
    keys = ("status", "review_deadline") if has_deadline else ("status",)
    rows = queryset.order_by().values(*keys).annotate(n=Count("id"), total=Sum("amount"))
    by_status: dict[str, dict] = {}
    deadlines = set()
    for r in rows:
        row = by_status.setdefault(
            r["status"], {"status": r["status"], "label": Status(r["status"]).label, "count": 0, "amount": 0}
        )
        row["count"] += r["n"]
        row["amount"] += r["total"] or 0
        deadlines.add(r.get("review_deadline"))
    return {
        "by_status": sorted(by_status.values(), key=lambda r: list(Status.values).index(r["status"])),
        "count": sum(r["count"] for r in by_status.values()),
        "amount": sum(r["amount"] for r in by_status.values()),
        "deadlines": deadlines if has_deadline else None,
    }


def access_review_request(*, user, request_id, shown: bool = True) -> ProjectRequest:
    """The request if this person reviews it (or is the central team); Http404 for both missing and
    not theirs (STYLE habit 5): a reviewer of another ministry learns nothing.

    `shown=False`: the request's own row only, for a decision that is taken and redirected (issue
    15: the page's figures and lookups were read for a page nobody saw)."""
    queryset = reviewable_requests(user, listed_partners=False)
    if shown:
        queryset = annotate_queue(queryset).select_related(*QUEUE_JOINED).prefetch_related(*DETAIL_PREFETCHED)
    try:
        return queryset.get(pk=request_id)
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


REVIEWER_ASSIGNMENTS = ("reviewer_assigned", "reviewer_reassigned")


def reviewer_assignment_event(*, request, events=None):
    """The latest event that set the request's reviewing ministry outside the submit route (an
    import's inferred reviewer or the central team's reassignment), for its reason (issue 10).
    `events`: the request's events already read for the page, each with its actor (no query)."""
    from proposals.models import RequestEvent

    if events is not None:
        found = [e for e in events if e.action in REVIEWER_ASSIGNMENTS]
        return max(found, key=lambda e: (e.created_at, e.id), default=None)
    return (
        RequestEvent.objects.filter(request=request, action__in=REVIEWER_ASSIGNMENTS)
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )


def field_office_shares_for(user, fiscal_year: int | None) -> list[dict]:
    """R18: for each ministry the user reviews for, the share of the year's provincial requests
    concerning it that its own field offices carry out (shown on the queue page).

    Issue 15: counted over every request of the year that concerns the ministry, the same for all
    its reviewers: remembered like the dashboards' figures (where R18 is shown too), at most
    DASHBOARD_FIGURES_SECONDS old, instead of counted again on each view of the queue."""
    if not fiscal_year:
        return []
    ministry_ids = tuple(sorted(scope_of(user).reviewer_ministry_ids))
    if not ministry_ids:
        return []
    shares, _as_of = remembered(
        "field-office-shares",
        (fiscal_year, ministry_ids),
        settings.DASHBOARD_FIGURES_SECONDS,
        lambda: _field_office_shares(fiscal_year, ministry_ids),
    )
    return shares


def _field_office_shares(fiscal_year: int, ministry_ids) -> list[dict]:
    from ministries.models import Ministry
    from proposals.selectors.ownership import field_office_project_share

    return [
        {"ministry": ministry, "share": field_office_project_share(fiscal_year, ministry=ministry)}
        for ministry in Ministry.objects.filter(pk__in=ministry_ids).order_by("name_th")
    ]
