"""R3: the office's priority order over its plan's requests. Ranks stay 1..n, unique and
contiguous within a plan: every write re-numbers the whole plan in one transaction under a lock
on the plan row, so two planners reordering at once serialise instead of colliding."""

from django.db import transaction
from django.db.models import Case, F, Value, When
from django.http import Http404
from django.utils.translation import gettext as _

from portal.exceptions import ApplicationError, NotAllowed
from proposals.capacity import capacity_describe
from proposals.events import request_event_build, request_events_record
from proposals.models import ActionPlan, ProjectRequest
from proposals.permissions import can_rank_plan
from proposals.workflow import EventKind

RANK_OFFSET = 1_000_000  # ranks are parked above this while a plan is re-ranked (unique_rank_in_plan)


def _locked_plan(*, user, plan_id: int) -> ActionPlan:
    """The plan row under select_for_update, after the permission and lock checks."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan_id)
    if not can_rank_plan(user, plan):
        raise NotAllowed(_("ท่านจัดลำดับความสำคัญของแผนสำนักงานอื่นไม่ได้"))
    if plan.status != ActionPlan.PlanStatus.DRAFT:
        # a plan filed (or published) as a whole is the order the office committed to
        raise ApplicationError(_("แผนนี้ส่งหรือเผยแพร่แล้ว จัดลำดับความสำคัญใหม่ไม่ได้"))
    return plan


def _current_order(plan: ActionPlan) -> list[int]:
    return list(
        ProjectRequest.objects.filter(plan=plan)
        .order_by(F("priority_rank").asc(nulls_last=True), "id")
        .values_list("pk", flat=True)
    )


def _set_ranks(plan: ActionPlan, ordered_ids: list[int], *, user) -> None:
    """Write ranks 1..n in the given order without ever violating unique_rank_in_plan: park every
    rank above RANK_OFFSET in one statement, then write the final ranks in another."""
    current = dict(ProjectRequest.objects.filter(plan=plan).values_list("pk", "priority_rank"))
    ProjectRequest.objects.filter(plan=plan, priority_rank__isnull=False).update(
        priority_rank=F("priority_rank") + RANK_OFFSET
    )
    whens = [When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ordered_ids, start=1)]
    ProjectRequest.objects.filter(plan=plan, pk__in=ordered_ids).update(priority_rank=Case(*whens))
    # R9: one capacity for the whole plan, every request of which belongs to the plan's office
    sample = ProjectRequest.objects.select_related("office").filter(plan=plan).first()
    capacity = capacity_describe(user=user, request=sample, kind=EventKind.RANK) if sample else ("", "")
    events = [
        request_event_build(
            request_id=pk,
            kind=EventKind.RANK,
            actor=user,
            payload={"from": current.get(pk), "to": rank},
            capacity=capacity,
        )
        for rank, pk in enumerate(ordered_ids, start=1)
        if current.get(pk) != rank
    ]
    request_events_record(events)


def plan_ranks_set(*, user, plan_id: int, ordered_ids: list[int]) -> None:
    """R3: the office's priority order. `ordered_ids` must name every request of the plan once."""
    with transaction.atomic():
        plan = _locked_plan(user=user, plan_id=plan_id)
        existing = set(ProjectRequest.objects.filter(plan=plan).values_list("pk", flat=True))
        try:
            ordered = [int(i) for i in ordered_ids]
        except (TypeError, ValueError):
            raise ApplicationError(_("ลำดับต้องเป็นรายการเลขคำขอ")) from None
        if len(ordered) != len(set(ordered)) or set(ordered) != existing:
            raise ApplicationError(_("ลำดับที่ส่งมาต้องมีคำขอทุกรายการของแผนนี้ รายการละหนึ่งครั้ง"))
        _set_ranks(plan, ordered, user=user)


def _plan_of(request_id: int) -> int:
    plan_id = ProjectRequest.objects.filter(pk=request_id).values_list("plan_id", flat=True).first()
    if plan_id is None:
        raise Http404("ไม่พบคำของบประมาณ")
    return plan_id


def request_rank_set(*, user, request_id: int, rank) -> dict[int, int]:
    """Put one request at `rank` (1 = most important); the others shift to keep 1..n. A rank past
    the end means last. Returns the plan's new {request id: rank}."""
    try:
        rank = int(rank)
    except (TypeError, ValueError):
        raise ApplicationError(_("ลำดับความสำคัญต้องเป็นจำนวนเต็มบวก")) from None
    if rank < 1:
        raise ApplicationError(_("ลำดับความสำคัญต้องเป็นจำนวนเต็มบวก"))
    with transaction.atomic():
        plan = _locked_plan(user=user, plan_id=_plan_of(request_id))
        ordered = _current_order(plan)
        ordered.remove(request_id)
        ordered.insert(min(rank, len(ordered) + 1) - 1, request_id)
        _set_ranks(plan, ordered, user=user)
        return {pk: position for position, pk in enumerate(ordered, start=1)}


def request_move(*, user, request_id: int, direction: str) -> dict[int, int]:
    """Move one request up or down one place in its plan's priority order."""
    with transaction.atomic():
        plan = _locked_plan(user=user, plan_id=_plan_of(request_id))
        ordered = _current_order(plan)
        index = ordered.index(request_id)
        other = index - 1 if direction == "up" else index + 1
        if direction in ("up", "down") and 0 <= other < len(ordered):
            ordered[index], ordered[other] = ordered[other], ordered[index]
            _set_ranks(plan, ordered, user=user)
        return {pk: position for position, pk in enumerate(ordered, start=1)}
