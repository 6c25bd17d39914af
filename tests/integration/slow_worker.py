"""A Celery worker whose screening sleeps inside its transaction, just before it stores the flags,
so the integration test can kill it mid-run (the delay is the test's, not production code's).

Run as ``python -m tests.integration.slow_worker <seconds> <celery worker arguments...>``; the
solo pool runs the task in this process, so the patch below is the one the task calls.
"""

import sys
import time


def main() -> None:
    delay, argv = float(sys.argv[1]), sys.argv[2:]
    import django

    from portal.celery import app  # sets DJANGO_SETTINGS_MODULE

    django.setup()
    from screening.services import screening

    store = screening.flags_store

    def slow_flags_store(**kwargs):
        time.sleep(delay)
        return store(**kwargs)

    screening.flags_store = slow_flags_store
    app.worker_main(argv)


if __name__ == "__main__":
    main()
