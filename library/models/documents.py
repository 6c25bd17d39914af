"""The plans library (R11, 000 ประเด็น 3 item 4): plans published on the site instead of on paper.

A document is the stable thing people link to; each upload (or each re-publication of an action
plan filed in the portal) is a DocumentVersion, and old versions stay listed and downloadable.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from portal.roles import scope_of
from portal.text import NO_LETTER_MESSAGE, has_letter
from portal.uploads import random_stored_name


class DocumentKind(models.TextChoices):
    DEVELOPMENT_PLAN = "development_plan", _("แผนพัฒนาจังหวัด/กลุ่มจังหวัด")
    ACTION_PLAN = "action_plan", _("แผนปฏิบัติราชการประจำปี")
    ENVIRONMENT_PLAN = "environment_plan", _("แผนจัดการคุณภาพสิ่งแวดล้อม")
    INDUSTRY_PLAN = "industry_plan", _("แผนพัฒนาอุตสาหกรรมกลุ่มจังหวัด (ส.อ.ท.)")
    WORKSHOP_MINUTES = "workshop_minutes", _("รายงานการประชุมเชิงปฏิบัติการ")
    OTHER = "other", _("เอกสารอื่น ๆ")


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def editable_by(self, user):
        """Documents this user may change: the central team all; an office its own; a ministry's
        reviewers (or its departments' planning units) the ministry's."""
        scope = scope_of(user)
        if scope.is_central:
            return self
        condition = Q(office__in=scope.office_ids) | Q(ministry__in=scope.reviewer_ministry_ids)
        if not scope.office_ids and not scope.reviewer_ministry_ids:
            return self.none()
        return self.filter(condition)

    def visible_to(self, user):
        """Published documents for everyone, unpublished ones for those who may edit them."""
        return self.filter(Q(is_published=True) | Q(pk__in=self.editable_by(user).values("pk")))

    def for_fiscal_year(self, fiscal_year: int):
        return self.filter(fiscal_year_from__lte=fiscal_year).filter(
            Q(fiscal_year_to__gte=fiscal_year) | Q(fiscal_year_to__isnull=True, fiscal_year_from=fiscal_year)
        )


class Document(models.Model):
    kind = models.CharField(_("ประเภทเอกสาร"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("ชื่อเอกสาร"), max_length=300)
    description = models.TextField(_("คำอธิบาย"), blank=True)
    office = models.ForeignKey(
        "clusters.Office",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="library_documents",
        verbose_name=_("สำนักงานจังหวัด/กลุ่มจังหวัด"),
    )
    ministry = models.ForeignKey(
        "ministries.Ministry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="library_documents",
        verbose_name=_("กระทรวง"),
    )
    fiscal_year_from = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.) ตั้งแต่"), null=True, blank=True)
    fiscal_year_to = models.PositiveIntegerField(_("ถึงปีงบประมาณ (พ.ศ.)"), null=True, blank=True)
    plan_period = models.CharField(_("ช่วงเวลาของแผน"), max_length=100, blank=True, help_text=_("เช่น พ.ศ. 2553-2556"))
    tags = models.CharField(_("คำสำคัญ"), max_length=300, blank=True, help_text=_("คั่นด้วยจุลภาค เช่น น้ำ, ลุ่มน้ำชี"))
    is_published = models.BooleanField(_("เผยแพร่ต่อสาธารณะ"), default=True)
    # R22: a plan kept elsewhere (สผ.'s or ส.อ.ท.'s site) is cited by its address when no file is uploaded
    external_url = models.URLField(_("ลิงก์เอกสาร"), max_length=500, blank=True)
    # ASCII and never changed after creation: the document's stable address (R11)
    slug = models.SlugField(_("รหัสเอกสาร"), max_length=80, unique=True, editable=False)
    source_plan = models.OneToOneField(
        "proposals.ActionPlan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_document",
        verbose_name=_("แผนปฏิบัติราชการในระบบ"),
    )
    # title + description + tags, NFC-normalised and case-folded: what the Thai search scans
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("เอกสารในคลังแผน")
        verbose_name_plural = _("เอกสารในคลังแผน")
        ordering = ["-fiscal_year_from", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fiscal_year_from__isnull=True) | Q(fiscal_year_from__gte=2500, fiscal_year_from__lte=2700),
                name="document_year_from_is_be",
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year_to__isnull=True)
                | Q(fiscal_year_from__isnull=False, fiscal_year_to__gte=F("fiscal_year_from")),
                name="document_year_order",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("library:document-detail", kwargs={"slug": self.slug})

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if not (self.title or "").strip():
            errors["title"] = _("กรุณากรอกชื่อเอกสาร")
        elif not has_letter(self.title):
            errors["title"] = NO_LETTER_MESSAGE
        for field in ("fiscal_year_from", "fiscal_year_to"):
            value = getattr(self, field)
            if value is not None and not 2500 <= value <= 2700:
                errors[field] = _("กรุณากรอกปีเป็นพุทธศักราช (พ.ศ.) เช่น 2554")
        if self.fiscal_year_to is not None:
            if self.fiscal_year_from is None:
                errors["fiscal_year_from"] = _("กรุณาระบุปีเริ่มต้นก่อนปีสิ้นสุด")
            elif self.fiscal_year_to < self.fiscal_year_from:
                errors["fiscal_year_to"] = _("ปีสิ้นสุดต้องไม่ก่อนปีเริ่มต้น")
        if errors:
            raise ValidationError(errors)

    @property
    def years_label(self) -> str:
        if self.fiscal_year_from and self.fiscal_year_to and self.fiscal_year_to != self.fiscal_year_from:
            return f"{self.fiscal_year_from}–{self.fiscal_year_to}"
        return str(self.fiscal_year_from or "")

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]

    @property
    def latest_version(self):
        return self.versions.order_by("-number").first()


def version_path(instance, filename):
    # A random stored name (issue 13): a user's file name never becomes a path, and neither the
    # document id nor the version number can be enumerated; the extension is the checked one. The
    # original name is kept for the download's Content-Disposition; files are only served by the
    # permission-checked download view.
    return random_stored_name("library", filename, instance.extension)


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("ฉบับที่"))
    file = models.FileField(_("ไฟล์"), upload_to=version_path, max_length=300)
    original_name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    content_type = models.CharField(_("ชนิดไฟล์"), max_length=150)
    size = models.PositiveBigIntegerField(_("ขนาด (ไบต์)"))
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("หมายเหตุฉบับนี้"), max_length=300, blank=True)
    # issue 11: the file's text (PDF/DOCX/XLSX), extracted once at upload for the library search
    text = models.TextField(_("ข้อความในไฟล์"), blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ฉบับของเอกสาร")
        verbose_name_plural = _("ฉบับของเอกสาร")
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="uniq_document_version_number")]

    def __str__(self):
        return f"{self.document} ฉบับที่ {self.number}"

    @property
    def extension(self) -> str:
        from library.uploads import EXTENSION_FOR_TYPE

        return EXTENSION_FOR_TYPE.get(self.content_type, "")

    @property
    def type_label(self) -> str:
        from library.uploads import LABEL_FOR_TYPE

        return LABEL_FOR_TYPE.get(self.content_type, self.content_type)
