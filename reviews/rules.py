"""The review area's rules on workflow transitions (loaded by transition_rules.load_rules)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from portal.exceptions import ApplicationError
from proposals.services.transition_rules import effect, guard
from proposals.workflow import Action
from reviews.selectors.framework import framework_warning_for
from reviews.services.envelopes import envelope_draw_adjust, envelope_draw_create, envelope_draw_release
from screening.models import UNRULED_STATES, DuplicateFlag


@guard(Action.SUBMIT)
def framework_needs_justification(*, request, transition, user, payload):
    """R5 (000 ประเด็น 1 item 5): a province requesting work a ministry owns must say why."""
    warning = framework_warning_for(
        category_id=request.category_id,
        fiscal_year=request.fiscal_year,
        funding_channel=request.funding_channel,
        target_ministry_id=request.target_ministry_id,
    )
    if warning and not (request.framework_justification or "").strip():
        raise ApplicationError(
            _(
                "ส่งคำขอไม่ได้: หมวดงาน “%(category)s” เป็นภารกิจของ %(owners)s ตามกรอบความรับผิดชอบ "
                "กรุณาระบุเหตุผลที่จังหวัด/กลุ่มจังหวัดต้องดำเนินการเอง"
            )
            % {"category": warning.category, "owners": warning.owners_text},
            extra={"errors": [warning.message], "field": "framework_justification"},
        )


@guard(Action.SEND_TO_COMMITTEE)
def flags_ruled_before_committee(*, request, transition, user, payload):
    """R6 (000 ประเด็น 5 item 1): the committee sees a request only after its duplicates are ruled."""
    unruled = DuplicateFlag.objects.filter(request=request, state__in=UNRULED_STATES).count()
    if unruled:
        raise ApplicationError(_("ยังมีผลตรวจความซ้ำซ้อนที่ยังไม่ได้วินิจฉัย %(n)s รายการ: นำเข้าวาระ ก.น.จ. ไม่ได้") % {"n": unruled})


@effect(Action.ENDORSE)
def draw_on_support_envelope(*, request, transition, user, payload):
    """R15: endorsing a support request claims its amount on the ministry's envelope (locked)."""
    envelope_draw_create(request=request, user=user)


@effect(Action.WITHDRAW, Action.NOT_APPROVE)
def release_support_envelope(*, request, transition, user, payload):
    envelope_draw_release(request=request)


@effect(Action.APPROVE)
def follow_approved_amount(*, request, transition, user, payload):
    if payload.get("approved_amount"):
        envelope_draw_adjust(request=request, amount=Decimal(str(payload["approved_amount"])))
