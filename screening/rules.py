"""Workflow guards of duplicate screening, registered with the transition rule registry.

- A request whose screening has not finished for its current revision cannot reach committee
  review (issue 4 item 4; R6: "before ก.น.จ. review").
- A request with a duplicate-level flag ruled a duplicate cannot be endorsed (R15: ministries
  support projects that do not duplicate theirs), nor while a duplicate-level flag of its current
  screening still waits for the reviewer's ruling (R6: the reviewer records a resolution).
"""

from portal.exceptions import NotAllowed
from proposals.models.requests import ScreeningState
from proposals.services.transition_rules import after_commit, guard
from proposals.workflow import Action
from screening import tasks
from screening.models import DuplicateFlag, FlagLevel, FlagState


@guard(Action.SEND_TO_COMMITTEE)
def screening_finished(*, request, transition, user, payload) -> None:
    if request.screening_state != ScreeningState.DONE or request.screened_revision != request.revision:
        raise NotAllowed("ยังตรวจสอบความซ้ำซ้อนของคำขอฉบับปัจจุบันไม่เสร็จ จึงเสนอ ก.น.จ. ไม่ได้")


@guard(Action.ENDORSE)
def no_confirmed_duplicate(*, request, transition, user, payload) -> None:
    flags = DuplicateFlag.objects.filter(request=request, level=FlagLevel.DUPLICATE)
    if flags.filter(state=FlagState.RULED_DUPLICATE).exists():
        raise NotAllowed("คำขอนี้ได้รับการวินิจฉัยว่าซ้ำซ้อนกับงบประมาณของกระทรวง จึงเห็นชอบไม่ได้")
    if flags.filter(state__in=(FlagState.OPEN, FlagState.ANSWERED), screened_revision=request.revision).exists():
        raise NotAllowed("ยังมีผลตรวจระดับ “ซ้ำซ้อน” ที่ยังไม่ได้วินิจฉัย กรุณาวินิจฉัยก่อนเห็นชอบ")


# Every submitted revision is screened (R6: before submission and before ก.น.จ. review). The
# task takes the request into screening and queues the screening itself; the outbox row written
# with the submission guarantees it runs (issue 13 item 2).
after_commit(Action.SUBMIT)(tasks.queue_screening_task)
