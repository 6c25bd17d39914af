"""{% request_alignment req as alignment %}: the R1 verdict the reviewers see (from the year's
mapping table), for the request page, so the planner reads the same verdict (R1: both sides)."""

from django import template

from reviews.selectors.queue import strategy_alignment

register = template.Library()


@register.simple_tag
def request_alignment(req):
    return strategy_alignment(request=req)


@register.simple_tag
def request_divergences(req):
    """The divergences on the central team's list about this request's strategic issue (R1), with
    the outcome of the meeting on each, so the planner reads what was decided."""
    from reviews.models import StrategyDivergence

    if not req.strategic_issue_id:
        return []
    return list(
        StrategyDivergence.objects.filter(fiscal_year=req.fiscal_year, strategic_issue_id=req.strategic_issue_id)
        .select_related("ministry", "ministry_strategy")
        .order_by("ministry__name_th", "id")
    )
