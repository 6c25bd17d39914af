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
AFTER_COMMIT: dict[str, list] = defaultdict(list)  # Celery tasks


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
    """Work that follows a committed transition (the screening of a submission): a Celery task
    called as ``task(request_id=..., revision=...)``. It is written to the outbox inside the
    transition's transaction and published once that commits, so a broker outage or a crash
    after the commit cannot lose it (issue 13 item 2; portal/outbox.py)."""

    def register(task):
        for action in actions:
            AFTER_COMMIT[action].append(task)
        return task

    return register


def run_guards(*, request, transition, user, payload: dict) -> None:
    for rule in GUARDS.get(transition.action, ()):
        rule(request=request, transition=transition, user=user, payload=payload)


def run_effects(*, request, transition, user, payload: dict) -> None:
    for rule in EFFECTS.get(transition.action, ()):
        rule(request=request, transition=transition, user=user, payload=payload)


def schedule_after_commit(*, request, transition) -> None:
    """Call inside the transition's transaction: one outbox row per registered task, at most one
    undone per (task, request, revision)."""
    from portal.outbox import outbox_enqueue

    kwargs = {"request_id": request.pk, "revision": request.revision}
    for task in AFTER_COMMIT.get(transition.action, ()):
        outbox_enqueue(task_name=task.name, kwargs=kwargs, dedupe_key=f"{task.name}:{request.pk}:{request.revision}")
