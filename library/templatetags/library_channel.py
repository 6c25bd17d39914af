"""{% request_channel req as channel %}: what the request page shows of the channel: the state of
its joint KPIs (R13) and the existing plans it cites (R22), with the forms this user may use."""

from django import template

from library.forms_agreements import PlanCitationForm
from library.permissions import can_answer_request_kpi
from library.selectors import NOT_AGREED, citable_documents, request_citations, request_kpi_states
from library.services import can_cite_plans

register = template.Library()


@register.simple_tag(takes_context=True)
def request_channel(context, req) -> dict:
    user = context["request"].user
    # issue 15: the request page's fetch already knows whether the request has any KPI
    kpis = [] if getattr(req, "has_kpis", True) is False else request_kpi_states(request=req)
    for row in kpis:
        row["can_answer"] = (
            row["kpi"].is_joint and req.status not in NOT_AGREED and can_answer_request_kpi(user, row["kpi"])
        )
    may_cite = can_cite_plans(user, req)
    citable = citable_documents(request=req) if may_cite else None
    return {
        "kpis": kpis,
        "joint": [row for row in kpis if row["kpi"].is_joint],
        "citations": list(request_citations(request=req)),
        "can_cite": may_cite,
        "cite_form": PlanCitationForm(documents=citable) if may_cite else None,
        "has_citable": bool(citable is not None and citable.exists()),
    }


@register.simple_tag
def cited_plans(req):
    """The existing plans a request cites (R22), for the reviewers' alignment view."""
    return list(request_citations(request=req))


@register.simple_tag
def plans_of_area(office, fiscal_year):
    """Published environment/industry/development plans covering an office's area (R22)."""
    from library.selectors import area_plans

    return list(area_plans(office=office, fiscal_year=fiscal_year))
