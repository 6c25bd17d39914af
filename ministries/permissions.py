"""Pure predicates of the ministries area (STYLE habit 5)."""

from portal.roles import scope_of


def can_import_budget_lines(user) -> bool:
    """Administrators load ministry budget lines (BRIEF: "administrators who load ... budget lines")."""
    return bool(user and user.is_authenticated and scope_of(user).is_admin)
