"""The territory: regions, provinces, provincial clusters and their offices.

Cluster membership is data that changes over fiscal years (the 2552 BE arrangement was re-drawn
in 2560 BE; Bueng Kan joined in 2555), so it lives in ClusterMembership rows with validity,
never in code.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.validity import ValidForYears, ValidityQuerySet


class Region(models.Model):
    code = models.SlugField(_("รหัส"), unique=True)
    name_th = models.CharField(_("ชื่อภาค"), max_length=100)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100)

    class Meta:
        verbose_name = _("ภาค")
        verbose_name_plural = _("ภาค")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The English name in English mode when there is one (issue 11), else the Thai."""
        return localised(self.name_th, self.name_en)


class Province(ValidForYears):
    name_th = models.CharField(_("ชื่อจังหวัด"), max_length=100, unique=True)
    # DOPA (กรมการปกครอง) province code, filled from the gazetteer by load_reference
    code = models.CharField(_("รหัสจังหวัด (กรมการปกครอง)"), max_length=2, blank=True, db_index=True)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="provinces", verbose_name=_("ภาค"))

    class Meta:
        verbose_name = _("จังหวัด")
        verbose_name_plural = _("จังหวัด")
        ordering = ["name_th"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The English name in English mode when there is one (issue 11), else the Thai."""
        return localised(self.name_th, self.name_en)


def localised(name_th: str, name_en: str) -> str:
    """`name_en` when the interface is in English and there is one, else `name_th`."""
    from django.utils.translation import get_language

    return name_en if name_en and (get_language() or "").startswith("en") else name_th


class Amphoe(models.Model):
    """A district (อำเภอ/เขต) of the gazetteer, keyed by its 4-digit DOPA code.

    Reference data from clusters/data/thai_admin_areas.csv.gz (MIT licence, notice beside it);
    request locations point here so places are chosen, not typed (R4, issue 11).
    """

    code = models.CharField(_("รหัสอำเภอ"), max_length=4, unique=True)
    name_th = models.CharField(_("ชื่ออำเภอ"), max_length=100)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100, blank=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="amphoes", verbose_name=_("จังหวัด"))

    class Meta:
        verbose_name = _("อำเภอ")
        verbose_name_plural = _("อำเภอ")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language: the English (an RTGS transliteration, issue 11) in
        English mode, else the Thai."""
        return localised(self.name_th, self.name_en)


class Tambon(models.Model):
    """A subdistrict (ตำบล/แขวง) of the gazetteer, keyed by its 6-digit DOPA code."""

    code = models.CharField(_("รหัสตำบล"), max_length=6, unique=True)
    name_th = models.CharField(_("ชื่อตำบล"), max_length=100)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100, blank=True)
    amphoe = models.ForeignKey(Amphoe, on_delete=models.PROTECT, related_name="tambons", verbose_name=_("อำเภอ"))
    postal_code = models.CharField(_("รหัสไปรษณีย์"), max_length=5, blank=True)

    class Meta:
        verbose_name = _("ตำบล")
        verbose_name_plural = _("ตำบล")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language: the English (an RTGS transliteration, issue 11) in
        English mode, else the Thai."""
        return localised(self.name_th, self.name_en)


class Cluster(ValidForYears):
    name_th = models.CharField(_("ชื่อกลุ่มจังหวัด"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="clusters", verbose_name=_("ภาค"))
    arrangement = models.CharField(
        _("ประกาศ ก.น.จ. ที่กำหนด"),
        max_length=200,
        blank=True,
        help_text=_("เช่น ประกาศ ก.น.จ. พ.ศ. 2552"),
    )
    provinces = models.ManyToManyField(Province, through="ClusterMembership", related_name="clusters")

    class Meta:
        verbose_name = _("กลุ่มจังหวัด")
        verbose_name_plural = _("กลุ่มจังหวัด")
        ordering = ["region__code", "name_th"]
        constraints = [models.UniqueConstraint(fields=["name_th", "valid_from"], name="uniq_cluster_name_from")]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The English name in English mode when there is one (issue 11), else the Thai."""
        return localised(self.name_th, self.name_en)

    def provinces_in(self, fiscal_year: int):
        return Province.objects.filter(
            pk__in=ClusterMembership.objects.for_fiscal_year(fiscal_year).filter(cluster=self).values("province")
        )


class ClusterMembership(ValidForYears):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="memberships")
    is_lead = models.BooleanField(_("จังหวัดศูนย์ปฏิบัติการกลุ่มจังหวัด"), default=False)

    class Meta:
        verbose_name = _("สมาชิกกลุ่มจังหวัด")
        verbose_name_plural = _("สมาชิกกลุ่มจังหวัด")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "province", "valid_from"], name="uniq_cluster_province_from")
        ]

    def __str__(self):
        return f"{self.province} ∈ {self.cluster} ({self.valid_from}-{self.valid_to or ''})"


class OfficeQuerySet(ValidityQuerySet):
    def provinces(self):
        return self.filter(kind=Office.Kind.PROVINCE)

    def clusters(self):
        return self.filter(kind=Office.Kind.CLUSTER)


class Office(ValidForYears):
    """A planning office: the provincial office (สำนักงานจังหวัด) or a cluster's office.

    Plans and requests belong to an office; planners and cluster officers are members of one.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("สำนักงานจังหวัด")
        CLUSTER = "cluster", _("สำนักงานกลุ่มจังหวัด")

    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices)
    province = models.OneToOneField(Province, null=True, blank=True, on_delete=models.CASCADE, related_name="office")
    cluster = models.OneToOneField(Cluster, null=True, blank=True, on_delete=models.CASCADE, related_name="office")
    name_th = models.CharField(_("ชื่อหน่วยงาน"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    address = models.TextField(_("ที่อยู่"), blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=100, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("สำนักงาน (จังหวัด/กลุ่มจังหวัด)")
        verbose_name_plural = _("สำนักงาน (จังหวัด/กลุ่มจังหวัด)")
        ordering = ["kind", "name_th"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="province", province__isnull=False, cluster__isnull=True))
                | (Q(kind="cluster", cluster__isnull=False, province__isnull=True)),
                name="office_kind_matches_owner",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The English name in English mode when there is one (issue 11), else the Thai."""
        return localised(self.name_th, self.name_en)

    def province_ids(self, fiscal_year: int) -> list[int]:
        """Provinces this office plans for: its own, or its cluster's members that year."""
        if self.kind == self.Kind.PROVINCE:
            return [self.province_id]
        return list(
            ClusterMembership.objects.for_fiscal_year(fiscal_year)
            .filter(cluster_id=self.cluster_id)
            .values_list("province_id", flat=True)
        )


class StrategicIssue(models.Model):
    """A province's or cluster's development-plan strategic issue (ประเด็นยุทธศาสตร์) for a plan period."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="strategic_issues", verbose_name=_("สำนักงาน")
    )
    period_start = models.PositiveIntegerField(_("แผนพัฒนาตั้งแต่ปี (พ.ศ.)"))
    period_end = models.PositiveIntegerField(_("ถึงปี (พ.ศ.)"))
    number = models.PositiveSmallIntegerField(_("ลำดับ"))
    title = models.CharField(_("ประเด็นยุทธศาสตร์"), max_length=500)
    goal = models.TextField(_("เป้าประสงค์"), blank=True)
    target_industry = models.CharField(
        _("อุตสาหกรรม/สาขาเป้าหมาย"),
        max_length=200,
        blank=True,
        help_text=_("ใช้เทียบความสอดคล้องกับยุทธศาสตร์กระทรวง"),
    )

    class Meta:
        verbose_name = _("ประเด็นยุทธศาสตร์จังหวัด/กลุ่มจังหวัด")
        verbose_name_plural = _("ประเด็นยุทธศาสตร์จังหวัด/กลุ่มจังหวัด")
        ordering = ["office", "period_start", "number"]
        constraints = [
            models.UniqueConstraint(fields=["office", "period_start", "number"], name="uniq_issue_number"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="issue_period_order"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def covers(self, fiscal_year: int) -> bool:
        return self.period_start <= fiscal_year <= self.period_end
