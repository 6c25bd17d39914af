"""A ministry's own word on a request and its own order over a programme (R3, R16, R20).

Loaded through reviews.models (Django finds models by app, not by module).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from proposals.models import Severity


class Stance(models.TextChoices):
    """A partner ministry's advice (R20): it advises, the lead ministry decides."""

    SUPPORT = "support", _("สนับสนุน")
    SUPPORT_WITH_CONDITIONS = "conditional", _("สนับสนุนโดยมีเงื่อนไข")
    NOT_SUPPORT = "not_support", _("ไม่สนับสนุน")


class MinistryOpinion(models.Model):
    """One ministry's view of one request: its own severity beside the province's (R3; 000 ประเด็น 1
    item 2: "มุมมองและการวิเคราะห์ระดับความรุนแรงของปัญหาอาจแตกต่างกันได้") and, for a partner
    ministry, its advice to the lead (R20). The lead's decision stays in Review."""

    request = models.ForeignKey(
        "proposals.ProjectRequest",
        on_delete=models.CASCADE,
        related_name="ministry_opinions",
        verbose_name=_("คำของบประมาณ"),
    )
    ministry = models.ForeignKey(
        "ministries.Ministry", on_delete=models.PROTECT, related_name="+", verbose_name=_("กระทรวง")
    )
    severity = models.CharField(
        _("ความรุนแรงของปัญหาในมุมมองของกระทรวง"), max_length=20, choices=Severity.choices, blank=True
    )
    severity_note = models.TextField(_("เหตุผลของระดับความรุนแรง"), blank=True)
    stance = models.CharField(_("ความเห็นของกระทรวงร่วม"), max_length=20, choices=Stance.choices, blank=True)
    comment = models.TextField(_("ความเห็นเพิ่มเติม"), blank=True)
    is_partner = models.BooleanField(_("ในฐานะกระทรวงร่วม"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ความเห็นของกระทรวงต่อคำขอ")
        verbose_name_plural = _("ความเห็นของกระทรวงต่อคำขอ")
        ordering = ["request", "is_partner", "ministry__name_th"]
        constraints = [models.UniqueConstraint(fields=["request", "ministry"], name="uniq_ministry_opinion")]

    def __str__(self):
        return f"{self.request_id} {self.ministry_id} {self.severity or '-'} {self.stance or '-'}"


class ProgrammeRank(models.Model):
    """A ministry's own priority order over the requests it supports in a programme or an
    integrated plan (R16; 002 ประเด็น 4: กรมทางหลวง "พิจารณาจากลำดับความสำคัญของโครงการ")."""

    programme = models.ForeignKey(
        "reviews.Programme", on_delete=models.CASCADE, related_name="ranks", verbose_name=_("แผนงาน")
    )
    ministry = models.ForeignKey(
        "ministries.Ministry", on_delete=models.PROTECT, related_name="+", verbose_name=_("กระทรวง")
    )
    request = models.ForeignKey(
        "proposals.ProjectRequest", on_delete=models.CASCADE, related_name="programme_ranks", verbose_name=_("คำขอ")
    )
    rank = models.PositiveIntegerField(_("ลำดับความสำคัญของกระทรวง"))
    # whether this ministry's support put the request into the programme: withdrawing it then
    # takes the request out again, unless another ministry still ranks it
    added_item = models.BooleanField(default=False)
    ranked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ลำดับความสำคัญของกระทรวงในแผนงาน")
        verbose_name_plural = _("ลำดับความสำคัญของกระทรวงในแผนงาน")
        ordering = ["programme", "ministry", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "ministry", "request"], name="uniq_programme_rank_request"),
            models.UniqueConstraint(fields=["programme", "ministry", "rank"], name="uniq_programme_rank_position"),
        ]

    def __str__(self):
        return f"{self.programme_id}/{self.ministry_id} #{self.rank} {self.request_id}"
