"""R20: who takes part in a request across ministries or areas, written by its office (and the
central team naming itself coordinator). 000 ประเด็น 3 item 5; ประเด็น 5 item 2."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils.translation import gettext as _

from clusters.models import Province
from ministries.models import CentralAgency, Department, Ministry
from portal.exceptions import ApplicationError, ConflictError, NotAllowed
from portal.roles import scope_of
from proposals.events import request_event_record
from proposals.models import (
    FundingChannel,
    ProjectRequest,
    RequestCoordination,
    RequestMinistryShare,
    RequestProvince,
    ShareRole,
)
from proposals.permissions import can_edit_request
from proposals.workflow import EventKind, StatusGroup

HUNDRED = Decimal(100)


class Basis:
    AMOUNT = "amount"
    PERCENT = "percent"


@dataclass(frozen=True)
class PartnerShare:
    ministry_id: int
    share: Decimal
    department_id: int | None = None


def lead_ministry_id(request) -> int | None:
    """The lead is the ministry the request is (or will be) reviewed by: the one it asks for
    support, else the owner of its ministry strategy (the same rule as routing at submission)."""
    if request.reviewing_ministry_id:
        return request.reviewing_ministry_id
    if request.funding_channel == FundingChannel.MINISTRY_SUPPORT and request.target_ministry_id:
        return request.target_ministry_id
    if request.ministry_strategy_id:
        return request.ministry_strategy.ministry_id
    return None


def share_total_problem(*, basis: str, shares: list[Decimal], amount: Decimal) -> str | None:
    """Why these shares do not add up, in Thai; None when they do."""
    total = sum(shares, Decimal(0))
    if basis == Basis.PERCENT and total != HUNDRED:
        return _("สัดส่วนของกระทรวงรวมกันได้ร้อยละ %(t)s ต้องรวมเป็นร้อยละ 100") % {"t": f"{total:,.2f}"}
    if basis == Basis.AMOUNT and total != amount:
        return _("สัดส่วนวงเงินของกระทรวงรวมกัน %(t)s บาท ต้องเท่ากับวงเงินคำขอ %(a)s บาท") % {
            "t": f"{total:,.2f}",
            "a": f"{amount:,.2f}",
        }
    return None


def joint_problems(request) -> list[str]:
    """What stops a request across ministries from being submitted (shown in the checklist too):
    the shares must still add up, and the lead row must still be the reviewing ministry after
    the planner changed the strategy or the amount."""
    shares = list(request.ministry_shares.all())
    if not shares:
        return []
    problems = []
    lead = next((s for s in shares if s.role == ShareRole.LEAD), None)
    expected = lead_ministry_id(request)
    if lead is None or lead.ministry_id != expected:
        problems.append(_("กระทรวงหลักในสัดส่วนไม่ตรงกับกระทรวงที่จะพิจารณาคำขอ กรุณาบันทึกกระทรวงร่วมอีกครั้ง"))
    basis = Basis.PERCENT if shares[0].percent is not None else Basis.AMOUNT
    values = [s.percent if basis == Basis.PERCENT else s.amount for s in shares]
    problem = share_total_problem(basis=basis, shares=values, amount=request.amount)
    if problem:
        problems.append(problem)
    return problems


def _clean_partners(request, *, lead_id, basis, partners: list[PartnerShare]) -> list[PartnerShare]:
    year = request.fiscal_year
    seen = set()
    ministries = set(
        Ministry.objects.for_fiscal_year(year)
        .filter(pk__in=[p.ministry_id for p in partners])
        .values_list("pk", flat=True)
    )
    departments = dict(
        Department.objects.for_fiscal_year(year)
        .filter(pk__in=[p.department_id for p in partners if p.department_id])
        .values_list("pk", "ministry_id")
    )
    for p in partners:
        if p.ministry_id not in ministries:
            raise ApplicationError(_("กระทรวงร่วมที่เลือกไม่มีในปีงบประมาณนี้"))
        if p.ministry_id == lead_id:
            raise ApplicationError(_("กระทรวงหลักเป็นกระทรวงร่วมของคำขอเดียวกันไม่ได้"))
        if p.ministry_id in seen:
            raise ApplicationError(_("ระบุกระทรวงร่วมซ้ำกัน"))
        if p.department_id and departments.get(p.department_id) != p.ministry_id:
            raise ApplicationError(_("กรมที่ระบุไม่อยู่ในกระทรวงร่วมที่เลือก"))
        if p.share is None or p.share <= 0 or (basis == Basis.PERCENT and p.share > HUNDRED):
            raise ApplicationError(_("สัดส่วนของกระทรวงร่วมต้องมากกว่า 0 (และไม่เกินร้อยละ 100)"))
        seen.add(p.ministry_id)
    return partners


def _share_row(request, *, ministry_id, department_id, role, basis, share) -> RequestMinistryShare:
    row = RequestMinistryShare(
        request=request,
        ministry_id=ministry_id,
        department_id=department_id,
        role=role,
        amount=share if basis == Basis.AMOUNT else None,
        percent=share if basis == Basis.PERCENT else None,
    )
    row.full_clean(exclude=["request"], validate_unique=False, validate_constraints=False)
    return row


def request_joint_set(
    *,
    user,
    request_id: int,
    expected_revision: int,
    basis: str = Basis.PERCENT,
    lead_share: Decimal | None = None,
    partners: list[PartnerShare] = (),
    province_ids: list[int] = (),
    coordinator_id: int | None = None,
    coordinator_note: str = "",
) -> ProjectRequest:
    """Replace the request's partner ministries (with the lead's share), extra provinces and
    central coordinator. The owner's edit of a draft or returned request: it bumps the revision
    (the provinces change what screening compares) under the same optimistic lock as the form.
    No partners clears every share; shares must add up to the amount or to 100%."""
    if basis not in (Basis.AMOUNT, Basis.PERCENT):
        raise ApplicationError(_("เลือกวิธีระบุสัดส่วน: วงเงินหรือร้อยละ"))
    with transaction.atomic():
        request = (
            ProjectRequest.objects.select_for_update(of=("self",))
            .select_related("office", "ministry_strategy")
            .filter(pk=request_id)
            .first()
        )
        if request is None or not ProjectRequest.objects.visible_to(user).filter(pk=request_id).exists():
            raise Http404("ไม่พบคำของบประมาณ")
        if not can_edit_request(user, request):
            raise NotAllowed(_("แก้ไขกระทรวงร่วมและพื้นที่ได้เฉพาะสำนักงานเจ้าของคำขอ ขณะเป็นฉบับร่างหรือถูกส่งกลับ"))
        if int(expected_revision) != request.revision:
            raise ConflictError(
                _("มีผู้อื่นบันทึกคำขอนี้ไปก่อนแล้ว (ฉบับที่ %(theirs)s) กรุณาโหลดหน้าใหม่แล้วบันทึกอีกครั้ง") % {"theirs": request.revision},
                extra={"current_revision": request.revision},
            )
        partners = list(partners)
        lead_id = lead_ministry_id(request)
        request.ministry_shares.all().delete()
        if partners:
            if lead_id is None:
                raise ApplicationError(_("เลือกยุทธศาสตร์กระทรวงหรือกระทรวงที่ขอรับการสนับสนุนก่อน เพื่อกำหนดกระทรวงหลัก"))
            if lead_share is None or lead_share <= 0:
                raise ApplicationError(_("ระบุสัดส่วนของกระทรวงหลัก"))
            _clean_partners(request, lead_id=lead_id, basis=basis, partners=partners)
            problem = share_total_problem(
                basis=basis, shares=[lead_share] + [p.share for p in partners], amount=request.amount
            )
            if problem:
                raise ApplicationError(problem)
            rows = [
                _share_row(
                    request, ministry_id=lead_id, department_id=None, role=ShareRole.LEAD, basis=basis, share=lead_share
                )
            ]
            rows += [
                _share_row(
                    request,
                    ministry_id=p.ministry_id,
                    department_id=p.department_id,
                    role=ShareRole.PARTNER,
                    basis=basis,
                    share=p.share,
                )
                for p in partners
            ]
            RequestMinistryShare.objects.bulk_create(rows)
        own = set(request.office.province_ids(request.fiscal_year))
        wanted = {int(p) for p in province_ids} - own
        if wanted and Province.objects.filter(pk__in=wanted).count() != len(wanted):
            raise ApplicationError(_("จังหวัดที่เลือกไม่ถูกต้อง"))
        request.extra_provinces.all().delete()
        RequestProvince.objects.bulk_create([RequestProvince(request=request, province_id=p) for p in sorted(wanted)])
        _coordination_write(request, user=user, coordinator_id=coordinator_id, note=coordinator_note)
        request.revision = F("revision") + 1
        request.save(update_fields=["revision", "updated_at"])
        request.refresh_from_db(fields=["revision", "updated_at"])
        request_event_record(
            request=request,
            kind=EventKind.JOINT_SET,
            actor=user,
            payload={
                "partners": [p.ministry_id for p in partners],
                "provinces": sorted(wanted),
                "coordinator": coordinator_id,
                "revision": request.revision,
            },
        )
    return request


def _coordination_write(request, *, user, coordinator_id, note: str) -> None:
    if not coordinator_id:
        RequestCoordination.objects.filter(request=request).delete()
        return
    if not CentralAgency.objects.filter(pk=coordinator_id).exists():
        raise ApplicationError(_("หน่วยงานผู้ประสานงานที่เลือกไม่ใช่หน่วยงานของทีมบูรณาการกลาง"))
    RequestCoordination.objects.update_or_create(
        request=request, defaults={"coordinator_id": coordinator_id, "note": (note or "").strip(), "named_by": user}
    )


def can_name_coordinator(user, request) -> bool:
    """The central team names itself coordinator of any filed, open request (000 ประเด็น 3 item 5)."""
    return scope_of(user).is_central and request.status not in StatusGroup.FINAL


def request_coordinator_set(*, user, request_id: int, coordinator_id: int | None, note: str = "") -> ProjectRequest:
    """The central team names (or clears) the coordinating agency; logged on the request."""
    with transaction.atomic():
        request = ProjectRequest.objects.visible_to(user).select_for_update(of=("self",)).filter(pk=request_id).first()
        if request is None:
            raise Http404("ไม่พบคำของบประมาณ")
        if not can_name_coordinator(user, request):
            raise NotAllowed(_("เฉพาะทีมบูรณาการกลางที่กำหนดผู้ประสานงานหลักได้"))
        _coordination_write(request, user=user, coordinator_id=coordinator_id, note=note)
        request_event_record(
            request=request, kind=EventKind.JOINT_SET, actor=user, payload={"coordinator": coordinator_id}
        )
    return request
