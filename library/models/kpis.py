"""Joint KPIs between ministries and clusters/provinces (R13, 000 ประเด็น 3 item 6: "ใช้เวทีการ
ประชุมเชิงปฏิบัติการ ... รวมทั้งการกำหนด Joint KPI").

A joint KPI binds two sides, so one side's word is not enough: whatever one side proposes stays
pending until the other side confirms it (or asks for a change, with a note). The workshops where
both sides sit together are recorded; a KPI the central team records as agreed at a workshop is
agreed by both sides present there. Only agreed KPIs are listed as joint KPIs in public.

Two kinds of joint KPI exist: the workshop/library ones here (`JointKPI`), and the KPIs a request
marks as joint with a ministry (`proposals.RequestKPI`). The request form replaces its KPI rows on
every save, so a ministry's answer on a request KPI (`RequestKPIAgreement`) is keyed on what it
agreed to (request, ministry, name, target, unit): an edit of any of these makes it pending again,
an untouched KPI keeps its agreement across saves.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _


class AgreementStatus(models.TextChoices):
    PENDING = "pending", _("รอการยืนยันจากอีกฝ่าย")
    CHANGE_REQUESTED = "change_requested", _("อีกฝ่ายขอให้ปรับแก้")
    AGREED = "agreed", _("เห็นชอบร่วมกันแล้ว")


class ProposingSide(models.TextChoices):
    AREA = "area", _("กลุ่มจังหวัด/จังหวัด")
    MINISTRY = "ministry", _("กระทรวง/กรม")
    WORKSHOP = "workshop", _("ที่ประชุมเชิงปฏิบัติการ")


class Workshop(models.Model):
    """A workshop between ministries and clusters/provinces, and what it agreed (R13)."""

    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), db_index=True)
    held_on = models.DateField(_("วันที่จัด"))
    title = models.CharField(_("ชื่อการประชุม"), max_length=300)
    venue = models.CharField(_("สถานที่"), max_length=300, blank=True)
    notes = models.TextField(_("สรุปผลการประชุม"), blank=True)
    offices = models.ManyToManyField(
        "clusters.Office", related_name="workshops", blank=True, verbose_name=_("กลุ่มจังหวัด/จังหวัดที่เข้าร่วม")
    )
    ministries = models.ManyToManyField(
        "ministries.Ministry", related_name="+", blank=True, verbose_name=_("กระทรวงที่เข้าร่วม")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("การประชุมเชิงปฏิบัติการ")
        verbose_name_plural = _("การประชุมเชิงปฏิบัติการ")
        ordering = ["-fiscal_year", "-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2500, fiscal_year__lte=2700), name="workshop_year_is_be"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.held_on})"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if not (self.title or "").strip():
            errors["title"] = _("กรุณากรอกชื่อการประชุม")
        if self.fiscal_year is not None and not 2500 <= self.fiscal_year <= 2700:
            errors["fiscal_year"] = _("กรุณากรอกปีเป็นพุทธศักราช (พ.ศ.) เช่น 2554")
        if errors:
            raise ValidationError(errors)


class JointKPIQuerySet(models.QuerySet):
    def agreed(self):
        return self.filter(status=AgreementStatus.AGREED)

    def not_agreed(self):
        return self.exclude(status=AgreementStatus.AGREED)


class JointKPI(models.Model):
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), db_index=True)
    name = models.CharField(_("ตัวชี้วัด"), max_length=300)
    ministry = models.ForeignKey(
        "ministries.Ministry", on_delete=models.PROTECT, related_name="+", verbose_name=_("กระทรวง")
    )
    department = models.ForeignKey(
        "ministries.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("กรม"),
    )
    offices = models.ManyToManyField("clusters.Office", related_name="joint_kpis", verbose_name=_("กลุ่มจังหวัด/จังหวัด"))
    target = models.CharField(_("ค่าเป้าหมาย"), max_length=100, blank=True)
    unit = models.CharField(_("หน่วยนับ"), max_length=50, blank=True)
    result = models.CharField(_("ผลการดำเนินงาน"), max_length=200, blank=True)
    result_reported_on = models.DateField(_("วันที่รายงานผล"), null=True, blank=True)
    source = models.CharField(
        _("ที่มา"), max_length=300, blank=True, help_text=_("เช่น การประชุมเชิงปฏิบัติการ 18 มกราคม 2553")
    )
    # R13: who proposed it, and whether the other side has confirmed it
    status = models.CharField(
        _("สถานะความเห็นชอบ"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.PENDING
    )
    proposed_side = models.CharField(
        _("ฝ่ายที่เสนอ"), max_length=20, choices=ProposingSide.choices, default=ProposingSide.WORKSHOP
    )
    response_note = models.TextField(_("ความเห็นของอีกฝ่าย"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(_("ตอบเมื่อ"), null=True, blank=True)
    workshop = models.ForeignKey(
        Workshop,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kpis",
        verbose_name=_("เห็นชอบในการประชุม"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JointKPIQuerySet.as_manager()

    class Meta:
        verbose_name = _("ตัวชี้วัดร่วม")
        verbose_name_plural = _("ตัวชี้วัดร่วม")
        ordering = ["-fiscal_year", "ministry__name_th", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2500, fiscal_year__lte=2700), name="joint_kpi_year_is_be"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.fiscal_year})"

    @property
    def is_agreed(self) -> bool:
        return self.status == AgreementStatus.AGREED

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if not (self.name or "").strip():
            errors["name"] = _("กรุณากรอกชื่อตัวชี้วัด")
        if self.fiscal_year is not None and not 2500 <= self.fiscal_year <= 2700:
            errors["fiscal_year"] = _("กรุณากรอกปีเป็นพุทธศักราช (พ.ศ.) เช่น 2554")
        if self.department_id and self.ministry_id and self.department.ministry_id != self.ministry_id:
            errors["department"] = _("กรมนี้ไม่อยู่ในกระทรวงที่เลือก")
        if errors:
            raise ValidationError(errors)


class RequestKPIAgreement(models.Model):
    """The joint ministry's answer on a request's joint KPI (R13), keyed on what it answered."""

    request = models.ForeignKey(
        "proposals.ProjectRequest", on_delete=models.CASCADE, related_name="kpi_agreements", verbose_name=_("คำขอ")
    )
    ministry = models.ForeignKey("ministries.Ministry", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("ตัวชี้วัด"), max_length=300)
    target = models.CharField(_("ค่าเป้าหมาย"), max_length=100, blank=True)
    unit = models.CharField(_("หน่วยนับ"), max_length=50, blank=True)
    status = models.CharField(
        _("สถานะความเห็นชอบ"),
        max_length=20,
        choices=[
            (AgreementStatus.AGREED, AgreementStatus.AGREED.label),
            (AgreementStatus.CHANGE_REQUESTED, AgreementStatus.CHANGE_REQUESTED.label),
        ],
    )
    note = models.TextField(_("ความเห็นของกระทรวง"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(_("ตอบเมื่อ"), auto_now=True)

    class Meta:
        verbose_name = _("ความเห็นชอบตัวชี้วัดร่วมของคำขอ")
        verbose_name_plural = _("ความเห็นชอบตัวชี้วัดร่วมของคำขอ")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "ministry", "name", "target", "unit"], name="uniq_request_kpi_agreement"
            )
        ]

    def __str__(self):
        return f"{self.request_id}: {self.name} ({self.status})"


def matching_agreement(status: str | None = None):
    """Exists() over agreements answering a RequestKPI row as it now reads (for annotate/filter)."""
    rows = RequestKPIAgreement.objects.filter(
        request=OuterRef("request"),
        ministry=OuterRef("joint_ministry"),
        name=OuterRef("name"),
        target=OuterRef("target"),
        unit=OuterRef("unit"),
    )
    if status:
        rows = rows.filter(status=status)
    return Exists(rows)
