"""Site-wide facts: fiscal years, the reviewing committee, and people's memberships (roles)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.validity import ValidForYears


class FiscalYearQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True).first() or self.order_by("-year").first()


class FiscalYear(models.Model):
    """A Thai fiscal year, named by its BE year: 1 October of the year before to 30 September."""

    year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), unique=True)
    is_current = models.BooleanField(_("ปีที่กำลังจัดทำคำของบประมาณ"), default=False)
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)
    # R17: the central team's calendar setting: requests of this year go in only from a plan
    # whose ก.บ.จ./ก.บ.ก. approval is recorded (issue 10).
    plan_approval_required = models.BooleanField(_("ต้องบันทึกมติ ก.บ.จ./ก.บ.ก. เห็นชอบแผนก่อนส่งคำขอ"), default=False)

    objects = FiscalYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("ปีงบประมาณ")
        verbose_name_plural = _("ปีงบประมาณ")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=2500, year__lte=2700), name="fiscal_year_is_be"),
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_fiscal_year"
            ),
        ]

    def __str__(self):
        return f"ปีงบประมาณ พ.ศ. {self.year}"

    @property
    def ad_year(self) -> int:
        return self.year - 543

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.ad_year - 1, 10, 1)

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.ad_year, 9, 30)


def fiscal_year_of(day: datetime.date) -> int:
    """The BE fiscal year a date falls in (1 Oct starts the next year)."""
    return day.year + 543 + (1 if day.month >= 10 else 0)


class Committee(ValidForYears):
    """The reviewing committee is data: ก.น.จ. in 2554, renamed since."""

    abbreviation = models.CharField(_("ชื่อย่อ"), max_length=40)
    name_th = models.CharField(_("ชื่อคณะกรรมการ"), max_length=300)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=300, blank=True)
    secretariat = models.CharField(_("ฝ่ายเลขานุการ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("คณะกรรมการพิจารณา")
        verbose_name_plural = _("คณะกรรมการพิจารณา")
        ordering = ["-valid_from"]

    @property
    def name(self) -> str:
        """The English name in English mode when there is one (issue 11), else the Thai."""
        from django.utils.translation import get_language

        return self.name_en if self.name_en and (get_language() or "").startswith("en") else self.name_th

    def __str__(self):
        # The Thai abbreviation (ก.น.จ.) is how Thai users name it; English readers get the name.
        return self.name if (self.name_en and self.name != self.name_th) else self.abbreviation


class CommitteeMeeting(models.Model):
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("คณะกรรมการ")
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    number = models.CharField(_("ครั้งที่"), max_length=20)
    date = models.DateField(_("วันประชุม"))
    place = models.CharField(_("สถานที่"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("การประชุมคณะกรรมการ")
        verbose_name_plural = _("การประชุมคณะกรรมการ")
        ordering = ["date"]

    def __str__(self):
        return f"{self.committee} ครั้งที่ {self.number}"


class Role(models.TextChoices):
    PROVINCE_PLANNER = "province_planner", _("เจ้าหน้าที่แผนจังหวัด")
    CLUSTER_OFFICER = "cluster_officer", _("เจ้าหน้าที่กลุ่มจังหวัด")
    MINISTRY_REVIEWER = "ministry_reviewer", _("ผู้พิจารณาของกระทรวง/กรม")
    FIELD_OFFICE_REVIEWER = "field_office_reviewer", _("ผู้พิจารณาของหน่วยงานส่วนภูมิภาค")
    CENTRAL_TEAM = "central_team", _("ทีมบูรณาการกลาง")
    ADMINISTRATOR = "administrator", _("ผู้ดูแลระบบ")


# Which organisation field each role requires; the others must be empty.
ROLE_ORGANISATION = {
    Role.PROVINCE_PLANNER: "office",
    Role.CLUSTER_OFFICER: "office",
    Role.MINISTRY_REVIEWER: "ministry",
    Role.FIELD_OFFICE_REVIEWER: "field_office",
    Role.CENTRAL_TEAM: "central_agency",
    Role.ADMINISTRATOR: None,
}
ORGANISATION_FIELDS = ("office", "ministry", "field_office", "central_agency")


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Membership(models.Model):
    """One role of one person at one organisation. A person may hold several (R9: a field
    office's staff act for the ministry's budget and for the province's)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("บทบาท"), max_length=40, choices=Role.choices)
    office = models.ForeignKey(
        "clusters.Office", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("สำนักงานจังหวัด/กลุ่มจังหวัด")
    )
    ministry = models.ForeignKey(
        "ministries.Ministry", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("กระทรวง")
    )
    department = models.ForeignKey(
        "ministries.Department",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("กรม"),
        help_text=_("เว้นว่างเพื่อพิจารณาได้ทั้งกระทรวง"),
    )
    field_office = models.ForeignKey(
        "ministries.FieldOffice", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("หน่วยงานส่วนภูมิภาค")
    )
    central_agency = models.ForeignKey(
        "ministries.CentralAgency",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("หน่วยงานทีมบูรณาการกลาง"),
    )
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    is_active = models.BooleanField(_("ใช้งาน"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("บทบาทผู้ใช้")
        verbose_name_plural = _("บทบาทผู้ใช้")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role__in=["province_planner", "cluster_officer"],
                        office__isnull=False,
                        ministry__isnull=True,
                        field_office__isnull=True,
                        central_agency__isnull=True,
                    )
                    | Q(
                        role="ministry_reviewer",
                        ministry__isnull=False,
                        office__isnull=True,
                        field_office__isnull=True,
                        central_agency__isnull=True,
                    )
                    | Q(
                        role="field_office_reviewer",
                        field_office__isnull=False,
                        office__isnull=True,
                        ministry__isnull=True,
                        central_agency__isnull=True,
                    )
                    | Q(
                        role="central_team",
                        central_agency__isnull=False,
                        office__isnull=True,
                        ministry__isnull=True,
                        field_office__isnull=True,
                    )
                    | Q(
                        role="administrator",
                        office__isnull=True,
                        ministry__isnull=True,
                        field_office__isnull=True,
                        central_agency__isnull=True,
                    )
                ),
                name="membership_role_matches_organisation",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "office", "ministry", "department", "field_office", "central_agency"],
                name="uniq_membership",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.organisation or ''}"

    @property
    def organisation(self):
        return self.department or self.office or self.ministry or self.field_office or self.central_agency

    def clean(self):
        from django.core.exceptions import ValidationError

        needed = ROLE_ORGANISATION.get(self.role)
        errors = {}
        for field in ORGANISATION_FIELDS:
            if field == needed and getattr(self, f"{field}_id") is None:
                errors[field] = _("บทบาทนี้ต้องระบุหน่วยงาน")
            elif field != needed and getattr(self, f"{field}_id") is not None:
                errors[field] = _("บทบาทนี้ไม่ใช้ช่องนี้")
        if self.department_id and self.role != Role.MINISTRY_REVIEWER:
            errors["department"] = _("ระบุกรมได้เฉพาะผู้พิจารณาของกระทรวง")
        if self.department_id and self.ministry_id and self.department.ministry_id != self.ministry_id:
            errors["department"] = _("กรมนี้ไม่อยู่ในกระทรวงที่เลือก")
        if self.office_id and self.role == Role.PROVINCE_PLANNER and self.office.kind != "province":
            errors["office"] = _("เจ้าหน้าที่แผนจังหวัดต้องสังกัดสำนักงานจังหวัด")
        if self.office_id and self.role == Role.CLUSTER_OFFICER and self.office.kind != "cluster":
            errors["office"] = _("เจ้าหน้าที่กลุ่มจังหวัดต้องสังกัดสำนักงานกลุ่มจังหวัด")
        if errors:
            raise ValidationError(errors)


class OutboxMessageQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(done_at__isnull=True)

    def due(self, now):
        """Undone rows whose lease ran out: never published, lost by the broker, or whose run
        died (a live run keeps `available_at` ahead of now, see portal.outbox)."""
        return self.pending().filter(available_at__lte=now)


class OutboxMessage(models.Model):
    """Work that must follow a commit (screening, mail), written in the same transaction as the
    change that calls for it, so a broker outage or a crash after the commit loses nothing
    (issue 13 item 2). portal.outbox publishes it to Celery on commit and again from the
    sweeper until the task reports the work done."""

    task_name = models.CharField(_("งาน (Celery task)"), max_length=200)
    payload = models.JSONField(_("ข้อมูลของงาน"), default=dict, blank=True)  # {"args": [...], "kwargs": {...}}
    # At most one undone row per key: a second submit of the same revision joins the queued one.
    dedupe_key = models.CharField(_("คีย์กันซ้ำ"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    # The sweeper publishes the row again once this passes: pushed ahead on every publish and
    # while a run is live (the lease), so only lost or stranded work is re-sent.
    available_at = models.DateTimeField(_("ส่งซ้ำได้ตั้งแต่"))
    attempts = models.PositiveIntegerField(_("จำนวนครั้งที่ส่งเข้าคิว"), default=0)
    published_at = models.DateTimeField(_("ส่งเข้าคิวล่าสุด"), null=True, blank=True)
    started_at = models.DateTimeField(_("เริ่มทำงานล่าสุด"), null=True, blank=True)
    done_at = models.DateTimeField(_("เสร็จเมื่อ"), null=True, blank=True)
    last_error = models.TextField(_("ข้อผิดพลาดล่าสุด"), blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("งานที่รอส่งเข้าคิว (outbox)")
        verbose_name_plural = _("งานที่รอส่งเข้าคิว (outbox)")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=Q(done_at__isnull=True) & ~Q(dedupe_key=""),
                name="outbox_one_undone_per_key",
            ),
        ]
        indexes = [
            models.Index(fields=["available_at"], condition=Q(done_at__isnull=True), name="outbox_undone_due"),
        ]

    def __str__(self):
        return f"{self.task_name} #{self.pk}"


class UserPreference(models.Model):
    """A person's own settings (issue 11): the language of the interface and of the e-mail sent to
    them, and how notices reach them by e-mail. No row means the defaults (Thai, at once)."""

    class MailMode(models.TextChoices):
        IMMEDIATE = "immediate", _("ส่งอีเมลทันทีทุกเรื่อง")
        DIGEST = "digest", _("สรุปรวมวันละฉบับ")
        NONE = "none", _("ไม่รับอีเมล (ดูการแจ้งเตือนในระบบ)")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preference")
    language = models.CharField(_("ภาษา"), max_length=5, choices=settings.LANGUAGES, default="th")
    mail = models.CharField(_("การรับอีเมลแจ้งเตือน"), max_length=10, choices=MailMode.choices, default=MailMode.IMMEDIATE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("การตั้งค่าผู้ใช้")
        verbose_name_plural = _("การตั้งค่าผู้ใช้")

    def __str__(self):
        return f"{self.user} ({self.language}, {self.mail})"
