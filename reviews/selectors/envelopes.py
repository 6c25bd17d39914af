"""Reads of the ministry support envelopes (R15)."""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404

from ministries.models import EnvelopeDraw, SupportEnvelope
from portal.roles import scope_of
from proposals.models import FundingChannel


def envelope_lookup(*, ministry_id, department_id, fiscal_year: int):
    """The department's own envelope if it has one, else the ministry's; a queryset of at most one
    row so callers can add select_for_update()."""
    base = SupportEnvelope.objects.filter(ministry_id=ministry_id, fiscal_year=fiscal_year)
    if department_id and base.filter(department_id=department_id).exists():
        return base.filter(department_id=department_id)
    return base.filter(department__isnull=True)


def envelope_for_request(request) -> SupportEnvelope | None:
    """The envelope an endorsement of this request would draw on, with used/left; None when the
    request does not ask the ministry for money or the ministry has set none."""
    if request.funding_channel != FundingChannel.MINISTRY_SUPPORT or not request.reviewing_ministry_id:
        return None
    envelope = (
        envelope_lookup(
            ministry_id=request.reviewing_ministry_id,
            department_id=request.reviewing_department_id,
            fiscal_year=request.fiscal_year,
        )
        .with_used()
        .select_related("ministry", "department")
        .first()
    )
    return with_left(envelope) if envelope else None


def with_left(envelope: SupportEnvelope) -> SupportEnvelope:
    envelope.used_amount = envelope.used_amount or Decimal(0)
    envelope.left_amount = envelope.limit - envelope.used_amount
    return envelope


def envelopes_visible_to(user):
    scope = scope_of(user)
    queryset = SupportEnvelope.objects.select_related("ministry", "department").with_used()
    if scope.is_central:
        return queryset
    return queryset.filter(ministry__in=scope.reviewer_ministry_ids)


def envelope_list(*, user, fiscal_year: int | None = None) -> list[SupportEnvelope]:
    queryset = envelopes_visible_to(user)
    if fiscal_year:
        queryset = queryset.filter(fiscal_year=fiscal_year)
    return [with_left(e) for e in queryset.order_by("-fiscal_year", "ministry__name_th", "department__name_th")]


def access_envelope(*, user, envelope_id) -> SupportEnvelope:
    try:
        return with_left(envelopes_visible_to(user).get(pk=envelope_id))
    except (SupportEnvelope.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบกรอบวงเงิน") from None


def envelope_draws(*, envelope) -> list[EnvelopeDraw]:
    return list(envelope.draws.select_related("request__office", "created_by").order_by("released_at", "-created_at"))


def envelope_changes(*, envelope):
    return list(envelope.changes.select_related("changed_by"))
