"""A real Celery worker over Redis screens a submitted request; a worker killed mid-task loses
nothing and stores nothing twice (issue 4, "Done when").

Needs REDIS_URL and PostgreSQL (DATABASE_URL); the worker machinery is in conftest.py.
"""

import os
import time

import pytest

from proposals.models import ProjectRequest
from proposals.workflow import Status
from screening.models import DuplicateFlag, ScreeningRun
from tests.integration.conftest import Worker, wait_for
from tests.screening.conftest import HIGHWAY_LINE, OTHER_HIGHWAY_LINE, RIVER_LINE, import_rows, make_request, row

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="REDIS_URL is not set: the real-worker test needs Redis (and PostgreSQL)",
    ),
]


def submit(people):
    """A submitted request of planner_a (ขอนแก่น), screening queued as the submit transition does on commit."""
    from screening.services import screening_queue

    request = make_request(
        people.office_a, status=Status.SUBMITTED, ministry=people.ministry_y, province=people.office_a.province
    )
    screening_queue(request_id=request.pk, revision=request.revision)  # autocommit: sent at once
    return request


def test_a_real_worker_screens_and_a_killed_worker_loses_nothing_and_stores_nothing_twice(people, queue):
    import_rows(
        [row(HIGHWAY_LINE, ref="I#highway"), row(OTHER_HIGHWAY_LINE, ref="I#other"), row(RIVER_LINE, ref="I#river")]
    )

    worker = Worker(queue)
    try:
        first = submit(people)
        wait_for(lambda: DuplicateFlag.objects.filter(request=first).exists(), what="flags of the first request")
        wait_for(lambda: ProjectRequest.objects.get(pk=first.pk).status == Status.MINISTRY_REVIEW, what="review status")
        expected = DuplicateFlag.objects.filter(request=first).count()
        assert DuplicateFlag.objects.filter(
            request=first, budget_line__source_ref="I#highway", level="duplicate"
        ).exists()
    finally:
        worker.stop()

    slow = Worker(queue, PORTAL_TEST_SCREENING_DELAY=60)
    try:
        second = submit(people)
        wait_for(
            lambda: ScreeningRun.objects.filter(request=second, attempts=1, status="running").exists(),
            what="the slow task to start",
        )
        time.sleep(1)  # inside its transaction, sleeping before it stores the flags
        slow.kill()
    finally:
        slow.stop()
    assert not DuplicateFlag.objects.filter(request=second).exists()  # the killed run's flags rolled back

    # The unacknowledged message comes back once the visibility timeout has passed.
    rescuer = Worker(queue, CELERY_VISIBILITY_TIMEOUT=3)
    try:
        wait_for(
            lambda: ScreeningRun.objects.filter(request=second, status="done").exists(),
            timeout=120,
            what="the redelivered task",
        )
    finally:
        rescuer.stop()
    run = ScreeningRun.objects.get(request=second)
    assert run.attempts == 2
    flags = DuplicateFlag.objects.filter(request=second)
    assert flags.count() == expected
    assert flags.values("budget_line", "screened_revision").distinct().count() == flags.count()
    assert ProjectRequest.objects.get(pk=second.pk).status == Status.MINISTRY_REVIEW
