"""A real Celery worker over Redis for the `integration` tests.

Needs REDIS_URL and a database a separate worker process can open (PostgreSQL via DATABASE_URL:
pytest-django's test database is `test_<name>`, handed to the worker in its DATABASE_URL).
Each test routes the project's tasks to a queue of its own, so other workers on the same Redis
take nothing. Workers start with tests/integration/worker_settings.py, which loads the test-only
hooks in tests/integration/worker_hooks.py (a slow screening on demand); production code has none.
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

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))


def database_url() -> str:
    s = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("the worker process cannot open pytest's in-memory SQLite database: set DATABASE_URL to PostgreSQL")
    auth = quote(s["USER"] or "") + (":" + quote(s["PASSWORD"]) if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _set_routes(app, routes) -> None:
    app.conf.task_routes = routes
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)  # the router is cached with the old routes


@pytest.fixture
def queue():
    """A queue of this test's own: the screening, portal (sweeper) and proposals (mail, reminders) tasks are routed
    there, and the test's workers consume only it."""
    from portal.celery import app

    name = f"screening-test-{uuid.uuid4().hex[:8]}"
    before = app.conf.task_routes
    routes = {"screening.tasks.*": {"queue": name}, "portal.*": {"queue": name}, "proposals.*": {"queue": name}}
    _set_routes(app, routes)
    yield name
    _set_routes(app, before)
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(name)


class Worker:
    """`celery worker --pool=solo` in a subprocess on `queue`; extra keyword arguments become
    environment variables (e.g. PORTAL_TEST_SCREENING_DELAY=60, CELERY_VISIBILITY_TIMEOUT=3)."""

    def __init__(self, queue: str, **env):
        self.name = f"w{uuid.uuid4().hex[:6]}@test"
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.integration.worker_settings",
            "DATABASE_URL": database_url(),
            "DB_CONN_MAX_AGE": "0",
            "PORTAL_TEST_QUEUE": queue,
            **{k: str(v) for k, v in env.items()},
        }
        self.log = open(f"/tmp/{self.name.split('@')[0]}.log", "w")
        self.process = subprocess.Popen(
            [
                CELERY,
                "-A",
                "portal",
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


def wait_for(predicate, timeout=90, what="condition", every=None, every_seconds=3.0, describe=None):
    """Poll `predicate` until true; `every()` (e.g. the outbox sweep standing in for beat) is
    called every `every_seconds` meanwhile; `describe()` explains a timeout."""
    deadline = time.monotonic() + timeout
    next_every = time.monotonic() + every_seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        if every is not None and time.monotonic() >= next_every:
            every()
            next_every = time.monotonic() + every_seconds
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}" + (f": {describe()}" if describe else ""))
