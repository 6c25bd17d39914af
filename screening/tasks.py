"""Celery tasks of duplicate screening: thin, ids only, idempotent (STYLE habit 7).

The claim and the stale check live in the service; the task only retries on database trouble.
`acks_late` with the project's `reject_on_worker_lost`: a worker killed mid-task leaves the
message to be delivered again, and the run's claim makes the second delivery safe.
"""

from celery import shared_task
from django.db import InterfaceError, OperationalError

RETRY_ON = (OperationalError, InterfaceError)


@shared_task(bind=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=5, acks_late=True)
def screen_request_task(self, request_id: int, revision: int) -> int | None:
    from screening.services import request_screen, request_screen_failed

    try:
        run = request_screen(request_id=request_id, revision=revision)
    except RETRY_ON as exc:
        if self.request.retries >= self.max_retries:
            request_screen_failed(request_id=request_id, revision=revision, error=str(exc))
        raise
    return run.flags_stored if run else None


@shared_task(bind=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=5, acks_late=True)
def queue_screening_task(self, request_id: int, revision: int) -> None:
    """After a submission commits (its outbox row): take the request into screening and queue
    the screening of that revision (R6). Repeating it is harmless (the service skips a request
    already screening or revised since)."""
    from screening.services import screening_queue

    screening_queue(request_id=request_id, revision=revision)


@shared_task(bind=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=5, acks_late=True)
def rescreen_fiscal_year_task(self, fiscal_year: int) -> int:
    from screening.services import rescreen_fiscal_year

    return rescreen_fiscal_year(fiscal_year=fiscal_year)


@shared_task(bind=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=3, acks_late=True)
def screen_year_chunk_task(
    self, fiscal_year: int, request_ids: list[int], store: bool = False, with_requests: bool = False
) -> list[dict]:
    """One chunk of `screen_duplicates` on a worker (the year's index is cached per worker)."""
    from screening.services import screen_year

    return screen_year(fiscal_year=fiscal_year, request_ids=request_ids, store=store, with_requests=with_requests)
