"""R20: requests across ministries or areas (000 ประเด็น 3 item 5; ประเด็น 5 item 2).

A request may have a lead ministry and partner ministries, each with its share of the amount;
it may cover provinces beyond its own office's; and the central integration team may be named
its coordinator. These rows hang off the request and leave its own fields alone, so routing
(the lead is the ministry the request is reviewed by) and the workflow table stay as they are.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _


class ShareRole(models.TextChoices):
    LEAD = "lead", _("กระทรวงหลัก")
    PARTNER = "partner", _("กระทรวงร่วม")


class RequestMinistryShare(models.Model):
    """One ministry taking part in a request, with its share as an amount or a percentage (all
    rows of a request use the same basis; the service checks they add up)."""

    request = models.ForeignKey(
        "proposals.ProjectRequest", on_delete=models.CASCADE, related_name="ministry_shares", verbose_name=_("คำขอ")
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
    role = models.CharField(_("บทบาท"), max_length=10, choices=ShareRole.choices, default=ShareRole.PARTNER)
    amount = models.DecimalField(
        _("สัดส่วนวงเงิน (บาท)"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01)],
    )
    percent = models.DecimalField(
        _("สัดส่วน (ร้อยละ)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("สัดส่วนของกระทรวงในคำขอ")
        verbose_name_plural = _("สัดส่วนของกระทรวงในคำขอ")
        ordering = ["request", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "ministry"], name="uniq_request_ministry_share"),
            models.UniqueConstraint(fields=["request"], condition=Q(role="lead"), name="one_lead_share_per_request"),
            models.CheckConstraint(
                condition=Q(amount__isnull=False, percent__isnull=True) | Q(amount__isnull=True, percent__isnull=False),
                name="share_amount_or_percent",
            ),
        ]

    def __str__(self):
        share = f"{self.percent}%" if self.percent is not None else f"{self.amount}"
        return f"{self.request_id} {self.ministry_id} {self.role} {share}"


class RequestProvince(models.Model):
    """A province the request also covers beyond its own office's (a cluster or cross-cluster project)."""

    request = models.ForeignKey(
        "proposals.ProjectRequest", on_delete=models.CASCADE, related_name="extra_provinces", verbose_name=_("คำขอ")
    )
    province = models.ForeignKey(
        "clusters.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("จังหวัด")
    )

    class Meta:
        verbose_name = _("จังหวัดที่โครงการครอบคลุมเพิ่มเติม")
        verbose_name_plural = _("จังหวัดที่โครงการครอบคลุมเพิ่มเติม")
        ordering = ["request", "province__name_th"]
        constraints = [models.UniqueConstraint(fields=["request", "province"], name="uniq_request_extra_province")]

    def __str__(self):
        return f"{self.request_id} {self.province_id}"


class RequestCoordination(models.Model):
    """The central integration team named as the coordinator of a request across ministries or
    areas (000 ประเด็น 3 item 5: "ทีมบูรณาการกลาง...เป็นผู้ประสานงานหลัก...โครงการบูรณาการหลายกระทรวงหรือหลายพื้นที่")."""

    request = models.OneToOneField(
        "proposals.ProjectRequest", on_delete=models.CASCADE, related_name="coordination", verbose_name=_("คำขอ")
    )
    coordinator = models.ForeignKey(
        "ministries.CentralAgency", on_delete=models.PROTECT, related_name="+", verbose_name=_("หน่วยงานผู้ประสานงานหลัก")
    )
    note = models.TextField(_("หมายเหตุ"), blank=True)
    named_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    named_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ผู้ประสานงานหลักของคำขอ")
        verbose_name_plural = _("ผู้ประสานงานหลักของคำขอ")

    def __str__(self):
        return f"{self.request_id} ← {self.coordinator_id}"


def cross_cutting_q(prefix: str = "") -> Q:
    """Requests across ministries or areas (R20): a partner ministry, an extra province, locations
    in more than one province, or a named coordinator. `prefix` reaches the request from another
    model (e.g. "request__")."""
    from django.db.models import Count

    from proposals.models.requests import RequestLocation

    pk = OuterRef(f"{prefix}pk")
    several_places = (
        RequestLocation.objects.filter(request=pk)
        .values("request")
        .annotate(provinces=Count("province", distinct=True))
        .filter(provinces__gte=2)
    )
    return (
        Q(Exists(RequestMinistryShare.objects.filter(request=pk, role=ShareRole.PARTNER)))
        | Q(Exists(RequestProvince.objects.filter(request=pk)))
        | Q(Exists(RequestCoordination.objects.filter(request=pk)))
        | Q(Exists(several_places))
    )


def partner_shares(*, ministry_ids, department_ids):
    """The partner shares of these ministries (or departments): the one statement of the R20 rule
    that `partner_of_q` and the listed form of the review queue both read. None when there are none
    to look for."""
    condition = Q()
    if ministry_ids:
        condition |= Q(ministry_id__in=ministry_ids)
    if department_ids:
        condition |= Q(department_id__in=department_ids)
    if not condition:
        return None
    return RequestMinistryShare.objects.filter(role=ShareRole.PARTNER).filter(condition)


def partner_of_q(*, ministry_ids, department_ids, prefix: str = "") -> Q:
    """Requests where one of these ministries (or departments) is a partner: they see and advise."""
    shares = partner_shares(ministry_ids=ministry_ids, department_ids=department_ids)
    if shares is None:
        return Q(pk__in=[])
    return Q(Exists(shares.filter(request=OuterRef(f"{prefix}pk"))))
