"""Template access to R20 (who takes part in a request) for pages that include its summary."""

from django import template

from proposals.joint_forms import CoordinatorForm
from proposals.permissions import can_edit_request
from proposals.selectors.joint import joint_of
from proposals.services.joint import can_name_coordinator

register = template.Library()


@register.simple_tag(takes_context=True)
def request_joint(context, req):
    """{'joint', 'can_edit', 'coordinator_form'} for the request's R20 summary card."""
    user = context["request"].user
    joint = joint_of(request=req)
    form = None
    if can_name_coordinator(user, req):
        form = CoordinatorForm(
            initial={
                "coordinator": joint.coordination.coordinator_id if joint.coordination else None,
                "note": joint.coordination.note if joint.coordination else "",
            }
        )
    return {"joint": joint, "can_edit": can_edit_request(user, req), "coordinator_form": form}
