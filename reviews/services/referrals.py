"""The committee's referral and the ministry's answer (R19; 000 and 002 ประเด็น 5).

ก.น.จ. finds that a province or cluster request should be supported by a ministry or department
and refers it there (an agenda decision, `agenda_item_decide`); the ministry answers how it will
fund it: from its support envelope (R15, claimed at once under the envelope's lock), in its own
budget request, from another source, or that it cannot. The answer goes back to ก.น.จ., which
decides at a following meeting. Each half is a workflow transition, so both are on the request's
history with the capacity they were taken in (R9).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.exceptions import ApplicationError
from portal.thai import baht
from proposals.services.transitions import request_transition
from proposals.workflow import Action
from reviews.models import Referral, ReferralFunding
from reviews.selectors.envelopes import envelope_lookup, with_left
from reviews.services.envelopes import envelope_draw_for_referral


def referral_record(*, user, request, agenda_item, note: str = "") -> Referral:
    """The Referral row for a request the REFER transition just moved (inside its transaction)."""
    referral = Referral(
        request=request,
        agenda_item=agenda_item,
        ministry_id=request.referred_ministry_id,
        department_id=request.referred_department_id,
        note=(note or "").strip(),
        referred_by=user,
    )
    referral.full_clean(validate_constraints=False)
    referral.save()
    return referral


def referral_envelope_for(request):
    """The envelope an answer "from our envelope" would draw on, with used/left; None if the
    referred ministry (department) has set none for the year."""
    if not request.referred_ministry_id:
        return None
    envelope = (
        envelope_lookup(
            ministry_id=request.referred_ministry_id,
            department_id=request.referred_department_id,
            fiscal_year=request.fiscal_year,
        )
        .with_used()
        .select_related("ministry", "department")
        .first()
    )
    return with_left(envelope) if envelope else None


def _amount(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("วงเงินที่สนับสนุนต้องเป็นตัวเลข"), extra={"field": "amount"}) from None
    if amount <= 0:
        raise ApplicationError(_("วงเงินที่สนับสนุนต้องมากกว่า 0 บาท"), extra={"field": "amount"})
    return amount.quantize(Decimal("0.01"))


def referral_answer(*, user, request_id: int, funding: str, amount=None, answer: str = "") -> Referral:
    """The referred ministry or department answers how it will fund the request.

    Preconditions (Thai ApplicationError / NotAllowed / ConflictError otherwise): a known way of
    funding; an amount above 0 unless it cannot support, and a reason when it cannot; the
    transition's own checks (the request waits for this ministry's answer, R9's separation).
    Side effects: the request moves to "answered, back to ก.น.จ." with the answer as the event's
    comment; funding from the envelope claims the amount on it; the central team is told.
    """
    answer = (answer or "").strip()
    if funding not in ReferralFunding.values:
        raise ApplicationError(_("กรุณาเลือกว่าจะสนับสนุนอย่างไร"), extra={"field": "funding"})
    value = _amount(amount)
    if funding == ReferralFunding.CANNOT:
        value = None
        if not answer:
            raise ApplicationError(_("กรุณาระบุเหตุผลที่สนับสนุนไม่ได้"), extra={"field": "answer"})
    elif value is None:
        raise ApplicationError(_("กรุณาระบุวงเงินที่จะสนับสนุน (บาท)"), extra={"field": "amount"})
    parts = [str(ReferralFunding(funding).label)]
    if value is not None:
        parts.append(_("วงเงิน %(amount)s บาท") % {"amount": baht(value)})
    with transaction.atomic():
        referral = (
            Referral.objects.select_for_update(of=("self",))
            .filter(request_id=request_id, answered_at__isnull=True)
            .order_by("-pk")
            .first()
        )
        if referral is None:
            raise Http404("ไม่พบการส่งต่อที่รอคำตอบ")
        envelope = None
        request = request_transition(
            request_id=request_id,
            action=Action.ANSWER_REFERRAL,
            user=user,
            comment=" · ".join(parts) + (f" — {answer}" if answer else ""),
            payload={"funding": funding, "amount": str(value) if value is not None else None},
        )
        if funding == ReferralFunding.ENVELOPE:
            draw = envelope_draw_for_referral(
                request=request,
                user=user,
                ministry_id=referral.ministry_id,
                department_id=referral.department_id,
                amount=value,
            )
            envelope = draw.envelope
        referral.funding, referral.amount, referral.envelope, referral.answer = funding, value, envelope, answer
        referral.answered_by, referral.answered_at = user, timezone.now()
        referral.full_clean(validate_constraints=False)
        referral.save()
    return referral
