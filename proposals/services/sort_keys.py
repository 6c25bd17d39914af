"""The requests' denormalised sort key (issue 15): the office's name copied on each request so
the lists' ORDER BY is served by an index (proposals/models/requests.py, `request_list_order`)."""

from django.db import transaction
from django.db.models import OuterRef, Subquery

from clusters.hooks import on_offices_renamed
from clusters.models import Office
from proposals.models import ProjectRequest


@on_offices_renamed
def request_sort_keys_refresh(*, office_ids=None) -> int:
    """Copy each office's current name onto its requests (all offices when `office_ids` is None).
    Only rows whose key differs are written. Returns how many changed."""
    name = Subquery(Office.objects.filter(pk=OuterRef("office_id")).values("name_th")[:1])
    queryset = ProjectRequest.objects.all()
    if office_ids is not None:
        queryset = queryset.filter(office_id__in=list(office_ids))
    with transaction.atomic():
        stale = queryset.exclude(office_sort_name=name).order_by()
        return stale.update(office_sort_name=name)
