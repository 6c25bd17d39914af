"""Builders for the planner-area tests: plans and complete requests made through the services."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from ministries.models import WorkCategory
from proposals.models import ActionPlan, CalendarPhase, PhaseKind, ProjectRequest
from proposals.services.plans import plan_create
from proposals.services.requests import request_create
from tests.personas import YEAR


def plan_for(user, office, year=YEAR):
    existing = ActionPlan.objects.filter(office=office, fiscal_year=year).first()
    return existing or plan_create(
        user=user, office_id=office.pk, fiscal_year=year, title=f"แผนปฏิบัติราชการ {office} {year}"
    )


def complete_data(people, *, issue=None, strategy=None, category="water", **overrides):
    data = {
        "title": "ขุดลอกหนองน้ำสาธารณะบ้านโนนสวรรค์",
        "problem": "หนองน้ำตื้นเขิน เก็บน้ำได้ไม่พอใช้ในฤดูแล้ง",
        "evidence": "ข้อมูลภัยแล้ง ปภ. ปี 2552",
        "severity": "high",
        "category": WorkCategory.objects.get(code=category),
        "strategic_issue": issue or people.issue_a,
        "ministry_strategy": strategy or people.strategy_x,
        "funding_channel": "province",
        "amount": Decimal("2500000.00"),
        "framework_justification": "ไม่มีหน่วยงานใดจัดงบให้ในพื้นที่นี้",
    }
    data.update(overrides)
    return data


def make_request(people, *, user=None, office=None, issue=None, **overrides) -> ProjectRequest:
    """A complete draft of ขอนแก่น (or `office`), ready to submit."""
    user = user or people.planner_a
    office = office or people.office_a
    plan = plan_for(user, office)
    return request_create(user=user, plan_id=plan.pk, data=complete_data(people, issue=issue, **overrides))


def set_phase(kind, *, opens_days=-30, closes_days=30, year=YEAR):
    today = timezone.localdate()
    CalendarPhase.objects.update_or_create(
        fiscal_year=year,
        kind=kind,
        defaults={
            "opens_on": today + datetime.timedelta(days=opens_days),
            "closes_on": today + datetime.timedelta(days=closes_days),
        },
    )


@pytest.fixture
def open_calendar(db):
    """Every phase of the personas' year open today, staggered as R8 wants."""
    set_phase(PhaseKind.PROVINCE_SUBMISSION, closes_days=10)
    set_phase(PhaseKind.CLUSTER_SUBMISSION, closes_days=20)
    set_phase(PhaseKind.FIELD_REVIEW, closes_days=30)
    set_phase(PhaseKind.MINISTRY_REVIEW, closes_days=40)
    set_phase(PhaseKind.MINISTRY_OWN_REQUEST, closes_days=50)
    set_phase(PhaseKind.COMMITTEE_REVIEW, closes_days=60)
