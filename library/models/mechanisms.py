"""Coordination mechanisms per resource type (R10, 000 ประเด็น 3 items 1-3, 002 ประเด็น 3).

The seeds ask for the mechanism of each kind of resource to be drawn as a chart on the web site:
the national committee that links policy, the ministries' policy offices, the departments'
planning units, the field offices and the provinces/clusters, as nodes joined by links.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from clusters.models import localised


class ResourceType(models.Model):
    code = models.SlugField(_("รหัส"), max_length=40, unique=True)
    name_th = models.CharField(_("ด้าน/ทรัพยากร"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    description = models.TextField(_("คำอธิบาย"), blank=True)
    source = models.CharField(
        _("ที่มา"), max_length=300, blank=True, help_text=_("เช่น ผลการประชุม 18 ม.ค. 2553 กลุ่มที่ 4 ประเด็นที่ 3")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        verbose_name = _("ด้านทรัพยากร")
        verbose_name_plural = _("ด้านทรัพยากร")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The English name in English mode when there is one (issue 11), else the Thai."""
        return localised(self.name_th, self.name_en)


class NodeLevel(models.TextChoices):
    """Rows of the chart, top to bottom: policy first, the area last."""

    NATIONAL_COMMITTEE = "national_committee", _("คณะกรรมการระดับชาติ")
    MINISTRY = "ministry", _("กระทรวง/สนย.")
    DEPARTMENT = "department", _("กรม/หน่วยแผน")
    FIELD_OFFICE = "field_office", _("หน่วยงานส่วนภูมิภาค")
    AREA = "area", _("กลุ่มจังหวัด/จังหวัด")


LEVEL_ORDER = [level.value for level in NodeLevel]


class MechanismNode(models.Model):
    resource_type = models.ForeignKey(
        ResourceType, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("ด้านทรัพยากร")
    )
    level = models.CharField(_("ระดับ"), max_length=30, choices=NodeLevel.choices)
    name = models.CharField(_("ชื่อ"), max_length=200)
    ministry = models.ForeignKey(
        "ministries.Ministry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("กระทรวง"),
    )
    department = models.ForeignKey(
        "ministries.Department",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("กรม"),
    )
    field_office_kind = models.ForeignKey(
        "ministries.FieldOfficeKind",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ประเภทหน่วยงานส่วนภูมิภาค"),
    )
    description = models.TextField(_("บทบาท"), blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        verbose_name = _("หน่วยในกลไก")
        verbose_name_plural = _("หน่วยในกลไก")
        ordering = ["resource_type", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource_type", "name"],
                name="uniq_mechanism_node_name",
                violation_error_message=_("มีหน่วยชื่อนี้ในกลไกด้านนี้อยู่แล้ว"),
            )
        ]

    def __str__(self):
        return self.name


class MechanismLink(models.Model):
    resource_type = models.ForeignKey(
        ResourceType, on_delete=models.CASCADE, related_name="links", verbose_name=_("ด้านทรัพยากร")
    )
    source = models.ForeignKey(MechanismNode, on_delete=models.CASCADE, related_name="outgoing", verbose_name=_("จาก"))
    target = models.ForeignKey(MechanismNode, on_delete=models.CASCADE, related_name="incoming", verbose_name=_("ถึง"))
    label = models.CharField(_("ความสัมพันธ์"), max_length=200, blank=True, help_text=_("เช่น กำหนดนโยบาย เสนอแผนและคำขอ"))

    class Meta:
        verbose_name = _("ความเชื่อมโยงในกลไก")
        verbose_name_plural = _("ความเชื่อมโยงในกลไก")
        ordering = ["resource_type", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target"], name="uniq_mechanism_link", violation_error_message=_("มีความเชื่อมโยงนี้อยู่แล้ว")
            ),
            models.CheckConstraint(condition=~Q(source=F("target")), name="mechanism_link_not_self"),
        ]

    def __str__(self):
        return f"{self.source} → {self.target}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.source_id and self.target_id:
            if self.source_id == self.target_id:
                raise ValidationError(_("ต้องเชื่อมโยงหน่วยงานสองหน่วยที่ต่างกัน"))
            if (
                self.source.resource_type_id != self.resource_type_id
                or self.target.resource_type_id != self.resource_type_id
            ):
                raise ValidationError(_("หน่วยงานทั้งสองต้องอยู่ในกลไกด้านเดียวกัน"))
