"""Fiscal-year validity shared by the registries: clusters and ministries are re-drawn over
the years, so every registry row says from which fiscal year (BE) to which it holds."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ValidityQuerySet(models.QuerySet):
    def for_fiscal_year(self, fiscal_year: int):
        return self.filter(valid_from__lte=fiscal_year).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=fiscal_year))


class ValidForYears(models.Model):
    valid_from = models.PositiveIntegerField(_("มีผลตั้งแต่ปีงบประมาณ (พ.ศ.)"), default=2553)
    valid_to = models.PositiveIntegerField(_("ถึงปีงบประมาณ (พ.ศ.)"), null=True, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("ปีสิ้นสุดต้องไม่ก่อนปีเริ่มต้น")})

    def is_valid_in(self, fiscal_year: int) -> bool:
        return self.valid_from <= fiscal_year and (self.valid_to is None or fiscal_year <= self.valid_to)
