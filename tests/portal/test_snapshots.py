"""The header's year and deadline come from per-process snapshots (issue 15): a change made in
this process shows at once; one made elsewhere (a bulk update, another worker) within
SNAPSHOT_SECONDS."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.models import FiscalYear
from proposals.models import CalendarPhase, DeadlineExtension, PhaseKind
from tests.personas import YEAR

pytestmark = pytest.mark.django_db


def _header(client):
    return client.get("/settings/").content.decode()


def test_a_saved_phase_or_extension_shows_in_the_header_at_once(client_for, people):
    client = client_for(people.planner_a)
    CalendarPhase.objects.filter(fiscal_year=YEAR).delete()
    DeadlineExtension.objects.filter(fiscal_year=YEAR).delete()
    assert "กำหนดส่งถัดไป" not in _header(client)
    today = timezone.localdate()
    phase = CalendarPhase.objects.create(
        fiscal_year=YEAR, kind=PhaseKind.PROVINCE_SUBMISSION, opens_on=today, closes_on=today + timedelta(days=9)
    )
    assert "เหลือ 9 วัน" in _header(client)
    DeadlineExtension.objects.create(
        fiscal_year=YEAR,
        kind=PhaseKind.PROVINCE_SUBMISSION,
        office=people.office_a,
        closes_on=phase.closes_on + timedelta(days=20),
        reason="ขยายเวลา",
    )
    assert "เหลือ 29 วัน" in _header(client)
    phase.delete()
    assert "กำหนดส่งถัดไป" not in _header(client)


def test_a_change_without_signals_shows_after_the_snapshot_expires(client_for, people, settings):
    client = client_for(people.planner_a)
    year = FiscalYear.objects.get(year=YEAR)
    assert str(YEAR) in _header(client)
    FiscalYear.objects.filter(pk=year.pk).update(year=YEAR + 40)  # a bulk update sends no signal
    assert f"{YEAR + 40}" not in _header(client)  # still the snapshot
    settings.SNAPSHOT_SECONDS = 0
    assert f"{YEAR + 40}" in _header(client)
