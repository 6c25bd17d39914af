"""Ministry support envelopes (R15): the share (10-20%) or amount of a ministry's budget reserved
for cluster and province projects that do not duplicate its own and matter most
(000 ประเด็น 5 item 1; 002 ประเด็น 5 item 1). Endorsements draw on it."""

from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _


class SupportEnvelopeQuerySet(models.QuerySet):
    def for_fiscal_year(self, fiscal_year: int):
        return self.filter(fiscal_year=fiscal_year)

    def with_used(self):
        return self.annotate(
            used_amount=Sum("draws__amount", filter=Q(draws__released_at__isnull=True), default=Decimal(0))
        )


class SupportEnvelope(models.Model):
    ministry = models.ForeignKey(
        "ministries.Ministry", on_delete=models.PROTECT, related_name="support_envelopes", verbose_name=_("กระทรวง")
    )
    department = models.ForeignKey(
        "ministries.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_envelopes",
        verbose_name=_("กรม"),
        help_text=_("เว้นว่าง = กรอบของทั้งกระทรวง"),
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), db_index=True)
    base_budget = models.DecimalField(
        _("งบประมาณของกระทรวง/กรม (บาท)"),
        max_digits=16,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    share_percent = models.DecimalField(
        _("สัดส่วนที่สงวนไว้ (ร้อยละ)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("เช่น ร้อยละ 10-20 ของงบประมาณ"),
    )
    fixed_amount = models.DecimalField(
        _("หรือวงเงินที่กำหนด (บาท)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    note = models.CharField(_("หมายเหตุ"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SupportEnvelopeQuerySet.as_manager()

    class Meta:
        verbose_name = _("กรอบวงเงินสนับสนุนจังหวัด/กลุ่มจังหวัด")
        verbose_name_plural = _("กรอบวงเงินสนับสนุนจังหวัด/กลุ่มจังหวัด")
        ordering = ["-fiscal_year", "ministry__name_th", "department__name_th"]
        constraints = [
            models.UniqueConstraint(
                fields=["ministry", "fiscal_year"],
                condition=Q(department__isnull=True),
                name="one_ministry_envelope_per_year",
            ),
            models.UniqueConstraint(
                fields=["ministry", "department", "fiscal_year"],
                condition=Q(department__isnull=False),
                name="one_department_envelope_per_year",
            ),
            models.CheckConstraint(
                condition=Q(share_percent__isnull=False) | Q(fixed_amount__isnull=False),
                name="envelope_has_share_or_amount",
            ),
        ]

    def __str__(self):
        owner = self.department or self.ministry
        return f"{owner} {self.fiscal_year}"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.share_percent is None and self.fixed_amount is None:
            errors["share_percent"] = _("กรุณาระบุสัดส่วนร้อยละ หรือวงเงินที่กำหนด อย่างใดอย่างหนึ่ง")
        if self.share_percent is not None and not self.base_budget:
            errors["base_budget"] = _("กรุณาระบุงบประมาณของกระทรวง/กรมเพื่อคำนวณตามสัดส่วน")
        if self.department_id and self.ministry_id and self.department.ministry_id != self.ministry_id:
            errors["department"] = _("กรมนี้ไม่อยู่ในกระทรวงที่เลือก")
        if errors:
            raise ValidationError(errors)

    @property
    def limit(self) -> Decimal:
        """A fixed amount wins over the share (the ministry may round its reservation)."""
        if self.fixed_amount is not None:
            return self.fixed_amount
        share = (self.base_budget or Decimal(0)) * (self.share_percent or Decimal(0)) / Decimal(100)
        return share.quantize(Decimal("0.01"), rounding=ROUND_DOWN)

    @property
    def owner_label(self) -> str:
        if self.department_id:
            return f"{self.ministry.abbreviation or self.ministry.name} / {self.department.name}"
        return self.ministry.name


class EnvelopeDraw(models.Model):
    """One endorsed request's claim on an envelope. Released (not deleted) when the request
    leaves the running (withdrawn or not approved), so the audit trail keeps it."""

    envelope = models.ForeignKey(
        SupportEnvelope, on_delete=models.PROTECT, related_name="draws", verbose_name=_("กรอบวงเงิน")
    )
    request = models.OneToOneField(
        "proposals.ProjectRequest",
        on_delete=models.PROTECT,
        related_name="envelope_draw",
        verbose_name=_("คำของบประมาณ"),
    )
    amount = models.DecimalField(
        _("วงเงิน (บาท)"), max_digits=15, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(_("คืนกรอบเมื่อ"), null=True, blank=True)

    class Meta:
        verbose_name = _("การใช้กรอบวงเงินสนับสนุน")
        verbose_name_plural = _("การใช้กรอบวงเงินสนับสนุน")
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="draw_amount_positive")]

    def __str__(self):
        return f"{self.envelope} ← {self.request_id}: {self.amount}"


class EnvelopeChange(models.Model):
    """Audit of an envelope's limit being set or raised (R15: refused unless the ministry raises it)."""

    envelope = models.ForeignKey(SupportEnvelope, on_delete=models.CASCADE, related_name="changes")
    old_limit = models.DecimalField(_("วงเงินเดิม (บาท)"), max_digits=16, decimal_places=2, null=True, blank=True)
    new_limit = models.DecimalField(_("วงเงินใหม่ (บาท)"), max_digits=16, decimal_places=2)
    reason = models.TextField(_("เหตุผล"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ประวัติการปรับกรอบวงเงิน")
        verbose_name_plural = _("ประวัติการปรับกรอบวงเงิน")
        ordering = ["-changed_at"]
