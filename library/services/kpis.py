"""Writes for joint KPIs (R13, 000 ประเด็น 3 item 6): the central team records the KPIs agreed at
the workshops and the results reported on them, and on the requests' joint KPIs."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from library.models import JointKPI
from library.permissions import can_edit_joint_kpis
from portal.exceptions import NotAllowed
from proposals.events import request_event_record
from proposals.models import RequestKPI
from proposals.workflow import EventKind

KPI_FIELDS = (
    "fiscal_year",
    "name",
    "ministry",
    "department",
    "target",
    "unit",
    "result",
    "result_reported_on",
    "source",
)


def _guard(user):
    if not can_edit_joint_kpis(user):
        raise NotAllowed(_("เฉพาะทีมบูรณาการกลางบันทึกตัวชี้วัดร่วมได้"))


@transaction.atomic
def joint_kpi_create(*, user, offices, **fields) -> JointKPI:
    _guard(user)
    kpi = JointKPI(created_by=user, **{k: v for k, v in fields.items() if k in KPI_FIELDS})
    if kpi.result and kpi.result_reported_on is None:
        kpi.result_reported_on = datetime.date.today()
    kpi.full_clean()
    kpi.save()
    kpi.offices.set(offices)
    return kpi


@transaction.atomic
def joint_kpi_update(*, user, kpi: JointKPI, offices=None, **fields) -> JointKPI:
    _guard(user)
    kpi = JointKPI.objects.select_for_update().get(pk=kpi.pk)
    old_result = kpi.result
    for name, value in fields.items():
        if name in KPI_FIELDS:
            setattr(kpi, name, value)
    if kpi.result != old_result and kpi.result and "result_reported_on" not in fields:
        kpi.result_reported_on = datetime.date.today()
    kpi.full_clean()
    kpi.save()
    if offices is not None:
        kpi.offices.set(offices)
    return kpi


@transaction.atomic
def request_kpi_result_record(*, user, kpi: RequestKPI, result: str) -> RequestKPI:
    """Record the reported result of a request's joint KPI; the request's history shows who did."""
    _guard(user)
    kpi = RequestKPI.objects.select_for_update().select_related("request").get(pk=kpi.pk)
    previous = kpi.result
    kpi.result = (result or "").strip()
    kpi.full_clean()
    kpi.save(update_fields=["result"])
    if kpi.result != previous:
        request_event_record(
            request=kpi.request,
            kind=EventKind.JOINT_KPI_RESULT,
            actor=user,
            from_status=kpi.request.status,
            to_status=kpi.request.status,
            payload={"kpi_id": kpi.pk, "kpi": kpi.name, "from": previous, "to": kpi.result},
        )
    return kpi
