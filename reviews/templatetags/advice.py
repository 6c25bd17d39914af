"""Labels of R19's advice for the agenda pages: the ministry's opinion and a referral's answer."""

from django import template

from proposals.workflow import Opinion
from reviews.models import ReferralFunding

register = template.Library()


@register.filter
def opinion_label(value) -> str:
    return str(Opinion(value).label) if value in Opinion.values else ""


@register.filter
def funding_label(value) -> str:
    return str(ReferralFunding(value).label) if value in ReferralFunding.values else ""
