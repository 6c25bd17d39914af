from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from proposals.workflow import EventKind, Status


def event_action_label(action: str) -> str:
    """The Thai name of an event kind (proposals.workflow.EventKind); an unknown kind from an older
    row shows as stored."""
    return EventKind(action).label if action in EventKind.values else action


def status_label(status: str) -> str:
    return Status(status).label if status in Status.values else status


class RequestEvent(models.Model):
    """Append-only log of everything that happened to a request: the audit trail and the
    history page (STYLE habit 4). Written by services only."""

    request = models.ForeignKey("proposals.ProjectRequest", on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("การดำเนินการ"), max_length=50, choices=EventKind.choices)
    from_status = models.CharField(_("จากสถานะ"), max_length=30, blank=True)
    to_status = models.CharField(_("เป็นสถานะ"), max_length=30, blank=True)
    comment = models.TextField(_("ความเห็น"), blank=True)
    payload = models.JSONField(default=dict, blank=True)
    # R9 (000 ประเด็น 2 item 3): the capacity the actor acted in (an actor kind of the workflow
    # table) and the organisation it stood for, frozen when written. Blank on rows from before R9
    # and on the system's own events.
    capacity = models.CharField(_("ในฐานะ"), max_length=30, blank=True)
    capacity_label = models.CharField(_("ในฐานะ (หน่วยงาน)"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("ประวัติคำขอ")
        verbose_name_plural = _("ประวัติคำขอ")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.request_id} {self.action} {self.from_status}→{self.to_status}"

    @property
    def action_label(self) -> str:
        return event_action_label(self.action)

    @property
    def from_label(self) -> str:
        return status_label(self.from_status) if self.from_status else ""

    @property
    def to_label(self) -> str:
        return status_label(self.to_status) if self.to_status else ""


class Notification(models.Model):
    """What waits for a person, shown on their home page; e-mail is sent alongside."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    request = models.ForeignKey(
        "proposals.ProjectRequest", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.CharField(_("ข้อความ"), max_length=500)
    # issue 11: the same notice in English, rendered when it was written (NoticeText), so the page
    # and the e-mail follow the reader's language; empty for notices written as plain Thai text
    message_en = models.CharField(_("ข้อความ (อังกฤษ)"), max_length=500, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # issue 11: e-mailed on its own (at once) or inside a daily digest; each at most once
    mailed_at = models.DateTimeField(null=True, blank=True)
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("การแจ้งเตือน")
        verbose_name_plural = _("การแจ้งเตือน")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.message

    def text_in(self, language: str) -> str:
        return self.message_en if language == "en" and self.message_en else self.message

    @property
    def text(self) -> str:
        """The notice in the active language (the home page)."""
        from django.utils.translation import get_language

        return self.text_in(get_language() or "th")
