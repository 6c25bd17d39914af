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


def approval_minutes_path(instance, filename):
    return f"plans/{instance.plan_id}/approval/{filename}"


class PlanApproval(models.Model):
    """R17: the existing committee's approval of the plan before its requests go in: the
    province's ก.บ.จ., the cluster's ก.บ.ก. (the seeds: existing bodies approve, no new ones)."""

    class CommitteeKind(models.TextChoices):
        KBJ = "kbj", _("ก.บ.จ. (คณะกรรมการบริหารงานจังหวัดแบบบูรณาการ)")
        KBK = "kbk", _("ก.บ.ก. (คณะกรรมการบริหารงานกลุ่มจังหวัดแบบบูรณาการ)")

    plan = models.OneToOneField(ActionPlan, on_delete=models.CASCADE, related_name="approval")
    committee = models.CharField(_("คณะกรรมการที่ให้ความเห็นชอบ"), max_length=10, choices=CommitteeKind.choices)
    meeting_date = models.DateField(_("วันประชุม"))
    resolution_number = models.CharField(_("มติที่ / ครั้งที่"), max_length=100)
    minutes = models.FileField(_("รายงานการประชุม"), upload_to=approval_minutes_path)
    minutes_name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    note = models.CharField(_("หมายเหตุ"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("มติคณะกรรมการเห็นชอบแผน")
        verbose_name_plural = _("มติคณะกรรมการเห็นชอบแผน")

    def __str__(self):
        return f"{self.get_committee_display()} {self.resolution_number}"
