"""Duplicate screening results (R6, 000 ประเด็น 1 item 6; ประเด็น 5 item 1).

A flag says "this request may duplicate that ministry budget line (or that other office's
request)", with the evidence a reviewer can check. Flags are per screened revision: a re-run of
the same revision never stores a flag twice (unique constraints), a new revision supersedes the
open flags of the old one.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FlagLevel(models.TextChoices):
    DUPLICATE = "duplicate", _("ซ้ำซ้อน")
    OVERLAP = "overlap", _("คาบเกี่ยว")


class FlagState(models.TextChoices):
    OPEN = "open", _("รอคำชี้แจง")
    ANSWERED = "answered", _("ชี้แจงแล้ว รอวินิจฉัย")
    RULED_DUPLICATE = "ruled_duplicate", _("วินิจฉัยว่าซ้ำซ้อน")
    RULED_NOT_DUPLICATE = "ruled_not_duplicate", _("วินิจฉัยว่าไม่ซ้ำซ้อน")
    SUPERSEDED = "superseded", _("แทนที่ด้วยผลตรวจครั้งใหม่")


class ResponseKind(models.TextChoices):
    WITHDRAW = "withdraw", _("ถอนคำขอ")
    REVISE = "revise", _("จะปรับแก้คำขอ")
    EXPLAIN = "explain", _("ชี้แจงว่าไม่ซ้ำซ้อน")


class OwnerAnswer(models.TextChoices):
    """The line-owning ministry's reading of a flag against its budget line (R6: two-sided)."""

    SAME_WORK = "same_work", _("งานเดียวกัน")
    DIFFERENT_WORK = "different_work", _("คนละงาน")
    PARTLY = "partly", _("ซ้ำบางส่วน")


UNRULED_STATES = (FlagState.OPEN, FlagState.ANSWERED)


class DuplicateFlagQuerySet(models.QuerySet):
    def current(self):
        """Flags still in play (not superseded by a later screening)."""
        return self.exclude(state=FlagState.SUPERSEDED)

    def unruled(self):
        return self.filter(state__in=UNRULED_STATES)


class DuplicateFlag(models.Model):
    request = models.ForeignKey("proposals.ProjectRequest", on_delete=models.CASCADE, related_name="duplicate_flags")
    budget_line = models.ForeignKey(
        "ministries.BudgetLine",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="flags",
        verbose_name=_("รายการงบประมาณของกระทรวง"),
    )
    other_request = models.ForeignKey(
        "proposals.ProjectRequest",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("คำขออื่นที่ซ้ำซ้อน"),
    )
    level = models.CharField(_("ระดับ"), max_length=20, choices=FlagLevel.choices)
    score = models.FloatField(_("คะแนน"))
    reasons = models.JSONField(_("เหตุผล"), default=list)  # Thai strings, one checkable fact each
    matched_terms = models.JSONField(_("คำที่ตรงกัน"), default=list, blank=True)
    screened_revision = models.PositiveIntegerField(_("ฉบับที่ตรวจ"))
    state = models.CharField(
        _("สถานะ"), max_length=30, choices=FlagState.choices, default=FlagState.OPEN, db_index=True
    )
    planner_response_kind = models.CharField(
        _("คำชี้แจงของจังหวัด"), max_length=20, choices=ResponseKind.choices, blank=True
    )
    planner_response = models.TextField(_("รายละเอียดคำชี้แจง"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    ruling_reason = models.TextField(_("เหตุผลการวินิจฉัย"), blank=True)
    ruled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ruled_at = models.DateTimeField(null=True, blank=True)
    # R6 two-sided evidence: the ministry/department that owns the flagged budget line says
    # whether it is the same work; the planner and the deciding reviewer read it (issue 10).
    owner_answer = models.CharField(
        _("คำตอบของเจ้าของรายการงบประมาณ"), max_length=20, choices=OwnerAnswer.choices, blank=True
    )
    owner_note = models.TextField(_("หมายเหตุของเจ้าของรายการงบประมาณ"), blank=True)
    owner_answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DuplicateFlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("ผลตรวจความซ้ำซ้อน")
        verbose_name_plural = _("ผลตรวจความซ้ำซ้อน")
        ordering = ["request", "-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "budget_line", "screened_revision"],
                condition=Q(budget_line__isnull=False),
                name="uniq_flag_request_line_revision",
            ),
            models.UniqueConstraint(
                fields=["request", "other_request", "screened_revision"],
                condition=Q(other_request__isnull=False),
                name="uniq_flag_request_other_revision",
            ),
            models.CheckConstraint(
                condition=Q(budget_line__isnull=False, other_request__isnull=True)
                | Q(budget_line__isnull=True, other_request__isnull=False),
                name="flag_has_one_counterpart",
            ),
        ]

    def __str__(self):
        return f"{self.request_id} ~ {self.budget_line_id or self.other_request_id} ({self.level})"

    @property
    def is_unruled(self) -> bool:
        return self.state in UNRULED_STATES


class ScreeningRun(models.Model):
    """The claim that makes the screening task idempotent: one row per request revision and
    budget-lines version. A redelivered task finds the row `done` and does nothing; a task that
    died mid-run left it `running` (its flags were rolled back with it) and is simply retried."""

    class RunStatus(models.TextChoices):
        RUNNING = "running", _("กำลังตรวจ")
        DONE = "done", _("เสร็จ")
        FAILED = "failed", _("ไม่สำเร็จ")

    request = models.ForeignKey("proposals.ProjectRequest", on_delete=models.CASCADE, related_name="screening_runs")
    revision = models.PositiveIntegerField()
    # The budget lines' version the run screened against: an import of new lines re-screens the
    # same revision once more ("" for runs that did not depend on it).
    lines_version = models.CharField(max_length=80, default="", blank=True)
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.RUNNING)
    attempts = models.PositiveIntegerField(default=0)
    flags_stored = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("รอบการตรวจความซ้ำซ้อน")
        verbose_name_plural = _("รอบการตรวจความซ้ำซ้อน")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "revision", "lines_version"], name="uniq_screening_run"),
        ]

    def __str__(self):
        return f"{self.request_id} r{self.revision} {self.status}"
