"""R20 in screening: a request across areas is placed in, and compared with, every province it
covers (000 ประเด็น 5 item 2: projects that link and cover several areas)."""

from __future__ import annotations

from screening.adapters import related_office_ids


def covered_locations(request) -> list | None:
    """R20: the provinces a request also covers beyond its office's join its places (as unsaved
    location rows), so the engine places it there too and matches those provinces' lines of every
    ministry. None when it covers no other province (the record is then built as usual)."""
    from proposals.models import RequestLocation, RequestProvince

    extra = list(RequestProvince.objects.filter(request=request).select_related("province"))
    if not extra:
        return None
    locations = list(request.locations.select_related("province").order_by("id"))
    have = {location.province_id for location in locations}
    return locations + [
        RequestLocation(request=request, province=row.province) for row in extra if row.province_id not in have
    ]


def comparison_office_ids(request) -> set[int]:
    """Whose requests a request is compared with: its own office's circle (a province with its
    cluster, a cluster with its provinces) and, for a request across areas (R20), the circles of
    the other provinces it covers."""
    from clusters.models import Office
    from proposals.models import RequestProvince

    offices = related_office_ids(request.office, request.fiscal_year)
    provinces = RequestProvince.objects.filter(request=request).values("province")
    for office in Office.objects.filter(province__in=provinces).select_related("province"):
        offices.add(office.pk)  # that province's own requests, which may ask for the same work
        offices |= related_office_ids(office, request.fiscal_year)
    return offices
