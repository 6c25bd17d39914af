"""The request lifecycle as one table (STYLE habit 3).

Statuses, the actions that move between them, and which role may take each action. Only
`proposals.services.transitions.request_transition` changes a request's status, and it checks
this table; views never assign `status`.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import Role


class Status(models.TextChoices):
    DRAFT = "draft", _("ร่าง")
    SUBMITTED = "submitted", _("ส่งแล้ว")
    SCREENING = "screening", _("กำลังตรวจสอบความซ้ำซ้อน")
    FIELD_REVIEW = "field_review", _("หน่วยงานส่วนภูมิภาคพิจารณา")
    MINISTRY_REVIEW = "ministry_review", _("กระทรวงพิจารณา")
    RETURNED = "returned", _("ส่งกลับให้แก้ไข")
    ENDORSED = "endorsed", _("กระทรวงเห็นชอบ")
    REJECTED = "rejected", _("กระทรวงไม่เห็นชอบ")
    ADOPTED = "adopted", _("กระทรวงรับไปดำเนินการในงบประมาณของกระทรวง")
    COMMITTEE_REVIEW = "committee_review", _("เสนอ ก.น.จ. พิจารณา")
    APPROVED = "approved", _("ก.น.จ. อนุมัติ")
    NOT_APPROVED = "not_approved", _("ก.น.จ. ไม่อนุมัติ")
    WITHDRAWN = "withdrawn", _("ถอนคำขอ")
    MERGED = "merged", _("รวมเป็นโครงการกลุ่มจังหวัดแล้ว")


class Action(models.TextChoices):
    SUBMIT = "submit", _("ส่งคำขอ")
    START_SCREENING = "start_screening", _("เริ่มตรวจสอบความซ้ำซ้อน")
    FINISH_SCREENING = "finish_screening", _("ตรวจสอบความซ้ำซ้อนเสร็จ")
    FIELD_ENDORSE = "field_endorse", _("หน่วยงานส่วนภูมิภาคเห็นชอบ ส่งกระทรวง")
    RETURN = "return", _("ส่งกลับให้แก้ไข")
    ENDORSE = "endorse", _("เห็นชอบ")
    REJECT = "reject", _("ไม่เห็นชอบ")
    ADOPT = "adopt", _("รับไปดำเนินการในงบของกระทรวง")
    SEND_TO_COMMITTEE = "send_to_committee", _("เสนอ ก.น.จ.")
    APPROVE = "approve", _("อนุมัติ")
    NOT_APPROVE = "not_approve", _("ไม่อนุมัติ")
    WITHDRAW = "withdraw", _("ถอนคำขอ")
    MERGE = "merge", _("รวมเป็นโครงการกลุ่มจังหวัด")


OPEN_STATUSES = frozenset(
    {
        Status.DRAFT,
        Status.SUBMITTED,
        Status.SCREENING,
        Status.FIELD_REVIEW,
        Status.MINISTRY_REVIEW,
        Status.RETURNED,
        Status.ENDORSED,
        Status.COMMITTEE_REVIEW,
    }
)
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})
FINAL_STATUSES = frozenset(set(Status) - OPEN_STATUSES)

# Who acts: the office that owns the request, the reviewing ministry, the routed field office,
# the central team, or the system (the screening task).
OWNER = "owner"
CLUSTER = "cluster"
MINISTRY = "ministry"
FIELD_OFFICE = "field_office"
CENTRAL = "central"
SYSTEM = "system"


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset
    target: str
    actors: frozenset
    phase: str | None = None  # calendar phase the action must fall in (R8), None = any time
    needs_comment: bool = False


def _t(action, sources, target, actors, phase=None, needs_comment=False):
    return Transition(action, frozenset(sources), target, frozenset(actors), phase, needs_comment)


TRANSITIONS: tuple[Transition, ...] = (
    _t(Action.SUBMIT, {Status.DRAFT, Status.RETURNED}, Status.SUBMITTED, {OWNER}, phase="submission"),
    _t(Action.START_SCREENING, {Status.SUBMITTED}, Status.SCREENING, {SYSTEM}),
    # finish_screening goes to field review when the request is routed (R14), else to the ministry
    _t(Action.FINISH_SCREENING, {Status.SCREENING}, Status.MINISTRY_REVIEW, {SYSTEM}),
    _t(Action.FIELD_ENDORSE, {Status.FIELD_REVIEW}, Status.MINISTRY_REVIEW, {FIELD_OFFICE}, phase="field_review"),
    _t(
        Action.RETURN,
        {Status.FIELD_REVIEW, Status.MINISTRY_REVIEW},
        Status.RETURNED,
        {FIELD_OFFICE, MINISTRY},
        needs_comment=True,
    ),
    _t(Action.ENDORSE, {Status.MINISTRY_REVIEW}, Status.ENDORSED, {MINISTRY}, phase="ministry_review"),
    _t(
        Action.REJECT,
        {Status.MINISTRY_REVIEW},
        Status.REJECTED,
        {MINISTRY},
        phase="ministry_review",
        needs_comment=True,
    ),
    _t(Action.ADOPT, {Status.MINISTRY_REVIEW}, Status.ADOPTED, {MINISTRY}, phase="ministry_review"),
    _t(Action.SEND_TO_COMMITTEE, {Status.ENDORSED}, Status.COMMITTEE_REVIEW, {CENTRAL}),
    _t(Action.APPROVE, {Status.COMMITTEE_REVIEW}, Status.APPROVED, {CENTRAL}, phase="committee_review"),
    _t(Action.NOT_APPROVE, {Status.COMMITTEE_REVIEW}, Status.NOT_APPROVED, {CENTRAL}, phase="committee_review"),
    _t(Action.WITHDRAW, OPEN_STATUSES, Status.WITHDRAWN, {OWNER}),
    _t(
        Action.MERGE,
        {Status.SUBMITTED, Status.SCREENING, Status.FIELD_REVIEW, Status.MINISTRY_REVIEW},
        Status.MERGED,
        {CLUSTER},
    ),
)

_BY_ACTION = {t.action: t for t in TRANSITIONS}


def transition_for(action: str) -> Transition | None:
    return _BY_ACTION.get(action)


def actions_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS if status in t.sources]


ROLE_FOR_ACTOR = {
    OWNER: (Role.PROVINCE_PLANNER, Role.CLUSTER_OFFICER),
    CLUSTER: (Role.CLUSTER_OFFICER,),
    MINISTRY: (Role.MINISTRY_REVIEWER,),
    FIELD_OFFICE: (Role.FIELD_OFFICE_REVIEWER,),
    CENTRAL: (Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
}
