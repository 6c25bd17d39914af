"""{% screening_flags req as screening %}: what the request page's screening block shows."""

from django import template

from proposals.workflow import StatusGroup
from screening.forms import FlagResponseForm, FlagRulingForm, OwnerAnswerForm
from screening.permissions import (
    can_answer_as_line_owner,
    can_request_rescreen,
    can_respond_flag,
    can_rule_flag,
)
from screening.selectors import (
    flag_texts,
    flags_for_request,
    highlight,
    screening_status,
    visible_other_request_ids,
)

register = template.Library()


def flag_item(flag, user, *, visible_others=None) -> dict:
    """One flag as a card shows it: the two texts highlighted, and which forms this user gets.
    A counterpart request the user may not open shows neither its text nor its amount."""
    left, right = flag_texts(flag)
    terms = flag.matched_terms or []
    if flag.other_request_id is None:
        other_visible = True
    elif visible_others is None:
        other_visible = flag.other_request_id in visible_other_request_ids(user=user, flags=[flag])
    else:
        other_visible = flag.other_request_id in visible_others
    can_respond = can_respond_flag(user, flag)
    can_rule = can_rule_flag(user, flag) and flag.is_unruled
    can_owner_answer = can_answer_as_line_owner(user, flag)
    # issue 15: a form only for the person who gets it (the card shows each one behind its can_*)
    return {
        "flag": flag,
        "other_visible": other_visible,
        "left": highlight(left, terms),
        "right": highlight(right, terms) if other_visible else "",
        "can_respond": can_respond,
        "can_rule": can_rule,
        "can_owner_answer": can_owner_answer,
        "response_form": FlagResponseForm(auto_id=f"flag{flag.pk}-respond-%s") if can_respond else None,
        "ruling_form": FlagRulingForm(auto_id=f"flag{flag.pk}-rule-%s") if can_rule else None,
        "owner_form": OwnerAnswerForm(
            auto_id=f"flag{flag.pk}-owner-%s",
            initial={"answer": flag.owner_answer or None, "note": flag.owner_note},
        )
        if can_owner_answer
        else None,
    }


def _user(context):
    return context.get("user") or getattr(context.get("request"), "user", None)


@register.simple_tag(takes_context=True)
def screening_flag_item(context, flag):
    return flag_item(flag, _user(context))


@register.simple_tag(takes_context=True)
def screening_flags(context, req):
    user = _user(context)
    items = []
    if req is None or not getattr(req, "pk", None):
        return {"flags": items, "duplicates": 0, "status": None, "can_rescreen": False, "progress": ("not_started", "")}
    flags = flags_for_request(request=req)
    # a counterpart request the viewer cannot open is shown as "another office's request" only (issue 13)
    visible_others = visible_other_request_ids(user=user, flags=flags)
    for flag in flags:
        flag.request = req
        items.append(flag_item(flag, user, visible_others=visible_others))
    return {
        "flags": items,
        "duplicates": sum(1 for i in items if i["flag"].level == "duplicate"),
        "status": (status := screening_status(req)),
        "progress": status.progress,
        "can_rescreen": can_request_rescreen(user, req) and req.status in StatusGroup.RESCREENABLE,
    }
