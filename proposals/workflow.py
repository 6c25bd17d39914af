"""The request lifecycle as one table (STYLE habit 3).

Statuses, the actions that move between them (with their conditional targets), which role may
take each action, the named status groups the other areas ask about, who is told when a request
arrives in a status, and the kinds of event the history records. Only
`proposals.services.transitions.request_transition` changes a request's status, and it checks
this table; views never assign `status`. Nothing elsewhere restates these facts: import them.
"""

from collections.abc import Callable
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


class StatusGroup:
    """The named sets of statuses every area asks about; a rule that needs "one of these statuses"
    names a group here instead of listing statuses."""

    OPEN = frozenset(
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
    FINAL = frozenset(set(Status) - OPEN)
    # The office's own working copy: only these may be edited (a returned request comes back).
    EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})
    # Gone from the plan by its own office's hand or merged into a cluster project (R4): left out
    # of a plan's totals, its print and the plan size a reviewer sees.
    CLOSED_BY_OWNER_OR_CLUSTER = frozenset({Status.WITHDRAWN, Status.MERGED})
    # Statuses in which a request is (re-)screened (R6): while screening, under review, and later
    # stages where a newly imported ministry line can still matter to the committee.
    SCREENABLE = frozenset(
        {
            Status.SCREENING,
            Status.FIELD_REVIEW,
            Status.MINISTRY_REVIEW,
            Status.ENDORSED,
            Status.COMMITTEE_REVIEW,
        }
    )
    # A reviewer or the central team may ask for a fresh screening of a filed request (issue 10).
    RESCREENABLE = frozenset({Status.SUBMITTED}) | SCREENABLE
    # Other requests a request is compared with: filed, not withdrawn or finished.
    COMPARABLE = frozenset(
        {
            Status.SUBMITTED,
            Status.SCREENING,
            Status.FIELD_REVIEW,
            Status.MINISTRY_REVIEW,
            Status.ENDORSED,
            Status.COMMITTEE_REVIEW,
            Status.APPROVED,
        }
    )
    # A flag the planner answers or the reviewer rules belongs to a request still in play.
    ANSWERABLE = frozenset(
        {
            Status.SUBMITTED,
            Status.SCREENING,
            Status.FIELD_REVIEW,
            Status.MINISTRY_REVIEW,
            Status.RETURNED,
            Status.ENDORSED,
            Status.COMMITTEE_REVIEW,
        }
    )
    # Requests the central team may take into a programme (R16): the ministry said yes or took it.
    PROGRAMMABLE = frozenset({Status.ENDORSED, Status.ADOPTED, Status.COMMITTEE_REVIEW, Status.APPROVED})
    # R6 outcome on the dashboard (issue 14): a request in one of these has left the funding path
    # (sent back to its office, withdrawn, rejected by the ministry, not approved by ก.น.จ.); with a
    # confirmed duplicate flag its amount is "baht kept from being funded twice".
    STOPPED = frozenset({Status.RETURNED, Status.WITHDRAWN, Status.REJECTED, Status.NOT_APPROVED})


# Who acts: the office that owns the request, the reviewing ministry, the routed field office,
# the central team, or the system (the screening task).
OWNER = "owner"
CLUSTER = "cluster"
MINISTRY = "ministry"
FIELD_OFFICE = "field_office"
CENTRAL = "central"
SYSTEM = "system"
ACTOR_LABELS = {
    OWNER: _("เจ้าของคำขอ (สำนักงานจังหวัด/กลุ่มจังหวัดที่จัดทำ)"),
    CLUSTER: _("เจ้าหน้าที่กลุ่มจังหวัดที่จังหวัดนี้สังกัด"),
    MINISTRY: _("ผู้พิจารณาของกระทรวง/กรมที่รับผิดชอบคำขอ"),
    FIELD_OFFICE: _("หน่วยงานส่วนภูมิภาคที่คำขอนี้ต้องผ่าน"),
    CENTRAL: _("ทีมบูรณาการกลาง"),
    SYSTEM: _("ระบบ (งานตรวจสอบอัตโนมัติ)"),
}


def routed_to_field_office(request) -> bool:
    """R14: categories the responsibility framework routes through a provincial field office."""
    return bool(request.routed_field_office_id)


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset
    target: str
    actors: frozenset
    phase: str | None = None  # calendar phase the action must fall in (R8), None = any time
    needs_comment: bool = False
    # Conditional targets, tried in order before `target`: (predicate on the request, target).
    target_when: tuple[tuple[Callable[..., bool], str], ...] = ()

    def target_for(self, request) -> str:
        """Where this transition takes this request: the first conditional target whose
        predicate holds, else `target`."""
        for predicate, target in self.target_when:
            if predicate(request):
                return target
        return self.target

    @property
    def targets(self) -> frozenset:
        return frozenset({self.target, *(target for _, target in self.target_when)})


def _t(action, sources, target, actors, phase=None, needs_comment=False, target_when=()):
    return Transition(action, frozenset(sources), target, frozenset(actors), phase, needs_comment, tuple(target_when))


TRANSITIONS: tuple[Transition, ...] = (
    _t(Action.SUBMIT, {Status.DRAFT, Status.RETURNED}, Status.SUBMITTED, {OWNER}, phase="submission"),
    _t(Action.START_SCREENING, {Status.SUBMITTED}, Status.SCREENING, {SYSTEM}),
    # R14: a routed request passes the provincial field office before its ministry
    _t(
        Action.FINISH_SCREENING,
        {Status.SCREENING},
        Status.MINISTRY_REVIEW,
        {SYSTEM},
        target_when=[(routed_to_field_office, Status.FIELD_REVIEW)],
    ),
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
    _t(Action.WITHDRAW, StatusGroup.OPEN, Status.WITHDRAWN, {OWNER}),
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


# Who is told when a request arrives in a status (notifications, with an e-mail). For an open
# status: whose step comes next, always among the actors of a transition leaving it (the table
# test checks this). The system's steps (screening) and the standing options (the owner's
# withdraw, the cluster's merge once the cluster has been told of the submission) prompt nobody;
# a return is the reviewer's alternative to the step they are already told of. For a final status,
# and for the committee stage that the central team itself starts: the office whose request it
# is hears the outcome; a withdrawal is news to its reviewers, who lose it from their queue.
TOLD_ON_ARRIVAL: dict[str, frozenset] = {
    Status.DRAFT: frozenset(),
    Status.SUBMITTED: frozenset({CLUSTER}),  # R4: the cluster consolidates its provinces' requests
    Status.SCREENING: frozenset(),
    Status.FIELD_REVIEW: frozenset({FIELD_OFFICE}),
    Status.MINISTRY_REVIEW: frozenset({MINISTRY}),
    Status.RETURNED: frozenset({OWNER}),
    Status.ENDORSED: frozenset({CENTRAL}),
    Status.COMMITTEE_REVIEW: frozenset({OWNER}),
    Status.REJECTED: frozenset({OWNER}),
    Status.ADOPTED: frozenset({OWNER}),
    Status.APPROVED: frozenset({OWNER}),
    Status.NOT_APPROVED: frozenset({OWNER}),
    Status.MERGED: frozenset({OWNER}),
    Status.WITHDRAWN: frozenset({MINISTRY}),
}


def told_on_arrival(status: str) -> frozenset:
    """The actor kinds to tell when a request reaches `status` (see TOLD_ON_ARRIVAL)."""
    return TOLD_ON_ARRIVAL.get(status, frozenset())


def actors_leaving(status: str) -> frozenset:
    """Every actor kind that may take some transition out of `status`."""
    return frozenset().union(*(t.actors for t in actions_from(status)))


ROLE_FOR_ACTOR = {
    OWNER: (Role.PROVINCE_PLANNER, Role.CLUSTER_OFFICER),
    CLUSTER: (Role.CLUSTER_OFFICER,),
    MINISTRY: (Role.MINISTRY_REVIEWER,),
    FIELD_OFFICE: (Role.FIELD_OFFICE_REVIEWER,),
    CENTRAL: (Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
}


class EventKind(models.TextChoices):
    """What a RequestEvent records: each workflow action (same value and label as `Action`),
    then the events that change no status. Written through `proposals.events` only."""

    SUBMIT = Action.SUBMIT.value, Action.SUBMIT.label
    START_SCREENING = Action.START_SCREENING.value, Action.START_SCREENING.label
    FINISH_SCREENING = Action.FINISH_SCREENING.value, Action.FINISH_SCREENING.label
    FIELD_ENDORSE = Action.FIELD_ENDORSE.value, Action.FIELD_ENDORSE.label
    RETURN = Action.RETURN.value, Action.RETURN.label
    ENDORSE = Action.ENDORSE.value, Action.ENDORSE.label
    REJECT = Action.REJECT.value, Action.REJECT.label
    ADOPT = Action.ADOPT.value, Action.ADOPT.label
    SEND_TO_COMMITTEE = Action.SEND_TO_COMMITTEE.value, Action.SEND_TO_COMMITTEE.label
    APPROVE = Action.APPROVE.value, Action.APPROVE.label
    NOT_APPROVE = Action.NOT_APPROVE.value, Action.NOT_APPROVE.label
    WITHDRAW = Action.WITHDRAW.value, Action.WITHDRAW.label
    MERGE = Action.MERGE.value, Action.MERGE.label
    # the office's own work on a request
    CREATE = "create", _("สร้างคำขอ")
    EDIT = "edit", _("แก้ไขคำขอ")
    RANK = "rank", _("จัดลำดับความสำคัญ")
    ATTACH = "attach", _("แนบเอกสาร")
    DETACH = "detach", _("ลบเอกสารแนบ")
    MERGE_CREATE = "merge_create", _("สร้างโครงการกลุ่มจังหวัดจากการรวมคำขอ")
    # requests read from the budget documents
    IMPORTED = "imported", _("นำเข้าจากเอกสารงบประมาณ")
    IMPORT_UPDATED = "import_updated", _("ปรับปรุงจากเอกสารงบประมาณ")
    # duplicate screening (R6)
    SCREENED = "screened", _("ตรวจสอบความซ้ำซ้อนแล้ว")
    DUPLICATE_RESPONSE = "duplicate_response", _("จังหวัดชี้แจงผลตรวจความซ้ำซ้อน")
    DUPLICATE_RULING = "duplicate_ruling", _("วินิจฉัยผลตรวจความซ้ำซ้อน")
    # review, programmes, joint KPIs
    ASSIGN = "assign", _("มอบหมายผู้พิจารณา")
    PROGRAMME_ADD = "programme_add", _("จัดเข้าแผนงาน")
    PROGRAMME_REMOVE = "programme_remove", _("นำออกจากแผนงาน")
    JOINT_KPI_RESULT = "joint_kpi_result", _("บันทึกผลตัวชี้วัดร่วม")
    # the core loop (issue 10): re-screening, the line owner's answer, who reviews, merge consent
    RESCREEN_REQUESTED = "rescreen_requested", _("ขอตรวจความซ้ำซ้อนซ้ำ")
    LINE_OWNER_ANSWER = "line_owner_answer", _("เจ้าของรายการงบประมาณตอบผลตรวจความซ้ำซ้อน")
    REVIEWER_ASSIGNED = "reviewer_assigned", _("กำหนดกระทรวงผู้พิจารณา")
    REVIEWER_REASSIGNED = "reviewer_reassigned", _("ทีมบูรณาการกลางเปลี่ยนกระทรวงผู้พิจารณา")
    MERGE_CONSENT = "merge_consent", _("กระทรวงยินยอมให้กลุ่มจังหวัดรวมคำขอ")
