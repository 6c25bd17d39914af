"""The budget calendar (R8): deadlines enforced, extensions, staggering, next deadline, reminders."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from portal.exceptions import NotAllowed
from proposals.models import CalendarPhase, DeadlineExtension, Notification, PhaseKind
from proposals.selectors.calendar import next_deadline_for
from proposals.services.calendar import calendar_set, deadline_extension_grant, deadline_reminders_send
from proposals.services.transitions import request_transition
from proposals.workflow import Status
from tests.personas import YEAR
from tests.proposals.conftest import make_request, set_phase

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def test_a_submission_after_the_deadline_is_refused_then_allowed_after_an_extension(people):
    set_phase(PhaseKind.PROVINCE_SUBMISSION, opens_days=-60, closes_days=-1)
    request = make_request(people)
    with pytest.raises(NotAllowed, match="หมดเขตส่งคำของบประมาณของจังหวัดแล้ว .* กรุณาติดต่อทีมบูรณาการกลางเพื่อขอขยายเวลา"):
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    deadline_extension_grant(
        user=people.central,
        fiscal_year=YEAR,
        kind=PhaseKind.PROVINCE_SUBMISSION,
        office=people.office_a,
        closes_on=timezone.localdate() + datetime.timedelta(days=3),
        reason="น้ำท่วมสำนักงาน",
    )
    assert request_transition(request_id=request.pk, action="submit", user=people.planner_a).status == Status.SUBMITTED


def test_an_extension_for_one_office_does_not_open_the_deadline_for_another(people):
    set_phase(PhaseKind.PROVINCE_SUBMISSION, opens_days=-60, closes_days=-1)
    deadline_extension_grant(
        user=people.central,
        fiscal_year=YEAR,
        kind=PhaseKind.PROVINCE_SUBMISSION,
        office=people.office_b,
        closes_on=timezone.localdate() + datetime.timedelta(days=3),
        reason="ขอขยาย",
    )
    request = make_request(people)
    with pytest.raises(NotAllowed):
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)


def test_a_submission_before_the_phase_opens_is_refused(people):
    set_phase(PhaseKind.PROVINCE_SUBMISSION, opens_days=2, closes_days=20)
    request = make_request(people)
    with pytest.raises(NotAllowed, match="ยังไม่ถึงช่วง"):
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)


def test_a_cluster_office_follows_the_cluster_submission_phase(people):
    set_phase(PhaseKind.PROVINCE_SUBMISSION, opens_days=-60, closes_days=-1)
    set_phase(PhaseKind.CLUSTER_SUBMISSION, opens_days=-60, closes_days=5)
    request = make_request(
        people, user=people.cluster_officer, office=people.cluster_office_a, issue=people.issue_cluster_a
    )
    from clusters.models import Province
    from proposals.services.requests import request_update

    request_update(
        user=people.cluster_officer,
        request_id=request.pk,
        expected_revision=1,
        data={},
        locations=[{"province": Province.objects.get(name_th="ขอนแก่น")}],
    )
    assert (
        request_transition(request_id=request.pk, action="submit", user=people.cluster_officer).status
        == Status.SUBMITTED
    )


def test_only_the_central_team_grants_extensions_and_sets_the_calendar(people):
    set_phase(PhaseKind.PROVINCE_SUBMISSION)
    with pytest.raises(NotAllowed):
        deadline_extension_grant(
            user=people.planner_a,
            fiscal_year=YEAR,
            kind=PhaseKind.PROVINCE_SUBMISSION,
            office=people.office_a,
            closes_on=TODAY() + datetime.timedelta(days=90),
            reason="ขอเอง",
        )
    with pytest.raises(NotAllowed):
        calendar_set(user=people.reviewer_x, fiscal_year=YEAR, phases={})


def test_the_calendar_must_be_staggered_so_ministries_see_provincial_plans_first(people):
    d = lambda n: TODAY() + datetime.timedelta(days=n)  # noqa: E731
    with pytest.raises(ValidationError) as refused:
        calendar_set(
            user=people.central,
            fiscal_year=2560,
            phases={
                PhaseKind.PROVINCE_SUBMISSION: (d(0), d(40)),
                PhaseKind.MINISTRY_REVIEW: (d(0), d(60)),
                PhaseKind.MINISTRY_OWN_REQUEST: (d(0), d(30)),
            },
        )
    assert PhaseKind.PROVINCE_SUBMISSION in refused.value.message_dict
    assert not CalendarPhase.objects.filter(fiscal_year=2560).exists()
    calendar_set(
        user=people.central,
        fiscal_year=2560,
        phases={
            PhaseKind.PROVINCE_SUBMISSION: (d(0), d(20)),
            PhaseKind.MINISTRY_REVIEW: (d(0), d(25)),
            PhaseKind.MINISTRY_OWN_REQUEST: (d(0), d(30)),
        },
    )
    assert CalendarPhase.objects.filter(fiscal_year=2560).count() == 3


def test_the_central_team_sets_dates_typed_in_buddhist_era_on_the_calendar_page(client_for, people):
    response = client_for(people.central).post(
        reverse("proposals:calendar-edit") + "?year=2561",
        {
            "province_submission__opens_on": "01/11/2560",
            "province_submission__closes_on": "31/01/2561",
            "ministry_own_request__opens_on": "01/11/2560",
            "ministry_own_request__closes_on": "28/02/2561",
        },
    )
    assert response.status_code == 302
    phase = CalendarPhase.objects.get(fiscal_year=2561, kind=PhaseKind.PROVINCE_SUBMISSION)
    assert phase.closes_on == datetime.date(2018, 1, 31)


def test_an_unstaggered_calendar_typed_on_the_page_is_shown_back_with_the_reason(client_for, people):
    response = client_for(people.central).post(
        reverse("proposals:calendar-edit") + "?year=2562",
        {
            "province_submission__opens_on": "01/11/2561",
            "province_submission__closes_on": "31/03/2562",
            "ministry_own_request__opens_on": "01/11/2561",
            "ministry_own_request__closes_on": "28/02/2562",
        },
    )
    assert response.status_code == 200
    assert "ต้องสิ้นสุดก่อน" in response.content.decode()


def test_every_page_shows_the_next_deadline_with_days_left(client_for, people):
    set_phase(PhaseKind.PROVINCE_SUBMISSION, closes_days=9)
    set_phase(PhaseKind.MINISTRY_REVIEW, closes_days=40)
    deadline = next_deadline_for(user=people.planner_a, fiscal_year=YEAR)
    assert (deadline["kind"], deadline["days_left"]) == (PhaseKind.PROVINCE_SUBMISSION, 9)
    assert next_deadline_for(user=people.reviewer_x, fiscal_year=YEAR)["kind"] == PhaseKind.MINISTRY_REVIEW
    body = client_for(people.planner_a).get(reverse("proposals:request-list")).content.decode()
    assert "จังหวัดส่งคำของบประมาณ" in body and "เหลือ 9 วัน" in body


def test_an_extension_moves_the_deadline_shown_to_that_office(people):
    set_phase(PhaseKind.PROVINCE_SUBMISSION, closes_days=2)
    DeadlineExtension.objects.create(
        fiscal_year=YEAR,
        kind=PhaseKind.PROVINCE_SUBMISSION,
        office=people.office_a,
        closes_on=TODAY() + datetime.timedelta(days=12),
        reason="x",
    )
    assert next_deadline_for(user=people.planner_a, fiscal_year=YEAR)["days_left"] == 12
    assert next_deadline_for(user=people.planner_b, fiscal_year=YEAR)["days_left"] == 2


@pytest.mark.parametrize("days,reminded", [(7, True), (2, True), (5, False)])
def test_reminders_go_7_and_2_days_before_to_offices_with_unfinished_work(people, days, reminded):
    set_phase(PhaseKind.PROVINCE_SUBMISSION, closes_days=days)
    make_request(people)  # a draft of ขอนแก่น
    sent = deadline_reminders_send()
    assert (sent > 0) == reminded
    assert Notification.objects.filter(user=people.planner_a, message__contains="หมดเขต").exists() == reminded
    assert not Notification.objects.filter(user=people.planner_b, message__contains="หมดเขต").exists()


def test_reminders_are_sent_once_however_often_the_task_runs(people, django_capture_on_commit_callbacks):
    set_phase(PhaseKind.PROVINCE_SUBMISSION, closes_days=7)
    make_request(people)
    with django_capture_on_commit_callbacks(execute=True):
        first = deadline_reminders_send()
        second = deadline_reminders_send()
    assert (first, second) == (1, 0)
    assert Notification.objects.filter(user=people.planner_a, message__contains="หมดเขต").count() == 1
    assert any("planner_a@example.go.th" in m.to for m in mail.outbox)


def test_the_daily_task_runs_the_reminders(people):
    from proposals.tasks import deadline_reminders_task

    set_phase(PhaseKind.PROVINCE_SUBMISSION, closes_days=2)
    make_request(people)
    assert deadline_reminders_task.delay().get() == 1
