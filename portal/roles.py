"""What a signed-in person may see: their memberships folded into one Scope.

Every `visible_to(user)` QuerySet method and every `access_<entity>` fetch starts here, so the
role rules live in one place (STYLE habit 5).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from portal.models import Membership, Role


@dataclass(frozen=True)
class Scope:
    office_ids: frozenset[int] = field(default_factory=frozenset)  # planners and cluster officers
    province_office_ids: frozenset[int] = field(default_factory=frozenset)
    cluster_office_ids: frozenset[int] = field(default_factory=frozenset)
    ministry_ids: frozenset[int] = field(default_factory=frozenset)  # whole-ministry reviewers
    department_ids: frozenset[int] = field(default_factory=frozenset)  # department planning units
    department_ministry_ids: frozenset[int] = field(default_factory=frozenset)
    field_office_ids: frozenset[int] = field(default_factory=frozenset)
    central_agency_ids: frozenset[int] = field(default_factory=frozenset)
    is_admin: bool = False
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_central(self) -> bool:
        return bool(self.central_agency_ids) or self.is_admin

    @property
    def is_planner(self) -> bool:
        return bool(self.office_ids)

    @property
    def is_reviewer(self) -> bool:
        return bool(self.ministry_ids or self.department_ids or self.field_office_ids)

    @property
    def reviewer_ministry_ids(self) -> frozenset[int]:
        return self.ministry_ids | self.department_ministry_ids

    def has(self, role: str) -> bool:
        return role in self.roles


EMPTY = Scope()


class _Row(NamedTuple):
    role: str
    office_id: int | None
    ministry_id: int | None
    department_id: int | None
    field_office_id: int | None
    central_agency_id: int | None


def scope_of(user) -> Scope:
    """The user's scope, computed once per user object (one query)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY
    cached = getattr(user, "_portal_scope", None)
    if cached is not None:
        return cached
    # issue 15: every request reads this; the ids alone (no joins, no model instances)
    rows = [
        _Row(*values)
        for values in Membership.objects.active()
        .filter(user=user)
        .values_list("role", "office_id", "ministry_id", "department_id", "field_office_id", "central_agency_id")
    ]
    offices = {m.office_id for m in rows if m.office_id}
    scope = Scope(
        office_ids=frozenset(offices),
        province_office_ids=frozenset(m.office_id for m in rows if m.role == Role.PROVINCE_PLANNER),
        cluster_office_ids=frozenset(m.office_id for m in rows if m.role == Role.CLUSTER_OFFICER),
        ministry_ids=frozenset(m.ministry_id for m in rows if m.role == Role.MINISTRY_REVIEWER and not m.department_id),
        department_ids=frozenset(m.department_id for m in rows if m.department_id),
        department_ministry_ids=frozenset(m.ministry_id for m in rows if m.department_id),
        field_office_ids=frozenset(m.field_office_id for m in rows if m.field_office_id),
        central_agency_ids=frozenset(m.central_agency_id for m in rows if m.central_agency_id),
        is_admin=user.is_superuser or any(m.role == Role.ADMINISTRATOR for m in rows),
        roles=frozenset(m.role for m in rows) | ({Role.ADMINISTRATOR} if user.is_superuser else set()),
    )
    user._portal_scope = scope
    return scope
