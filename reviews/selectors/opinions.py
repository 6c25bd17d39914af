"""Reads of the ministries' views of a request (R3, R20)."""

from reviews.ministry_models import MinistryOpinion


def ministry_opinions(*, request) -> list[MinistryOpinion]:
    """The reviewing ministry's view first, then its partners' (shown beside the province's)."""
    return list(
        MinistryOpinion.objects.filter(request=request)
        .select_related("ministry", "recorded_by")
        .order_by("is_partner", "ministry__name_th")
    )
