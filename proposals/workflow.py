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
    # R19 (000/002 ประเด็น 5): the ministry advises on what the province funds; the committee decides
    OPINION_GIVEN = "opinion_given", _("กระทรวงให้ความเห็นแล้ว รอเสนอ ก.น.จ.")
    COMMITTEE_REVIEW = "committee_review", _("เสนอ ก.น.จ. พิจารณา")
    REFERRED = "referred", _("ก.น.จ. ส่งกระทรวง/กรมพิจารณาสนับสนุน")
    REFERRAL_ANSWERED = "referral_answered", _("กระทรวง/กรมตอบการสนับสนุนแล้ว รอ ก.น.จ.")
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
    GIVE_OPINION = "give_opinion", _("ให้ความเห็นเสนอ ก.น.จ.")
    SEND_TO_COMMITTEE = "send_to_committee", _("เสนอ ก.น.จ.")
    APPROVE = "approve", _("อนุมัติ")
    NOT_APPROVE = "not_approve", _("ไม่อนุมัติ")
    REFER = "refer", _("ส่งกระทรวง/กรมพิจารณาสนับสนุน")
    ANSWER_REFERRAL = "answer_referral", _("ตอบการสนับสนุนตามที่ ก.น.จ. ส่งมา")
    WITHDRAW = "withdraw", _("ถอนคำขอ")
    MERGE = "merge", _("รวมเป็นโครงการกลุ่มจังหวัด")


class Opinion(models.TextChoices):
    """R19: what a ministry says of a request it only advises on; ก.น.จ. reads it and decides."""

    SUPPORT = "support", _("สนับสนุน")
    SUPPORT_WITH_CONDITIONS = "conditions", _("สนับสนุนโดยมีเงื่อนไข")
    NOT_SUPPORT = "not_support", _("ไม่สนับสนุน")


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
            Status.OPINION_GIVEN,
            Status.COMMITTEE_REVIEW,
            Status.REFERRED,
            Status.REFERRAL_ANSWERED,
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
            Status.OPINION_GIVEN,
            Status.COMMITTEE_REVIEW,
            Status.REFERRED,
            Status.REFERRAL_ANSWERED,
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
            Status.OPINION_GIVEN,
            Status.COMMITTEE_REVIEW,
            Status.REFERRED,
            Status.REFERRAL_ANSWERED,
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
            Status.OPINION_GIVEN,
            Status.COMMITTEE_REVIEW,
            Status.REFERRED,
            Status.REFERRAL_ANSWERED,
        }
    )
    # Requests the central team may take into a programme (R16): the ministry said yes or took it.
    PROGRAMMABLE = frozenset({Status.ENDORSED, Status.ADOPTED, Status.COMMITTEE_REVIEW, Status.APPROVED})
    # Waiting for the central team to put them on a ก.น.จ. agenda: the ministry endorsed, gave its
    # opinion (R19), or answered the committee's referral (R19).
    AGENDA_READY = frozenset({Status.ENDORSED, Status.OPINION_GIVEN, Status.REFERRAL_ANSWERED})
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
REFERRED_TO = "referred_to"
CENTRAL = "central"
SYSTEM = "system"
ACTOR_LABELS = {
    OWNER: _("เจ้าของคำขอ (สำนักงานจังหวัด/กลุ่มจังหวัดที่จัดทำ)"),
    CLUSTER: _("เจ้าหน้าที่กลุ่มจังหวัดที่จังหวัดนี้สังกัด"),
    MINISTRY: _("ผู้พิจารณาของกระทรวง/กรมที่รับผิดชอบคำขอ"),
    FIELD_OFFICE: _("หน่วยงานส่วนภูมิภาคที่คำขอนี้ต้องผ่าน"),
    REFERRED_TO: _("กระทรวง/กรมที่ ก.น.จ. ส่งให้พิจารณาสนับสนุน"),
    CENTRAL: _("ทีมบูรณาการกลาง"),
    SYSTEM: _("ระบบ (งานตรวจสอบอัตโนมัติ)"),
}


def asks_ministry_support(request) -> bool:
    from proposals.models import FundingChannel

    return request.funding_channel == FundingChannel.MINISTRY_SUPPORT


def routed_to_field_office(request) -> bool:
    """R14 (000 ประเด็น 4 item 2): a request asking the ministry's support, in a category the
    responsibility framework routes through a provincial field office. Projects funded by the
    province's or cluster's own budget do not need that route and go straight on."""
    return bool(request.routed_field_office_id) and asks_ministry_support(request)


def ministry_advises(request) -> bool:
    """R19 (000 and 002 ประเด็น 5): on a request the province or cluster funds itself, or one
    showing a critical need (R7), the ministry's review is an opinion for ก.น.จ., never a final
    rejection; the committee decides. Only a plain request for the ministry's own money may be
    rejected by the ministry."""
    return request.is_critical_need or not asks_ministry_support(request)


def ministry_decides(request) -> bool:
    return not ministry_advises(request)


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
    # The transition exists for this request only when this predicate holds (None = always):
    # R19 keeps "reject" from the ministry where it only advises, and the opinion where it decides.
    when: Callable[..., bool] | None = None

    def applies_to(self, request) -> bool:
        return self.when is None or self.when(request)

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


def _t(action, sources, target, actors, phase=None, needs_comment=False, target_when=(), when=None):
    return Transition(
        action, frozenset(sources), target, frozenset(actors), phase, needs_comment, tuple(target_when), when
    )


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
        when=ministry_decides,
    ),
    _t(Action.ADOPT, {Status.MINISTRY_REVIEW}, Status.ADOPTED, {MINISTRY}, phase="ministry_review"),
    # R19: support / not support / support with conditions, with its text, travels to ก.น.จ.
    _t(
        Action.GIVE_OPINION,
        {Status.MINISTRY_REVIEW},
        Status.OPINION_GIVEN,
        {MINISTRY},
        phase="ministry_review",
        needs_comment=True,
        when=ministry_advises,
    ),
    _t(Action.SEND_TO_COMMITTEE, StatusGroup.AGENDA_READY, Status.COMMITTEE_REVIEW, {CENTRAL}),
    _t(Action.APPROVE, {Status.COMMITTEE_REVIEW}, Status.APPROVED, {CENTRAL}, phase="committee_review"),
    _t(Action.NOT_APPROVE, {Status.COMMITTEE_REVIEW}, Status.NOT_APPROVED, {CENTRAL}, phase="committee_review"),
    # R19 (000 and 002 ประเด็น 5): the committee refers a request to a ministry or department,
    # which answers how it will fund it (its support envelope, R15, or otherwise); ก.น.จ. then
    # decides with that answer in hand.
    _t(Action.REFER, {Status.COMMITTEE_REVIEW}, Status.REFERRED, {CENTRAL}, phase="committee_review"),
    _t(Action.ANSWER_REFERRAL, {Status.REFERRED}, Status.REFERRAL_ANSWERED, {REFERRED_TO}, needs_comment=True),
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
    Status.OPINION_GIVEN: frozenset({CENTRAL}),
    Status.COMMITTEE_REVIEW: frozenset({OWNER}),
    Status.REFERRED: frozenset({REFERRED_TO}),
    Status.REFERRAL_ANSWERED: frozenset({CENTRAL}),
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
    REFERRED_TO: (Role.MINISTRY_REVIEWER,),
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
    GIVE_OPINION = Action.GIVE_OPINION.value, Action.GIVE_OPINION.label
    REFER = Action.REFER.value, Action.REFER.label
    ANSWER_REFERRAL = Action.ANSWER_REFERRAL.value, Action.ANSWER_REFERRAL.label
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
    # R14: a province-funded request taken off the field-office route it no longer needs
    ROUTE_CORRECTED = "route_corrected", _("ปรับเส้นทางคำขอ: ไม่ต้องผ่านหน่วยงานส่วนภูมิภาค")
    # across ministries and areas (R20), the ministry's own view (R3), its programme order (R16)
    JOINT_SET = "joint_set", _("กำหนดกระทรวงร่วมและพื้นที่ดำเนินการร่วม")
    MINISTRY_OPINION = "ministry_opinion", _("กระทรวงบันทึกความเห็นต่อคำขอ")
    PROGRAMME_RANK = "programme_rank", _("กระทรวงจัดลำดับความสำคัญในแผนงาน")
    # R13: the joint ministry confirms a request's joint KPI or asks for a change
    JOINT_KPI_ANSWER = "joint_kpi_answer", _("กระทรวงร่วมตอบตัวชี้วัดร่วม")


# R9 (000 ประเด็น 2 item 3): who took part in writing a request, and which actions judge one.
# Nobody judges a request they drafted, edited or answered for, whatever else they hold.
AUTHORING_EVENTS = frozenset(
    {
        EventKind.CREATE,
        EventKind.EDIT,
        EventKind.SUBMIT,
        EventKind.ATTACH,
        EventKind.DETACH,
        EventKind.DUPLICATE_RESPONSE,
        EventKind.MERGE_CREATE,
    }
)
JUDGING_ACTIONS = frozenset(
    {
        Action.FIELD_ENDORSE,
        Action.RETURN,
        Action.ENDORSE,
        Action.REJECT,
        Action.ADOPT,
        Action.GIVE_OPINION,
        Action.SEND_TO_COMMITTEE,
        Action.APPROVE,
        Action.NOT_APPROVE,
        Action.REFER,
        Action.ANSWER_REFERRAL,
    }
)
