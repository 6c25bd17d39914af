"""Pages of the review area: thin (parse, fetch through access_*, call one service, respond)."""

from django.core.exceptions import PermissionDenied

from reviews.filters import PER_PAGE_CHOICES
from reviews.forms import (
    current_year,
)


def fiscal_year_of(request) -> int:
    """The BE year asked for, else the current one: an absurd number (10**30, -5) is not a year and
    would reach the database as one (an overflow, or no SQL at all on the dashboards)."""
    raw = str(request.GET.get("fiscal_year") or request.POST.get("fiscal_year") or "").strip()
    if raw.isdecimal() and 2400 <= int(raw) <= 2700:
        return int(raw)
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
