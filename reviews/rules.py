"""The review area's rules on workflow transitions (loaded by transition_rules.load_rules)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from portal.exceptions import ApplicationError
from proposals.models import ProjectRequest
from proposals.services.transition_rules import effect, guard
from proposals.workflow import Action
from reviews.selectors.framework import framework_warning_for, partner_ministry_ids
from reviews.services.envelopes import envelope_draw_adjust, envelope_draw_create, envelope_draw_release
from reviews.services.merge import IN_REVIEW, has_merge_consent, merge_leaves_queue, merge_refusal
from screening.models import UNRULED_STATES, DuplicateFlag


@guard(Action.SUBMIT)
def framework_needs_justification(*, request, transition, user, payload):
    """R5 (000 ประเด็น 1 item 5): a province requesting work a ministry owns must say why."""
    warning = framework_warning_for(
        category_id=request.category_id,
        fiscal_year=request.fiscal_year,
        funding_channel=request.funding_channel,
        target_ministry_id=request.target_ministry_id,
        partner_ministry_ids=partner_ministry_ids(request),
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


@guard(Action.MERGE)
def merge_needs_reviewing_ministry_consent(*, request, transition, user, payload):
    """Issue 10: past cluster consolidation (field or ministry review) the cluster may not merge a
    request out of the ministry's queue without the reviewing ministry's consent."""
    if request.status in IN_REVIEW and not has_merge_consent(request):
        raise merge_refusal(request)


@effect(Action.MERGE)
def tell_the_queue_it_left(*, request, transition, user, payload):
    # Effects run before the save: the row still holds the status the request leaves.
    previous = ProjectRequest.objects.filter(pk=request.pk).values_list("status", flat=True).first()
    if previous in IN_REVIEW:
        request_before = ProjectRequest.objects.get(pk=request.pk)
        merge_leaves_queue(request=request_before, merged_into_id=int(payload["merged_into"]), actor=user)


@guard(Action.ANSWER_REFERRAL)
def referral_answer_says_how(*, request, transition, user, payload):
    """R19: the answer names how the ministry funds the request; only the referral service
    (reviews.services.referrals) writes it with its Referral row and envelope claim."""
    from reviews.models import ReferralFunding

    if payload.get("funding") not in ReferralFunding.values:
        raise ApplicationError(_("ตอบการส่งต่อของ ก.น.จ. ได้ที่หน้าการส่งต่อ โดยระบุว่าจะสนับสนุนอย่างไร"))
