"""Checks and side effects that ride on workflow transitions, kept apart from the table.

`request_transition` (proposals.services.transitions) calls, inside its locked transaction:
  run_guards(request=..., transition=..., user=..., payload=...)   before the status changes;
  run_effects(request=..., transition=..., user=..., payload=...)  after it changed, before save.
A guard raises an ApplicationError subclass (Thai message) to refuse; an effect may change the
request's fields or other rows in the same transaction. Each area registers its own rules here
(planner workflow, duplicate screening, reviews/envelopes) from its AppConfig.ready(), so no
area edits another's service and `proposals` imports none of the areas above it.
"""

from collections import defaultdict
from collections.abc import Callable

Rule = Callable[..., None]

GUARDS: dict[str, list[Rule]] = defaultdict(list)
EFFECTS: dict[str, list[Rule]] = defaultdict(list)
AFTER_COMMIT: dict[str, list[Callable[..., None]]] = defaultdict(list)


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


def after_commit(*actions: str):
    """Work that follows a committed transition (the screening of a submission): called as
    ``func(request_id=..., revision=...)`` once the transaction commits, never inside it."""

    def register(func):
        for action in actions:
            AFTER_COMMIT[action].append(func)
        return func

    return register


def run_guards(*, request, transition, user, payload: dict) -> None:
    for rule in GUARDS.get(transition.action, ()):
        rule(request=request, transition=transition, user=user, payload=payload)


def run_effects(*, request, transition, user, payload: dict) -> None:
    for rule in EFFECTS.get(transition.action, ()):
        rule(request=request, transition=transition, user=user, payload=payload)


def schedule_after_commit(*, request, transition) -> None:
    from django.db import transaction

    request_id, revision = request.pk, request.revision
    for func in AFTER_COMMIT.get(transition.action, ()):
        transaction.on_commit(lambda func=func: func(request_id=request_id, revision=revision))
