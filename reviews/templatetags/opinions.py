"""The ministries' views beside the province's (R3) and the partners' advice (R20), for any page
that shows a request to its reviewers."""

from django import template

from reviews.ministry_forms import OpinionForm
from reviews.permissions import is_reviewer_for, opinion_ministry_id
from reviews.selectors.opinions import ministry_opinions

register = template.Library()


@register.simple_tag(takes_context=True)
def request_opinions(context, req):
    user = context["request"].user
    opinions = ministry_opinions(request=req)
    ministry_id = opinion_ministry_id(user, req)
    form = None
    if ministry_id is not None:
        partner = not is_reviewer_for(user, req)
        mine = next((o for o in opinions if o.ministry_id == ministry_id), None)
        initial = (
            {
                "severity": mine.severity,
                "severity_note": mine.severity_note,
                "stance": mine.stance,
                "comment": mine.comment,
            }
            if mine
            else {}
        )
        form = OpinionForm(initial=initial, partner=partner)
    return {"opinions": opinions, "form": form}
