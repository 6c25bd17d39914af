"""Industrial-zoning proposals (R22; 002 ประเด็น 2): the area proposes, the ministry receives and
answers; each step tells the other side through notify()."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from library.models import ZoningProposal, ZoningStatus
from library.notices import ministry_reviewers, office_people, tell
from library.permissions import can_answer_zoning_proposal, can_send_zoning_proposal
from portal.exceptions import NotAllowed
from proposals.services.notifications import NoticeText

FIELDS = ("fiscal_year", "title", "location", "need", "industries", "document")


def _url(proposal) -> str:
    return reverse("library:zoning-detail", args=[proposal.pk])


@transaction.atomic
def zoning_proposal_send(*, user, office, ministry, **fields) -> ZoningProposal:
    if not can_send_zoning_proposal(user, office):
        raise NotAllowed(_("ส่งข้อเสนอได้เฉพาะในนามสำนักงานของท่าน"))
    proposal = ZoningProposal(
        office=office, ministry=ministry, created_by=user, **{k: v for k, v in fields.items() if k in FIELDS}
    )
    proposal.full_clean()
    proposal.save()
    tell(
        who=ministry_reviewers(ministry.pk),
        message=NoticeText(
            gettext_noop("%(office)s เสนอความต้องการจัดพื้นที่/เขตอุตสาหกรรม: %(title)s"),
            **{"office": office, "title": proposal.title[:150]},
        ),
        url=_url(proposal),
        actor=user,
    )
    return proposal


@transaction.atomic
def zoning_proposal_receive(*, user, proposal: ZoningProposal) -> ZoningProposal:
    proposal = ZoningProposal.objects.select_for_update().get(pk=proposal.pk)
    if not can_answer_zoning_proposal(user, proposal):
        raise NotAllowed(_("เฉพาะกระทรวงที่รับข้อเสนอรับเรื่องได้"))
    if proposal.status != ZoningStatus.SENT:
        raise ValidationError(_("ข้อเสนอนี้รับเรื่องแล้ว"))
    proposal.status, proposal.received_by, proposal.received_at = ZoningStatus.RECEIVED, user, timezone.now()
    proposal.save(update_fields=["status", "received_by", "received_at"])
    tell(
        who=office_people([proposal.office_id]),
        message=NoticeText(
            gettext_noop("%(ministry)s รับเรื่องข้อเสนอการจัดพื้นที่อุตสาหกรรม: %(title)s"),
            **{"ministry": proposal.ministry, "title": proposal.title[:150]},
        ),
        url=_url(proposal),
        actor=user,
    )
    return proposal


@transaction.atomic
def zoning_proposal_answer(*, user, proposal: ZoningProposal, answer: str) -> ZoningProposal:
    """Answering also receives a proposal not yet received."""
    proposal = ZoningProposal.objects.select_for_update().get(pk=proposal.pk)
    if not can_answer_zoning_proposal(user, proposal):
        raise NotAllowed(_("เฉพาะกระทรวงที่รับข้อเสนอตอบได้"))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("กรุณากรอกคำตอบ")})
    now = timezone.now()
    if proposal.received_at is None:
        proposal.received_by, proposal.received_at = user, now
    proposal.status, proposal.answer, proposal.answered_by, proposal.answered_at = (
        ZoningStatus.ANSWERED,
        answer,
        user,
        now,
    )
    proposal.save(update_fields=["status", "answer", "answered_by", "answered_at", "received_by", "received_at"])
    tell(
        who=office_people([proposal.office_id]),
        message=NoticeText(
            gettext_noop("%(ministry)s ตอบข้อเสนอการจัดพื้นที่อุตสาหกรรม “%(title)s”: %(answer)s"),
            **{"ministry": proposal.ministry, "title": proposal.title[:120], "answer": answer[:200]},
        ),
        url=_url(proposal),
        actor=user,
    )
    return proposal
