"""Settings of the integration tests' worker processes: the project's, plus the test-only hooks
(tests/integration/worker_hooks.py), which no production process loads, and the test's own
queue for the tasks the worker itself queues (PORTAL_TEST_QUEUE, see conftest.queue)."""

import os

from portal.settings import *  # noqa: F403

CELERY_IMPORTS = ["tests.integration.worker_hooks"]
if os.environ.get("PORTAL_TEST_QUEUE"):
    CELERY_TASK_ROUTES = {
        "screening.tasks.*": {"queue": os.environ["PORTAL_TEST_QUEUE"]},
        "portal.*": {"queue": os.environ["PORTAL_TEST_QUEUE"]},
        "proposals.*": {"queue": os.environ["PORTAL_TEST_QUEUE"]},  # notices' mail (issue 11)
    }
