"""HTML pages of the planner area, one module per page family (thin: parse, fetch, call, render)."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator

from portal.models import FiscalYear

PAGE_SIZES = (20, 50, 100)
DEFAULT_PAGE_SIZE = 50


def fiscal_year_from(request) -> int:
    """?year=2554, else the current fiscal year."""
    raw = request.GET.get("year") or request.GET.get("fiscal_year") or ""
    if raw.isdecimal() and 2500 <= int(raw) <= 2700:
        return int(raw)
    current = FiscalYear.objects.current()
    return current.year if current else 2554


def paginate(request, queryset):
    """Django's Paginator, 50 a page by default (?size=20|50|100)."""
    size = request.GET.get("size", "")
    per_page = int(size) if size.isdecimal() and int(size) in PAGE_SIZES else DEFAULT_PAGE_SIZE
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def error_text(exc) -> str:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return " ".join(m for ms in exc.message_dict.values() for m in ms)
        return " ".join(exc.messages)
    return str(getattr(exc, "message", exc))
