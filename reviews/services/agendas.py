"""Programmes (R16) and the ก.น.จ. agenda (issue 5 items 4-5): the central team's writes."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ministries.models import Department, Ministry
from portal.exceptions import ApplicationError, ConflictError, NotAllowed
from portal.thai import baht
from proposals.events import request_event_record
from proposals.models import ProjectRequest
from proposals.services.transitions import request_transition
from proposals.workflow import Action, EventKind, Status, StatusGroup
from reviews.models import Agenda, AgendaDecision, AgendaItem, Programme, ProgrammeItem
from reviews.permissions import can_manage_agenda, can_manage_programmes
from screening.models import UNRULED_STATES, DuplicateFlag


def _central_only(user, what: str) -> None:
    if not can_manage_agenda(user):
        raise NotAllowed(_("เฉพาะทีมบูรณาการกลางที่%(what)sได้") % {"what": what})


# --- programmes (R16; 002 ประเด็น 4)


def programme_create(
    *, user, name: str, fiscal_year: int, kind: str = Programme.Kind.PROGRAMME, description: str = ""
) -> Programme:
    if not can_manage_programmes(user):
        raise NotAllowed(_("เฉพาะทีมบูรณาการกลางที่สร้างแผนงานได้"))
    programme = Programme(
        name=(name or "").strip(), fiscal_year=fiscal_year, kind=kind, description=description, created_by=user
    )
    programme.full_clean()
    programme.save()
    return programme


def programme_item_add(*, user, programme_id: int, request_id: int) -> ProgrammeItem:
    """Take an endorsed (or adopted, approved) request into a programme; logged on the request."""
    if not can_manage_programmes(user):
        raise NotAllowed(_("เฉพาะทีมบูรณาการกลางที่จัดคำขอเข้าแผนงานได้"))
    with transaction.atomic():
        programme = Programme.objects.filter(pk=programme_id).first()
        request = ProjectRequest.objects.visible_to(user).filter(pk=request_id).first()
        if programme is None or request is None:
            raise Http404("ไม่พบแผนงานหรือคำของบประมาณ")
        if request.status not in StatusGroup.PROGRAMMABLE:
            raise ApplicationError(
                _("จัดเข้าแผนงานได้เฉพาะคำขอที่กระทรวงเห็นชอบหรือรับไปดำเนินการแล้ว (คำขอนี้อยู่ในสถานะ “%(s)s”)")
                % {"s": Status(request.status).label}
            )
        if request.fiscal_year != programme.fiscal_year:
            raise ApplicationError(_("คำขอและแผนงานต้องเป็นปีงบประมาณเดียวกัน"))
        if ProgrammeItem.objects.filter(programme=programme, request=request).exists():
            raise ConflictError(_("คำขอนี้อยู่ในแผนงานนี้แล้ว"))
        item = ProgrammeItem.objects.create(programme=programme, request=request, added_by=user)
        request_event_record(
            request=request,
            kind=EventKind.PROGRAMME_ADD,
            actor=user,
            from_status=request.status,
            to_status=request.status,
            comment=_("จัดเข้าแผนงาน “%(p)s”") % {"p": programme.name},
            payload={"programme_id": programme.pk},
        )
    return item


def programme_item_remove(*, user, item_id: int) -> None:
    if not can_manage_programmes(user):
        raise NotAllowed(_("เฉพาะทีมบูรณาการกลางที่นำคำขอออกจากแผนงานได้"))
    with transaction.atomic():
        item = ProgrammeItem.objects.select_related("programme", "request").filter(pk=item_id).first()
        if item is None:
            raise Http404("ไม่พบรายการ")
        request = item.request
        request_event_record(
            request=request,
            kind=EventKind.PROGRAMME_REMOVE,
            actor=user,
            from_status=request.status,
            to_status=request.status,
            comment=_("นำออกจากแผนงาน “%(p)s”") % {"p": item.programme.name},
            payload={"programme_id": item.programme_id},
        )
        item.delete()


# --- the ก.น.จ. agenda


def agenda_create(*, user, committee, fiscal_year: int, title: str, meeting=None) -> Agenda:
    _central_only(user, "จัดทำวาระ ก.น.จ.")
    if meeting is not None and (meeting.committee_id != committee.pk):
        raise ApplicationError(_("การประชุมที่เลือกไม่ใช่ของคณะกรรมการนี้"))
    agenda = Agenda(
        committee=committee, meeting=meeting, fiscal_year=fiscal_year, title=(title or "").strip(), created_by=user
    )
    agenda.full_clean()
    agenda.save()
    return agenda


def agenda_update(
    *,
    user,
    agenda_id: int,
    title: str | None = None,
    meeting=...,
) -> Agenda:
    """Rename a draft agenda or set its meeting."""
    _central_only(user, "แก้ไขวาระ ก.น.จ.")
    with transaction.atomic():
        agenda = Agenda.objects.select_for_update().filter(pk=agenda_id).first()
        if agenda is None:
            raise Http404("ไม่พบวาระ")
        if not agenda.is_draft:
            raise ConflictError(_("วาระนี้สรุปแล้ว แก้ไขไม่ได้"))
        if title is not None:
            agenda.title = title.strip()
        if meeting is not ...:
            if meeting is not None and meeting.committee_id != agenda.committee_id:
                raise ApplicationError(_("การประชุมที่เลือกไม่ใช่ของคณะกรรมการนี้"))
            agenda.meeting = meeting
        agenda.full_clean()
        agenda.save()
    return agenda


def agenda_delete(*, user, agenda_id: int) -> None:
    """Only an empty draft can go: once a request is on it, it moved to committee review."""
    _central_only(user, "ลบวาระ ก.น.จ.")
    with transaction.atomic():
        agenda = Agenda.objects.select_for_update().filter(pk=agenda_id).first()
        if agenda is None:
            raise Http404("ไม่พบวาระ")
        if agenda.items.exists():
            raise ConflictError(_("วาระที่มีรายการแล้วลบไม่ได้"))
        agenda.delete()


def agenda_item_add(*, user, agenda_id: int, request_id: int) -> AgendaItem:
    """Put an endorsed request whose duplicate flags are all ruled on a draft agenda; the request
    moves to committee_review through the workflow ("send_to_committee")."""
    _central_only(user, "จัดทำวาระ ก.น.จ.")
    with transaction.atomic():
        agenda = Agenda.objects.select_for_update().filter(pk=agenda_id).first()
        if agenda is None:
            raise Http404("ไม่พบวาระ")
        if not agenda.is_draft:
            raise ConflictError(_("วาระนี้สรุปแล้ว เพิ่มรายการไม่ได้"))
        request = ProjectRequest.objects.filter(pk=request_id).only("pk", "fiscal_year").first()
        if request is None:
            raise Http404("ไม่พบคำของบประมาณ")
        if request.fiscal_year != agenda.fiscal_year:
            raise ApplicationError(_("คำขอไม่ใช่ปีงบประมาณ %(y)s ของวาระนี้") % {"y": agenda.fiscal_year})
        request = request_transition(
            request_id=request_id,
            action=Action.SEND_TO_COMMITTEE,
            user=user,
            payload={"agenda_id": agenda.pk},
            comment=_("เสนอเข้าวาระ “%(t)s”") % {"t": agenda.title},
        )
        order = (agenda.items.aggregate(m=Max("order"))["m"] or 0) + 1
        try:
            with transaction.atomic():
                item = AgendaItem.objects.create(agenda=agenda, request=request, order=order)
        except IntegrityError:
            raise ConflictError(_("คำขอนี้อยู่ในวาระนี้แล้ว")) from None
    return item


def agenda_finalise(*, user, agenda_id: int) -> Agenda:
    _central_only(user, "สรุปวาระ ก.น.จ.")
    with transaction.atomic():
        agenda = Agenda.objects.select_for_update().filter(pk=agenda_id).first()
        if agenda is None:
            raise Http404("ไม่พบวาระ")
        if not agenda.is_draft:
            raise ConflictError(_("วาระนี้สรุปแล้ว"))
        if not agenda.items.exists():
            raise ApplicationError(_("วาระยังไม่มีรายการ"))
        agenda.status = Agenda.AgendaStatus.FINAL
        agenda.finalised_at = timezone.now()
        agenda.save(update_fields=["status", "finalised_at"])
    return agenda


def _parse_amount(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("วงเงินที่อนุมัติต้องเป็นตัวเลข")) from None
    if amount <= 0:
        raise ApplicationError(_("วงเงินที่อนุมัติต้องมากกว่า 0 บาท"))
    return amount.quantize(Decimal("0.01"))


def agenda_item_decide(
    *,
    user,
    item_id: int,
    decision: str,
    approved_amount=None,
    note: str = "",
    referred_ministry_id: int | None = None,
    referred_department_id: int | None = None,
) -> AgendaItem:
    """Record the committee's decision on one item: approve / not_approve through the workflow;
    an approval with a changed amount stores the amount (and the envelope draw follows it); a
    referral (R19) sends the request to the ministry or department named, which is told and
    answers how it will fund it (reviews.services.referrals)."""
    _central_only(user, "บันทึกมติ ก.น.จ.")
    if decision not in AgendaDecision.values:
        raise ApplicationError(_("กรุณาเลือกมติ"))
    if decision == AgendaDecision.REFERRED:
        return _agenda_item_refer(
            user=user,
            item_id=item_id,
            note=note,
            ministry_id=referred_ministry_id,
            department_id=referred_department_id,
        )
    amount = _parse_amount(approved_amount)
    if decision == AgendaDecision.APPROVED_CHANGED_AMOUNT and amount is None:
        raise ApplicationError(_("มติอนุมัติโดยปรับวงเงิน ต้องระบุวงเงินที่อนุมัติ"))
    with transaction.atomic():
        item = (
            AgendaItem.objects.select_for_update(of=("self",))
            .select_related("agenda", "request")
            .filter(pk=item_id)
            .first()
        )
        if item is None:
            raise Http404("ไม่พบรายการในวาระ")
        if item.decision:
            raise ConflictError(_("บันทึกมติของรายการนี้แล้ว"))
        if decision == AgendaDecision.APPROVED_CHANGED_AMOUNT and amount == item.request.amount:
            decision = AgendaDecision.APPROVED
        action = "not_approve" if decision == AgendaDecision.NOT_APPROVED else "approve"
        comment = (note or "").strip()
        if decision == AgendaDecision.APPROVED_CHANGED_AMOUNT:
            comment = (_("อนุมัติโดยปรับวงเงินเป็น %(a)s บาท") % {"a": baht(amount)}) + (f" · {comment}" if comment else "")
        payload = {"agenda_id": item.agenda_id, "decision": decision}
        if decision == AgendaDecision.APPROVED_CHANGED_AMOUNT:
            payload["approved_amount"] = str(amount)
        item.request = request_transition(
            request_id=item.request_id, action=action, user=user, comment=comment, payload=payload
        )
        item.decision = decision
        if decision == AgendaDecision.APPROVED_CHANGED_AMOUNT:
            item.approved_amount = amount
        else:
            item.approved_amount = item.request.amount if decision == AgendaDecision.APPROVED else None
        item.note = (note or "").strip()
        item.decided_by = user
        item.decided_at = timezone.now()
        item.full_clean(validate_unique=False)
        item.save()
    return item


def _locked_undecided_item(item_id: int) -> AgendaItem:
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("agenda", "request")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise Http404("ไม่พบรายการในวาระ")
    if item.decision:
        raise ConflictError(_("บันทึกมติของรายการนี้แล้ว"))
    return item


def _agenda_item_refer(*, user, item_id: int, note: str, ministry_id, department_id) -> AgendaItem:
    from reviews.services.referrals import referral_record

    note = (note or "").strip()
    with transaction.atomic():
        item = _locked_undecided_item(item_id)
        payload = {
            "agenda_id": item.agenda_id,
            "decision": AgendaDecision.REFERRED.value,
            "referred_ministry": ministry_id,
            "referred_department": department_id,
        }
        # named here for the history's words; the transition's guard checks the pair (R19)
        target = (
            Department.objects.filter(pk=department_id or 0).first()
            or Ministry.objects.filter(pk=ministry_id or 0).first()
        )
        comment = (_("ก.น.จ. ส่ง %(target)s พิจารณาสนับสนุน") % {"target": target}) if target else ""
        comment += f" · {note}" if note and comment else note
        request = request_transition(
            request_id=item.request_id, action=Action.REFER, user=user, payload=payload, comment=comment
        )
        referral_record(user=user, request=request, agenda_item=item, note=note)
        item.request = request
        item.decision = AgendaDecision.REFERRED
        item.approved_amount = None
        item.note = note
        item.decided_by, item.decided_at = user, timezone.now()
        item.full_clean(validate_unique=False)
        item.save()
    return item


def unruled_flag_count(request_id: int) -> int:
    return DuplicateFlag.objects.filter(request_id=request_id, state__in=UNRULED_STATES).count()
