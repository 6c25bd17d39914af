"""Pages of the review area: thin (parse, fetch through access_*, call one service, respond)."""

from django.core.exceptions import PermissionDenied

from reviews.filters import PER_PAGE_CHOICES
from reviews.forms import (
    current_year,
)


def fiscal_year_of(request) -> int:
    try:
        return int(request.GET.get("fiscal_year") or request.POST.get("fiscal_year") or current_year() or 0)
    except ValueError:
        return current_year() or 0


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def per_page_of(request) -> int:
    try:
        value = int(request.GET.get("per_page", 25))
    except ValueError:
        value = 25
    return value if value in PER_PAGE_CHOICES else 25
