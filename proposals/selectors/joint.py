"""Reads of R20: who takes part in a request, for its pages and the API."""

from __future__ import annotations

from dataclasses import dataclass, field

from proposals.models import RequestCoordination, RequestMinistryShare, RequestProvince, ShareRole


@dataclass
class Joint:
    lead: RequestMinistryShare | None = None
    partners: list = field(default_factory=list)
    provinces: list = field(default_factory=list)
    coordination: RequestCoordination | None = None

    @property
    def is_cross_cutting(self) -> bool:
        return bool(self.partners or self.provinces or self.coordination)


def joint_of(*, request) -> Joint:
    shares = list(
        RequestMinistryShare.objects.filter(request=request)
        .select_related("ministry", "department")
        .order_by("role", "id")
    )
    return Joint(
        lead=next((s for s in shares if s.role == ShareRole.LEAD), None),
        partners=[s for s in shares if s.role == ShareRole.PARTNER],
        provinces=list(RequestProvince.objects.filter(request=request).select_related("province")),
        coordination=RequestCoordination.objects.filter(request=request).select_related("coordinator").first(),
    )


def involved_ministry_ids(request) -> set[int]:
    """Every ministry involved in a request: the one it is reviewed by or asks, and its partners
    (R20: the framework and screening use them all)."""
    ids = {i for i in (request.reviewing_ministry_id, request.target_ministry_id) if i}
    ids |= set(RequestMinistryShare.objects.filter(request=request).values_list("ministry_id", flat=True))
    return ids


def joint_payload(request) -> dict:
    joint = joint_of(request=request)

    def share(s):
        return {
            "ministry_id": s.ministry_id,
            "ministry": s.ministry.name_th,
            "department_id": s.department_id,
            "role": s.role,
            "amount": str(s.amount) if s.amount is not None else None,
            "percent": str(s.percent) if s.percent is not None else None,
        }

    return {
        "request_id": request.pk,
        "revision": request.revision,
        "is_cross_cutting": joint.is_cross_cutting,
        "lead": share(joint.lead) if joint.lead else None,
        "partners": [share(s) for s in joint.partners],
        "provinces": [{"id": p.province_id, "name": p.province.name_th} for p in joint.provinces],
        "coordinator": (
            {
                "id": joint.coordination.coordinator_id,
                "name": str(joint.coordination.coordinator),
                "note": joint.coordination.note,
            }
            if joint.coordination
            else None
        ),
    }
