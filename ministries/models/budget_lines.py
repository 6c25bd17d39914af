"""Ministries' budget lines (R6): the lines a province's request is screened against.

Loaded from the Budget Bureau's line-item files (`import_budget_lines`), one row per `REF`.
The facts the duplicate engine needs (places, roads, sites, kind of work, quantities) are
extracted once at import and stored in `facts`, so screening never re-reads the text.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PROVINCIAL_PREFIX = "จังหวัดและกลุ่มจังหวัด"


class BudgetLineImport(models.Model):
    """One run of the import, from the command line or the administrators' upload page."""

    class Status(models.TextChoices):
        RUNNING = "running", _("กำลังนำเข้า")
        DONE = "done", _("นำเข้าแล้ว")
        REJECTED = "rejected", _("ไม่นำเข้า (ข้อมูลผิดพลาด)")
        FAILED = "failed", _("ล้มเหลว")

    file_name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ผู้นำเข้า"),
    )
    source = models.CharField(_("ช่องทาง"), max_length=20, default="command")
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(_("เริ่ม"), auto_now_add=True)
    finished_at = models.DateTimeField(_("เสร็จ"), null=True, blank=True)
    elapsed_seconds = models.FloatField(_("เวลาที่ใช้ (วินาที)"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("จำนวนแถว"), default=0)
    created = models.PositiveIntegerField(_("เพิ่มใหม่"), default=0)
    updated = models.PositiveIntegerField(_("ปรับปรุง"), default=0)
    unchanged = models.PositiveIntegerField(_("ไม่เปลี่ยนแปลง"), default=0)
    error_count = models.PositiveIntegerField(_("แถวผิดพลาด"), default=0)
    errors = models.JSONField(_("รายการข้อผิดพลาด"), default=list, blank=True)  # [{row, column, message}], first 1,000
    fiscal_years = models.JSONField(_("ปีงบประมาณที่มีการเปลี่ยนแปลง"), default=list, blank=True)

    class Meta:
        verbose_name = _("การนำเข้ารายการงบประมาณ")
        verbose_name_plural = _("การนำเข้ารายการงบประมาณ")
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"


class LineSource(models.TextChoices):
    """Where a line comes from (R6): while provinces submit, the budget documents of the year do
    not exist yet, so the ministries' own requests of the cycle are what a request can repeat
    (000 ประเด็น 1 item 6: "ถ้ากระทรวงมีคำขอแล้ว ควรหลีกเลี่ยง")."""

    MINISTRY_REQUEST = "ministry_request", _("คำขอของกระทรวงปีนี้")
    BUDGET_DOCUMENT = "budget_document", _("เอกสารงบประมาณ")
    ENACTED = "enacted", _("งบประมาณตาม พ.ร.บ. (ประกาศใช้แล้ว)")


class BudgetLineQuerySet(models.QuerySet):
    def for_fiscal_year(self, fiscal_year: int):
        return self.filter(fiscal_year=fiscal_year)

    def ministry_lines(self):
        """Lines a request is checked against: everything but the provinces' own budgets."""
        return self.filter(is_provincial=False)

    def in_province(self, name: str):
        return self.filter(provinces__name=name)

    def own_requests(self):
        return self.filter(source=LineSource.MINISTRY_REQUEST)

    def owned_by(self, *, ministry_ids=(), department_ids=()):
        """Lines a ministry (all its departments' too) or a department owns (R6)."""
        return self.filter(Q(ministry__in=list(ministry_ids)) | Q(department__in=list(department_ids)))


class BudgetLine(models.Model):
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), db_index=True)
    ministry = models.ForeignKey(
        "ministries.Ministry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_lines",
        verbose_name=_("กระทรวง"),
    )
    ministry_text = models.CharField(_("กระทรวง (ตามเอกสาร)"), max_length=300)
    department = models.ForeignKey(
        "ministries.Department",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_lines",
        verbose_name=_("กรม"),
    )
    unit_text = models.CharField(_("หน่วยรับงบประมาณ (ตามเอกสาร)"), max_length=300)
    budget_plan = models.TextField(_("แผนงาน"), blank=True)
    output = models.TextField(_("ผลผลิต"), blank=True)
    project = models.TextField(_("โครงการ"), blank=True)
    category = models.TextField(_("หมวดรายจ่าย"), blank=True)
    item_text = models.TextField(_("รายการ"))
    amount = models.DecimalField(_("วงเงิน (บาท)"), max_digits=15, decimal_places=2)
    source_ref = models.CharField(_("อ้างอิง (REF)"), max_length=80, unique=True)
    ref_doc = models.CharField(_("เอกสาร"), max_length=40, blank=True)
    page = models.PositiveIntegerField(_("หน้า"), null=True, blank=True)
    obliged = models.BooleanField(_("รายการผูกพันข้ามปี"), null=True, blank=True)
    is_provincial = models.BooleanField(_("งบประมาณจังหวัด/กลุ่มจังหวัด"), default=False)
    facts = models.JSONField(_("ข้อเท็จจริงที่สกัดจากข้อความ"), default=dict, blank=True)
    # sha1 of the raw row: a re-import skips unchanged rows without re-extracting facts
    content_hash = models.CharField(max_length=40, blank=True)
    batch = models.ForeignKey(BudgetLineImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # R6: the source, and for a ministry's own request who entered it (the owner is the
    # ministry/department above, set from the uploader's membership, never from the file's text)
    source = models.CharField(
        _("ที่มาของรายการ"), max_length=20, choices=LineSource.choices, default=LineSource.BUDGET_DOCUMENT, db_index=True
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ผู้บันทึก"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("รายการงบประมาณของกระทรวง")
        verbose_name_plural = _("รายการงบประมาณของกระทรวง")
        ordering = ["fiscal_year", "source_ref"]
        indexes = [models.Index(fields=["fiscal_year", "is_provincial"])]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_amount_not_negative")]

    def __str__(self):
        return f"{self.source_ref} {self.item_text[:60]}"

    @property
    def own_ref(self) -> str:
        """The REF as its owner typed it (own requests are stored namespaced by their owner)."""
        if self.source == LineSource.MINISTRY_REQUEST and self.source_ref.startswith("MR"):
            return self.source_ref.split("-", 2)[-1]
        return self.source_ref

    @property
    def unit_label(self) -> str:
        return str(self.department) if self.department_id else self.unit_text


class BudgetLineProvince(models.Model):
    """A province a line's text (or its unit) places it in: the blocking key of screening and
    of the draft check, indexed so 'lines in this province and year' is one index range."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="provinces")
    name = models.CharField(_("จังหวัด"), max_length=100)
    province = models.ForeignKey(
        "clusters.Province", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"))

    class Meta:
        verbose_name = _("จังหวัดของรายการงบประมาณ")
        verbose_name_plural = _("จังหวัดของรายการงบประมาณ")
        constraints = [models.UniqueConstraint(fields=["line", "name"], name="uniq_budget_line_province")]
        indexes = [models.Index(fields=["fiscal_year", "name"])]

    def __str__(self):
        return self.name
