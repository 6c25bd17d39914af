"""R18: how many provincial requests carry a field office's own project (000 ประเด็น 1 item 3:
"เป็นการนำโครงการของผู้แทนกระทรวงในพื้นที่มาของงบประมาณ"), for the ministries and the central team."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from clusters.models import Office
from proposals.models import OwnerKind, ProjectRequest
from proposals.workflow import Status


@dataclass(frozen=True)
class FieldOfficeShare:
    fiscal_year: int
    total: int  # filed provincial requests (of the ministry's concern when one is given)
    field_office: int  # of which a field office owns and carries out the project

    @property
    def percent(self) -> float:
        return round(100 * self.field_office / self.total, 1) if self.total else 0.0


def field_office_project_share(fiscal_year: int, ministry=None) -> FieldOfficeShare:
    """Share of the year's filed provincial requests that are field-office projects. With a
    `ministry` (instance or id): among the requests the ministry reviews, is asked to support or
    whose owner is one of its field offices, those its own field offices carry out. Drafts are the
    office's own working copies and are not counted. One query."""
    requests = ProjectRequest.objects.for_fiscal_year(fiscal_year).exclude(status=Status.DRAFT)
    return field_office_share_of(requests, fiscal_year=fiscal_year, ministry=ministry)


def field_office_conditions(ministry=None) -> tuple[Q, Q]:
    """The rule as two conditions on a filed request: (it is counted: a provincial request, of the
    ministry's concern when one is given; it is a field-office project, of that ministry's own
    field offices). The share below and the dashboards' grouped query (issue 14) both read them."""
    counted = Q(office__kind=Office.Kind.PROVINCE)
    is_field_office = Q(owner_kind=OwnerKind.FIELD_OFFICE)
    if ministry is not None:
        ministry_id = getattr(ministry, "pk", ministry)
        mine = Q(owner_field_office__kind__ministry_id=ministry_id)
        counted &= Q(reviewing_ministry_id=ministry_id) | Q(target_ministry_id=ministry_id) | mine
        is_field_office &= mine
    return counted, is_field_office


def field_office_share_of(requests, *, fiscal_year: int, ministry=None) -> FieldOfficeShare:
    """The same share among `requests` (a queryset of filed requests), by the same rule. One query."""
    counted, is_field_office = field_office_conditions(ministry)
    counts = (
        requests.filter(counted)
        .order_by()
        .aggregate(total=Count("id"), field_office=Count("id", filter=is_field_office))
    )
    return FieldOfficeShare(fiscal_year=fiscal_year, total=counts["total"], field_office=counts["field_office"])
