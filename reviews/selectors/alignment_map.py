"""Reads of the R1 mapping table (issue 10)."""

from portal.roles import scope_of
from reviews.models import StrategyMapping


def can_see_mappings(user) -> bool:
    scope = scope_of(user)
    return scope.is_central or bool(scope.reviewer_ministry_ids)


def mappings_visible_to(user, *, fiscal_year: int | None = None):
    scope = scope_of(user)
    queryset = StrategyMapping.objects.select_related(
        "strategic_issue__office", "ministry_strategy__ministry", "kept_by_ministry"
    )
    if not scope.is_central:
        if not scope.reviewer_ministry_ids:
            return queryset.none()
        queryset = queryset.filter(ministry_strategy__ministry__in=scope.reviewer_ministry_ids)
    if fiscal_year:
        queryset = queryset.filter(fiscal_year=fiscal_year)
    return queryset
