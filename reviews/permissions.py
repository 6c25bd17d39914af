"""Pure predicates for the review area (STYLE habit 5): templates, services and DRF permission
classes ask these same functions. None queries beyond the user's cached scope."""

from portal.roles import scope_of
from proposals.permissions import is_field_reviewer_for, is_referred_to, is_reviewer_for
from proposals.workflow import Status, StatusGroup


def can_view_review_queue(user) -> bool:
    """Ministry reviewers (whole ministry or a department's planning unit) and field offices."""
    return scope_of(user).is_reviewer


def can_view_review_page(user, request) -> bool:
    """The decision page: the request's own reviewers, its partner ministries (R20, to advise),
    the ministry ก.น.จ. referred it to (R19, read-only: it answers on the referral page), and the
    central team (read-only)."""
    return (
        is_reviewer_for(user, request)
        or is_field_reviewer_for(user, request)
        or is_referred_to(user, request)
        or scope_of(user).is_central
        or is_partner_for(user, request)
    )


def partner_ministry_ids_of(user, request) -> set[int]:
    """The user's ministries that are partners of this request (R20). One query, cached on the
    request object per user."""
    from proposals.models import RequestMinistryShare, ShareRole

    scope = scope_of(user)
    if not (scope.ministry_ids or scope.department_ids):
        return set()
    cache = request.__dict__.setdefault("_partner_ids", {})
    if user.pk not in cache:
        rows = RequestMinistryShare.objects.filter(request_id=request.pk, role=ShareRole.PARTNER)
        cache[user.pk] = {
            m
            for m, d in rows.values_list("ministry_id", "department_id")
            if m in scope.ministry_ids or (d is not None and d in scope.department_ids)
        }
    return cache[user.pk]


def is_partner_for(user, request) -> bool:
    return bool(partner_ministry_ids_of(user, request))


def opinion_ministry_id(user, request) -> int | None:
    """The ministry in whose name this user records a view of the request: the reviewing
    ministry for its reviewers (R3: its own severity beside the province's), else a partner
    ministry (R20: advice). None when the user may not."""
    if request.status == Status.DRAFT or request.status in StatusGroup.FINAL:
        return None
    if is_reviewer_for(user, request):
        return request.reviewing_ministry_id
    partners = partner_ministry_ids_of(user, request)
    return min(partners) if partners else None


def can_record_opinion(user, request) -> bool:
    return opinion_ministry_id(user, request) is not None


def can_decide_request(user, request) -> bool:
    """Whether any decision button applies now (status and role; the calendar is the service's)."""
    if request.status == Status.MINISTRY_REVIEW:
        return is_reviewer_for(user, request)
    if request.status == Status.FIELD_REVIEW:
        return is_field_reviewer_for(user, request)
    return False


def can_assign_review(user, request) -> bool:
    return can_decide_request(user, request)


def can_manage_framework(user) -> bool:
    """R5: the matrix is maintained by the central integration team."""
    return scope_of(user).is_central


def can_manage_envelope(user, envelope) -> bool:
    """A ministry's reviewers set and raise its envelopes; a department's planning unit only its own."""
    scope = scope_of(user)
    if envelope.ministry_id in scope.ministry_ids:
        return True
    return envelope.department_id is not None and envelope.department_id in scope.department_ids


def can_create_envelope_for(user, *, ministry_id, department_id=None) -> bool:
    scope = scope_of(user)
    if ministry_id in scope.ministry_ids:
        return True
    return department_id is not None and department_id in scope.department_ids


def can_manage_agenda(user) -> bool:
    return scope_of(user).is_central


def can_manage_programmes(user) -> bool:
    return scope_of(user).is_central


def can_reassign_reviewer(user, request) -> bool:
    """The central team moves filed, open requests between reviewing ministries (issue 10)."""

    return scope_of(user).is_central and request.status != Status.DRAFT and request.status not in StatusGroup.FINAL


# --- R1 divergences and the cluster's issues against its provinces'
def can_keep_divergences(user) -> bool:
    """The central team keeps the list and records each meeting's outcome (R1)."""
    return scope_of(user).is_central


def can_see_divergences(user) -> bool:
    """Both sides read their own rows: ministry reviewers their ministry's, offices their own."""
    scope = scope_of(user)
    return scope.is_central or bool(scope.reviewer_ministry_ids) or bool(scope.office_ids)


def can_compare_cluster_issues(user, cluster_office) -> bool:
    """The cluster's own officers and the central team."""
    scope = scope_of(user)
    return scope.is_central or cluster_office.pk in scope.cluster_office_ids
