"""The transactional outbox: work that must follow a commit is never lost (issue 13 item 2).

A service that commits a change calling for later work (a submission's screening, a
notification e-mail) calls `outbox_enqueue` inside its own transaction: the OutboxMessage row
commits or rolls back with the change. On commit the row is published to Celery at once, best
effort: a broker outage is logged, never raised, so the user's request still succeeds. The
beat task `portal.outbox_sweep` publishes again every row whose lease ran out and that is not
done: never published, lost by the broker, or whose worker died. Each publish uses the task id
``outbox-<row id>-<attempt>``; the Celery signals below read it, keep the lease ahead while the
task runs and mark the row done when the task succeeds. Tasks must therefore be idempotent
(STYLE habit 7: the screening run's unique claim; mail at least once).

Timing (portal/settings.py): a published row becomes due again after OUTBOX_STALE_SECONDS
times its attempt count (capped at an hour); a started run holds the row for the task's time
limit plus a minute, so only work with no live run is sent again.
"""

from __future__ import annotations

import datetime
import logging
import time

import redis
from celery import states
from celery.signals import task_postrun, task_prerun
from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from portal.models import OutboxMessage

logger = logging.getLogger(__name__)

TASK_ID_PREFIX = "outbox-"
# A publish that fails fast: the web request must not wait on a dead broker; the sweeper retries.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
# After a broker error this process publishes nothing for OUTBOX_BROKER_PAUSE_SECONDS: with Redis
# unreachable each publish would wait for its connect timeout, once per e-mail of a submit.
BROKER_ERRORS = (KombuOperationalError, ConnectionError, TimeoutError, redis.ConnectionError, redis.TimeoutError)
_broker_paused_until = [0.0]
MAX_BACKOFF = datetime.timedelta(hours=1)


def _stale_after(attempts: int) -> datetime.timedelta:
    seconds = settings.OUTBOX_STALE_SECONDS * max(1, attempts)
    return min(datetime.timedelta(seconds=seconds), MAX_BACKOFF)


def _lease(task) -> datetime.timedelta:
    from portal.celery import app

    limit = getattr(task, "time_limit", None) or app.conf.task_time_limit or settings.OUTBOX_STALE_SECONDS
    return datetime.timedelta(seconds=limit + 60)


def outbox_enqueue(*, task_name: str, args: list | tuple = (), kwargs: dict | None = None, dedupe_key: str = ""):
    """Record `task_name(*args, **kwargs)` as work to do once the caller's transaction commits.

    Call it inside the transaction that makes the change (the row rolls back with it). With a
    `dedupe_key`, an undone row with the same key is returned instead of a second one (the
    queued work will see the latest state when it runs). Side effect: publishes on commit.
    """
    message = OutboxMessage(
        task_name=task_name,
        payload={"args": list(args), "kwargs": dict(kwargs or {})},
        dedupe_key=dedupe_key,
        available_at=timezone.now() + _stale_after(1),
    )
    if dedupe_key:
        existing = OutboxMessage.objects.pending().filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():  # a savepoint: a concurrent twin must not abort the caller's transaction
                message.save()
        except IntegrityError:
            return OutboxMessage.objects.pending().get(dedupe_key=dedupe_key)
    else:
        message.save()
    transaction.on_commit(lambda: outbox_publish(message_id=message.pk))
    return message


def _task(name: str):
    from portal.celery import app

    try:
        return app.tasks[name]
    except KeyError:  # a process that has not imported every app's tasks module yet
        app.loader.import_default_modules()
        return app.tasks[name]


def outbox_publish(*, message_id: int, due_by: datetime.datetime | None = None) -> bool:
    """Publish one undone row to Celery (eagerly run in the embedded mode). Never raises: a
    broker or database error is logged and left to the sweeper. With `due_by`, only a row whose
    lease ran out by then is taken. The attempt count is claimed first with a conditional
    UPDATE, so two sweepers never publish the same row twice. Returns whether it was sent."""
    if time.monotonic() < _broker_paused_until[0]:
        return False  # the broker failed a moment ago: do not make every request wait on it
    try:
        message = OutboxMessage.objects.pending().filter(pk=message_id).first()
        if message is None or (due_by is not None and message.available_at > due_by):
            return False
        attempt, now = message.attempts + 1, timezone.now()
        claimed = (
            OutboxMessage.objects.pending()
            .filter(pk=message.pk, attempts=message.attempts)
            .update(attempts=attempt, published_at=now, available_at=now + _stale_after(attempt))
        )
        if not claimed:
            return False
    except DatabaseError:
        logger.exception("outbox: could not read message %s; the sweeper will retry", message_id)
        return False
    try:
        _task(message.task_name).apply_async(
            args=message.payload.get("args", []),
            kwargs=message.payload.get("kwargs", {}),
            task_id=f"{TASK_ID_PREFIX}{message.pk}-{attempt}",
            retry=True,
            retry_policy=PUBLISH_RETRY_POLICY,
        )
    except Exception as exc:  # broker down, result backend down, or (eager) the task itself failed
        if isinstance(exc, BROKER_ERRORS):
            _broker_paused_until[0] = time.monotonic() + settings.OUTBOX_BROKER_PAUSE_SECONDS
        logger.warning(
            "outbox: publishing %s #%s failed (%s); the sweeper will retry", message.task_name, message.pk, exc
        )
        _record_error(message.pk, exc)
        return False
    return True


def outbox_resume() -> None:
    """Publish again at once rather than after the pause that follows a broker error (tests, or
    an operator's shell once the broker is back)."""
    _broker_paused_until[0] = 0.0


def outbox_sweep(*, now: datetime.datetime | None = None, limit: int = 500) -> int:
    """Publish again every undone row whose lease ran out by `now` (the beat task, every minute),
    oldest first, skipping rows that failed OUTBOX_MAX_ATTEMPTS times (left for an administrator,
    with their last error); forget rows done more than OUTBOX_KEEP_DAYS ago. Returns how many
    were published."""
    now = now or timezone.now()
    OutboxMessage.objects.filter(done_at__lt=now - datetime.timedelta(days=settings.OUTBOX_KEEP_DAYS)).delete()
    ids = list(
        OutboxMessage.objects.due(now)
        .filter(attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)
        .order_by("available_at")
        .values_list("pk", flat=True)[:limit]
    )
    published = sum(outbox_publish(message_id=pk, due_by=now) for pk in ids)
    if published:
        logger.info("outbox: re-published %s of %s stranded message(s)", published, len(ids))
    return published


def outbox_done(*, message_id: int) -> bool:
    """Mark a row's work done; repeating it changes nothing. Returns whether this call did it."""
    return bool(OutboxMessage.objects.pending().filter(pk=message_id).update(done_at=timezone.now(), last_error=""))


def _record_error(message_id: int, exc: BaseException) -> None:
    try:
        OutboxMessage.objects.filter(pk=message_id).update(last_error=f"{type(exc).__name__}: {exc}"[:2000])
    except DatabaseError:
        logger.exception("outbox: could not record the error of message %s", message_id)


def message_id_of(task_id: str | None) -> int | None:
    if not task_id or not task_id.startswith(TASK_ID_PREFIX):
        return None
    head = task_id[len(TASK_ID_PREFIX) :].split("-", 1)[0]
    return int(head) if head.isdecimal() else None


# ---------------------------------------------------------------- worker side (Celery signals)
# Connected when the module is imported (portal.apps.PortalConfig.ready): web and worker alike.
# Database errors here are only logged: the row stays undone and the sweeper sends it again,
# which the idempotent task absorbs.


@task_prerun.connect(dispatch_uid="portal.outbox.started")
def _run_started(sender=None, task_id=None, task=None, **_):
    message_id = message_id_of(task_id)
    if message_id is None:
        return
    now = timezone.now()
    try:
        OutboxMessage.objects.pending().filter(pk=message_id).update(
            started_at=now, available_at=now + _lease(task or sender)
        )
    except DatabaseError:
        logger.exception("outbox: could not record the start of message %s", message_id)


@task_postrun.connect(dispatch_uid="portal.outbox.finished")
def _run_finished(sender=None, task_id=None, state=None, retval=None, **_):
    message_id = message_id_of(task_id)
    if message_id is None:
        return
    try:
        if state == states.SUCCESS:
            outbox_done(message_id=message_id)
        elif state == states.FAILURE:  # retries used up: due again after the backoff, with the error kept
            message = OutboxMessage.objects.pending().filter(pk=message_id).first()
            if message is not None:
                OutboxMessage.objects.filter(pk=message_id).update(
                    available_at=timezone.now() + _stale_after(message.attempts),
                    last_error=f"{type(retval).__name__}: {retval}"[:2000],
                )
    except DatabaseError:
        logger.exception("outbox: could not record the end of message %s", message_id)
