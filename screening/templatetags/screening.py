"""{% screening_flags req as screening %}: what the request page's screening block shows."""

from django import template

from screening.forms import FlagResponseForm, FlagRulingForm
from screening.permissions import can_respond_flag, can_rule_flag
from screening.selectors import flag_texts, flags_for_request, highlight, visible_other_request_ids

register = template.Library()


@register.simple_tag(takes_context=True)
def screening_flags(context, req):
    user = context.get("user") or getattr(context.get("request"), "user", None)
    items = []
    if req is None or not getattr(req, "pk", None):
        return {"flags": items, "duplicates": 0}
    flags = flags_for_request(request=req)
    # a counterpart request the viewer cannot open is shown as "another office's request" only
    visible_others = visible_other_request_ids(user=user, flags=flags)
    for flag in flags:
        flag.request = req
        left, right = flag_texts(flag)
        terms = flag.matched_terms or []
        other_visible = flag.other_request_id is None or flag.other_request_id in visible_others
        items.append(
            {
                "flag": flag,
                "other_visible": other_visible,
                "left": highlight(left, terms),
                "right": highlight(right, terms) if other_visible else "",
                "can_respond": can_respond_flag(user, flag),
                "can_rule": can_rule_flag(user, flag) and flag.is_unruled,
                "response_form": FlagResponseForm(auto_id=f"flag{flag.pk}-respond-%s"),
                "ruling_form": FlagRulingForm(auto_id=f"flag{flag.pk}-rule-%s"),
            }
        )
    return {"flags": items, "duplicates": sum(1 for i in items if i["flag"].level == "duplicate")}
