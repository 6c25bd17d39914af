"""Pure predicates of the ministries area (STYLE habit 5)."""

from portal.roles import scope_of


def can_import_budget_lines(user) -> bool:
    """Administrators load ministry budget lines (BRIEF: "administrators who load ... budget lines")."""
    return bool(user and user.is_authenticated and scope_of(user).is_admin)


def can_enter_own_requests(user, *, ministry_id: int, department_id: int | None) -> bool:
    """R6: a ministry's policy bureau enters its ministry's own requests (any of its departments);
    a department's planning unit only its department's. Planners, field offices and the central
    team do not (the central team reads them)."""
    scope = scope_of(user)
    if department_id is None:
        return ministry_id in scope.ministry_ids
    return department_id in scope.department_ids or ministry_id in scope.ministry_ids


def can_enter_any_own_requests(user) -> bool:
    scope = scope_of(user)
    return bool(scope.ministry_ids or scope.department_ids)


def can_view_own_requests(user) -> bool:
    scope = scope_of(user)
    return bool(scope.ministry_ids or scope.department_ids or scope.is_central)


def can_edit_outputs(user, *, ministry_id: int, department_id: int | None) -> bool:
    """R21: the ministry keeps its output/project list; a department its own entries."""
    return can_enter_own_requests(user, ministry_id=ministry_id, department_id=department_id)
