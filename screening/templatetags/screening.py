"""{% screening_flags req as screening %}: what the request page's screening block shows."""

from django import template

from screening.forms import FlagResponseForm, FlagRulingForm
from screening.permissions import can_request_rescreen, can_respond_flag, can_rule_flag
from screening.selectors import flag_texts, flags_for_request, highlight, screening_status
from screening.services.screening import RESCREEN_STATUSES

register = template.Library()


@register.simple_tag(takes_context=True)
def screening_flags(context, req):
    user = context.get("user") or getattr(context.get("request"), "user", None)
    items = []
    if req is None or not getattr(req, "pk", None):
        return {"flags": items, "duplicates": 0, "status": None, "can_rescreen": False}
    for flag in flags_for_request(request=req):
        flag.request = req
        left, right = flag_texts(flag)
        terms = flag.matched_terms or []
        items.append(
            {
                "flag": flag,
                "left": highlight(left, terms),
                "right": highlight(right, terms),
                "can_respond": can_respond_flag(user, flag),
                "can_rule": can_rule_flag(user, flag) and flag.is_unruled,
                "response_form": FlagResponseForm(auto_id=f"flag{flag.pk}-respond-%s"),
                "ruling_form": FlagRulingForm(auto_id=f"flag{flag.pk}-rule-%s"),
            }
        )
    return {
        "flags": items,
        "duplicates": sum(1 for i in items if i["flag"].level == "duplicate"),
        "status": screening_status(req),
        "can_rescreen": can_request_rescreen(user, req) and req.status in RESCREEN_STATUSES,
    }
