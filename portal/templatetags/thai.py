"""Template filters for Thai display: {{ d|thai_date }}, {{ amount|baht }}, {{ fy|be }}."""

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal import thai
from portal.people import person_name

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
def baht(value, _ignored=None):
    """{{ amount|baht }}: the one baht format (issue 11), '3,500,000' or '1,234.50'. An argument
    (`baht:2` in older templates) is ignored so every page shows amounts the same way; the
    template test refuses new ones."""
    return thai.baht(value)


@register.filter
def million_baht(value, _ignored=None):
    """{{ amount|million_baht }}: million baht with two decimals, '3.50'."""
    return thai.million_baht(value)


@register.filter
def baht_text(value):
    """{{ amount|baht_text }}: '3,500,000 บาท (3.50 ล้านบาท)' where one amount stands alone."""
    if value in (None, ""):
        return ""
    return _("%(baht)s บาท (%(million)s ล้านบาท)") % {"baht": thai.baht(value), "million": thai.million_baht(value)}


@register.filter
def person(user):
    """{{ someone|person }}: a person's name, the username only when no name is recorded (issue 11:
    pages show names, not login names). Builtin like the rest of this library."""
    return person_name(user)
