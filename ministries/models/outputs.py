"""The ministry's structure (R21): its outputs and projects (ผลผลิต/โครงการ) per fiscal year.

The ministries budget by output, which does not otherwise fit provincial requests (002 ประเด็น 5
item 1), so a request asking for a ministry's support names the output or project it could be
funded under. The list is loaded from the OUTPUT/PROJECT columns of the budget lines when they are
imported or uploaded, and kept by the ministry (add, rename, retire).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_NAME = 500


class OutputKind(models.TextChoices):
    OUTPUT = "output", _("ผลผลิต")
    PROJECT = "project", _("โครงการ")


class MinistryOutputQuerySet(models.QuerySet):
    def for_fiscal_year(self, fiscal_year: int):
        return self.filter(fiscal_year=fiscal_year)

    def active(self):
        return self.filter(is_active=True)

    def of_ministry(self, ministry_id, department_id=None):
        """A ministry's list; narrowed to a department's own and the ministry-wide entries."""
        queryset = self.filter(ministry_id=ministry_id)
        if department_id:
            queryset = queryset.filter(Q(department_id=department_id) | Q(department__isnull=True))
        return queryset


class MinistryOutput(models.Model):
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), db_index=True)
    ministry = models.ForeignKey(
        "ministries.Ministry", on_delete=models.CASCADE, related_name="outputs", verbose_name=_("กระทรวง")
    )
    department = models.ForeignKey(
        "ministries.Department",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outputs",
        verbose_name=_("กรม"),
    )
    kind = models.CharField(_("ประเภท"), max_length=10, choices=OutputKind.choices)
    name = models.CharField(_("ชื่อผลผลิต/โครงการ"), max_length=MAX_NAME)
    is_active = models.BooleanField(_("ใช้งาน"), default=True)
    from_lines = models.BooleanField(_("มาจากรายการงบประมาณ"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MinistryOutputQuerySet.as_manager()

    class Meta:
        verbose_name = _("ผลผลิต/โครงการของกระทรวง")
        verbose_name_plural = _("ผลผลิต/โครงการของกระทรวง")
        ordering = ["fiscal_year", "ministry", "department", "kind", "name"]
        constraints = [
            # NULL departments are distinct in a plain unique index: two partial ones instead
            models.UniqueConstraint(
                fields=["fiscal_year", "department", "kind", "name"],
                condition=Q(department__isnull=False),
                name="uniq_output_per_department",
            ),
            models.UniqueConstraint(
                fields=["fiscal_year", "ministry", "kind", "name"],
                condition=Q(department__isnull=True),
                name="uniq_output_per_ministry",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name}"

    @property
    def owner_label(self) -> str:
        return str(self.department or self.ministry)
