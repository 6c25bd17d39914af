"""Celery tasks of the site shell: the outbox sweeper and one e-mail per recipient."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task(name="portal.outbox_sweep", ignore_result=True)
def outbox_sweep_task() -> int:
    """Every minute (beat): publish again the outbox rows that were never sent, were lost by the
    broker, or whose worker died (issue 13 item 2)."""
    from portal.outbox import outbox_sweep

    return outbox_sweep()


# OSError covers SMTPException and a refused connection; after the retries the outbox row stays
# undone and the sweeper sends it again later.
@shared_task(name="portal.send_mail", autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def send_mail_task(*, subject: str, body: str, to: str) -> int:
    """One message to one recipient, so nobody sees who else was told (issue 13)."""
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
