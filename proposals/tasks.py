"""Celery tasks of the planner area: thin wrappers around one service each (STYLE habit 7)."""

from celery import shared_task

from proposals.services.reminders import deadline_reminders_send


@shared_task(name="proposals.deadline_reminders", autoretry_for=(Exception,), retry_backoff=60, max_retries=3)
def deadline_reminders_task() -> int:
    """Daily (Celery beat): R8's reminders 7 and 2 days before a deadline to every party that has
    one (offices, field offices, ministries and departments, the central team); idempotent per
    party, phase and offset, so a retry or a second beat sends nothing twice."""
    return deadline_reminders_send()


@shared_task(name="proposals.notification_mail", autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def notification_mail_task(*, notification_id: int) -> int:
    """One notice to one person, rendered in their language (issue 11); sends nothing twice."""
    from proposals.services.mail import notification_mail_send

    return notification_mail_send(notification_id=notification_id)


@shared_task(name="proposals.notifications_digest", autoretry_for=(Exception,), retry_backoff=60, max_retries=3)
def notifications_digest_task() -> int:
    """Daily (Celery beat): one digest e-mail per person who chose it; idempotent."""
    from proposals.services.mail import notifications_digest_send

    return notifications_digest_send()
