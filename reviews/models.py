"""Ministry review, programmes and the committee agenda (issue 5; R1, R15, R16).

A Review row records each decision a reviewer takes (alongside the RequestEvent the workflow
writes), so the planner and the committee can read who decided what and why.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from proposals.workflow import Opinion


class Decision(models.TextChoices):
    FIELD_ENDORSE = "field_endorse", _("หน่วยงานส่วนภูมิภาคเห็นชอบ ส่งกระทรวง")
    ENDORSE = "endorse", _("เห็นชอบ")
    RETURN = "return", _("ส่งกลับให้แก้ไข")
    REJECT = "reject", _("ไม่เห็นชอบ")
    ADOPT = "adopt", _("รับไปดำเนินการในงบของกระทรวง")
    OPINION = "give_opinion", _("ให้ความเห็นเสนอ ก.น.จ.")


class Review(models.Model):
    request = models.ForeignKey(
        "proposals.ProjectRequest", on_delete=models.CASCADE, related_name="reviews", verbose_name=_("คำของบประมาณ")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("ผู้พิจารณา")
    )
    decision = models.CharField(_("ผลการพิจารณา"), max_length=20, choices=Decision.choices)
    comment = models.TextField(_("ความเห็น"), blank=True)
    # R19: on a request the ministry only advises on, what it advises (proposals.workflow.Opinion)
    opinion = models.CharField(_("ความเห็นของกระทรวง"), max_length=20, choices=Opinion.choices, blank=True)
    ministry = models.ForeignKey(
        "ministries.Ministry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "ministries.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    field_office = models.ForeignKey(
        "ministries.FieldOffice", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # R1: how the request's strategy links compared with the ministry's strategies when decided
    alignment = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("ผลการพิจารณาของกระทรวง")
        verbose_name_plural = _("ผลการพิจารณาของกระทรวง")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.request_id} {self.get_decision_display()}"


class ReviewAssignment(models.Model):
    """Who in the reviewing organisation looks at a request; one current assignee per request."""

    request = models.OneToOneField(
        "proposals.ProjectRequest", on_delete=models.CASCADE, related_name="review_assignment"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_assignments",
        verbose_name=_("ผู้รับผิดชอบ"),
    )
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("การมอบหมายผู้พิจารณา")
        verbose_name_plural = _("การมอบหมายผู้พิจารณา")

    def __str__(self):
        return f"{self.request_id} → {self.assignee}"


class Programme(models.Model):
    """An integrated budget plan or a named programme (e.g. ไทยเข้มแข็ง) that endorsed requests
    are taken into (R16; 002 ประเด็น 4)."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("แผนงาน/โครงการพิเศษ")
        INTEGRATED_PLAN = "integrated_plan", _("แผนงบประมาณบูรณาการ")

    name = models.CharField(_("ชื่อแผนงาน"), max_length=300)
    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices, default=Kind.PROGRAMME)
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), db_index=True)
    description = models.TextField(_("คำอธิบาย"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("แผนงาน/แผนบูรณาการ")
        verbose_name_plural = _("แผนงาน/แผนบูรณาการ")
        ordering = ["-fiscal_year", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "fiscal_year"], name="uniq_programme_name_year")]

    def __str__(self):
        return f"{self.name} ({self.fiscal_year})"


class ProgrammeItem(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="items", verbose_name=_("แผนงาน"))
    request = models.ForeignKey(
        "proposals.ProjectRequest",
        on_delete=models.CASCADE,
        related_name="programme_items",
        verbose_name=_("คำของบประมาณ"),
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("คำขอในแผนงาน")
        verbose_name_plural = _("คำขอในแผนงาน")
        ordering = ["programme", "added_at"]
        constraints = [models.UniqueConstraint(fields=["programme", "request"], name="uniq_programme_request")]


class Agenda(models.Model):
    """A ก.น.จ. meeting's agenda of endorsed requests (000 ประเด็น 5 item 1: flags ruled first)."""

    class AgendaStatus(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        FINAL = "final", _("สรุปวาระแล้ว")

    committee = models.ForeignKey(
        "portal.Committee", on_delete=models.PROTECT, related_name="agendas", verbose_name=_("คณะกรรมการ")
    )
    meeting = models.ForeignKey(
        "portal.CommitteeMeeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agendas",
        verbose_name=_("การประชุม"),
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), db_index=True)
    title = models.CharField(_("ชื่อวาระ"), max_length=300)
    status = models.CharField(_("สถานะ"), max_length=10, choices=AgendaStatus.choices, default=AgendaStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finalised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("วาระการประชุม ก.น.จ.")
        verbose_name_plural = _("วาระการประชุม ก.น.จ.")
        ordering = ["-fiscal_year", "-created_at"]

    def __str__(self):
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == self.AgendaStatus.DRAFT


class AgendaDecision(models.TextChoices):
    APPROVED = "approved", _("อนุมัติ")
    NOT_APPROVED = "not_approved", _("ไม่อนุมัติ")
    APPROVED_CHANGED_AMOUNT = "approved_changed_amount", _("อนุมัติโดยปรับวงเงิน")
    # R19 (000 and 002 ประเด็น 5): the committee refers the request to a ministry or department
    REFERRED = "referred", _("ส่งกระทรวง/กรมพิจารณาสนับสนุน")


class AgendaItem(models.Model):
    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="items", verbose_name=_("วาระ"))
    request = models.ForeignKey(
        "proposals.ProjectRequest",
        on_delete=models.PROTECT,
        related_name="agenda_items",
        verbose_name=_("คำของบประมาณ"),
    )
    order = models.PositiveIntegerField(_("ลำดับ"))
    decision = models.CharField(_("มติ"), max_length=30, choices=AgendaDecision.choices, blank=True)
    approved_amount = models.DecimalField(
        _("วงเงินที่อนุมัติ (บาท)"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01)],
    )
    note = models.TextField(_("หมายเหตุ"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("รายการในวาระ")
        verbose_name_plural = _("รายการในวาระ")
        ordering = ["agenda", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agenda", "request"], name="uniq_agenda_request"),
            models.CheckConstraint(
                condition=~Q(decision="approved_changed_amount") | Q(approved_amount__isnull=False),
                name="changed_amount_needs_amount",
            ),
        ]

    def __str__(self):
        return f"{self.agenda_id} #{self.order} {self.request_id}"


class MergeConsent(models.Model):
    """The reviewing ministry lets the cluster merge a request already in its review (issue 10):
    past cluster consolidation a merge would take the request out of the ministry's queue, so
    it needs the ministry's word first."""

    request = models.ForeignKey(
        "proposals.ProjectRequest", on_delete=models.CASCADE, related_name="merge_consents", verbose_name=_("คำขอ")
    )
    ministry = models.ForeignKey("ministries.Ministry", on_delete=models.PROTECT, related_name="+")
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("หมายเหตุ"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ความยินยอมให้รวมคำขอ")
        verbose_name_plural = _("ความยินยอมให้รวมคำขอ")
        constraints = [models.UniqueConstraint(fields=["request", "ministry"], name="uniq_merge_consent")]

    def __str__(self):
        return f"{self.request_id} ← {self.ministry_id}"


class StrategyMapping(models.Model):
    """R1 made explicit (issue 10): for a fiscal year, a province/cluster strategic issue and a
    ministry strategy that serve each other, aligned or partly, with a note. Kept by the central
    team and by each ministry for its own strategies; the alignment verdict cites the row it
    used, and says "not mapped yet" where there is none (never "divergent" from sector tags)."""

    class Verdict(models.TextChoices):
        ALIGNED = "aligned", _("สอดคล้อง")
        PARTIAL = "partial", _("สอดคล้องบางส่วน")

    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), db_index=True)
    strategic_issue = models.ForeignKey(
        "clusters.StrategicIssue",
        on_delete=models.CASCADE,
        related_name="ministry_mappings",
        verbose_name=_("ประเด็นยุทธศาสตร์จังหวัด/กลุ่มจังหวัด"),
    )
    ministry_strategy = models.ForeignKey(
        "ministries.MinistryStrategy",
        on_delete=models.CASCADE,
        related_name="issue_mappings",
        verbose_name=_("ยุทธศาสตร์กระทรวง"),
    )
    verdict = models.CharField(_("ความสอดคล้อง"), max_length=20, choices=Verdict.choices)
    note = models.TextField(_("หมายเหตุ"), blank=True)
    kept_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kept_by_ministry = models.ForeignKey(
        "ministries.Ministry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ตารางความสอดคล้องของยุทธศาสตร์")
        verbose_name_plural = _("ตารางความสอดคล้องของยุทธศาสตร์")
        ordering = ["fiscal_year", "strategic_issue__office__name_th", "strategic_issue__number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "strategic_issue", "ministry_strategy"], name="uniq_strategy_mapping"
            )
        ]

    def __str__(self):
        return f"{self.fiscal_year}: {self.strategic_issue_id} ~ {self.ministry_strategy_id} ({self.verdict})"

    @property
    def keeper_label(self) -> str:
        return self.kept_by_ministry.name_th if self.kept_by_ministry_id else str(_("ทีมบูรณาการกลาง"))


class ReferralFunding(models.TextChoices):
    """How the referred ministry or department will fund the request (R19; R15's envelope)."""

    ENVELOPE = "envelope", _("จากกรอบวงเงินสนับสนุนจังหวัด/กลุ่มจังหวัดของหน่วยงาน")
    OWN_REQUEST = "own_request", _("บรรจุในคำของบประมาณของกระทรวง/กรม")
    OTHER = "other", _("จากแหล่งงบประมาณอื่นของหน่วยงาน")
    CANNOT = "cannot", _("ไม่สามารถสนับสนุนได้")


class Referral(models.Model):
    """ก.น.จ. refers a province or cluster request to a ministry or department for support, and
    that ministry answers how it will fund it (000 and 002 ประเด็น 5). Both halves are also events
    on the request's history; this row keeps them together for the pages and the API."""

    request = models.ForeignKey(
        "proposals.ProjectRequest", on_delete=models.CASCADE, related_name="referrals", verbose_name=_("คำขอ")
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    ministry = models.ForeignKey(
        "ministries.Ministry", on_delete=models.PROTECT, related_name="+", verbose_name=_("กระทรวง")
    )
    department = models.ForeignKey(
        "ministries.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("กรม"),
    )
    note = models.TextField(_("ข้อสังเกตของ ก.น.จ."), blank=True)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    referred_at = models.DateTimeField(auto_now_add=True)
    funding = models.CharField(_("การสนับสนุน"), max_length=20, choices=ReferralFunding.choices, blank=True)
    amount = models.DecimalField(
        _("วงเงินที่สนับสนุน (บาท)"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01)],
    )
    envelope = models.ForeignKey(
        "ministries.SupportEnvelope", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    answer = models.TextField(_("คำตอบของกระทรวง/กรม"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("การส่งกระทรวง/กรมพิจารณาสนับสนุน")
        verbose_name_plural = _("การส่งกระทรวง/กรมพิจารณาสนับสนุน")
        ordering = ["-referred_at", "-id"]
        constraints = [
            # one referral waits for an answer at a time
            models.UniqueConstraint(
                fields=["request"], condition=Q(answered_at__isnull=True), name="one_open_referral_per_request"
            ),
        ]

    def __str__(self):
        return f"{self.request_id} → {self.department or self.ministry}"

    @property
    def target_label(self) -> str:
        return str(self.department or self.ministry)

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


# R3, R16, R20: a ministry's opinion and its programme order live in their own module
from reviews.ministry_models import MinistryOpinion, ProgrammeRank, Stance  # noqa: E402, F401


class StrategyDivergence(models.Model):
    """R1 (002 ประเด็น 1: where a cluster's target industry differs from the ministry's "ควรจะต้องมี
    การประชุมหารือร่วมกัน"; 000 ประเด็น 1 item 1, 4): the central team's list of places where a
    cluster's (or province's) strategic issue and a ministry strategy do not align or only partly,
    and what the meeting about each decided. The mapping table (StrategyMapping) says which pairs
    fit; this list follows up the ones that do not."""

    class Outcome(models.TextChoices):
        OPEN = "open", _("ยังไม่ได้หารือ/รอผล")
        AGREED = "agreed", _("ตกลงร่วมกันได้ (คงไว้ตามเดิม)")
        CHANGED = "changed", _("ปรับยุทธศาสตร์/ประเด็นแล้ว")

    class Degree(models.TextChoices):
        DIVERGENT = "divergent", _("ไม่สอดคล้อง")
        PARTIAL = "partial", _("สอดคล้องบางส่วน")

    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), db_index=True)
    strategic_issue = models.ForeignKey(
        "clusters.StrategicIssue",
        on_delete=models.CASCADE,
        related_name="divergences",
        verbose_name=_("ประเด็นยุทธศาสตร์กลุ่มจังหวัด/จังหวัด"),
    )
    ministry = models.ForeignKey(
        "ministries.Ministry", on_delete=models.PROTECT, related_name="strategy_divergences", verbose_name=_("กระทรวง")
    )
    ministry_strategy = models.ForeignKey(
        "ministries.MinistryStrategy",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="divergences",
        verbose_name=_("ยุทธศาสตร์กระทรวง"),
    )
    degree = models.CharField(_("ระดับความสอดคล้อง"), max_length=20, choices=Degree.choices, default=Degree.DIVERGENT)
    description = models.TextField(
        _("ประเด็นที่แตกต่าง"), help_text=_("เช่น กลุ่มจังหวัดมุ่งอุตสาหกรรมอาหาร กระทรวงมุ่งอุตสาหกรรมยานยนต์")
    )
    outcome = models.CharField(_("ผลการหารือ"), max_length=20, choices=Outcome.choices, default=Outcome.OPEN)
    outcome_note = models.TextField(_("บันทึกผลการหารือ"), blank=True)
    meeting_date = models.DateField(_("วันที่ประชุมหารือ"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("รายการความไม่สอดคล้องของยุทธศาสตร์")
        verbose_name_plural = _("รายการความไม่สอดคล้องของยุทธศาสตร์")
        ordering = ["fiscal_year", "strategic_issue__office__name_th", "ministry__name_th", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fiscal_year__gte=2500, fiscal_year__lte=2700), name="divergence_year_is_be"
            )
        ]

    def __str__(self):
        return f"{self.fiscal_year}: {self.strategic_issue_id} / {self.ministry_id} ({self.outcome})"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if not (self.description or "").strip():
            errors["description"] = _("กรุณาระบุประเด็นที่แตกต่าง")
        if self.ministry_strategy_id and self.ministry_id and self.ministry_strategy.ministry_id != self.ministry_id:
            errors["ministry_strategy"] = _("ยุทธศาสตร์นี้ไม่ใช่ของกระทรวงที่เลือก")
        if self.outcome != self.Outcome.OPEN and not (self.outcome_note or "").strip():
            errors["outcome_note"] = _("กรุณาบันทึกผลการหารือ")
        if self.fiscal_year is not None and not 2500 <= self.fiscal_year <= 2700:
            errors["fiscal_year"] = _("กรุณากรอกปีเป็นพุทธศักราช (พ.ศ.) เช่น 2554")
        if errors:
            raise ValidationError(errors)
