"""Pure predicates: who may do what to a plan or a request (STYLE habit 5).

Templates (which buttons to show), services (the refusal) and DRF permission classes all ask
these same functions. Each takes the user and an already-fetched object; none queries more
than the user's scope (cached on the user) and, for the cluster case, the cluster's provinces.
"""

from portal.roles import scope_of
from proposals.models.scoping import cluster_memberships
from proposals.workflow import (
    CENTRAL,
    CLUSTER,
    FIELD_OFFICE,
    JUDGING_ACTIONS,
    MINISTRY,
    OWNER,
    REFERRED_TO,
    SYSTEM,
    Action,
    StatusGroup,
    Transition,
    actions_from,
)

# Actions no person starts from a button of the request page: the screening task takes them,
# merging happens on the cluster board where several requests are chosen at once, and R19's
# opinion, referral and answer carry more than a comment (the decision page, the ก.น.จ. agenda,
# the referral page).
MACHINE_OR_BOARD_ACTIONS = frozenset(
    {
        Action.START_SCREENING,
        Action.FINISH_SCREENING,
        Action.MERGE,
        Action.GIVE_OPINION,
        Action.REFER,
        Action.ANSWER_REFERRAL,
    }
)


def _cluster_province_ids(user, fiscal_year: int) -> frozenset[int]:
    scope = scope_of(user)
    if not scope.cluster_office_ids:
        return frozenset()
    cache = user.__dict__.setdefault("_cluster_provinces", {})
    if fiscal_year not in cache:
        cache[fiscal_year] = frozenset(
            cluster_memberships(scope.cluster_office_ids, fiscal_year).values_list("province_id", flat=True)
        )
    return cache[fiscal_year]


def is_owner(user, request) -> bool:
    """A planner or cluster officer of the office that owns the request."""
    return request.office_id in scope_of(user).office_ids


def is_cluster_officer_for(user, request) -> bool:
    """A cluster officer whose cluster holds the request's province that fiscal year (R4)."""
    if not scope_of(user).cluster_office_ids:
        return False  # before touching request.office: events are built for many requests at once
    province_id = request.office.province_id if request.office_id else None
    return province_id is not None and province_id in _cluster_province_ids(user, request.fiscal_year)


def is_reviewer_for(user, request) -> bool:
    scope = scope_of(user)
    return (request.reviewing_ministry_id is not None and request.reviewing_ministry_id in scope.ministry_ids) or (
        request.reviewing_department_id is not None and request.reviewing_department_id in scope.department_ids
    )


def is_field_reviewer_for(user, request) -> bool:
    return (
        request.routed_field_office_id is not None and request.routed_field_office_id in scope_of(user).field_office_ids
    )


def is_referred_to(user, request) -> bool:
    """R19: a reviewer of the ministry (or department) ก.น.จ. referred the request to."""
    scope = scope_of(user)
    return (request.referred_ministry_id is not None and request.referred_ministry_id in scope.ministry_ids) or (
        request.referred_department_id is not None and request.referred_department_id in scope.department_ids
    )


def actor_kinds(user, request) -> frozenset[str]:
    """Which of the workflow table's actor kinds this user is for this request."""
    if user is None:
        return frozenset({SYSTEM})
    scope = scope_of(user)
    kinds = set()
    if is_owner(user, request):
        kinds.add(OWNER)
    if is_cluster_officer_for(user, request):
        kinds.add(CLUSTER)
    if is_reviewer_for(user, request):
        kinds.add(MINISTRY)
    if is_field_reviewer_for(user, request):
        kinds.add(FIELD_OFFICE)
    if is_referred_to(user, request):
        kinds.add(REFERRED_TO)
    if scope.is_central:
        kinds.add(CENTRAL)
    return frozenset(kinds)


def can_take_transition(user, request, transition: Transition) -> bool:
    """Status, role and whether the action exists for this request (R19); the calendar and the
    rules are checked by the service."""
    return (
        request.status in transition.sources
        and bool(actor_kinds(user, request) & transition.actors)
        and transition.applies_to(request)
    )


def transitions_for_buttons(user, request) -> list[Transition]:
    """The buttons to show; a judging action is hidden from whoever took part in writing the
    request (R9), as the service would refuse it."""
    from proposals.separation import took_part_in

    return [
        t
        for t in actions_from(request.status)
        if t.action not in MACHINE_OR_BOARD_ACTIONS
        and can_take_transition(user, request, t)
        and not (t.action in JUDGING_ACTIONS and took_part_in(user, request))
    ]


def can_edit_request(user, request) -> bool:
    """Returned requests become editable again; everything else is read-only after submission."""
    return request.status in StatusGroup.EDITABLE and is_owner(user, request)


def can_add_request(user, plan) -> bool:
    return can_edit_plan(user, plan)


def can_edit_plan(user, plan) -> bool:
    return plan.office_id in scope_of(user).office_ids


def can_create_plan_for(user, office) -> bool:
    return office.id in scope_of(user).office_ids


def can_rank_plan(user, plan) -> bool:
    return can_edit_plan(user, plan)


def can_edit_calendar(user) -> bool:
    return scope_of(user).is_central


def can_publish_action_plan(user, plan) -> bool:
    """An action plan filed in the portal goes to the library by its own office or the central team."""
    scope = scope_of(user)
    return scope.is_central or plan.office_id in scope.office_ids
