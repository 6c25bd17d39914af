"""The one way a request's history is written (STYLE habit 4).

Every service that records something about a request goes through `request_event_record` (or
builds rows with `request_event_build` for one bulk insert), naming the kind from
`proposals.workflow.EventKind`; the history, plan and decision pages take their labels from the
same enum. Events are append-only: nothing here updates or deletes one.
"""

from proposals.capacity import capacity_describe
from proposals.models import RequestEvent
from proposals.workflow import EventKind


def request_event_build(
    *,
    kind: str,
    request=None,
    request_id: int | None = None,
    actor=None,
    from_status: str | None = None,
    to_status: str | None = None,
    comment: str = "",
    payload: dict | None = None,
    capacity: tuple[str, str] | None = None,
) -> RequestEvent:
    """An unsaved event. `from_status` / `to_status` left as None mean "unchanged": both take the
    request's current status (empty when only `request_id` is given). An unknown `kind` raises
    ValueError: kinds are code, never user input. `capacity` is (actor kind, organisation label);
    left as None it is worked out from the actor's memberships and the request (R9), which needs
    `request` (a build with only `request_id` records none)."""
    kind = EventKind(kind)
    current = request.status if request is not None else ""
    target = {"request": request} if request is not None else {"request_id": request_id}
    if capacity is None:
        capacity = (
            capacity_describe(user=actor, request=request, kind=kind.value)
            if request is not None and actor is not None
            else ("", "")
        )
    return RequestEvent(
        capacity=capacity[0],
        capacity_label=capacity[1],
        **target,
        actor=actor,
        action=kind.value,
        from_status=current if from_status is None else from_status,
        to_status=current if to_status is None else to_status,
        comment=comment,
        payload=payload if payload is not None else {},
    )


def request_event_record(**kwargs) -> RequestEvent:
    """Write one event in the caller's transaction (it rolls back with the change it records).
    Takes the keyword arguments of `request_event_build`."""
    event = request_event_build(**kwargs)
    event.save(force_insert=True)
    return event


def request_events_record(events: list[RequestEvent]) -> list[RequestEvent]:
    """Write many built events in one statement (imports, re-ranking a plan)."""
    return RequestEvent.objects.bulk_create(events, batch_size=1000)
