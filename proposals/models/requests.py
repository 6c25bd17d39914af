"""Project budget requests (คำของบประมาณ) and what hangs off them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.uploads import random_stored_name
from proposals.workflow import Status, StatusGroup


class Severity(models.TextChoices):
    """R3: how bad the problem is, assessed by the office (000 ประเด็น 1 item 3)."""

    LOW = "low", _("น้อย")
    MEDIUM = "medium", _("ปานกลาง")
    HIGH = "high", _("มาก")
    CRITICAL = "critical", _("วิกฤต")


class FundingChannel(models.TextChoices):
    PROVINCE = "province", _("งบประมาณจังหวัด")
    CLUSTER = "cluster", _("งบประมาณกลุ่มจังหวัด")
    MINISTRY_SUPPORT = "ministry_support", _("ขอรับการสนับสนุนจากกระทรวง/กรม")


class OwnerKind(models.TextChoices):
    """R18: who owns and carries out the project. A province's request often carries a field
    office's own project (000 ประเด็น 1 item 3), so the request says so."""

    OFFICE = "office", _("จังหวัด/กลุ่มจังหวัดดำเนินการเอง")
    FIELD_OFFICE = "field_office", _("หน่วยงานส่วนภูมิภาคในจังหวัด")
    DEPARTMENT = "department", _("กรม (ส่วนกลาง)")


# One FK per kind, the others empty: a check constraint keeps the row unambiguous.
OWNER_SHAPE = (
    Q(owner_kind=OwnerKind.OFFICE, owner_field_office__isnull=True, owner_department__isnull=True)
    | Q(owner_kind=OwnerKind.FIELD_OFFICE, owner_field_office__isnull=False, owner_department__isnull=True)
    | Q(owner_kind=OwnerKind.DEPARTMENT, owner_field_office__isnull=True, owner_department__isnull=False)
)


class ScreeningState(models.TextChoices):
    NOT_STARTED = "not_started", _("ยังไม่ตรวจสอบ")
    PENDING = "pending", _("รอตรวจสอบ")
    DONE = "done", _("ตรวจสอบแล้ว")
    FAILED = "failed", _("ตรวจสอบไม่สำเร็จ")


class ProjectRequestQuerySet(models.QuerySet):
    def for_fiscal_year(self, fiscal_year: int):
        return self.filter(fiscal_year=fiscal_year)

    def visible_to(self, user):
        from proposals.models.scoping import requests_visible_to

        return requests_visible_to(self, user)

    def open(self):
        return self.filter(status__in=StatusGroup.OPEN)


_STATUS_VALUES = frozenset(Status.values)  # Status.values builds a new list on each access


def office_sort_name_of(request) -> str:
    """The list sort key of a request: its office's name (from the loaded office when there is one)."""
    from clusters.models import Office

    if not request.office_id:
        return ""
    if ProjectRequest.office.is_cached(request):
        return request.office.name_th
    return Office.objects.filter(pk=request.office_id).values_list("name_th", flat=True).first() or ""


class ProjectRequest(models.Model):
    plan = models.ForeignKey(
        "proposals.ActionPlan", on_delete=models.PROTECT, related_name="requests", verbose_name=_("แผนปฏิบัติราชการ")
    )
    # office and fiscal_year repeat the plan's so lists can filter and scope without a join
    office = models.ForeignKey(
        "clusters.Office", on_delete=models.PROTECT, related_name="requests", verbose_name=_("สำนักงาน")
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), db_index=True)
    reference = models.CharField(_("เลขที่คำขอ"), max_length=60, unique=True)
    source_ref = models.CharField(
        _("อ้างอิงเอกสารงบประมาณ"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        help_text=_("REF ของแถวที่นำเข้าจากเอกสารงบประมาณ"),
    )

    title = models.CharField(_("ชื่อโครงการ"), max_length=500)
    description = models.TextField(_("รายละเอียด"), blank=True)
    objectives = models.TextField(_("วัตถุประสงค์"), blank=True)
    problem = models.TextField(_("ปัญหาที่ต้องการแก้ไข"), blank=True)
    evidence = models.TextField(_("ข้อมูลหลักฐานประกอบ"), blank=True)
    severity = models.CharField(_("ความรุนแรงของปัญหา"), max_length=20, choices=Severity.choices, blank=True)
    priority_rank = models.PositiveIntegerField(_("ลำดับความสำคัญ"), null=True, blank=True)

    category = models.ForeignKey(
        "ministries.WorkCategory", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("หมวดงาน")
    )
    strategic_issue = models.ForeignKey(
        "clusters.StrategicIssue",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("ประเด็นยุทธศาสตร์จังหวัด/กลุ่มจังหวัด"),
    )
    ministry_strategy = models.ForeignKey(
        "ministries.MinistryStrategy",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("ยุทธศาสตร์กระทรวง"),
    )
    funding_channel = models.CharField(
        _("แหล่งงบประมาณ"), max_length=20, choices=FundingChannel.choices, default=FundingChannel.PROVINCE
    )
    target_ministry = models.ForeignKey(
        "ministries.Ministry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("กระทรวงที่ขอรับการสนับสนุน"),
    )
    target_department = models.ForeignKey(
        "ministries.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("กรมที่ขอรับการสนับสนุน"),
    )
    # Who reviews: set when the request is submitted (target ministry, else the linked strategy's)
    reviewing_ministry = models.ForeignKey(
        "ministries.Ministry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_requests",
        verbose_name=_("กระทรวงผู้พิจารณา"),
    )
    reviewing_department = models.ForeignKey(
        "ministries.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_requests",
        verbose_name=_("กรมผู้พิจารณา"),
    )
    routed_field_office = models.ForeignKey(
        "ministries.FieldOffice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="routed_requests",
        verbose_name=_("หน่วยงานส่วนภูมิภาคที่ต้องผ่าน"),
    )
    # R19: the ministry or department ก.น.จ. referred the request to for support (set by "refer")
    referred_ministry = models.ForeignKey(
        "ministries.Ministry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referred_requests",
        verbose_name=_("กระทรวงที่ ก.น.จ. ส่งให้พิจารณาสนับสนุน"),
    )
    referred_department = models.ForeignKey(
        "ministries.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referred_requests",
        verbose_name=_("กรมที่ ก.น.จ. ส่งให้พิจารณาสนับสนุน"),
    )
    amount = models.DecimalField(
        _("วงเงิน (บาท)"), max_digits=15, decimal_places=2, validators=[MinValueValidator(0.01)]
    )
    # R18: the agency that owns and carries out the project
    owner_kind = models.CharField(
        _("หน่วยงานเจ้าของโครงการ"), max_length=20, choices=OwnerKind.choices, default=OwnerKind.OFFICE
    )
    owner_field_office = models.ForeignKey(
        "ministries.FieldOffice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_requests",
        verbose_name=_("หน่วยงานส่วนภูมิภาคเจ้าของโครงการ"),
    )
    owner_department = models.ForeignKey(
        "ministries.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_requests",
        verbose_name=_("กรมเจ้าของโครงการ"),
    )
    # R21: the supporting ministry's output or project the request could be funded under
    ministry_output = models.ForeignKey(
        "ministries.MinistryOutput",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("ผลผลิต/โครงการของกระทรวงที่รองรับ"),
    )

    is_critical_need = models.BooleanField(_("ความจำเป็นเร่งด่วน (ไม่มีหน่วยงานใดจัดงบให้)"), default=False)
    damage_justification = models.TextField(_("ความเสียหายหากไม่ดำเนินการ"), blank=True)
    framework_justification = models.TextField(
        _("เหตุผลที่จังหวัดต้องดำเนินการเอง"),
        blank=True,
        help_text=_("ตอบเมื่อหมวดงานเป็นภารกิจของกระทรวงตามกรอบความรับผิดชอบ"),
    )

    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_sources",
        verbose_name=_("รวมเข้ากับโครงการ"),
    )
    status = models.CharField(_("สถานะ"), max_length=30, choices=Status.choices, default=Status.DRAFT, db_index=True)
    # Bumped on every content change: optimistic locking for concurrent edits, and the
    # screening task's stale check (it skips work for a revision that is no longer current).
    revision = models.PositiveIntegerField(default=1)
    screening_state = models.CharField(
        max_length=20, choices=ScreeningState.choices, default=ScreeningState.NOT_STARTED
    )
    screened_revision = models.PositiveIntegerField(null=True, blank=True)
    # blank: requests imported from the budget documents have no creator in the portal
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Issue 15: the lists sort by office name; a copy on the row lets one index serve the
    # ORDER BY (a join cannot) so a page costs the same in a year of 300 or 23,000 requests.
    # Kept by save() (below), by the bulk loaders that bypass it, and on an office's rename
    # (clusters.hooks -> proposals.services.sort_keys).
    office_sort_name = models.CharField(max_length=200, blank=True, default="", editable=False)
    # issue 14: when the first `submit` event was written (set once by request_transition), so the
    # dashboard's deadline compliance and trend read a column instead of scanning the events
    first_submitted_at = models.DateTimeField(_("ส่งครั้งแรกเมื่อ"), null=True, blank=True, editable=False)

    objects = ProjectRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("คำของบประมาณ")
        verbose_name_plural = _("คำของบประมาณ")
        ordering = ["plan", "priority_rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "priority_rank"], name="unique_rank_in_plan"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="request_amount_positive"),
            models.CheckConstraint(condition=OWNER_SHAPE, name="request_owner_shape"),
        ]
        indexes = [
            models.Index(fields=["fiscal_year", "status"]),
            models.Index(fields=["reviewing_ministry", "status"]),
            # issue 15: a plan's size on each queue row (counted from the index alone)
            models.Index(fields=["plan", "status"], name="request_plan_status"),
            # issue 15: the ORDER BY of the request list and API (LIST_ORDER), walked in order
            models.Index(fields=["-fiscal_year", "office_sort_name", "priority_rank", "id"], name="request_list_order"),
            # ... and of the reviewer queue within a ministry / field office and status
            models.Index(
                fields=["reviewing_ministry", "status", "fiscal_year", "office_sort_name", "priority_rank", "id"],
                name="request_ministry_queue",
            ),
            models.Index(
                fields=["routed_field_office", "status", "fiscal_year", "office_sort_name", "priority_rank", "id"],
                name="request_field_queue",
            ),
            # the dashboard's first submissions by office and day (issue 14)
            models.Index(fields=["fiscal_year", "office", "first_submitted_at"], name="request_year_office_first_sub"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        # The sort key is a copy of a single-row fact (the office's name), not business logic:
        # refreshed when the row is new, has no key yet, or moved to another office.
        update_fields = kwargs.get("update_fields")
        touches_office = update_fields is None or {"office", "office_id"} & set(update_fields)
        if touches_office and (not self.office_sort_name or self.office_id != getattr(self, "_loaded_office_id", None)):
            self.office_sort_name = office_sort_name_of(self)
            if update_fields is not None:
                kwargs["update_fields"] = [*update_fields, "office_sort_name"]
        super().save(*args, **kwargs)
        self._loaded_office_id = self.office_id

    def clean(self):
        from portal.text import validate_title

        try:
            validate_title(self.title)
        except ValidationError as exc:
            raise ValidationError({"title": exc.messages}) from None
        errors = {**self._owner_errors(), **self._output_errors()}
        if errors:
            raise ValidationError(errors)

    def get_status_display(self):
        # Issue 15: Django's generic display hashes every choice (each a lazy translation) on each
        # call: a list page of 50 rows spent ~25 ms on its status badges
        return str(Status(self.status).label) if self.status in _STATUS_VALUES else self.status

    def _owner_errors(self) -> dict:
        """R18: the owning agency matches its kind; a field office is one of the request's provinces'."""
        if self.owner_kind == OwnerKind.FIELD_OFFICE:
            if not self.owner_field_office_id:
                return {"owner_field_office": _("เลือกหน่วยงานส่วนภูมิภาคเจ้าของโครงการ")}
            if self.office_id and self.owner_field_office.province_id not in self.office.province_ids(self.fiscal_year):
                return {"owner_field_office": _("หน่วยงานส่วนภูมิภาคต้องอยู่ในจังหวัดของสำนักงานเจ้าของคำขอ")}
            self.owner_department = None
        elif self.owner_kind == OwnerKind.DEPARTMENT:
            if not self.owner_department_id:
                return {"owner_department": _("เลือกกรมเจ้าของโครงการ")}
            self.owner_field_office = None
        else:
            self.owner_field_office = self.owner_department = None
        return {}

    def _output_errors(self) -> dict:
        """R21: the output/project is from the supporting ministry's list of the request's year."""
        output = self.ministry_output if self.ministry_output_id else None
        if output is None:
            return {}
        if self.funding_channel != FundingChannel.MINISTRY_SUPPORT:
            return {"ministry_output": _("ระบุผลผลิต/โครงการของกระทรวงได้เฉพาะคำขอที่ขอรับการสนับสนุนจากกระทรวง")}
        if (
            output.fiscal_year != self.fiscal_year
            or output.ministry_id != self.target_ministry_id
            or (self.target_department_id and output.department_id not in (None, self.target_department_id))
            or not output.is_active
        ):
            return {"ministry_output": _("ผลผลิต/โครงการนี้ไม่อยู่ในรายการของกระทรวงที่ขอรับการสนับสนุนในปีงบประมาณนี้")}
        return {}

    @property
    def owner_agency(self):
        """The owning agency (R18): the field office, the department, or the filing office."""
        if self.owner_kind == OwnerKind.FIELD_OFFICE:
            return self.owner_field_office
        if self.owner_kind == OwnerKind.DEPARTMENT:
            return self.owner_department
        return self.office

    @property
    def is_editable(self) -> bool:
        return self.status in StatusGroup.EDITABLE

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_office_id = instance.__dict__.get("office_id")
        return instance


class RequestLocation(models.Model):
    """Where the work is: one or more provinces, down to amphoe, tambon and village where known (R4).

    `district` and `subdistrict` point at the gazetteer by DOPA code; `amphoe` and `tambon` keep
    the names (copied from the gazetteer when picked), which the duplicate screening reads. Rows
    from before the gazetteer may carry a typed name with no code until `match_places` maps them.
    """

    request = models.ForeignKey(ProjectRequest, on_delete=models.CASCADE, related_name="locations")
    province = models.ForeignKey("clusters.Province", on_delete=models.PROTECT, verbose_name=_("จังหวัด"))
    district = models.ForeignKey(
        "clusters.Amphoe",
        to_field="code",
        db_column="amphoe_code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("อำเภอ"),
    )
    subdistrict = models.ForeignKey(
        "clusters.Tambon",
        to_field="code",
        db_column="tambon_code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ตำบล"),
    )
    village_no = models.PositiveSmallIntegerField(
        _("หมู่ที่"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    amphoe = models.CharField(_("ชื่ออำเภอ"), max_length=100, blank=True)
    tambon = models.CharField(_("ชื่อตำบล"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("พื้นที่ดำเนินการ")
        verbose_name_plural = _("พื้นที่ดำเนินการ")

    def __str__(self):
        from django.utils.translation import get_language

        if (get_language() or "").startswith("en"):
            # issue 11: gazetteer places in English (RTGS transliterations); typed ones as typed
            parts = [
                f"Village {self.village_no}" if self.village_no else "",
                self.subdistrict.name_en if self.subdistrict_id and self.subdistrict.name_en else self.tambon,
                self.district.name_en if self.district_id and self.district.name_en else self.amphoe,
                self.province.name_en or self.province.name_th,
            ]
            return ", ".join(p for p in parts if p)
        parts = [
            f"หมู่ {self.village_no}" if self.village_no else "",
            f"ต.{self.tambon}" if self.tambon else "",
            f"อ.{self.amphoe}" if self.amphoe else "",
            f"จ.{self.province}",
        ]
        return " ".join(p for p in parts if p)


class RequestYearAmount(models.Model):
    """Optional multi-year schedule of the amount."""

    request = models.ForeignKey(ProjectRequest, on_delete=models.CASCADE, related_name="year_amounts")
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    amount = models.DecimalField(
        _("วงเงิน (บาท)"), max_digits=15, decimal_places=2, validators=[MinValueValidator(0.01)]
    )

    class Meta:
        verbose_name = _("วงเงินรายปี")
        verbose_name_plural = _("วงเงินรายปี")
        ordering = ["fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["request", "fiscal_year"], name="uniq_request_year_amount")]


class RequestKPI(models.Model):
    request = models.ForeignKey(ProjectRequest, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(_("ตัวชี้วัด"), max_length=300)
    target = models.CharField(_("ค่าเป้าหมาย"), max_length=100, blank=True)
    unit = models.CharField(_("หน่วยนับ"), max_length=50, blank=True)
    is_joint = models.BooleanField(_("ตัวชี้วัดร่วมกับกระทรวง"), default=False)
    joint_ministry = models.ForeignKey(
        "ministries.Ministry", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("กระทรวงที่ร่วม")
    )
    result = models.CharField(_("ผลการดำเนินงาน"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ตัวชี้วัด")
        verbose_name_plural = _("ตัวชี้วัด")


class RequestStakeholder(models.Model):
    """R17: local government, the joint public-private committee, SMEs, community enterprises."""

    class Kind(models.TextChoices):
        LOCAL_GOVERNMENT = "local_government", _("องค์กรปกครองส่วนท้องถิ่น (อปท.)")
        JOINT_PPC = "joint_ppc", _("คณะกรรมการร่วมภาครัฐและเอกชน (กรอ.)")
        SME = "sme", _("SMEs")
        COMMUNITY_ENTERPRISE = "community_enterprise", _("วิสาหกิจชุมชน")
        PRIVATE = "private", _("ภาคเอกชน")
        OTHER = "other", _("อื่น ๆ")

    request = models.ForeignKey(ProjectRequest, on_delete=models.CASCADE, related_name="stakeholders")
    kind = models.CharField(_("ประเภท"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("ชื่อ"), max_length=300)
    role = models.CharField(_("บทบาท"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ผู้มีส่วนร่วม")
        verbose_name_plural = _("ผู้มีส่วนร่วม")


def attachment_path(instance, filename):
    # A random stored name (issue 13): neither the request's sequential id nor the uploader's file
    # name can be guessed from outside; the original name stays in `original_name` for the
    # download's Content-Disposition. Files are only served by the permission-checked view.
    return random_stored_name("requests", filename)


class Attachment(models.Model):
    request = models.ForeignKey(ProjectRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    description = models.CharField(_("คำอธิบาย"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("เอกสารแนบ")
        verbose_name_plural = _("เอกสารแนบ")

    def __str__(self):
        return self.original_name
