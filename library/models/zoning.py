"""Industrial-zoning proposals from the area to the ministry (R22; 002 ประเด็น 2: the ministry
zones industrial areas, but "เจ้าของพื้นที่ควรมีบทบาทสำคัญในการเสนอแนะและเป็นผู้เสนอความต้องการ"
so the centre can support what the area needs). A province or cluster office sends one; the
ministry (the Ministry of Industry by default) acknowledges it and answers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.roles import scope_of


class ZoningStatus(models.TextChoices):
    SENT = "sent", _("ส่งแล้ว รอกระทรวงรับเรื่อง")
    RECEIVED = "received", _("กระทรวงรับเรื่องแล้ว")
    ANSWERED = "answered", _("กระทรวงตอบแล้ว")


class ZoningProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The sending office's people, the addressed ministry's reviewers, the central team."""
        scope = scope_of(user)
        if scope.is_central:
            return self
        return self.filter(Q(office__in=scope.office_ids) | Q(ministry__in=scope.reviewer_ministry_ids))


class ZoningProposal(models.Model):
    office = models.ForeignKey(
        "clusters.Office", on_delete=models.PROTECT, related_name="zoning_proposals", verbose_name=_("ผู้เสนอ")
    )
    ministry = models.ForeignKey(
        "ministries.Ministry",
        on_delete=models.PROTECT,
        related_name="zoning_proposals",
        verbose_name=_("เสนอถึงกระทรวง"),
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), db_index=True)
    title = models.CharField(_("เรื่อง"), max_length=300)
    location = models.CharField(_("พื้นที่ที่เสนอ"), max_length=300, help_text=_("เช่น อำเภอ ตำบล หรือพิกัด"))
    need = models.TextField(_("ความต้องการและเหตุผล"))
    industries = models.CharField(_("อุตสาหกรรมเป้าหมาย"), max_length=300, blank=True)
    document = models.ForeignKey(
        "library.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("เอกสารประกอบในคลังแผน"),
    )
    status = models.CharField(_("สถานะ"), max_length=20, choices=ZoningStatus.choices, default=ZoningStatus.SENT)
    answer = models.TextField(_("คำตอบของกระทรวง"), blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(_("รับเรื่องเมื่อ"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("ตอบเมื่อ"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ส่งเมื่อ"), auto_now_add=True)

    objects = ZoningProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("ข้อเสนอการจัดพื้นที่/เขตอุตสาหกรรม")
        verbose_name_plural = _("ข้อเสนอการจัดพื้นที่/เขตอุตสาหกรรม")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(fiscal_year__gte=2500, fiscal_year__lte=2700), name="zoning_year_is_be")
        ]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        for field, message in (
            ("title", _("กรุณากรอกเรื่อง")),
            ("location", _("กรุณาระบุพื้นที่ที่เสนอ")),
            ("need", _("กรุณาระบุความต้องการและเหตุผล")),
        ):
            if not (getattr(self, field) or "").strip():
                errors[field] = message
        if self.fiscal_year is not None and not 2500 <= self.fiscal_year <= 2700:
            errors["fiscal_year"] = _("กรุณากรอกปีเป็นพุทธศักราช (พ.ศ.) เช่น 2554")
        if errors:
            raise ValidationError(errors)
