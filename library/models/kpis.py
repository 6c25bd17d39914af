"""Joint KPIs agreed at the workshops between ministries and clusters/provinces (R13,
000 ประเด็น 3 item 6). The requests' own joint KPIs live in proposals.RequestKPI; these are the
ones the central team records from the workshop forum."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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
