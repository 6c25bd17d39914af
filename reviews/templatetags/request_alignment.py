"""{% request_alignment req as alignment %}: the R1 verdict the reviewers see (from the year's
mapping table), for the request page, so the planner reads the same verdict (R1: both sides)."""

from django import template

from reviews.selectors.queue import strategy_alignment

register = template.Library()


@register.simple_tag
def request_alignment(req):
    return strategy_alignment(request=req)
