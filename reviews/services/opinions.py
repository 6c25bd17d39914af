"""A ministry's own view of a request (R3 severity beside the province's; R20 a partner's advice)."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from portal.exceptions import ApplicationError, NotAllowed
from proposals.events import request_event_record
from proposals.models import ProjectRequest, Severity
from proposals.workflow import EventKind
from reviews.ministry_models import MinistryOpinion, Stance
from reviews.permissions import is_reviewer_for, opinion_ministry_id


def ministry_opinion_record(
    *, user, request_id: int, severity: str = "", severity_note: str = "", stance: str = "", comment: str = ""
) -> MinistryOpinion:
    """Record (or revise) the user's ministry's view. The reviewing ministry gives its severity
    and note; a partner ministry also its stance, which advises the lead and never changes the
    request's status (the lead decides; 000 ประเด็น 3 item 5). Logged on the request's history."""
    with transaction.atomic():
        request = ProjectRequest.objects.visible_to(user).filter(pk=request_id).first()
        if request is None:
            raise Http404("ไม่พบคำของบประมาณ")
        ministry_id = opinion_ministry_id(user, request)
        if ministry_id is None:
            raise NotAllowed(_("บันทึกความเห็นได้เฉพาะกระทรวงผู้พิจารณาหรือกระทรวงร่วมของคำขอที่ยังอยู่ระหว่างดำเนินการ"))
        is_partner = not is_reviewer_for(user, request)
        severity, stance = (severity or "").strip(), (stance or "").strip()
        if severity and severity not in Severity.values:
            raise ApplicationError(_("ระดับความรุนแรงไม่ถูกต้อง"))
        if stance and stance not in Stance.values:
            raise ApplicationError(_("ความเห็นไม่ถูกต้อง"))
        if not is_partner and stance:
            raise ApplicationError(_("กระทรวงผู้พิจารณาบันทึกผลการพิจารณาที่หน้าพิจารณา ไม่ใช่ความเห็นของกระทรวงร่วม"))
        if is_partner and not stance:
            raise ApplicationError(_("กรุณาเลือกความเห็นของกระทรวงร่วม"))
        if not is_partner and not severity:
            raise ApplicationError(_("กรุณาเลือกระดับความรุนแรงในมุมมองของกระทรวง"))
        if severity and severity != request.severity and not (severity_note or "").strip():
            raise ApplicationError(_("ระดับความรุนแรงต่างจากของจังหวัด กรุณาให้เหตุผล"))
        opinion, _created = MinistryOpinion.objects.update_or_create(
            request=request,
            ministry_id=ministry_id,
            defaults={
                "severity": severity,
                "severity_note": (severity_note or "").strip(),
                "stance": stance,
                "comment": (comment or "").strip(),
                "is_partner": is_partner,
                "recorded_by": user,
            },
        )
        request_event_record(
            request=request,
            kind=EventKind.MINISTRY_OPINION,
            actor=user,
            comment=opinion.comment or opinion.severity_note,
            payload={"ministry_id": ministry_id, "severity": severity, "stance": stance, "partner": is_partner},
        )
    return opinion
