"""The per-row pieces of the request tables (lists, plan page, cluster board).

Issue 15: a tag or filter per cell instead of an `{% include %}` per row: a page of 50 rows
rendered 100 includes, each costing a context push and a template render.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def status_badge(request):
    return format_html('<span class="badge status status-{}">{}</span>', request.status, request.get_status_display())


@register.filter
def places(request) -> str:
    """Where the work is, "; " between the places (`RequestLocation.__str__`); read from the
    prefetched locations."""
    return "; ".join(str(location) for location in request.locations.all())
