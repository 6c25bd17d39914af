"""Ministries, departments, field offices, ministry strategies and the central integration team.

Ministries are split and renamed over the years (the 2553 BE list has 20), so each row carries
its validity in fiscal years (BE).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusters.models import localised
from portal.validity import ValidForYears


class Ministry(ValidForYears):
    code = models.SlugField(_("รหัส"), max_length=40, unique=True)
    name_th = models.CharField(_("ชื่อกระทรวง"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    abbreviation = models.CharField(_("อักษรย่อ"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("กระทรวง")
        verbose_name_plural = _("กระทรวง")
        ordering = ["name_th"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The English name in English mode when there is one (issue 11), else the Thai."""
        return localised(self.name_th, self.name_en)


class Department(ValidForYears):
    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="departments", verbose_name=_("กระทรวง")
    )
    code = models.SlugField(_("รหัส"), max_length=40, unique=True)
    name_th = models.CharField(_("ชื่อกรม/หน่วยงาน"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    is_policy_office = models.BooleanField(
        _("เป็นสำนักงานปลัดกระทรวง/สนย."),
        default=False,
        help_text=_("หน่วยประสานนโยบายและยุทธศาสตร์ของกระทรวง"),
    )

    class Meta:
        verbose_name = _("กรม")
        verbose_name_plural = _("กรม")
        ordering = ["ministry__name_th", "name_th"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The English name in English mode when there is one (issue 11), else the Thai."""
        return localised(self.name_th, self.name_en)


class WorkCategory(models.Model):
    """The controlled list of kinds of work a request or budget line can be (roads, water, ...)."""

    code = models.SlugField(_("รหัส"), max_length=40, unique=True)
    name_th = models.CharField(_("หมวดงาน"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    is_natural_resource = models.BooleanField(_("งานทรัพยากรธรรมชาติและสิ่งแวดล้อม"), default=False)
    ordering = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        verbose_name = _("หมวดงาน")
        verbose_name_plural = _("หมวดงาน")
        ordering = ["ordering", "code"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The English name in English mode when there is one (issue 11), else the Thai."""
        return localised(self.name_th, self.name_en)


class FieldOfficeKind(models.Model):
    """A kind of provincial field office, e.g. ทสจ. of the natural resources ministry."""

    code = models.SlugField(_("รหัส"), max_length=40, unique=True)
    abbreviation = models.CharField(_("อักษรย่อ"), max_length=20)
    name_th = models.CharField(_("ชื่อ"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    ministry = models.ForeignKey(Ministry, on_delete=models.PROTECT, related_name="field_office_kinds")
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT)
    routed_categories = models.ManyToManyField(
        "ministries.WorkCategory",
        blank=True,
        related_name="routing_field_office_kinds",
        verbose_name=_("หมวดงานที่ต้องผ่านหน่วยงานนี้"),
        help_text=_("คำขอด้านทรัพยากรธรรมชาติและสิ่งแวดล้อมผ่าน ทสจ. ก่อนถึงกระทรวง"),
    )

    class Meta:
        verbose_name = _("ประเภทหน่วยงานส่วนภูมิภาค")
        verbose_name_plural = _("ประเภทหน่วยงานส่วนภูมิภาค")
        ordering = ["code"]

    def __str__(self):
        # The Thai abbreviation means nothing to an English reader: the English name alone.
        return localised(f"{self.abbreviation} {self.name_th}", self.name_en)


class FieldOffice(ValidForYears):
    """A ministry's office in one province (e.g. ทสจ.ขอนแก่น). Its staff act for the ministry's
    budget and for the province's (R9), so they can hold two memberships."""

    kind = models.ForeignKey(
        FieldOfficeKind, on_delete=models.PROTECT, related_name="offices", verbose_name=_("ประเภท")
    )
    province = models.ForeignKey(
        "clusters.Province", on_delete=models.PROTECT, related_name="field_offices", verbose_name=_("จังหวัด")
    )
    name_th = models.CharField(_("ชื่อหน่วยงาน"), max_length=200)
    phone = models.CharField(_("โทรศัพท์"), max_length=100, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)

    class Meta:
        verbose_name = _("หน่วยงานส่วนภูมิภาค")
        verbose_name_plural = _("หน่วยงานส่วนภูมิภาค")
        ordering = ["kind__code", "province__name_th"]
        constraints = [models.UniqueConstraint(fields=["kind", "province"], name="uniq_field_office_kind_province")]

    @property
    def name(self) -> str:
        """No English column: the Thai name is all there is (templates ask every place for `name`)."""
        return self.name_th

    def __str__(self):
        return self.name_th

    @property
    def ministry(self):
        return self.kind.ministry


class MinistryStrategy(models.Model):
    ministry = models.ForeignKey(
        Ministry, on_delete=models.CASCADE, related_name="strategies", verbose_name=_("กระทรวง")
    )
    period_start = models.PositiveIntegerField(_("ตั้งแต่ปี (พ.ศ.)"))
    period_end = models.PositiveIntegerField(_("ถึงปี (พ.ศ.)"))
    number = models.PositiveSmallIntegerField(_("ลำดับ"))
    title = models.CharField(_("ยุทธศาสตร์กระทรวง"), max_length=500)
    target_industry = models.CharField(_("อุตสาหกรรม/สาขาเป้าหมาย"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ยุทธศาสตร์กระทรวง")
        verbose_name_plural = _("ยุทธศาสตร์กระทรวง")
        ordering = ["ministry", "period_start", "number"]
        constraints = [
            models.UniqueConstraint(fields=["ministry", "period_start", "number"], name="uniq_strategy_number"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="strategy_period_order"),
        ]

    def __str__(self):
        return f"{self.ministry.abbreviation or self.ministry.name_th} {self.number}. {self.title}"

    def covers(self, fiscal_year: int) -> bool:
        return self.period_start <= fiscal_year <= self.period_end


class StrategicGoal(models.Model):
    strategy = models.ForeignKey(MinistryStrategy, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField(_("ลำดับ"))
    title = models.CharField(_("เป้าประสงค์เชิงยุทธศาสตร์"), max_length=500)

    class Meta:
        verbose_name = _("เป้าประสงค์เชิงยุทธศาสตร์")
        verbose_name_plural = _("เป้าประสงค์เชิงยุทธศาสตร์")
        ordering = ["strategy", "number"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class CentralAgency(models.Model):
    """An agency of the central integration team (ทีมบูรณาการกลาง): สศช., ส.กพร., สำนักงบประมาณ, มหาดไทย."""

    code = models.SlugField(_("รหัส"), max_length=40, unique=True)
    abbreviation = models.CharField(_("อักษรย่อ"), max_length=20)
    name_th = models.CharField(_("ชื่อหน่วยงาน"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    role_th = models.TextField(_("บทบาทในทีมบูรณาการกลาง"), blank=True)

    class Meta:
        verbose_name = _("หน่วยงานทีมบูรณาการกลาง")
        verbose_name_plural = _("หน่วยงานทีมบูรณาการกลาง")
        ordering = ["code"]

    def __str__(self):
        # The Thai abbreviation means nothing to an English reader: the English name alone.
        return localised(f"{self.abbreviation} {self.name_th}", self.name_en)
