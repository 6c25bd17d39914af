"""A request cites the plans that already exist in its area (R22): the provincial environmental
quality management plan, the ส.อ.ท. cluster industry plan, the area's development plan."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from library.models import RequestPlanCitation
from library.selectors.plans import citable_documents
from portal.exceptions import NotAllowed
from portal.roles import scope_of
from proposals.permissions import is_owner


def can_cite_plans(user, request) -> bool:
    """The request's own office (any status: citing a plan changes no figure) or the central team."""
    return is_owner(user, request) or scope_of(user).is_central


@transaction.atomic
def request_plan_cite(*, user, request, document, note: str = "") -> RequestPlanCitation:
    if not can_cite_plans(user, request):
        raise NotAllowed(_("เฉพาะสำนักงานเจ้าของคำขออ้างอิงแผนได้"))
    if not citable_documents(request=request).filter(pk=document.pk).exists():
        raise ValidationError({"document": _("เลือกได้เฉพาะแผนที่เผยแพร่ของพื้นที่ของคำขอนี้")})
    citation = RequestPlanCitation(request=request, document=document, note=(note or "").strip(), cited_by=user)
    citation.full_clean()
    try:
        with transaction.atomic():
            citation.save()
    except IntegrityError:
        raise ValidationError({"document": _("คำขอนี้อ้างอิงแผนนี้อยู่แล้ว")}) from None
    return citation


@transaction.atomic
def request_plan_uncite(*, user, citation: RequestPlanCitation) -> None:
    if not can_cite_plans(user, citation.request):
        raise NotAllowed(_("เฉพาะสำนักงานเจ้าของคำขออ้างอิงแผนได้"))
    citation.delete()
