"""Reads of R19: the ministry's opinion and the committee's referral, as the agenda shows them."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.http import Http404

from proposals.models import ProjectRequest
from proposals.permissions import is_referred_to
from proposals.workflow import Status
from reviews.models import Decision, Referral, Review


def advice_annotations(request_ref: str = "pk") -> dict:
    """Annotations naming the ministry's latest opinion (R19) and the latest answered referral of
    the request at `request_ref` (the row's own pk, or "request" on an agenda item), so a list of
    any length costs no extra query per row."""
    opinions = Review.objects.filter(request=OuterRef(request_ref), decision=Decision.OPINION).order_by(
        "-created_at", "-id"
    )
    answers = Referral.objects.filter(request=OuterRef(request_ref), answered_at__isnull=False).order_by(
        "-answered_at", "-id"
    )
    return {
        "opinion_kind": Subquery(opinions.values("opinion")[:1]),
        "opinion_text": Subquery(opinions.values("comment")[:1]),
        "referral_funding": Subquery(answers.values("funding")[:1]),
        "referral_amount": Subquery(answers.values("amount")[:1]),
        "referral_answer": Subquery(answers.values("answer")[:1]),
        "referral_ministry": Subquery(answers.values("ministry__name_th")[:1]),
        "referral_department": Subquery(answers.values("department__name_th")[:1]),
    }


def access_referred_request(*, user, request_id) -> ProjectRequest:
    """A request referred to this person's ministry or department (any stage after the referral),
    or Http404 for "missing" and "not yours" alike (STYLE habit 5)."""
    try:
        request = (
            ProjectRequest.objects.visible_to(user)
            .select_related("office", "referred_ministry", "referred_department", "category", "plan")
            .get(pk=request_id)
        )
    except (ProjectRequest.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบคำของบประมาณ") from None
    if not is_referred_to(user, request):
        raise Http404("ไม่พบคำของบประมาณ")
    return request


def referrals_of(request) -> list[Referral]:
    return list(
        Referral.objects.filter(request=request)
        .select_related("ministry", "department", "envelope", "referred_by", "answered_by")
        .order_by("-referred_at", "-id")
    )


def open_referral(request) -> Referral | None:
    if request.status != Status.REFERRED:
        return None
    return next((r for r in referrals_of(request) if r.is_open), None)
