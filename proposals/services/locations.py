"""Maps request locations typed before the gazetteer (free-text amphoe/tambon) to DOPA codes."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from clusters.gazetteer import amphoe_match, tambon_match
from proposals.models import RequestLocation


@dataclass(frozen=True)
class Unmatched:
    location_id: int
    reference: str
    province: str
    amphoe: str
    tambon: str
    reason: str


@transaction.atomic
def locations_codes_fill(*, dry_run: bool = False) -> tuple[int, list[Unmatched]]:
    """Give every location with a typed name and no code its gazetteer code where the name
    matches exactly once prefixes (อำเภอ/อ./ตำบล/ต.) are dropped; returns (how many were
    mapped, the ones that were not, for a person to fix)."""
    mapped, unmatched = 0, []
    pending = (
        RequestLocation.objects.select_related("province", "request", "district")
        .filter((Q(district__isnull=True) & ~Q(amphoe="")) | (Q(subdistrict__isnull=True) & ~Q(tambon="")))
        .order_by("id")
    )
    for location in pending:
        district = location.district or amphoe_match(location.province, location.amphoe)
        if district is None:
            unmatched.append(_unmatched(location, "อำเภอไม่อยู่ในทะเบียนของจังหวัดนี้"))
            continue
        subdistrict = None
        if location.tambon and not location.subdistrict_id:
            subdistrict = tambon_match(district, location.tambon)
            if subdistrict is None:
                unmatched.append(_unmatched(location, "ตำบลไม่อยู่ในทะเบียนของอำเภอนี้"))
        location.district = district
        location.amphoe = district.name_th
        if subdistrict is not None:
            location.subdistrict = subdistrict
            location.tambon = subdistrict.name_th
        if not dry_run:
            location.save(update_fields=["district", "subdistrict", "amphoe", "tambon"])
        mapped += 1
    return mapped, unmatched


def _unmatched(location: RequestLocation, reason: str) -> Unmatched:
    return Unmatched(
        location_id=location.pk,
        reference=location.request.reference,
        province=location.province.name_th,
        amphoe=location.amphoe,
        tambon=location.tambon,
        reason=reason,
    )
