"""Pure predicates of duplicate screening (STYLE habit 5): templates, services and the API ask
these same functions."""

from portal.roles import scope_of
from proposals.permissions import is_field_reviewer_for, is_owner, is_reviewer_for


def can_respond_flag(user, flag) -> bool:
    """The office that owns the request answers its flags."""
    return bool(user and user.is_authenticated) and is_owner(user, flag.request) and flag.is_unruled


def can_rule_flag(user, flag) -> bool:
    """The request's reviewers rule: its reviewing ministry or department, the field office it
    is routed through (R14), or the central team (R6: "the reviewer ... records a resolution")."""
    if not (user and user.is_authenticated):
        return False
    request = flag.request
    return is_reviewer_for(user, request) or is_field_reviewer_for(user, request) or scope_of(user).is_central


def can_check_draft(user) -> bool:
    """Planners and cluster officers see likely duplicates while they draft."""
    return bool(user and user.is_authenticated and scope_of(user).office_ids)


def can_request_rescreen(user, request) -> bool:
    """The request's reviewers (ministry, department, routed field office) and the central team
    may ask for its current revision to be screened again (issue 10)."""
    if not (user and user.is_authenticated):
        return False
    return is_reviewer_for(user, request) or is_field_reviewer_for(user, request) or scope_of(user).is_central


def is_line_owner(user, flag) -> bool:
    """The ministry (whole-ministry reviewer) or department (its planning unit) whose budget line
    the flag points at: the one who knows whether it is the same work (R6, issue 10)."""
    if not (user and user.is_authenticated) or not flag.budget_line_id:
        return False
    scope = scope_of(user)
    line = flag.budget_line
    return (line.ministry_id is not None and line.ministry_id in scope.ministry_ids) or (
        line.department_id is not None and line.department_id in scope.department_ids
    )


def can_answer_as_line_owner(user, flag) -> bool:
    return is_line_owner(user, flag) and flag.state != "superseded"


def can_see_line_flags(user) -> bool:
    """Ministry and department reviewers (and the central team) have budget lines to answer for."""
    scope = scope_of(user)
    return scope.is_central or bool(scope.ministry_ids or scope.department_ids)
