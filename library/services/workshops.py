"""Workshops between ministries and clusters/provinces (R13; 000 ประเด็น 3 item 6): the central
team records the date, the parties, the venue and notes, and the KPIs agreed there, which become
agreed joint KPIs (both sides were at the table)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from library.models import AgreementStatus, JointKPI, Workshop
from library.notices import ministry_reviewers, office_people, tell
from library.permissions import can_edit_joint_kpis
from portal.exceptions import NotAllowed
from proposals.services.notifications import NoticeText

WORKSHOP_FIELDS = ("fiscal_year", "held_on", "title", "venue", "notes")


@transaction.atomic
def workshop_record(*, user, offices, ministries, kpis=(), workshop: Workshop | None = None, **fields) -> Workshop:
    """Create (or, with `workshop`, update) a workshop; the KPIs named are marked agreed at it.
    Precondition: the KPIs are of the workshop's fiscal year. Tells the parties."""
    if not can_edit_joint_kpis(user):
        raise NotAllowed(_("เฉพาะทีมบูรณาการกลางบันทึกการประชุมเชิงปฏิบัติการได้"))
    if workshop is None:
        workshop = Workshop(created_by=user)
    else:
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    for name in WORKSHOP_FIELDS:
        if name in fields:
            setattr(workshop, name, fields[name])
    workshop.full_clean()
    wrong_year = [k.name for k in kpis if k.fiscal_year != workshop.fiscal_year]
    if wrong_year:
        from django.core.exceptions import ValidationError

        raise ValidationError(
            {"kpis": _("ตัวชี้วัดต้องเป็นของปีงบประมาณเดียวกับการประชุม: %(names)s") % {"names": ", ".join(wrong_year)}}
        )
    workshop.save()
    workshop.offices.set(offices)
    workshop.ministries.set(ministries)
    agreed_now = JointKPI.objects.filter(pk__in=[k.pk for k in kpis]).exclude(
        status=AgreementStatus.AGREED, workshop=workshop
    )
    agreed_ids = list(agreed_now.values_list("pk", flat=True))
    JointKPI.objects.filter(pk__in=agreed_ids).update(
        status=AgreementStatus.AGREED, workshop=workshop, responded_by=user, responded_at=timezone.now()
    )
    if agreed_ids:
        office_ids = [o.pk for o in offices]
        who = office_people(office_ids)
        for ministry in ministries:
            who |= ministry_reviewers(ministry.pk)
        from django.urls import reverse

        tell(
            who=who,
            message=NoticeText(
                gettext_noop("บันทึกผลการประชุม “%(title)s” แล้ว: เห็นชอบตัวชี้วัดร่วม %(n)s ตัว"),
                **{"title": workshop.title[:150], "n": len(agreed_ids)},
            ),
            url=reverse("library:workshop-detail", args=[workshop.pk]),
            actor=user,
        )
    return workshop
