import pytest

from portal.exceptions import NotAllowed
from proposals.models import ProjectRequest
from proposals.models.requests import ScreeningState
from proposals.services.transitions import request_transition
from proposals.workflow import Status
from screening.services import flag_rule, request_screen
from tests.screening.conftest import make_request

pytestmark = pytest.mark.django_db


def test_a_request_whose_current_revision_is_not_screened_cannot_go_to_committee(people, lines):
    request = make_request(people.office_a, status=Status.ENDORSED, ministry=people.ministry_y)
    with pytest.raises(NotAllowed, match="ยังไม่ได้ตรวจความซ้ำซ้อนของฉบับปัจจุบัน"):
        request_transition(request_id=request.pk, action="send_to_committee", user=people.central)
    ProjectRequest.objects.filter(pk=request.pk).update(
        screening_state=ScreeningState.DONE, screened_revision=1, revision=2
    )
    with pytest.raises(NotAllowed):  # screened, but an older revision
        request_transition(request_id=request.pk, action="send_to_committee", user=people.central)
    ProjectRequest.objects.filter(pk=request.pk).update(screened_revision=2)
    assert (
        request_transition(request_id=request.pk, action="send_to_committee", user=people.central).status
        == Status.COMMITTEE_REVIEW
    )


def test_a_request_ruled_a_duplicate_cannot_be_endorsed(highway_request, people):
    request_screen(request_id=highway_request.pk, revision=1)
    flag = highway_request.duplicate_flags.get(level="duplicate")
    with pytest.raises(NotAllowed, match="ยังมีผลตรวจระดับ “ซ้ำซ้อน” ที่ยังไม่ได้วินิจฉัย"):
        request_transition(request_id=highway_request.pk, action="endorse", user=people.reviewer_y)
    result = flag_rule(flag_id=flag.pk, user=people.central, duplicate=True, reason="ซ้ำกับงานบำรุงของกรมทางหลวง")
    assert not result.returned  # the central team rules; returning is the reviewer's action
    with pytest.raises(NotAllowed, match="วินิจฉัยว่าซ้ำซ้อน"):
        request_transition(request_id=highway_request.pk, action="endorse", user=people.reviewer_y)


def test_a_request_ruled_not_a_duplicate_can_be_endorsed(highway_request, people):
    request_screen(request_id=highway_request.pk, revision=1)
    for flag in highway_request.duplicate_flags.all():
        flag_rule(flag_id=flag.pk, user=people.reviewer_y, duplicate=False, reason="คนละช่วงกม. ตามแบบแปลน")
    assert (
        request_transition(request_id=highway_request.pk, action="endorse", user=people.reviewer_y).status
        == Status.ENDORSED
    )
