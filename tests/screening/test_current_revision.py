"""Screening is always about the current revision (issue 10 item 1; R6 "before ก.น.จ. review").

The stranded path seen in the browser: the ministry returns a request, the planner attaches a
file and resubmits, the ministry endorses, and the central team must be able to put it on the
agenda; the flags page must show the current revision's state. Plus the re-screen request."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.models import Committee
from proposals.models.requests import ScreeningState
from proposals.services.attachments import attachment_add
from proposals.services.transitions import request_transition
from proposals.workflow import Status
from reviews.selectors import agenda_eligible_requests, agendas_held_back
from reviews.services import agenda_create, agenda_item_add, review_record
from screening.models import ScreeningRun
from screening.selectors import screening_status
from screening.services import request_rescreen, screen_year
from tests.reviews.conftest import draft, open_phases
from tests.screening.conftest import HIGHWAY_REQUEST, make_request

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def calendar(db):
    open_phases()


@pytest.fixture
def agenda(people):
    return agenda_create(
        user=people.central,
        committee=Committee.objects.get(abbreviation="ก.น.จ."),
        fiscal_year=2554,
        title="วาระ ก.น.จ. ครั้งที่ 1/2554",
    )


def _submit(request, user, capture):
    with capture(execute=True):
        request_transition(request_id=request.pk, action="submit", user=user)
    request.refresh_from_db()
    if request.status == Status.FIELD_REVIEW:  # dredging passes ทสจ. first (R14)
        request_transition(
            request_id=request.pk, action="field_endorse", user=user.__class__.objects.get(username="field_a")
        )
        request.refresh_from_db()
    return request


def test_return_attach_resubmit_endorse_then_the_agenda_takes_it(
    people, calendar, agenda, client_for, django_capture_on_commit_callbacks
):
    request = _submit(draft(people), people.planner_a, django_capture_on_commit_callbacks)
    assert request.status == Status.MINISTRY_REVIEW and request.screened_revision == request.revision == 1
    review_record(user=people.reviewer_x, request_id=request.pk, decision="return", comment="ขอแผนที่ประกอบ")
    attachment_add(user=people.planner_a, request_id=request.pk, uploaded=SimpleUploadedFile("map.pdf", PDF))
    request = _submit(request, people.planner_a, django_capture_on_commit_callbacks)
    # The resubmission is a new revision, screened again: not the old run's answer.
    assert request.revision == 2 and request.status == Status.MINISTRY_REVIEW
    assert (request.screening_state, request.screened_revision) == (ScreeningState.DONE, 2)
    assert ScreeningRun.objects.filter(request=request, revision=2, status="done").exists()
    review_record(user=people.reviewer_x, request_id=request.pk, decision="endorse")
    assert request in agenda_eligible_requests(fiscal_year=2554)
    agenda_item_add(user=people.central, agenda_id=agenda.pk, request_id=request.pk)
    request.refresh_from_db()
    assert request.status == Status.COMMITTEE_REVIEW
    page = client_for(people.reviewer_x).get(reverse("screening:request-flags", args=[request.pk])).content.decode()
    assert 'data-screening="current"' in page and "ฉบับที่ 2" in page


def test_an_unscreened_revision_is_held_back_with_its_reference_and_the_next_step(
    people, calendar, agenda, client_for, django_capture_on_commit_callbacks
):
    request = _submit(draft(people), people.planner_a, django_capture_on_commit_callbacks)
    review_record(user=people.reviewer_x, request_id=request.pk, decision="endorse")
    # e.g. the worker died: the state says pending for the current revision
    type(request).objects.filter(pk=request.pk).update(screening_state=ScreeningState.PENDING)
    assert request not in agenda_eligible_requests(fiscal_year=2554)
    held = agendas_held_back(fiscal_year=2554)
    assert [r.pk for r in held] == [request.pk] and "ขอตรวจซ้ำ" in held[0].held_reason
    response = client_for(people.central).post(
        reverse("reviews:agenda-add", args=[agenda.pk]), {"request_ids": [request.pk]}, follow=True
    )
    text = response.content.decode()
    assert request.reference in text and f"#{request.pk}:" not in text and "ขอตรวจซ้ำ" in text
    # the central team asks for a re-screen from the flags page: an event, and the agenda takes it
    with django_capture_on_commit_callbacks(execute=True):
        client_for(people.central).post(reverse("screening:request-rescreen", args=[request.pk]), {"reason": "ค้าง"})
    request.refresh_from_db()
    assert request.screening_state == ScreeningState.DONE
    assert request.events.filter(action="rescreen_requested", actor=people.central, comment="ค้าง").exists()
    agenda_item_add(user=people.central, agenda_id=agenda.pk, request_id=request.pk)


def test_who_may_ask_for_a_rescreen(people, lines, client_for, django_capture_on_commit_callbacks):
    request = make_request(people.office_a, ministry=people.ministry_y, status=Status.MINISTRY_REVIEW)
    url = reverse("screening:request-rescreen", args=[request.pk])
    api = f"/api/v1/requests/{request.pk}/rescreen/"
    # other ministry and other province do not see the request at all
    assert client_for(people.reviewer_x).post(url).status_code == 404
    assert client_for(people.planner_b).post(url).status_code == 404
    assert client_for(people.reviewer_x).post(api).status_code == 404
    # the owner sees it but may not ask (the reviewer and the central team do)
    assert client_for(people.planner_a).post(api).status_code == 403
    with pytest.raises(Exception, match=request.reference):
        request_rescreen(user=people.planner_a, request_id=request.pk)
    assert not request.events.filter(action="rescreen_requested").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(people.reviewer_y).post(api, {"reason": "มีรายการใหม่"}, content_type="application/json")
    assert response.status_code == 202 and response.json()["reference"] == request.reference
    request.refresh_from_db()
    assert request.screening_state == ScreeningState.DONE and request.duplicate_flags.exists()
    assert request.events.filter(action="rescreen_requested", actor=people.reviewer_y).count() == 1
    page = client_for(people.reviewer_y).get(reverse("screening:request-flags", args=[request.pk])).content.decode()
    assert "ขอตรวจซ้ำ" in page
    page = client_for(people.planner_a).get(reverse("screening:request-flags", args=[request.pk])).content.decode()
    assert f'action="/requests/{request.pk}/rescreen/"' not in page


def test_a_finished_request_cannot_be_rescreened(people, lines):
    request = make_request(people.office_a, ministry=people.ministry_y, status=Status.APPROVED)
    with pytest.raises(Exception, match="ขอตรวจซ้ำไม่ได้"):
        request_rescreen(user=people.central, request_id=request.pk)


def test_the_status_line_never_contradicts_the_flags(people, lines, client_for):
    imported = make_request(
        people.office_a, status=Status.SUBMITTED, ministry=people.ministry_y, title=HIGHWAY_REQUEST, source_ref="X#1"
    )
    assert screening_status(imported).key == "not_started"
    screen_year(fiscal_year=2554, store=True)
    imported.refresh_from_db()
    assert imported.duplicate_flags.exists() and screening_status(imported).key == "current"
    page = client_for(people.reviewer_y).get(reverse("screening:request-flags", args=[imported.pk])).content.decode()
    assert "ยังไม่ตรวจสอบ" not in page and 'data-screening="current"' in page
