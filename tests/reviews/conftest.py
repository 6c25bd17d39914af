"""Builders for the review-area tests: requests are drafted with the planner's services and moved
to the reviewer through the real workflow (request_transition), never by assigning a status."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import F
from django.utils import timezone

from ministries.models import SupportEnvelope, WorkCategory
from proposals.models import ActionPlan, CalendarPhase, PhaseKind, ProjectRequest
from proposals.models.requests import ScreeningState
from proposals.services.plans import plan_create
from proposals.services.requests import request_create
from proposals.services.transitions import request_transition
from proposals.workflow import Status
from tests.personas import YEAR


def open_phases(year=YEAR):
    """Every phase of the year open today (R8), staggered."""
    today = timezone.localdate()
    for offset, kind in enumerate(PhaseKind.values):
        CalendarPhase.objects.update_or_create(
            fiscal_year=year,
            kind=kind,
            defaults={
                "opens_on": today - datetime.timedelta(days=30),
                "closes_on": today + datetime.timedelta(days=10 + 10 * offset),
            },
        )


@pytest.fixture
def open_calendar(db):
    open_phases()


def plan_of(user, office, year=YEAR):
    existing = ActionPlan.objects.filter(office=office, fiscal_year=year).first()
    return existing or plan_create(
        user=user, office_id=office.pk, fiscal_year=year, title=f"แผนปฏิบัติราชการ {office} {year}"
    )


def draft(
    people, *, user=None, office=None, issue=None, strategy=None, category="dredging", amount="2500000.00", **overrides
):
    user = user or people.planner_a
    office = office or people.office_a
    data = {
        "title": overrides.pop("title", "ขุดลอกหนองน้ำสาธารณะบ้านโนนสวรรค์"),
        "problem": "หนองน้ำตื้นเขิน เก็บน้ำได้ไม่พอใช้ในฤดูแล้ง",
        "evidence": "ข้อมูลภัยแล้ง ปภ. ปี 2552",
        "severity": "high",
        "category": WorkCategory.objects.get(code=category),
        "strategic_issue": issue or (people.issue_a if office == people.office_a else people.issue_b),
        "ministry_strategy": strategy or people.strategy_x,
        "funding_channel": "province",
        "amount": Decimal(amount),
    }
    data.update(overrides)
    return request_create(user=user, plan_id=plan_of(user, office).pk, data=data)


def to_ministry_review(request, *, planner, field_reviewer=None) -> ProjectRequest:
    """Submit as the planner, then let the system screen it (no flags) and route it; a request
    routed to a field office (R14) is endorsed there by `field_reviewer` when given."""
    request_transition(request_id=request.pk, action="submit", user=planner)
    request.refresh_from_db()
    if request.status == Status.SUBMITTED:
        request_transition(request_id=request.pk, action="start_screening", user=None)
    ProjectRequest.objects.filter(pk=request.pk).update(
        screening_state=ScreeningState.DONE, screened_revision=F("revision")
    )
    request.refresh_from_db()
    if request.status == Status.SCREENING:
        request_transition(request_id=request.pk, action="finish_screening", user=None)
        request.refresh_from_db()
    if request.status == Status.FIELD_REVIEW and field_reviewer is not None:
        request_transition(request_id=request.pk, action="field_endorse", user=field_reviewer)
        request.refresh_from_db()
    return request


def under_review(people, **kwargs) -> ProjectRequest:
    """A ขอนแก่น request reviewed by ทส. (reviewer_x), waiting in ministry_review."""
    request = draft(people, **kwargs)
    return to_ministry_review(request, planner=kwargs.get("user") or people.planner_a, field_reviewer=people.field_a)


def support_request(people, *, ministry=None, amount="1000000.00", **kwargs) -> ProjectRequest:
    """A request asking a ministry (ทส. by default) for money from its support envelope (R15)."""
    ministry = ministry or people.ministry_x
    return under_review(people, funding_channel="ministry_support", target_ministry=ministry, amount=amount, **kwargs)


def envelope(ministry, *, limit, year=YEAR, user=None) -> SupportEnvelope:
    return SupportEnvelope.objects.create(
        ministry=ministry, fiscal_year=year, fixed_amount=Decimal(limit), created_by=user
    )
