"""The demo shows screening (issue 10 item 7): `load_demo` gives the demo year real ministry
budget lines for the demo provinces, and demo requests that duplicate and overlap them, so the
demo planner's flags page shows a duplicate against a real line without any other command."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ministries.demo import DEMO_LINES, DEMO_REF_PREFIX
from ministries.models import BudgetLine
from portal.demo_load import DEMO_YEAR, demo_load
from proposals.models import ProjectRequest
from proposals.services.transitions import request_transition
from screening import adapters
from screening.models import DuplicateFlag

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(people, django_capture_on_commit_callbacks):
    adapters.clear_cache()
    with django_capture_on_commit_callbacks(execute=True):
        demo_load()
    yield
    adapters.clear_cache()


def test_the_extract_is_small_and_documented():
    assert DEMO_LINES.stat().st_size < 1_000_000
    readme = (DEMO_LINES.parent / "README.md").read_text(encoding="utf-8")
    assert "kaogeek/thailand-budget-pdf2csv" in readme and "เอกสารงบประมาณ" in readme


def test_make_run_alone_shows_real_flags_to_the_demo_planner(demo, client_for):
    lines = BudgetLine.objects.for_fiscal_year(DEMO_YEAR)
    assert lines.count() > 600 and not lines.exclude(source_ref__startswith=DEMO_REF_PREFIX).exists()
    assert lines.filter(ministry__code="mot", department__code="doh").exists()
    flags = DuplicateFlag.objects.filter(request__reference__startswith="DEMO-", budget_line__isnull=False)
    duplicated = set(flags.filter(level="duplicate").values_list("request__reference", flat=True))
    assert {"DEMO-2554-KKN-04", "DEMO-2554-KLS-03"} <= duplicated
    assert flags.filter(level="overlap", request__reference="DEMO-2554-KKN-05").exists()
    planner = get_user_model().objects.get(username="planner_khonkaen")
    request = ProjectRequest.objects.get(reference="DEMO-2554-KKN-04")
    page = client_for(planner).get(reverse("screening:request-flags", args=[request.pk])).content.decode()
    assert 'data-screening="current"' in page and "2065" in page and "กรมทางหลวง" in page
    # the line's owner (กรมทางหลวง's planning unit) sees it among "flagged against our lines"
    doh = get_user_model().objects.get(username="reviewer_doh")
    assert request.reference in client_for(doh).get(reverse("screening:line-flags")).content.decode()


def test_the_planner_submits_the_demo_draft_and_sees_a_duplicate(demo, django_capture_on_commit_callbacks):
    draft = ProjectRequest.objects.get(reference="DEMO-2554-KKN-06")
    assert draft.status == "draft"
    planner = get_user_model().objects.get(username="planner_khonkaen")
    with django_capture_on_commit_callbacks(execute=True):
        request_transition(request_id=draft.pk, action="submit", user=planner)
    assert draft.duplicate_flags.filter(level="duplicate", budget_line__item_text__contains="บ้านฝาง").exists()


def test_the_demo_loader_stays_idempotent(demo, django_capture_on_commit_callbacks):
    counts = (BudgetLine.objects.count(), ProjectRequest.objects.count(), DuplicateFlag.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        demo_load()
    assert (BudgetLine.objects.count(), ProjectRequest.objects.count(), DuplicateFlag.objects.count()) == counts
