"""Test-only hooks loaded by the integration tests' workers (CELERY_IMPORTS in worker_settings).

PORTAL_TEST_SCREENING_DELAY=<seconds> makes each screening sleep inside its transaction, after
the run was claimed and before its flags are stored, so a test can kill the worker mid-task
(a monkeypatch in the test process cannot reach the worker's process).
"""

import os
import time

from screening.services import screening

DELAY = float(os.environ.get("PORTAL_TEST_SCREENING_DELAY") or 0)

if DELAY > 0:
    _flags_store = screening.flags_store

    def slow_flags_store(**kwargs):
        time.sleep(DELAY)
        return _flags_store(**kwargs)

    screening.flags_store = slow_flags_store
