"""The budget calendar (R8): dated phases per level, staggered so ministries see provincial
plans before their own requests close (000 ประเด็น 1 item 8; ประเด็น 4 item 2)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class PhaseKind(models.TextChoices):
    PROVINCE_SUBMISSION = "province_submission", _("จังหวัดส่งคำของบประมาณ")
    CLUSTER_SUBMISSION = "cluster_submission", _("กลุ่มจังหวัดส่งคำของบประมาณ")
    FIELD_REVIEW = "field_review", _("หน่วยงานส่วนภูมิภาคพิจารณา")
    MINISTRY_REVIEW = "ministry_review", _("กระทรวง/กรมพิจารณา")
    MINISTRY_OWN_REQUEST = "ministry_own_request", _("กระทรวงยื่นคำของบประมาณของตนเอง")
    COMMITTEE_REVIEW = "committee_review", _("ก.น.จ. พิจารณา")


class CalendarPhase(models.Model):
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    kind = models.CharField(_("ขั้นตอน"), max_length=40, choices=PhaseKind.choices)
    opens_on = models.DateField(_("เริ่ม"))
    closes_on = models.DateField(_("สิ้นสุด (กำหนดส่ง)"))
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ปฏิทินงบประมาณ")
        verbose_name_plural = _("ปฏิทินงบประมาณ")
        ordering = ["fiscal_year", "opens_on"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "kind"], name="uniq_phase_per_year"),
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="phase_dates_order"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.fiscal_year}"


class DeadlineExtension(models.Model):
    """The central team may give one office more time in one phase."""

    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    kind = models.CharField(_("ขั้นตอน"), max_length=40, choices=PhaseKind.choices)
    office = models.ForeignKey(
        "clusters.Office", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("สำนักงาน")
    )
    ministry = models.ForeignKey(
        "ministries.Ministry", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("กระทรวง")
    )
    field_office = models.ForeignKey(
        "ministries.FieldOffice", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("หน่วยงานส่วนภูมิภาค")
    )
    closes_on = models.DateField(_("ขยายถึง"))
    reason = models.TextField(_("เหตุผล"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("การขยายกำหนดส่ง")
        verbose_name_plural = _("การขยายกำหนดส่ง")
        ordering = ["-granted_at"]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.closes_on}"


class DeadlineReminder(models.Model):
    """One reminder sent to one party for one phase at one offset (7 or 2 days before): the
    unique row is the claim that makes the daily task idempotent (STYLE habit 7). R8 reminds every
    party with a deadline: `party` names it ("office:12", "field_office:3", "ministry:5",
    "department:9"); `office` is kept for the offices' rows."""

    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    kind = models.CharField(_("ขั้นตอน"), max_length=40, choices=PhaseKind.choices)
    party = models.CharField(_("ผู้ได้รับการเตือน"), max_length=60)
    office = models.ForeignKey(
        "clusters.Office", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("สำนักงาน")
    )
    days_before = models.PositiveSmallIntegerField(_("ล่วงหน้า (วัน)"))
    closes_on = models.DateField(_("กำหนดส่ง"))
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("การเตือนกำหนดส่ง")
        verbose_name_plural = _("การเตือนกำหนดส่ง")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "kind", "party", "days_before"], name="uniq_deadline_reminder_party"
            ),
        ]
