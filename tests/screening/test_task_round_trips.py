"""One request's screening in few round trips without weakening its guarantees (issue 12
point 4: p95 <= 100 ms from task start to flags committed): the claim is one INSERT on a first
delivery and still counts every later attempt; a first screening of a revision stores its flags
without the retiring updates; a re-run of the revision still retires what no longer matches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proposals.models import ProjectRequest
from proposals.workflow import Status
from screening.models import DuplicateFlag, FlagState, ScreeningRun
from screening.services import request_screen
from screening.services.screening import _claim

pytestmark = pytest.mark.django_db


def test_a_redelivered_claim_counts_another_attempt_and_a_done_run_is_left_alone(highway_request):
    run = _claim(highway_request.pk, 1, "v1")
    assert (run.attempts, run.status) == (1, ScreeningRun.RunStatus.RUNNING) and run.started_at
    again = _claim(highway_request.pk, 1, "v1")  # the worker died: the message comes back
    assert again.pk == run.pk and again.attempts == 2
    assert ScreeningRun.objects.get(pk=run.pk).attempts == 2
    ScreeningRun.objects.filter(pk=run.pk).update(status=ScreeningRun.RunStatus.DONE)
    done = _claim(highway_request.pk, 1, "v1")
    assert done.status == ScreeningRun.RunStatus.DONE and ScreeningRun.objects.get(pk=run.pk).attempts == 2
    assert _claim(highway_request.pk, 1, "v2").attempts == 1  # new lines: a run of its own


@pytest.mark.django_db(transaction=True)
def test_a_first_claim_is_one_statement_committed_on_its_own(highway_request):
    with CaptureQueriesContext(connection) as queries:
        run = _claim(highway_request.pk, highway_request.revision, "v1")
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["INSERT"]
    assert ScreeningRun.objects.get(pk=run.pk).attempts == 1  # visible outside any transaction


def test_a_first_screening_stores_its_flags_without_retiring_updates(highway_request):
    with CaptureQueriesContext(connection) as queries:
        request_screen(request_id=highway_request.pk, revision=highway_request.revision)
    flag_updates = [q for q in queries.captured_queries if q["sql"].startswith('UPDATE "screening_duplicateflag"')]
    assert not flag_updates
    run = ScreeningRun.objects.get(request=highway_request)
    assert run.flags_stored == DuplicateFlag.objects.filter(request=highway_request).current().count() >= 1


def test_a_rerun_of_the_revision_retires_a_flag_that_no_longer_matches(highway_request, lines):
    request_screen(request_id=highway_request.pk, revision=1)
    flag = DuplicateFlag.objects.get(request=highway_request, level="duplicate")
    # the same revision against other lines (another lines version): the line now reads otherwise
    ProjectRequest.objects.filter(pk=highway_request.pk).update(status=Status.SCREENING)
    ScreeningRun.objects.filter(request=highway_request).delete()
    stale = DuplicateFlag.objects.create(
        request=highway_request,
        budget_line=lines["L#other-highway"],
        level="overlap",
        score=0.5,
        reasons=["x"],
        matched_terms=[],
        screened_revision=1,
    )
    run = request_screen(request_id=highway_request.pk, revision=1)
    stale.refresh_from_db()
    flag.refresh_from_db()
    assert stale.state == FlagState.SUPERSEDED and flag.state == FlagState.OPEN
    assert run.flags_stored == DuplicateFlag.objects.filter(request=highway_request).current().count()
