"""R14 routing only where the seed routes, and R8's staggered calendar and reminders to every
party with a deadline (issue 16 items 9 and 11)."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from ministries.models import Department, FieldOffice
from portal.models import Membership, Role
from proposals.models import CalendarPhase, DeadlineExtension, DeadlineReminder, Notification, PhaseKind, ProjectRequest
from proposals.services.calendar import calendar_check, calendar_set
from proposals.services.reminders import deadline_reminders_send
from proposals.workflow import EventKind, Status
from tests.personas import YEAR
from tests.proposals.conftest import make_request, set_phase

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def d(n):
    return TODAY() + datetime.timedelta(days=n)


# ---------------------------------------------------------------- R14: the data migration


def test_the_migration_moves_province_funded_requests_off_the_field_office_and_says_why(people):
    reroute = importlib.import_module("proposals.migrations.0010_flow_r14_reroute").reroute
    tsj = FieldOffice.objects.get(kind__code="tsj", province__name_th="ขอนแก่น")
    own = make_request(people, title="ขุดลอกหนองบัว")
    support = make_request(
        people, title="ขุดลอกหนองแวง", funding_channel="ministry_support", target_ministry=people.ministry_x
    )
    screening = make_request(people, title="ขุดลอกหนองโก")
    ProjectRequest.objects.filter(pk__in=[own.pk, support.pk]).update(
        status=Status.FIELD_REVIEW, routed_field_office=tsj
    )
    ProjectRequest.objects.filter(pk=screening.pk).update(status=Status.SCREENING, routed_field_office=tsj)
    reroute(apps, None)
    own.refresh_from_db(), support.refresh_from_db(), screening.refresh_from_db()
    assert (own.status, own.routed_field_office_id) == (Status.MINISTRY_REVIEW, None)
    assert (support.status, support.routed_field_office_id) == (Status.FIELD_REVIEW, tsj.pk)
    assert (screening.status, screening.routed_field_office_id) == (Status.SCREENING, None)
    event = own.events.get(action=EventKind.ROUTE_CORRECTED)
    assert (event.from_status, event.to_status) == (Status.FIELD_REVIEW, Status.MINISTRY_REVIEW)
    assert "ไม่ต้องผ่านหน่วยงานส่วนภูมิภาค" in event.comment and event.action_label
    assert not support.events.filter(action=EventKind.ROUTE_CORRECTED).exists()


# ---------------------------------------------------------------- R8: the staggered calendar


@pytest.mark.parametrize(
    "earlier,later",
    [
        (PhaseKind.FIELD_REVIEW, PhaseKind.MINISTRY_OWN_REQUEST),
        (PhaseKind.MINISTRY_REVIEW, PhaseKind.MINISTRY_OWN_REQUEST),
        (PhaseKind.FIELD_REVIEW, PhaseKind.MINISTRY_REVIEW),
        (PhaseKind.PROVINCE_SUBMISSION, PhaseKind.MINISTRY_OWN_REQUEST),
    ],
)
def test_review_of_provincial_requests_must_close_before_the_ministries_own_requests(earlier, later):
    errors = calendar_check({earlier: (d(0), d(40)), later: (d(0), d(40))})
    assert earlier in errors and "ต้องสิ้นสุดก่อน" in errors[earlier][0]
    assert str(PhaseKind(later).label) in errors[earlier][0]
    assert calendar_check({earlier: (d(0), d(39)), later: (d(0), d(40))}) == {}


def test_the_central_team_cannot_save_a_calendar_whose_reviews_outlast_the_ministries_own_requests(people):
    with pytest.raises(ValidationError) as refused:
        calendar_set(
            user=people.central,
            fiscal_year=2561,
            phases={
                PhaseKind.FIELD_REVIEW: (d(0), d(30)),
                PhaseKind.MINISTRY_REVIEW: (d(0), d(50)),
                PhaseKind.MINISTRY_OWN_REQUEST: (d(0), d(45)),
            },
        )
    assert set(refused.value.message_dict) == {PhaseKind.MINISTRY_REVIEW}
    assert "เพื่อให้กระทรวงพิจารณาคำขอของจังหวัดก่อนปิดคำขอของตนเอง" in refused.value.message_dict[PhaseKind.MINISTRY_REVIEW][0]
    assert not CalendarPhase.objects.filter(fiscal_year=2561).exists()


def test_the_calendar_page_says_why_a_field_review_closing_late_is_refused(people, client_for):
    from django.urls import reverse

    response = client_for(people.central).post(
        reverse("proposals:calendar-edit") + "?year=2562",
        {
            "field_review__opens_on": "01/11/2561",
            "field_review__closes_on": "31/03/2562",
            "ministry_own_request__opens_on": "01/11/2561",
            "ministry_own_request__closes_on": "28/02/2562",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "หน่วยงานส่วนภูมิภาคพิจารณา ต้องสิ้นสุดก่อน" in body
    assert not CalendarPhase.objects.filter(fiscal_year=2562).exists()


# ---------------------------------------------------------------- R8: reminders to every party


def _waiting(people, status, **fields):
    request = make_request(people, funding_channel="ministry_support", target_ministry=people.ministry_x)
    ProjectRequest.objects.filter(pk=request.pk).update(status=status, **fields)
    return request


def test_a_field_office_with_requests_waiting_is_reminded_once(people):
    set_phase(PhaseKind.FIELD_REVIEW, closes_days=7)
    tsj = FieldOffice.objects.get(kind__code="tsj", province__name_th="ขอนแก่น")
    _waiting(people, Status.FIELD_REVIEW, routed_field_office=tsj, reviewing_ministry=people.ministry_x)
    assert deadline_reminders_send() == 1
    assert deadline_reminders_send() == 0
    note = Notification.objects.get(user=people.field_a, message__contains="หมดเขต")
    assert "รอการพิจารณาของท่าน" in note.message
    assert not Notification.objects.filter(user=people.field_b).exists()
    assert DeadlineReminder.objects.get().party == f"field_office:{tsj.pk}"


def test_a_ministry_and_a_department_with_requests_waiting_are_reminded(people):
    set_phase(PhaseKind.MINISTRY_REVIEW, closes_days=2)
    _waiting(people, Status.MINISTRY_REVIEW, reviewing_ministry=people.ministry_x)
    _waiting(
        people,
        Status.MINISTRY_REVIEW,
        reviewing_ministry=people.ministry_y,
        reviewing_department=Department.objects.get(code="doh"),
    )
    assert deadline_reminders_send() == 2
    reminded = set(Notification.objects.filter(message__contains="หมดเขต").values_list("user__username", flat=True))
    assert reminded == {"reviewer_x", "reviewer_dept"}


def test_every_ministry_and_planning_unit_is_reminded_before_its_own_requests_close(people):
    set_phase(PhaseKind.MINISTRY_OWN_REQUEST, closes_days=7)
    assert deadline_reminders_send() >= 3  # ทส., คค. and กรมทางหลวง at least
    reminded = set(Notification.objects.filter(message__contains="หมดเขต").values_list("user__username", flat=True))
    assert {"reviewer_x", "reviewer_y", "reviewer_dept"} <= reminded
    assert not reminded & {"planner_a", "field_a", "central"}


def test_a_ministry_extension_moves_its_own_reminder(people):
    set_phase(PhaseKind.MINISTRY_OWN_REQUEST, closes_days=7)
    DeadlineExtension.objects.create(
        fiscal_year=YEAR, kind=PhaseKind.MINISTRY_OWN_REQUEST, ministry=people.ministry_x, closes_on=d(20), reason="x"
    )
    deadline_reminders_send()
    reminded = set(Notification.objects.filter(message__contains="หมดเขต").values_list("user__username", flat=True))
    assert "reviewer_y" in reminded and "reviewer_x" not in reminded


def test_the_central_team_is_reminded_while_requests_wait_for_the_committee(people):
    set_phase(PhaseKind.COMMITTEE_REVIEW, closes_days=2)
    assert deadline_reminders_send() == 0  # nothing waits: nobody is bothered
    _waiting(people, Status.OPINION_GIVEN, reviewing_ministry=people.ministry_x)
    assert deadline_reminders_send() == 1
    assert Notification.objects.filter(user=people.central, message__contains="ก.น.จ.").exists()


def test_cluster_officers_with_unfinished_cluster_requests_are_reminded(people):
    set_phase(PhaseKind.CLUSTER_SUBMISSION, closes_days=7)
    make_request(people, user=people.cluster_officer, office=people.cluster_office_a, issue=people.issue_cluster_a)
    assert deadline_reminders_send() == 1
    assert Notification.objects.filter(user=people.cluster_officer, message__contains="หมดเขต").exists()
    assert not Notification.objects.filter(user=people.cluster_officer_b).exists()


def test_an_inactive_reviewer_is_not_reminded(people):
    Membership.objects.filter(user=people.reviewer_y, role=Role.MINISTRY_REVIEWER).update(is_active=False)
    set_phase(PhaseKind.MINISTRY_OWN_REQUEST, closes_days=2)
    deadline_reminders_send()
    assert not Notification.objects.filter(user=people.reviewer_y).exists()


def test_a_plans_ranking_records_the_office_capacity_on_every_request(people):
    from proposals.models import RequestEvent
    from proposals.services.ranks import plan_ranks_set

    first, second = make_request(people, title="ขุดลอกหนองหนึ่ง"), make_request(people, title="ขุดลอกหนองสอง")
    plan_ranks_set(user=people.planner_a, plan_id=first.plan_id, ordered_ids=[second.pk, first.pk])
    ranked = RequestEvent.objects.filter(action=EventKind.RANK)
    assert ranked.count() == 2
    assert {(e.capacity, e.capacity_label) for e in ranked} == {("owner", "เจ้าหน้าที่แผนจังหวัด · สำนักงานจังหวัดขอนแก่น")}
