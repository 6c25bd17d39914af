"""A real Celery worker over Redis screens a submitted request; a worker killed mid-task loses
nothing and stores nothing twice (issue 4, "Done when").

Needs REDIS_URL and a database a separate worker process can open (PostgreSQL via DATABASE_URL:
pytest-django's test database is `test_<name>`, handed to the worker in its DATABASE_URL).
The worker listens on a queue of its own, so other workers on the same Redis take nothing.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from proposals.models import ProjectRequest
from proposals.workflow import Status
from screening.models import DuplicateFlag, ScreeningRun
from tests.screening.conftest import HIGHWAY_LINE, OTHER_HIGHWAY_LINE, RIVER_LINE, import_rows, make_request, row

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="REDIS_URL is not set: the real-worker test needs Redis (and PostgreSQL)",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("the worker process cannot open pytest's in-memory SQLite database: set DATABASE_URL to PostgreSQL")
    auth = quote(s["USER"] or "") + (":" + quote(s["PASSWORD"]) if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def queue():
    """A queue of this test's own: the tasks are routed there, the workers consume only it."""
    from portal.celery import app

    name = f"screening-test-{uuid.uuid4().hex[:8]}"
    before = app.conf.task_routes
    app.conf.task_routes = {"screening.tasks.*": {"queue": name}}
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)  # the router is cached with the old routes
    yield name
    app.conf.task_routes = before
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(name)


class Worker:
    def __init__(self, queue: str, *, store_delay: float = 0, **env):
        """A worker on `queue`; with `store_delay` its screening sleeps that long inside its
        transaction before storing flags (tests/integration/slow_worker.py)."""
        self.name = f"w{uuid.uuid4().hex[:6]}@test"
        environment = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "DB_CONN_MAX_AGE": "0",
            **{k: str(v) for k, v in env.items()},
        }
        self.log = open(f"/tmp/{self.name.split('@')[0]}.log", "w")
        if store_delay:
            command = [sys.executable, "-m", "tests.integration.slow_worker", str(store_delay)]
        else:
            command = [CELERY, "-A", "portal"]
        self.process = subprocess.Popen(
            [
                *command,
                "worker",
                "--pool=solo",
                "-Q",
                queue,
                "-n",
                self.name,
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.wait_ready()

    def wait_ready(self, timeout=60):
        from portal.celery import app

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"worker exited: {Path(self.log.name).read_text()[-2000:]}")
            if app.control.ping(destination=[self.name], timeout=1):
                return
        raise AssertionError("worker did not start")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def wait_for(predicate, timeout=90, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


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

    slow = Worker(queue, store_delay=60)
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
