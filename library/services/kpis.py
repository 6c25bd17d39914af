"""Writes for joint KPIs (R13, 000 ประเด็น 3 item 6). One side proposes, the other confirms or
asks for a change; the central team records what a workshop agreed (both sides were there), and
the results reported on agreed KPIs. Each step tells the other side through notify()."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from library.models import AgreementStatus, JointKPI, ProposingSide, RequestKPIAgreement
from library.notices import ministry_reviewers, office_people, tell
from library.permissions import (
    can_answer_request_kpi,
    can_edit_joint_kpis,
    can_respond_joint_kpi,
    can_revise_joint_kpi,
    joint_kpi_side_of,
)
from portal.exceptions import NotAllowed
from portal.roles import scope_of
from proposals.events import request_event_record
from proposals.models import RequestKPI
from proposals.services.notifications import NoticeText, notify, people_matching
from proposals.workflow import EventKind

KPI_FIELDS = (
    "fiscal_year",
    "name",
    "ministry",
    "department",
    "target",
    "unit",
    "result",
    "result_reported_on",
    "source",
)


def _guard(user):
    if not can_edit_joint_kpis(user):
        raise NotAllowed(_("เฉพาะทีมบูรณาการกลางบันทึกตัวชี้วัดร่วมได้"))


def _page_url(kpi) -> str:
    return reverse("library:joint-kpis-year", args=[kpi.fiscal_year]) + f"#kpi-{kpi.pk}"


def _tell_other_side(kpi, *, actor, message: str) -> None:
    """The side that did not act: the ministry's reviewers, or the people of the offices named."""
    office_ids = [office.pk for office in kpi.offices.all()]
    acting_side = joint_kpi_side_of(actor, ministry_id=kpi.ministry_id, office_ids=office_ids)
    who = ministry_reviewers(kpi.ministry_id) if acting_side != ProposingSide.MINISTRY else office_people(office_ids)
    if scope_of(actor).is_central:
        who = ministry_reviewers(kpi.ministry_id) | office_people(office_ids)
    tell(who=who, message=message, url=_page_url(kpi), actor=actor)


@transaction.atomic
def joint_kpi_create(*, user, offices, **fields) -> JointKPI:
    """The central team records an agreed KPI; a ministry's reviewer or an office's planner
    proposes one, pending until the other side confirms it."""
    scope = scope_of(user)
    kpi = JointKPI(created_by=user, **{k: v for k, v in fields.items() if k in KPI_FIELDS})
    office_ids = [getattr(o, "pk", o) for o in offices]
    if scope.is_central:
        kpi.status, kpi.proposed_side = AgreementStatus.AGREED, ProposingSide.WORKSHOP
    else:
        side = joint_kpi_side_of(user, ministry_id=kpi.ministry_id, office_ids=office_ids)
        if side is None:
            raise NotAllowed(_("เสนอตัวชี้วัดร่วมได้เฉพาะในนามกระทรวงหรือสำนักงานของท่านเอง"))
        kpi.status, kpi.proposed_side = AgreementStatus.PENDING, side
        kpi.result, kpi.result_reported_on = "", None  # nothing to report before both sides agree
    if kpi.result and kpi.result_reported_on is None:
        kpi.result_reported_on = datetime.date.today()
    kpi.full_clean()
    kpi.save()
    kpi.offices.set(offices)
    if kpi.status == AgreementStatus.PENDING:
        _tell_other_side(
            kpi,
            actor=user,
            message=NoticeText(gettext_noop("มีข้อเสนอตัวชี้วัดร่วม “%(name)s” รอท่านยืนยัน"), **{"name": kpi.name[:150]}),
        )
    return kpi


@transaction.atomic
def joint_kpi_update(*, user, kpi: JointKPI, offices=None, **fields) -> JointKPI:
    """The central team edits anything; the proposing side revises its proposal, which makes it
    pending again for the other side."""
    kpi = JointKPI.objects.select_for_update().get(pk=kpi.pk)
    if not can_revise_joint_kpi(user, kpi):
        raise NotAllowed(_("ท่านแก้ไขตัวชี้วัดร่วมนี้ไม่ได้"))
    central = scope_of(user).is_central
    old_result = kpi.result
    for name, value in fields.items():
        if name in KPI_FIELDS and (central or name not in ("result", "result_reported_on")):
            setattr(kpi, name, value)
    if kpi.result != old_result and kpi.result and "result_reported_on" not in fields:
        kpi.result_reported_on = datetime.date.today()
    revised = not central
    if revised:
        new_office_ids = {getattr(o, "pk", o) for o in offices} if offices is not None else None
        if (
            new_office_ids is not None
            and joint_kpi_side_of(user, ministry_id=kpi.ministry_id, office_ids=new_office_ids) != kpi.proposed_side
        ):
            raise NotAllowed(_("เสนอตัวชี้วัดร่วมได้เฉพาะในนามกระทรวงหรือสำนักงานของท่านเอง"))
        kpi.status = AgreementStatus.PENDING
    kpi.full_clean()
    kpi.save()
    if offices is not None:
        kpi.offices.set(offices)
    if revised:
        _tell_other_side(
            kpi,
            actor=user,
            message=NoticeText(gettext_noop("ตัวชี้วัดร่วม “%(name)s” ปรับแก้แล้ว รอท่านยืนยัน"), **{"name": kpi.name[:150]}),
        )
    return kpi


@transaction.atomic
def joint_kpi_respond(*, user, kpi: JointKPI, agree: bool, note: str = "") -> JointKPI:
    """The other side confirms the proposal, or asks for a change (with a note saying what)."""
    kpi = JointKPI.objects.select_for_update().get(pk=kpi.pk)
    if not can_respond_joint_kpi(user, kpi):
        raise NotAllowed(_("ท่านไม่ใช่อีกฝ่ายของข้อเสนอนี้ หรือข้อเสนอนี้ไม่ได้รอการยืนยันแล้ว"))
    note = (note or "").strip()
    if not agree and not note:
        from django.core.exceptions import ValidationError

        raise ValidationError({"note": _("กรุณาระบุสิ่งที่ขอให้ปรับแก้")})
    kpi.status = AgreementStatus.AGREED if agree else AgreementStatus.CHANGE_REQUESTED
    kpi.response_note, kpi.responded_by, kpi.responded_at = note, user, timezone.now()
    kpi.save(update_fields=["status", "response_note", "responded_by", "responded_at", "updated_at"])
    if agree:
        message = gettext_noop("ตัวชี้วัดร่วม “%(name)s” ได้รับความเห็นชอบจากทั้งสองฝ่ายแล้ว")
    else:
        message = gettext_noop("อีกฝ่ายขอให้ปรับแก้ตัวชี้วัดร่วม “%(name)s”")
    _tell_other_side(kpi, actor=user, message=NoticeText(message, tail=(note or "")[:200], name=kpi.name[:150]))
    return kpi


@transaction.atomic
def request_kpi_respond(*, user, kpi: RequestKPI, agree: bool, note: str = "") -> RequestKPIAgreement:
    """The joint ministry answers a request's joint KPI as it reads now; the request's office
    hears of it."""
    kpi = RequestKPI.objects.select_related("request").get(pk=kpi.pk)
    if not can_answer_request_kpi(user, kpi):
        raise NotAllowed(_("เฉพาะกระทรวงที่ร่วมตัวชี้วัดนี้ตอบได้"))
    note = (note or "").strip()
    if not agree and not note:
        from django.core.exceptions import ValidationError

        raise ValidationError({"note": _("กรุณาระบุสิ่งที่ขอให้ปรับแก้")})
    status = AgreementStatus.AGREED if agree else AgreementStatus.CHANGE_REQUESTED
    agreement, _created = RequestKPIAgreement.objects.update_or_create(
        request=kpi.request,
        ministry_id=kpi.joint_ministry_id,
        name=kpi.name,
        target=kpi.target,
        unit=kpi.unit,
        defaults={"status": status, "note": note, "responded_by": user},
    )
    # R13: the ministry's answer is on the request's history too (the agreement row keeps the state)
    request = kpi.request
    request_event_record(
        request=request,
        kind=EventKind.JOINT_KPI_ANSWER,
        actor=user,
        comment=note,
        payload={"kpi": kpi.name[:120], "status": status, "ministry_id": kpi.joint_ministry_id},
    )
    label = AgreementStatus(status).label
    notify(
        users=_office_users(request.office_id, actor=user),
        message=NoticeText(
            gettext_noop("คำขอ %(ref)s: กระทรวงตอบตัวชี้วัดร่วม “%(name)s”: %(state)s"),
            tail=(note or "")[:200],
            **{"ref": request.reference, "name": kpi.name[:120], "state": label},
        ),
        request=request,
    )
    return agreement


def _office_users(office_id, *, actor):
    return people_matching(office_people([office_id]), exclude=actor)


@transaction.atomic
def request_kpi_result_record(*, user, kpi: RequestKPI, result: str) -> RequestKPI:
    """Record the reported result of a request's joint KPI; the request's history shows who did."""
    _guard(user)
    kpi = RequestKPI.objects.select_for_update().select_related("request").get(pk=kpi.pk)
    previous = kpi.result
    kpi.result = (result or "").strip()
    kpi.full_clean()
    kpi.save(update_fields=["result"])
    if kpi.result != previous:
        request_event_record(
            request=kpi.request,
            kind=EventKind.JOINT_KPI_RESULT,
            actor=user,
            from_status=kpi.request.status,
            to_status=kpi.request.status,
            payload={"kpi_id": kpi.pk, "kpi": kpi.name, "from": previous, "to": kpi.result},
        )
    return kpi
