"""Every transition of proposals/workflow.py, allowed and refused, for every persona (STYLE habit 9).

The request belongs to ขอนแก่น (planner_a's office), is reviewed by ทส. (reviewer_x), routed
through ทสจ.ขอนแก่น (field_a) and, for the committee's referral (R19), referred to คค. (reviewer_y).
It asks for the ministry's support where the transition needs that (the field-office route, R14;
the ministry's rejection, R19) and is province-funded otherwise. Which persona is which actor kind is written out here by hand, so the
test checks the service against the table rather than against its own helper.
"""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from ministries.models import FieldOffice
from portal.exceptions import ConflictError, NotAllowed
from proposals.models import ProjectRequest, RequestEvent
from proposals.services.transitions import request_transition
from proposals.workflow import (
    CENTRAL,
    CLUSTER,
    FIELD_OFFICE,
    MINISTRY,
    OWNER,
    REFERRED_TO,
    SYSTEM,
    TOLD_ON_ARRIVAL,
    TRANSITIONS,
    Action,
    EventKind,
    Status,
    StatusGroup,
    actions_from,
    actors_leaving,
    routed_to_field_office,
    told_on_arrival,
    transition_for,
)
from tests.proposals.conftest import make_request

pytestmark = pytest.mark.django_db

ACTOR_KINDS = {
    "planner_a": {OWNER},
    "field_a": {OWNER, FIELD_OFFICE},  # R9: ทสจ.ขอนแก่น and a planner of ขอนแก่น
    "planner_a2": set(),  # same cluster, other province
    "planner_b": set(),  # other province, other cluster
    "cluster_officer": {CLUSTER},
    "cluster_officer_b": set(),
    "reviewer_x": {MINISTRY},
    "reviewer_y": {REFERRED_TO},  # other ministry, the one ก.น.จ. referred the request to (R19)
    "reviewer_dept": set(),  # a department of the other ministry
    "field_b": set(),  # another province's field office
    "central": {CENTRAL},
    "admin": {CENTRAL},
    "outsider": set(),
    "system": {SYSTEM},
}

CASES = [(t, source, persona) for t in TRANSITIONS for source in sorted(t.sources) for persona in ACTOR_KINDS]


# R14 routes, and R19 lets the ministry reject, only a request asking for the ministry's support.
ASKS_SUPPORT = {Action.FINISH_SCREENING, Action.REJECT}


def _request_in(people, status, *, asks_support=False):
    request = make_request(people)
    ProjectRequest.objects.filter(pk=request.pk).update(
        status=status,
        funding_channel="ministry_support" if asks_support else "province",
        target_ministry=people.ministry_x if asks_support else None,
        reviewing_ministry=people.ministry_x,
        referred_ministry=people.ministry_y,
        routed_field_office=FieldOffice.objects.get(kind__code="tsj", province__name_th="ขอนแก่น"),
        screening_state="done",
        screened_revision=request.revision,
    )
    return request


def _payload(people, action):
    if action == Action.GIVE_OPINION:
        return {"opinion": "conditions"}
    if action == Action.REFER:
        return {"referred_ministry": people.ministry_y.pk}
    if action == Action.ANSWER_REFERRAL:
        return {"funding": "own_request"}  # reviews.rules: an answer says how it funds the request
    if action != Action.MERGE:
        return {}
    project = make_request(
        people, user=people.cluster_officer, office=people.cluster_office_a, issue=people.issue_cluster_a
    )
    return {"merged_into": project.pk}


@pytest.mark.parametrize("transition,source,persona", CASES, ids=[f"{t.action}-from-{s}-by-{p}" for t, s, p in CASES])
def test_each_transition_is_taken_only_by_its_actors(people, open_calendar, transition, source, persona):
    request = _request_in(people, source, asks_support=transition.action in ASKS_SUPPORT)
    if transition.action == Action.MERGE and source in (Status.FIELD_REVIEW, Status.MINISTRY_REVIEW):
        # issue 10: past cluster consolidation the reviewing ministry must have consented (its own
        # test is tests/reviews/test_merge_consent.py); here only the table's actors are checked.
        from reviews.models import MergeConsent

        MergeConsent.objects.create(request=request, ministry=people.ministry_x)
    user = None if persona == "system" else getattr(people, persona)
    allowed = bool(ACTOR_KINDS[persona] & transition.actors)
    kwargs = {
        "request_id": request.pk,
        "action": transition.action,
        "user": user,
        "comment": "ความเห็นประกอบ",
        "payload": _payload(people, transition.action),
    }
    if allowed:
        moved = request_transition(**kwargs)
        # the request is routed through ทสจ.ขอนแก่น, so the table's conditional target applies (R14)
        expected = Status.FIELD_REVIEW if transition.action == Action.FINISH_SCREENING else transition.target
        assert moved.status == expected
        event = RequestEvent.objects.filter(request=request, action=transition.action).get()
        assert (event.from_status, event.to_status, event.actor_id) == (source, expected, getattr(user, "pk", None))
    else:
        with pytest.raises(NotAllowed):
            request_transition(**kwargs)
        request.refresh_from_db()
        assert request.status == source
        assert not RequestEvent.objects.filter(request=request, action=transition.action).exists()


WRONG_SOURCE = [
    (t, next(s for s in Status.values if s not in t.sources))
    for t in TRANSITIONS
    if set(Status.values) - set(t.sources)
]


@pytest.mark.parametrize("transition,source", WRONG_SOURCE, ids=[f"{t.action}-from-{s}" for t, s in WRONG_SOURCE])
def test_a_transition_is_refused_from_a_status_it_does_not_start_from(people, open_calendar, transition, source):
    request = _request_in(people, source, asks_support=transition.action in ASKS_SUPPORT)
    persona = next(p for p, kinds in ACTOR_KINDS.items() if kinds & transition.actors)
    user = None if persona == "system" else getattr(people, persona)
    with pytest.raises(ConflictError):
        request_transition(
            request_id=request.pk,
            action=transition.action,
            user=user,
            comment="x",
            payload=_payload(people, transition.action),
        )
    request.refresh_from_db()
    assert request.status == source


def test_finish_screening_goes_straight_to_the_ministry_when_nothing_routes_the_request(people):
    request = make_request(people, category="roads", strategy=people.strategy_y)
    ProjectRequest.objects.filter(pk=request.pk).update(status=Status.SCREENING, reviewing_ministry=people.ministry_y)
    assert request_transition(request_id=request.pk, action=Action.FINISH_SCREENING).status == Status.MINISTRY_REVIEW


def test_returning_needs_a_comment_and_tells_the_planner_why(people):
    from proposals.models import Notification

    request = _request_in(people, Status.MINISTRY_REVIEW)
    with pytest.raises(Exception, match="กรุณาระบุเหตุผล"):
        request_transition(request_id=request.pk, action=Action.RETURN, user=people.reviewer_x)
    request_transition(
        request_id=request.pk, action=Action.RETURN, user=people.reviewer_x, comment="ขอข้อมูลพื้นที่รับประโยชน์เพิ่ม"
    )
    note = Notification.objects.get(user=people.planner_a, request=request)
    assert "ขอข้อมูลพื้นที่รับประโยชน์เพิ่ม" in note.message


def test_an_unknown_action_is_refused_in_thai(people):
    from portal.exceptions import ApplicationError

    request = make_request(people)
    with pytest.raises(ApplicationError, match="ไม่รู้จักการดำเนินการ"):
        request_transition(request_id=request.pk, action="teleport", user=people.planner_a)


# ---------------------------------------------------------------- the table's other facts


def test_the_field_office_route_is_a_conditional_target_of_the_table():
    finish = transition_for(Action.FINISH_SCREENING)
    assert finish.target == Status.MINISTRY_REVIEW
    assert finish.target_when == ((routed_to_field_office, Status.FIELD_REVIEW),)
    support, own = "ministry_support", "province"
    assert finish.target_for(SimpleNamespace(routed_field_office_id=7, funding_channel=support)) == Status.FIELD_REVIEW
    assert finish.target_for(SimpleNamespace(routed_field_office_id=None, funding_channel=support)) == (
        Status.MINISTRY_REVIEW
    )
    # R14: a request the province funds itself goes straight on, even in a routed category
    assert finish.target_for(SimpleNamespace(routed_field_office_id=7, funding_channel=own)) == Status.MINISTRY_REVIEW
    # no other transition has a condition: each goes where its target says
    assert [t.action for t in TRANSITIONS if t.target_when] == [Action.FINISH_SCREENING]


def test_every_target_and_source_is_a_status_and_every_action_has_one_row():
    for t in TRANSITIONS:
        assert t.targets <= set(Status) and t.sources <= set(Status)
    assert sorted(t.action for t in TRANSITIONS) == sorted(Action.values)


GROUPS = {name: value for name, value in vars(StatusGroup).items() if name.isupper()}


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_each_status_group_is_a_non_empty_frozen_set_of_statuses(name):
    group = GROUPS[name]
    assert isinstance(group, frozenset) and group and group <= set(Status)


def test_the_status_groups_fit_the_table():
    assert StatusGroup.OPEN | StatusGroup.FINAL == set(Status) and not StatusGroup.OPEN & StatusGroup.FINAL
    assert StatusGroup.FINAL == {s for s in Status if not actions_from(s)}  # nothing leaves a final status
    assert StatusGroup.EDITABLE == transition_for(Action.SUBMIT).sources
    assert StatusGroup.OPEN == transition_for(Action.WITHDRAW).sources
    assert StatusGroup.CLOSED_BY_OWNER_OR_CLUSTER == {
        transition_for(Action.WITHDRAW).target,
        transition_for(Action.MERGE).target,
    }
    assert StatusGroup.SCREENABLE <= StatusGroup.COMPARABLE
    assert StatusGroup.SCREENABLE <= StatusGroup.ANSWERABLE <= StatusGroup.OPEN
    assert Status.DRAFT not in StatusGroup.COMPARABLE | StatusGroup.ANSWERABLE
    # a programme takes what the ministry endorsed or adopted, and what followed an endorsement
    assert StatusGroup.PROGRAMMABLE == {
        transition_for(Action.ENDORSE).target,
        transition_for(Action.ADOPT).target,
        transition_for(Action.SEND_TO_COMMITTEE).target,
        transition_for(Action.APPROVE).target,
    }


ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / "proposals" / "workflow.py"  # the one place that names the groups
RESTATED = re.compile(
    r"Status\.(WITHDRAWN|MERGED), Status\.(WITHDRAWN|MERGED)|\b[A-Z]+_STATUSES\s*=|"
    r"status [!=]= \"(withdrawn|merged)\""
)


def test_no_module_or_template_restates_a_status_group():
    found = []
    for folder in ("proposals", "screening", "reviews", "library", "portal", "ministries", "clusters", "templates"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".html") and "migrations" not in path.parts and path != WORKFLOW:
                found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in RESTATED.finditer(path.read_text())]
    assert found == []


def test_the_event_kinds_hold_every_action_under_its_own_label():
    for action in Action:
        assert EventKind(action.value).label == action.label
    assert set(Action.values) < set(EventKind.values)
    for kind in EventKind:
        assert str(kind.label).strip() and str(kind.label) != kind.value  # a Thai name for the history page


def test_an_event_is_recorded_only_with_a_known_kind(people):
    from proposals.events import request_event_record

    request = make_request(people)
    event = request_event_record(request=request, kind=EventKind.ASSIGN, actor=people.reviewer_x)
    assert (event.action, event.from_status, event.to_status, event.action_label) == (
        "assign",
        Status.DRAFT,
        Status.DRAFT,
        EventKind.ASSIGN.label,
    )
    with pytest.raises(ValueError):
        request_event_record(request=request, kind="teleported")


def test_who_is_told_on_arrival_can_act_there_or_hears_an_outcome():
    assert set(TOLD_ON_ARRIVAL) == set(Status)
    for status in Status:
        told = told_on_arrival(status)
        assert SYSTEM not in told
        if status in StatusGroup.OPEN:
            assert told <= actors_leaving(status), status
        else:
            assert told and told <= {OWNER, MINISTRY}, status


# Which personas stand for each actor kind on the request of _request_in (written out by hand).
PEOPLE_OF_KIND = {
    OWNER: {"planner_a", "field_a"},  # field_a is also a planner of ขอนแก่น (R9)
    CLUSTER: {"cluster_officer"},
    MINISTRY: {"reviewer_x"},
    FIELD_OFFICE: {"field_a"},
    REFERRED_TO: {"reviewer_y"},
    CENTRAL: {"central"},  # administrators are not sent the central team's daily work
}


@pytest.mark.parametrize("status", Status.values)
def test_notifications_go_to_the_people_the_table_names(people, status):
    from proposals.services.notifications import people_matching, recipients_for

    request = _request_in(people, Status.DRAFT)
    request.refresh_from_db()
    told = {u.username for u in people_matching(recipients_for(request, status))}
    expected = set().union(*(PEOPLE_OF_KIND[k] for k in told_on_arrival(status)))
    assert told == {getattr(people, p).username for p in expected}


def test_the_people_told_match_the_notifications_before_the_table_held_them(people):
    from proposals.services.notifications import people_matching, recipients_for

    request = _request_in(people, Status.DRAFT)
    request.refresh_from_db()

    def told(status):
        return {u for u in people_matching(recipients_for(request, status))}

    assert told(Status.SUBMITTED) == {people.cluster_officer}
    assert told(Status.SCREENING) == set()
    assert told(Status.FIELD_REVIEW) == {people.field_a}
    assert told(Status.MINISTRY_REVIEW) == told(Status.WITHDRAWN) == {people.reviewer_x}
    assert told(Status.ENDORSED) == {people.central}
    for status in (Status.RETURNED, Status.COMMITTEE_REVIEW, Status.APPROVED, Status.MERGED):
        assert told(status) == {people.planner_a, people.field_a}


# ---------------------------------------------------------------- R19: the ministry advises, ก.น.จ. decides


def test_only_the_rejection_and_the_opinion_depend_on_the_request():
    from proposals.workflow import ministry_advises, ministry_decides

    assert {t.action: t.when for t in TRANSITIONS if t.when} == {
        Action.REJECT: ministry_decides,
        Action.GIVE_OPINION: ministry_advises,
    }
    # the opinion, the endorsement and the committee's referral all lead back to the agenda
    assert StatusGroup.AGENDA_READY == transition_for(Action.SEND_TO_COMMITTEE).sources
    assert {
        transition_for(Action.GIVE_OPINION).target,
        transition_for(Action.ANSWER_REFERRAL).target,
        transition_for(Action.ENDORSE).target,
    } == StatusGroup.AGENDA_READY
    assert transition_for(Action.REFER).sources == {Status.COMMITTEE_REVIEW}
    assert transition_for(Action.ANSWER_REFERRAL).sources == {transition_for(Action.REFER).target}


@pytest.mark.parametrize(
    "funding,critical,may_reject",
    [
        ("province", False, False),
        ("cluster", False, False),
        ("ministry_support", True, False),
        ("ministry_support", False, True),
    ],
)
def test_a_ministry_rejects_only_what_asks_for_its_money_and_advises_on_the_rest(
    people, open_calendar, funding, critical, may_reject
):
    request = _request_in(people, Status.MINISTRY_REVIEW, asks_support=funding == "ministry_support")
    ProjectRequest.objects.filter(pk=request.pk).update(
        funding_channel=funding, is_critical_need=critical, damage_justification="น้ำท่วมซ้ำทุกปี"
    )
    reject = {"request_id": request.pk, "action": Action.REJECT, "user": people.reviewer_x, "comment": "ไม่ใช่ภารกิจ"}
    opinion = dict(reject, action=Action.GIVE_OPINION, payload={"opinion": "not_support"})
    if may_reject:
        with pytest.raises(NotAllowed, match="ขอรับการสนับสนุนจากงบประมาณของกระทรวง"):
            request_transition(**opinion)
        assert request_transition(**reject).status == Status.REJECTED
    else:
        with pytest.raises(NotAllowed, match="ก.น.จ. เป็นผู้ตัดสิน"):
            request_transition(**reject)
        moved = request_transition(**opinion)
        assert moved.status == Status.OPINION_GIVEN
        event = RequestEvent.objects.get(request=request, action=Action.GIVE_OPINION)
        assert event.payload["opinion"] == "not_support" and event.comment == "ไม่ใช่ภารกิจ"


def test_an_opinion_names_its_kind_and_gives_its_text(people, open_calendar):
    from portal.exceptions import ApplicationError

    request = _request_in(people, Status.MINISTRY_REVIEW)
    base = {"request_id": request.pk, "action": Action.GIVE_OPINION, "user": people.reviewer_x}
    with pytest.raises(ApplicationError, match="กรุณาระบุเหตุผล"):
        request_transition(**base, payload={"opinion": "support"})
    with pytest.raises(ApplicationError, match="กรุณาเลือกความเห็น"):
        request_transition(**base, comment="เห็นควรสนับสนุน", payload={"opinion": "maybe"})
    assert request_transition(**base, comment="เห็นควรสนับสนุน", payload={"opinion": "support"}).status == (
        Status.OPINION_GIVEN
    )


def test_the_referral_names_a_ministry_and_its_people_are_told(people, open_calendar):
    from portal.exceptions import ApplicationError
    from proposals.models import Notification

    request = _request_in(people, Status.COMMITTEE_REVIEW)
    ProjectRequest.objects.filter(pk=request.pk).update(referred_ministry=None)
    base = {"request_id": request.pk, "action": Action.REFER, "user": people.central}
    with pytest.raises(ApplicationError, match="กรุณาเลือกกระทรวง"):
        request_transition(**base)
    with pytest.raises(ApplicationError, match="กรมที่เลือกไม่อยู่ในกระทรวง"):
        dept = people.reviewer_dept.memberships.get().department
        request_transition(**base, payload={"referred_ministry": people.ministry_x.pk, "referred_department": dept.pk})
    moved = request_transition(**base, payload={"referred_ministry": people.ministry_y.pk})
    assert (moved.status, moved.referred_ministry_id) == (Status.REFERRED, people.ministry_y.pk)
    assert Notification.objects.filter(user=people.reviewer_y, request=request).exists()
    assert not Notification.objects.filter(user=people.reviewer_x, request=request).exists()


# ---------------------------------------------------------------- R9: two roles kept apart


def test_whoever_drafted_a_request_may_not_forward_it_even_holding_the_field_office_role(people, open_calendar):
    request = make_request(people, user=people.field_a)  # field_a drafts as ขอนแก่น's planner
    ProjectRequest.objects.filter(pk=request.pk).update(
        status=Status.FIELD_REVIEW,
        funding_channel="ministry_support",
        target_ministry=people.ministry_x,
        reviewing_ministry=people.ministry_x,
        routed_field_office=FieldOffice.objects.get(kind__code="tsj", province__name_th="ขอนแก่น"),
    )
    for action in (Action.FIELD_ENDORSE, Action.RETURN):
        with pytest.raises(NotAllowed, match="มีส่วนจัดทำหรือชี้แจงคำขอนี้"):
            request_transition(request_id=request.pk, action=action, user=people.field_a, comment="x")
    # withdrawing is the owner's own act, not a judgement: still open to them
    assert request_transition(request_id=request.pk, action=Action.WITHDRAW, user=people.field_a).status == (
        Status.WITHDRAWN
    )


def test_each_event_records_the_capacity_it_was_taken_in(people, open_calendar):
    request = _request_in(people, Status.FIELD_REVIEW, asks_support=True)
    request_transition(request_id=request.pk, action=Action.FIELD_ENDORSE, user=people.field_a)
    forwarded = RequestEvent.objects.get(request=request, action=Action.FIELD_ENDORSE)
    assert forwarded.capacity == FIELD_OFFICE
    assert "ทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดขอนแก่น" in forwarded.capacity_label
    created = RequestEvent.objects.get(request=request, action=EventKind.CREATE)
    assert created.capacity == OWNER and "ขอนแก่น" in created.capacity_label
    request_transition(request_id=request.pk, action=Action.WITHDRAW, user=people.field_a)
    withdrawn = RequestEvent.objects.get(request=request, action=Action.WITHDRAW)
    assert withdrawn.capacity == OWNER  # the same person, this time as the province's planner
    system = RequestEvent(request=request, action=EventKind.SCREENED)
    assert system.capacity == ""
