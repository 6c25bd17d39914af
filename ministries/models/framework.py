"""The responsibility framework (R5): which kinds of work belong to which ministry or department,
and whether provinces may fund them too, so provinces do not request what a ministry already
funds (000 ประเด็น 1 item 5). Maintained by the central team, versioned by fiscal year."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ResponsibilityRuleQuerySet(models.QuerySet):
    def for_fiscal_year(self, fiscal_year: int):
        return self.filter(year_from__lte=fiscal_year).filter(Q(year_to__isnull=True) | Q(year_to__gte=fiscal_year))

    def ministry_owned(self):
        """Rules that make a province's own request need a justification."""
        return self.filter(province_may_fund=False)


class ResponsibilityRule(models.Model):
    year_from = models.PositiveIntegerField(_("มีผลตั้งแต่ปีงบประมาณ (พ.ศ.)"))
    year_to = models.PositiveIntegerField(_("ถึงปีงบประมาณ (พ.ศ.)"), null=True, blank=True)
    category = models.ForeignKey(
        "ministries.WorkCategory",
        on_delete=models.CASCADE,
        related_name="responsibility_rules",
        verbose_name=_("หมวดงาน"),
    )
    ministry = models.ForeignKey(
        "ministries.Ministry",
        on_delete=models.CASCADE,
        related_name="responsibility_rules",
        verbose_name=_("กระทรวงที่รับผิดชอบ"),
    )
    department = models.ForeignKey(
        "ministries.Department",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("กรมที่รับผิดชอบ"),
    )
    province_may_fund = models.BooleanField(
        _("จังหวัด/กลุ่มจังหวัดจัดทำคำขอได้"),
        default=False,
        help_text=_("ไม่เลือก = เป็นภารกิจของกระทรวง จังหวัดต้องให้เหตุผลหากขอเอง"),
    )
    note = models.CharField(_("หมายเหตุ"), max_length=500, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResponsibilityRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("กรอบความรับผิดชอบ")
        verbose_name_plural = _("กรอบความรับผิดชอบ")
        ordering = ["category__ordering", "category__code", "ministry__name_th", "-year_from"]
        constraints = [
            models.UniqueConstraint(fields=["category", "ministry", "year_from"], name="uniq_rule_cell_from"),
            models.CheckConstraint(
                condition=Q(year_to__isnull=True) | Q(year_to__gte=F("year_from")), name="rule_years_order"
            ),
        ]

    def __str__(self):
        owner = self.department or self.ministry
        return f"{self.category} → {owner}"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.year_to is not None and self.year_from is not None and self.year_to < self.year_from:
            errors["year_to"] = _("ปีสิ้นสุดต้องไม่ก่อนปีเริ่มต้น")
        if self.department_id and self.ministry_id:
            # an id of no department is clean_fields' error; reading self.department would raise
            departments = self._meta.get_field("department").related_model.objects
            owner = departments.filter(pk=self.department_id).values_list("ministry_id", flat=True).first()
            if owner is not None and owner != self.ministry_id:
                errors["department"] = _("กรมนี้ไม่อยู่ในกระทรวงที่เลือก")
        if errors:
            raise ValidationError(errors)

    def covers(self, fiscal_year: int) -> bool:
        return self.year_from <= fiscal_year and (self.year_to is None or fiscal_year <= self.year_to)

    @property
    def owner_label(self) -> str:
        if self.department_id:
            return f"{self.ministry.abbreviation or self.ministry.name} / {self.department.name}"
        return self.ministry.name
