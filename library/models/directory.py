"""The integration team directory (R12, 000 ประเด็น 3 item 5): who coordinates, and how to reach them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.roles import scope_of

ORGANISATION_FIELDS = ("central_agency", "ministry", "department", "office", "field_office")


def _exactly_one_organisation() -> Q:
    condition = Q(pk__in=[])
    for chosen in ORGANISATION_FIELDS:
        condition |= Q(**{f"{f}__isnull": f != chosen for f in ORGANISATION_FIELDS})
    return condition


class DirectoryEntryQuerySet(models.QuerySet):
    def editable_by(self, user):
        scope = scope_of(user)
        if scope.is_central:
            return self
        condition = (
            Q(ministry__in=scope.ministry_ids)
            | Q(department__in=scope.department_ids)
            | Q(department__ministry__in=scope.ministry_ids)
            | Q(office__in=scope.office_ids)
            | Q(field_office__in=scope.field_office_ids)
        )
        return self.filter(condition)


class DirectoryEntry(models.Model):
    """One coordinating unit of one organisation. Exactly one organisation field is set: nullable
    foreign keys with a check constraint keep joins and per-organisation permissions plain."""

    central_agency = models.ForeignKey(
        "ministries.CentralAgency",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("หน่วยงานทีมบูรณาการกลาง"),
    )
    ministry = models.ForeignKey(
        "ministries.Ministry",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("กระทรวง"),
    )
    department = models.ForeignKey(
        "ministries.Department",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("กรม"),
    )
    office = models.ForeignKey(
        "clusters.Office",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("สำนักงานจังหวัด/กลุ่มจังหวัด"),
    )
    field_office = models.ForeignKey(
        "ministries.FieldOffice",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("หน่วยงานส่วนภูมิภาค"),
    )
    unit_name = models.CharField(
        _("หน่วยงาน/ส่วนงาน"), max_length=200, help_text=_("เช่น สำนักนโยบายและยุทธศาสตร์ กองแผนงาน")
    )
    coordination_role = models.TextField(_("บทบาทในการประสาน"), blank=True)
    contact_person = models.CharField(_("ผู้ประสานงาน"), max_length=200, blank=True)
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=100, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    website = models.URLField(_("เว็บไซต์"), blank=True)
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DirectoryEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("ทำเนียบผู้ประสานงาน")
        verbose_name_plural = _("ทำเนียบผู้ประสานงาน")
        ordering = ["order", "unit_name"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one_organisation(), name="directory_entry_one_organisation")
        ]

    def __str__(self):
        return f"{self.unit_name} ({self.organisation})"

    @property
    def organisation(self):
        return self.central_agency or self.department or self.ministry or self.office or self.field_office

    @property
    def group_ministry(self):
        """The ministry an entry is listed under on the public page (departments under theirs)."""
        if self.department_id:
            return self.department.ministry
        if self.field_office_id:
            return self.field_office.kind.ministry
        return self.ministry

    def clean(self):
        from django.core.exceptions import ValidationError

        chosen = [f for f in ORGANISATION_FIELDS if getattr(self, f"{f}_id") is not None]
        if len(chosen) != 1:
            raise ValidationError(_("กรุณาเลือกหน่วยงานเจ้าของข้อมูลเพียงหนึ่งหน่วยงาน"))
