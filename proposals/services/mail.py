"""Notice e-mail in the recipient's language (issue 11): one message per notice for those who
want it at once, or one daily digest per person of the day's notices.

Both are idempotent: a notice is e-mailed at most once on its own (`mailed_at`) and gathered into
at most one digest (`digested_at`, claimed in the same transaction that queues the digest's
outbox row), so a retried task or a second beat run sends nothing twice.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.models import UserPreference
from portal.outbox import outbox_enqueue
from portal.preferences import preference_get
from proposals.models import Notification

logger = logging.getLogger(__name__)
DIGEST_WINDOW = datetime.timedelta(days=1)


def _link(url: str) -> str:
    return f"{settings.SITE_URL}{url}" if url else ""


def _footer() -> str:
    return _("เปลี่ยนภาษาหรือวิธีรับอีเมลได้ที่ %(url)s") % {"url": _link(reverse("preferences"))}


def notification_mail_send(*, notification_id: int) -> int:
    """E-mail one notice to its person in their language, unless it went already or they no
    longer want mail at once (stale-safe: the preference is read again here)."""
    row = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if row is None or row.mailed_at is not None or not row.user.email or not row.user.is_active:
        return 0
    preference = preference_get(user=row.user)
    if preference.mail != UserPreference.MailMode.IMMEDIATE:
        return 0
    with translation.override(preference.language):
        text = row.text_in(preference.language)
        subject = _("[ระบบคำของบประมาณ] %(text)s") % {"text": text[:80]}
        body = "\n\n".join(part for part in (text, _link(row.url), _footer()) if part)
    sent = send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [row.user.email])
    # after the send: a crash in between sends twice (at least once) rather than never
    Notification.objects.filter(pk=row.pk, mailed_at__isnull=True).update(mailed_at=timezone.now())
    return sent


def _digest_for(user, preference, rows: list[Notification]) -> tuple[str, str]:
    with translation.override(preference.language):
        subject = _("[ระบบคำของบประมาณ] สรุปการแจ้งเตือน %(n)s เรื่อง") % {"n": len(rows)}
        lines = [_("การแจ้งเตือนของท่านในรอบวันที่ผ่านมา:"), ""]
        for row in rows:
            lines.append(f"- {row.text_in(preference.language)}")
            if row.url:
                lines.append(f"  {_link(row.url)}")
        lines += ["", _footer()]
    return subject, "\n".join(lines)


def notifications_digest_send(*, now: datetime.datetime | None = None) -> int:
    """One e-mail per digest reader with the notices of the last day not yet e-mailed; returns how
    many digests were queued. Each person's rows are claimed and their mail queued in one
    transaction, so a re-run finds nothing left to send."""
    now = now or timezone.now()
    readers = (
        get_user_model()
        .objects.filter(is_active=True, preference__mail=UserPreference.MailMode.DIGEST)
        .exclude(email="")
    )
    queued = 0
    for user in readers.select_related("preference").order_by("pk"):
        with transaction.atomic():
            rows = list(
                Notification.objects.select_for_update(skip_locked=True)
                .filter(
                    user=user,
                    digested_at__isnull=True,
                    mailed_at__isnull=True,
                    created_at__gt=now - DIGEST_WINDOW,
                    created_at__lte=now,
                )
                .order_by("created_at", "pk")
            )
            if not rows:
                continue
            subject, body = _digest_for(user, user.preference, rows)
            Notification.objects.filter(pk__in=[r.pk for r in rows]).update(digested_at=now)
            outbox_enqueue(
                task_name="portal.send_mail",
                kwargs={"subject": subject, "body": body, "to": user.email},
                dedupe_key=f"mail:digest:{user.pk}:{rows[-1].pk}",
            )
            queued += 1
    logger.info("daily digest: %s e-mails queued", queued)
    return queued
