import csv
import io

import pytest
from django.core.management import call_command

from proposals.models import ProjectRequest, RequestEvent
from proposals.models.requests import ScreeningState
from proposals.workflow import Status
from screening.models import DuplicateFlag, FlagState, ScreeningRun
from screening.services import request_screen, screening_queue
from screening.tasks import screen_request_task
from tests.screening.conftest import make_request

pytestmark = pytest.mark.django_db


def test_screening_stores_a_duplicate_flag_with_its_evidence(highway_request, lines):
    run = request_screen(request_id=highway_request.pk, revision=highway_request.revision)
    flag = DuplicateFlag.objects.get(request=highway_request, level="duplicate")
    assert flag.budget_line == lines["L#highway"]
    assert any("ทางหลวงหมายเลข 2301 ตอนเดียวกัน" in r for r in flag.reasons)
    assert any("2301" in t for t in flag.matched_terms)
    assert flag.screened_revision == highway_request.revision and flag.state == FlagState.OPEN
    assert run.status == "done" and run.attempts == 1
    highway_request.refresh_from_db()
    assert (highway_request.screening_state, highway_request.screened_revision) == (ScreeningState.DONE, 1)
    assert highway_request.status == Status.MINISTRY_REVIEW  # finish_screening handed it on
    assert RequestEvent.objects.filter(request=highway_request, action="screened").exists()


def test_other_highways_and_other_provinces_are_not_flagged(highway_request, lines):
    request_screen(request_id=highway_request.pk, revision=highway_request.revision)
    flagged = set(
        DuplicateFlag.objects.filter(request=highway_request).values_list("budget_line__source_ref", flat=True)
    )
    assert "L#other-highway" not in flagged and "L#udon" not in flagged


def test_running_the_task_twice_stores_no_flag_twice(highway_request):
    screen_request_task.delay(highway_request.pk, highway_request.revision)
    count = DuplicateFlag.objects.filter(request=highway_request).count()
    screen_request_task.delay(highway_request.pk, highway_request.revision)
    request_screen(request_id=highway_request.pk, revision=highway_request.revision)
    assert count >= 1 and DuplicateFlag.objects.filter(request=highway_request).count() == count
    assert ScreeningRun.objects.get(request=highway_request).attempts == 1


def test_a_task_for_an_older_revision_is_skipped(highway_request):
    queued_revision = highway_request.revision
    ProjectRequest.objects.filter(pk=highway_request.pk).update(revision=queued_revision + 1)  # edited after queueing
    assert request_screen(request_id=highway_request.pk, revision=queued_revision) is None
    assert not DuplicateFlag.objects.filter(request=highway_request).exists()
    assert not ScreeningRun.objects.filter(request=highway_request).exists()


def test_a_task_for_a_withdrawn_or_missing_request_does_nothing(highway_request):
    ProjectRequest.objects.filter(pk=highway_request.pk).update(status=Status.WITHDRAWN)
    assert request_screen(request_id=highway_request.pk, revision=1) is None
    assert request_screen(request_id=999999, revision=1) is None
    assert not DuplicateFlag.objects.exists()


def test_a_new_revision_supersedes_the_open_flags_of_the_old_one(highway_request):
    request_screen(request_id=highway_request.pk, revision=1)
    old = DuplicateFlag.objects.get(request=highway_request, level="duplicate")
    ProjectRequest.objects.filter(pk=highway_request.pk).update(revision=2, status=Status.SCREENING)
    request_screen(request_id=highway_request.pk, revision=2)
    old.refresh_from_db()
    assert old.state == FlagState.SUPERSEDED
    assert DuplicateFlag.objects.filter(request=highway_request, screened_revision=2, state=FlagState.OPEN).exists()


def test_a_province_and_its_cluster_asking_for_the_same_thing_are_flagged(people, lines):
    province = make_request(people.office_a, status=Status.MINISTRY_REVIEW)
    cluster = make_request(people.cluster_office_a, status=Status.SCREENING, province=people.office_a.province)
    other_cluster = make_request(people.cluster_office_b, status=Status.SCREENING)
    request_screen(request_id=cluster.pk, revision=1)
    assert DuplicateFlag.objects.filter(request=cluster, other_request=province).exists()
    request_screen(request_id=other_cluster.pk, revision=1)
    assert not DuplicateFlag.objects.filter(request=other_cluster, other_request__isnull=False).exists()


def test_submitting_queues_screening_which_moves_the_request_into_review(
    people, lines, django_capture_on_commit_callbacks
):
    request = make_request(people.office_a, status=Status.SUBMITTED, ministry=people.ministry_y)
    with django_capture_on_commit_callbacks(execute=True):
        screening_queue(request_id=request.pk, revision=request.revision)
    request.refresh_from_db()
    assert request.status == Status.MINISTRY_REVIEW and request.screening_state == ScreeningState.DONE
    actions = list(request.events.values_list("action", flat=True))
    assert actions[0] == "start_screening" and "finish_screening" in actions
    assert request.duplicate_flags.filter(level="duplicate").exists()


def test_the_year_command_writes_the_csv_with_source_refs_and_the_portal_reference(people, lines, tmp_path):
    imported = make_request(people.office_a, status=Status.SUBMITTED, source_ref="2022.3.13#9", reference="IMP-1")
    filed = make_request(people.office_a, status=Status.MINISTRY_REVIEW, reference="KK-2554-0007")
    path = tmp_path / "flags.csv"
    call_command("screen_duplicates", "--fiscal-year", "2554", "--output", str(path), stderr=io.StringIO())
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0]) == ["request_ref", "line_ref", "level", "score", "reasons"]
    pairs = {(r["request_ref"], r["line_ref"], r["level"]) for r in rows}
    assert ("2022.3.13#9", "L#highway", "duplicate") in pairs and ("KK-2554-0007", "L#highway", "duplicate") in pairs
    assert all(" | " in r["reasons"] for r in rows)
    assert not DuplicateFlag.objects.exists()  # without --store the command only reports
    call_command("screen_duplicates", "--fiscal-year", "2554", "--store", "--output", str(path), stderr=io.StringIO())
    call_command("screen_duplicates", "--fiscal-year", "2554", "--store", "--output", str(path), stderr=io.StringIO())
    assert DuplicateFlag.objects.filter(request=filed, budget_line__source_ref="L#highway").count() == 1
    assert imported.duplicate_flags.exists()


def test_the_year_command_writes_a_formula_like_ref_as_text(people, lines, tmp_path):
    # issue 13 item 1: refs come from an uploaded file; the CSV must not hand Excel a formula
    make_request(people.office_a, status=Status.SUBMITTED, source_ref="=cmd|' /C calc'!A0", reference="IMP-2")
    path = tmp_path / "flags.csv"
    call_command("screen_duplicates", "--fiscal-year", "2554", "--output", str(path), stderr=io.StringIO())
    refs = {r["request_ref"] for r in csv.DictReader(path.open(encoding="utf-8"))}
    assert "'=cmd|' /C calc'!A0" in refs and "=cmd|' /C calc'!A0" not in refs
