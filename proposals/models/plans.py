from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionPlanQuerySet(models.QuerySet):
    def for_fiscal_year(self, fiscal_year: int):
        return self.filter(fiscal_year=fiscal_year)

    def visible_to(self, user):
        from proposals.models.scoping import plans_visible_to

        return plans_visible_to(self, user)


class ActionPlan(models.Model):
    """An office's annual government action plan (แผนปฏิบัติราชการประจำปี): one per office and year."""

    class PlanStatus(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        SUBMITTED = "submitted", _("ส่งแล้ว")
        PUBLISHED = "published", _("เผยแพร่แล้ว")

    office = models.ForeignKey(
        "clusters.Office", on_delete=models.PROTECT, related_name="plans", verbose_name=_("สำนักงาน")
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), db_index=True)
    title = models.CharField(_("ชื่อแผน"), max_length=300)
    vision = models.TextField(_("วิสัยทัศน์"), blank=True)
    strategic_issues = models.ManyToManyField(
        "clusters.StrategicIssue", blank=True, related_name="plans", verbose_name=_("ประเด็นยุทธศาสตร์ของแผนพัฒนา")
    )
    status = models.CharField(_("สถานะ"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("แผนปฏิบัติราชการประจำปี")
        verbose_name_plural = _("แผนปฏิบัติราชการประจำปี")
        ordering = ["-fiscal_year", "office__name_th"]
        constraints = [models.UniqueConstraint(fields=["office", "fiscal_year"], name="one_plan_per_office_year")]

    def __str__(self):
        return f"{self.title} ({self.fiscal_year})"

    def clean(self):
        from django.core.exceptions import ValidationError

        from portal.text import validate_title

        try:
            validate_title(self.title)
        except ValidationError as exc:
            raise ValidationError({"title": exc.messages}) from None
