"""Support envelope writes (R15; 000 ประเด็น 5 item 1; 002 ประเด็น 5 item 1).

The draw happens inside the endorsement's transaction (an effect registered in
reviews.rules): the envelope row is locked with select_for_update before the used
amount is summed, so two endorsements at once are serialised and cannot overspend together.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ministries.models import EnvelopeChange, EnvelopeDraw, SupportEnvelope
from portal.exceptions import ApplicationError, NotAllowed
from portal.thai import baht
from proposals.models import FundingChannel
from reviews.permissions import can_create_envelope_for, can_manage_envelope
from reviews.selectors.envelopes import envelope_lookup


def _used(envelope_id: int) -> Decimal:
    return EnvelopeDraw.objects.filter(envelope_id=envelope_id, released_at__isnull=True).aggregate(
        s=Sum("amount", default=Decimal(0))
    )["s"]


def envelope_create(
    *,
    user,
    ministry_id: int,
    fiscal_year: int,
    department_id: int | None = None,
    base_budget: Decimal = Decimal(0),
    share_percent: Decimal | None = None,
    fixed_amount: Decimal | None = None,
    note: str = "",
) -> SupportEnvelope:
    """A ministry (or department) sets its envelope for a year; audited as the first change."""
    if not can_create_envelope_for(user, ministry_id=ministry_id, department_id=department_id):
        raise NotAllowed(_("เฉพาะผู้พิจารณาของกระทรวง/กรมนั้นที่กำหนดกรอบวงเงินสนับสนุนได้"))
    with transaction.atomic():
        if SupportEnvelope.objects.filter(
            ministry_id=ministry_id, department_id=department_id, fiscal_year=fiscal_year
        ).exists():
            raise ApplicationError(
                _("มีกรอบวงเงินของหน่วยงานนี้ในปีงบประมาณ %(y)s แล้ว: ใช้การปรับกรอบแทน") % {"y": fiscal_year}
            )
        envelope = SupportEnvelope(
            ministry_id=ministry_id,
            department_id=department_id,
            fiscal_year=fiscal_year,
            base_budget=base_budget or 0,
            share_percent=share_percent,
            fixed_amount=fixed_amount,
            note=note,
            created_by=user,
        )
        envelope.full_clean()
        envelope.save()
        EnvelopeChange.objects.create(
            envelope=envelope, old_limit=None, new_limit=envelope.limit, reason=note, changed_by=user
        )
    return envelope


def envelope_raise(
    *,
    user,
    envelope_id: int,
    reason: str,
    base_budget: Decimal | None = None,
    share_percent: Decimal | None = None,
    fixed_amount: Decimal | None = None,
) -> SupportEnvelope:
    """Change an envelope's share or amount (R15: an endorsement beyond it is refused unless the
    ministry raises it). The new limit may not fall below what endorsements already use."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("กรุณาระบุเหตุผลในการปรับกรอบวงเงิน"))
    with transaction.atomic():
        try:
            envelope = (
                SupportEnvelope.objects.select_for_update(of=("self",))
                .select_related("ministry", "department")
                .get(pk=envelope_id)
            )
        except SupportEnvelope.DoesNotExist:
            from django.http import Http404

            raise Http404("ไม่พบกรอบวงเงิน") from None
        if not can_manage_envelope(user, envelope):
            raise NotAllowed(_("เฉพาะผู้พิจารณาของกระทรวง/กรมเจ้าของกรอบที่ปรับกรอบวงเงินได้"))
        old_limit = envelope.limit
        if base_budget is not None:
            envelope.base_budget = base_budget
        envelope.share_percent = share_percent
        envelope.fixed_amount = fixed_amount
        envelope.full_clean()
        used = _used(envelope.pk)
        if envelope.limit < used:
            raise ApplicationError(
                _("กรอบวงเงินใหม่ %(new)s บาท ต่ำกว่าที่ใช้ไปแล้ว %(used)s บาท")
                % {"new": baht(envelope.limit), "used": baht(used)}
            )
        envelope.save()
        EnvelopeChange.objects.create(
            envelope=envelope, old_limit=old_limit, new_limit=envelope.limit, reason=reason, changed_by=user
        )
    return envelope


def envelope_draw_create(*, request, user) -> EnvelopeDraw | None:
    """Claim the request's amount on its ministry's envelope; call inside the endorsement's
    transaction. Requests not asking a ministry for money draw nothing.

    Policy when the ministry has set no envelope for the year: the endorsement is refused. An
    endorsement of a support request is a promise of the ministry's money (R15), and without a
    reserved share there is nothing to promise from; the ministry's reviewers can set one on
    the envelope page and endorse again.
    """
    if request.funding_channel != FundingChannel.MINISTRY_SUPPORT or not request.reviewing_ministry_id:
        return None
    return _claim(
        request=request,
        user=user,
        ministry_id=request.reviewing_ministry_id,
        department_id=request.reviewing_department_id,
        amount=request.amount,
    )


def envelope_draw_for_referral(*, request, user, ministry_id: int, department_id: int | None, amount: Decimal):
    """R19: the ministry (department) ก.น.จ. referred the request to funds `amount` of it from its
    support envelope (R15); call inside the answer's transaction. The request may hold one claim:
    an earlier one on another envelope must have been released."""
    current = EnvelopeDraw.objects.filter(request=request, released_at__isnull=True).select_related("envelope").first()
    if current is not None:
        raise ApplicationError(
            _("คำขอนี้ใช้กรอบวงเงินสนับสนุนของ %(owner)s อยู่แล้ว %(amount)s บาท")
            % {"owner": current.envelope.owner_label, "amount": baht(current.amount)}
        )
    return _claim(request=request, user=user, ministry_id=ministry_id, department_id=department_id, amount=amount)


def _claim(*, request, user, ministry_id: int, department_id: int | None, amount: Decimal) -> EnvelopeDraw:
    envelope = (
        envelope_lookup(ministry_id=ministry_id, department_id=department_id, fiscal_year=request.fiscal_year)
        .select_for_update(of=("self",))
        .order_by("pk")
        .first()
    )
    if envelope is None:
        raise ApplicationError(
            _(
                "กระทรวงยังไม่ได้กำหนดกรอบวงเงินสนับสนุนจังหวัด/กลุ่มจังหวัด ปีงบประมาณ %(y)s: กำหนดกรอบวงเงินก่อนเห็นชอบคำขอที่ขอรับการสนับสนุน"
            )
            % {"y": request.fiscal_year}
        )
    used = _used(envelope.pk)
    left = envelope.limit - used
    if used + amount > envelope.limit:
        raise ApplicationError(
            _("เกินกรอบวงเงินสนับสนุน: คงเหลือ %(left)s บาท") % {"left": baht(left)},
            extra={"envelope_id": envelope.pk, "left": str(left), "needed": str(amount)},
        )
    draw = EnvelopeDraw.objects.filter(request=request).first()
    if draw is None:
        draw = EnvelopeDraw(envelope=envelope, request=request, amount=amount, created_by=user)
    else:  # claimed again after an earlier draw was released
        draw.envelope, draw.amount, draw.released_at, draw.created_by = envelope, amount, None, user
    draw.full_clean(validate_unique=False)
    draw.save()
    return draw


def envelope_draw_release(*, request) -> None:
    """Give the amount back when the request leaves the running (withdrawn, not approved)."""
    EnvelopeDraw.objects.filter(request=request, released_at__isnull=True).update(released_at=timezone.now())


def envelope_draw_adjust(*, request, amount: Decimal) -> None:
    """The committee approved a different amount: the draw follows it, under the envelope lock."""
    draw = EnvelopeDraw.objects.filter(request=request, released_at__isnull=True).first()
    if draw is None:
        return
    envelope = SupportEnvelope.objects.select_for_update(of=("self",)).get(pk=draw.envelope_id)
    used_by_others = _used(envelope.pk) - draw.amount
    if used_by_others + amount > envelope.limit:
        raise ApplicationError(
            _("เกินกรอบวงเงินสนับสนุน: คงเหลือ %(left)s บาท") % {"left": baht(envelope.limit - used_by_others)}
        )
    draw.amount = amount
    draw.save(update_fields=["amount"])
