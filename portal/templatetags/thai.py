"""Template filters for Thai display: {{ d|thai_date }}, {{ amount|baht }}, {{ fy|be }}."""

from django import template
from django.utils.translation import get_language

from portal import thai

register = template.Library()


def _lang() -> str:
    return "en" if (get_language() or "th").startswith("en") else "th"


@register.filter
def thai_date(value, style="long"):
    return thai.thai_date(value, style, _lang())


@register.filter
def thai_datetime(value):
    return thai.thai_datetime(value, _lang())


@register.filter
def baht(value, decimals=0):
    return thai.baht(value, int(decimals))


@register.filter
def million_baht(value, decimals=2):
    return thai.million_baht(value, int(decimals))
