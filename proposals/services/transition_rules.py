"""Checks and side effects that ride on workflow transitions, kept apart from the table.

`request_transition` (proposals.services.transitions) calls, inside its locked transaction:
  run_guards(request=..., transition=..., user=..., payload=...)   before the status changes;
  run_effects(request=..., transition=..., user=..., payload=...)  after it changed, before save.
A guard raises an ApplicationError subclass (Thai message) to refuse; an effect may change the
request's fields or other rows in the same transaction. Each area registers its own rules here
(planner workflow, duplicate screening, reviews/envelopes), so no area edits another's service.
"""
from collections import defaultdict
from collections.abc import Callable

Rule = Callable[..., None]

GUARDS: dict[str, list[Rule]] = defaultdict(list)
EFFECTS: dict[str, list[Rule]] = defaultdict(list)


def guard(*actions: str):
    def register(func: Rule) -> Rule:
        for action in actions:
            GUARDS[action].append(func)
        return func

    return register


def effect(*actions: str):
    def register(func: Rule) -> Rule:
        for action in actions:
            EFFECTS[action].append(func)
        return func

    return register


def run_guards(*, request, transition, user, payload: dict) -> None:
    for rule in GUARDS.get(transition.action, ()):
        rule(request=request, transition=transition, user=user, payload=payload)


def run_effects(*, request, transition, user, payload: dict) -> None:
    for rule in EFFECTS.get(transition.action, ()):
        rule(request=request, transition=transition, user=user, payload=payload)


def load_rules() -> None:
    """Import every area's rule module once (called from ProposalsConfig.ready)."""
    import importlib

    for module in (
        "proposals.services.workflow_rules",  # planner workflow: routing, reviewer, calendar (issue 3)
        "proposals.duplicates.rules",  # screening must finish; flags ruled (issue 4)
        "proposals.reviews.rules",  # envelopes, framework (issue 5)
    ):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name is None or not module.startswith(exc.name):
                raise
