"""Every transition of proposals/workflow.py, allowed and refused, for every persona (STYLE habit 9).

The request belongs to ขอนแก่น (planner_a's office), is reviewed by ทส. (reviewer_x) and routed
through ทสจ.ขอนแก่น (field_a). Which persona is which actor kind is written out here by hand, so the
test checks the service against the table rather than against its own helper.
"""

import pytest

from ministries.models import FieldOffice
from portal.exceptions import ConflictError, NotAllowed
from proposals.models import ProjectRequest, RequestEvent
from proposals.services.transitions import request_transition
from proposals.workflow import CENTRAL, CLUSTER, FIELD_OFFICE, MINISTRY, OWNER, SYSTEM, TRANSITIONS, Action, Status
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
    "reviewer_y": set(),  # other ministry
    "reviewer_dept": set(),  # a department of the other ministry
    "field_b": set(),  # another province's field office
    "central": {CENTRAL},
    "admin": {CENTRAL},
    "outsider": set(),
    "system": {SYSTEM},
}

CASES = [(t, source, persona) for t in TRANSITIONS for source in sorted(t.sources) for persona in ACTOR_KINDS]


def _request_in(people, status):
    request = make_request(people)
    ProjectRequest.objects.filter(pk=request.pk).update(
        status=status,
        reviewing_ministry=people.ministry_x,
        routed_field_office=FieldOffice.objects.get(kind__code="tsj", province__name_th="ขอนแก่น"),
        screening_state="done",
        screened_revision=request.revision,
    )
    return request


def _payload(people, action):
    if action != Action.MERGE:
        return {}
    project = make_request(
        people, user=people.cluster_officer, office=people.cluster_office_a, issue=people.issue_cluster_a
    )
    return {"merged_into": project.pk}


@pytest.mark.parametrize("transition,source,persona", CASES, ids=[f"{t.action}-from-{s}-by-{p}" for t, s, p in CASES])
def test_each_transition_is_taken_only_by_its_actors(people, open_calendar, transition, source, persona):
    request = _request_in(people, source)
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
    request = _request_in(people, source)
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
