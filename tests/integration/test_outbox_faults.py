"""Faults the outside audit injected (issue 13 item 2), replayed against real Redis, a real
worker and PostgreSQL: every committed submission ends screened, with no flag stored twice.

- the broker is down while planners submit: the submit still answers success, and once the
  broker is back the sweeper's publish gets the request screened;
- a worker is SIGKILLed mid-task: the sweeper re-publishes the stranded work and a new worker
  finishes it, with no wait for the broker's visibility timeout;
- the database drops every connection again and again during a burst of submissions.

`outbox_sweep(now=...)` in the test stands in for the beat task a few minutes later.
"""

import datetime
import os
import threading
import time
from contextlib import contextmanager

import psycopg2
import pytest
from django.db import InterfaceError, OperationalError, close_old_connections, connection
from django.urls import reverse
from django.utils import timezone

from portal.models import OutboxMessage
from portal.outbox import outbox_resume, outbox_sweep
from proposals.models import ProjectRequest
from proposals.models.requests import ScreeningState
from proposals.services.transitions import request_transition
from proposals.workflow import Status
from screening.models import DuplicateFlag, ScreeningRun
from screening.selectors import requests_stranded_in_screening
from tests.integration.conftest import Worker, wait_for
from tests.proposals.conftest import make_request
from tests.screening.conftest import HIGHWAY_LINE, OTHER_HIGHWAY_LINE, RIVER_LINE, import_rows, row

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="REDIS_URL is not set: the real-worker tests need Redis (and PostgreSQL)",
    ),
]

LATER = datetime.timedelta(minutes=30)
CLOSED_PORT_BROKER = "redis://127.0.0.1:9/7"  # nothing listens on the discard port


def sweep_later():
    """The beat task, run as if half an hour had passed: every undone row is due."""
    close_old_connections()
    outbox_sweep(now=timezone.now() + LATER)


@contextmanager
def broker_down():
    """Point this process's Celery app at a port where no broker listens, then back."""
    from portal.celery import app

    def reset_pools():
        app._pool = None
        app.amqp._producer_pool = None

    saved = app.conf.broker_url
    app.conf.broker_url = CLOSED_PORT_BROKER
    reset_pools()
    try:
        yield
    finally:
        app.conf.broker_url = saved
        reset_pools()
        outbox_resume()  # as if the pause after the broker's errors had run out


@pytest.fixture
def lines(db):
    import_rows(
        [row(HIGHWAY_LINE, ref="F#highway"), row(OTHER_HIGHWAY_LINE, ref="F#other"), row(RIVER_LINE, ref="F#river")]
    )


def draft(people):
    """A complete draft of ขอนแก่น asking for the road that line F#highway already funds."""
    return make_request(people, category="roads", strategy=people.strategy_y, title=HIGHWAY_LINE)


def screened(request_ids) -> bool:
    requests = ProjectRequest.objects.filter(pk__in=request_ids)
    return all(
        r.status == Status.MINISTRY_REVIEW
        and r.screening_state == ScreeningState.DONE
        and r.screened_revision == r.revision
        for r in requests
    ) and requests.count() == len(request_ids)


def state_of(request_ids) -> str:
    requests = ProjectRequest.objects.filter(pk__in=request_ids).order_by("pk")
    rows = [f"#{r.pk} {r.status} {r.screening_state} r{r.revision}/s{r.screened_revision}" for r in requests]
    pending = OutboxMessage.objects.pending().values_list("pk", "task_name", "payload", "attempts", "last_error")
    runs = ScreeningRun.objects.filter(request_id__in=request_ids).values_list("request_id", "status", "attempts")
    return f"requests {rows}; undone outbox {list(pending)}; runs {list(runs)}"


def assert_no_flag_twice(request_ids):
    for request_id in request_ids:
        flags = DuplicateFlag.objects.filter(request_id=request_id)
        keys = list(flags.values_list("budget_line_id", "other_request_id", "screened_revision"))
        assert len(keys) == len(set(keys)), f"request {request_id} has a flag stored twice"
        assert ScreeningRun.objects.filter(request_id=request_id, status="done").count() == 1


def test_submits_while_the_broker_is_down_succeed_and_are_screened_once_it_is_back(people, lines, queue, client_for):
    requests = [draft(people) for _ in range(3)]
    client = client_for(people.planner_a)
    with broker_down():
        for request in requests:
            response = client.post(reverse("proposals:request-transition", args=[request.pk]), {"action": "submit"})
            assert response.status_code == 302, response.content[:500]
    ids = [r.pk for r in requests]
    assert set(ProjectRequest.objects.filter(pk__in=ids).values_list("status", flat=True)) == {Status.SUBMITTED}
    assert requests_stranded_in_screening() == []
    waiting = OutboxMessage.objects.pending().filter(task_name="screening.tasks.queue_screening_task")
    assert waiting.count() == 3
    assert OutboxMessage.objects.filter(last_error__contains="Connection refused").exists()
    page = client.get(reverse("proposals:request-detail", args=[ids[0]])).content.decode()
    assert 'data-screening-progress="queued"' in page

    worker = Worker(queue)
    try:
        time.sleep(2)
        assert not screened(ids)  # nothing reached the broker: only the sweeper can help
        wait_for(lambda: screened(ids), timeout=120, what="the swept submissions to be screened", every=sweep_later)
        wait_for(
            lambda: not OutboxMessage.objects.pending().exists(),
            timeout=60,
            what="every outbox row done",
            describe=lambda: list(OutboxMessage.objects.pending().values_list("task_name", "attempts", "last_error")),
        )
    finally:
        worker.stop()
    assert_no_flag_twice(ids)
    assert DuplicateFlag.objects.filter(request_id=ids[0], budget_line__source_ref="F#highway").exists()


def test_a_worker_killed_mid_screening_is_replaced_and_the_sweeper_resends_its_work(people, lines, queue):
    request = draft(people)
    slow = Worker(queue, PORTAL_TEST_SCREENING_DELAY=60)
    try:
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)
        wait_for(
            lambda: ScreeningRun.objects.filter(request=request, attempts=1, status="running").exists(),
            what="the slow screening to start",
        )
        time.sleep(1)  # inside its transaction, sleeping before it stores the flags
        slow.kill()
    finally:
        slow.stop()
    assert not DuplicateFlag.objects.filter(request=request).exists()  # the killed run's flags rolled back
    assert OutboxMessage.objects.pending().filter(task_name="screening.tasks.screen_request_task").exists()

    # The project's own visibility timeout (minutes) would bring the message back too; the
    # sweeper does not wait for it.
    rescuer = Worker(queue)
    try:
        wait_for(lambda: screened([request.pk]), timeout=120, what="the re-sent screening", every=sweep_later)
    finally:
        rescuer.stop()
    run = ScreeningRun.objects.get(request=request)
    assert run.status == "done" and run.attempts == 2
    assert_no_flag_twice([request.pk])


def _terminate_backends(stop: threading.Event, killed: list):
    """Drop every other connection to the test database every few tenths of a second, as a
    PostgreSQL restart does (the test's own, the worker's)."""
    s = connection.settings_dict
    conn = psycopg2.connect(
        dbname=s["NAME"], user=s["USER"], password=s["PASSWORD"] or None, host=s["HOST"], port=s["PORT"] or 5432
    )
    conn.autocommit = True
    try:
        while not stop.is_set():
            with conn.cursor() as cursor:
                cursor.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                killed.append(cursor.fetchone()[0])
            time.sleep(0.4)
    finally:
        conn.close()


def _submit_through_outages(request_id, user) -> None:
    """Submit, retrying while the connection is dropped; a submit whose commit went through
    before its connection died answers a conflict on the retry, which is success too."""
    from portal.exceptions import ConflictError

    for _ in range(50):
        try:
            request_transition(request_id=request_id, action="submit", user=user)
            return
        except ConflictError:
            return
        except (OperationalError, InterfaceError):
            connection.close()
            time.sleep(0.1)
    raise AssertionError(f"request {request_id} could not be submitted")


def test_every_committed_submission_is_screened_though_the_database_drops_connections_during_the_burst(
    people, lines, queue
):
    requests = [draft(people) for _ in range(12)]
    ids = [r.pk for r in requests]
    worker = Worker(queue)
    stop, killed = threading.Event(), []
    killer = threading.Thread(target=_terminate_backends, args=(stop, killed), daemon=True)
    try:
        killer.start()
        for request_id in ids:
            _submit_through_outages(request_id, people.planner_a)
            time.sleep(0.2)
        time.sleep(2)  # keep dropping connections while the worker screens
        stop.set()
        killer.join(10)
        connection.close()
        assert sum(killed) > 0
        assert not ProjectRequest.objects.filter(pk__in=ids, status=Status.DRAFT).exists()
        assert requests_stranded_in_screening() == []  # every one screened, queued or running
        wait_for(
            lambda: screened(ids),
            timeout=180,
            what="every committed submission screened",
            every=sweep_later,
            describe=lambda: state_of(ids),
        )
    finally:
        stop.set()
        worker.stop()
    assert_no_flag_twice(ids)
