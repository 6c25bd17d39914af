"""R9's guard on the workflow: nobody judges a request they took part in writing
(proposals.separation). Registered in transition_rules; loaded by ProposalsConfig."""

from proposals.separation import refuse_own_request
from proposals.services.transition_rules import guard
from proposals.workflow import JUDGING_ACTIONS, Action


@guard(*JUDGING_ACTIONS)
def no_judging_of_own_request(*, request, transition, user, payload):
    if user is not None:
        refuse_own_request(user=user, request=request, what=str(Action(transition.action).label))
