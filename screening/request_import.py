"""Load the provincial and cluster volumes of a budget document as submitted requests, so the
checker runs on real requests (issue 4 item 2).

Rows whose MINISTRY starts with "จังหวัดและกลุ่มจังหวัด" become SUBMITTED requests of the office
named in BUDGETARY_UNIT ("จังหวัดขอนแก่น", "กลุ่มจังหวัดภาคเหนือตอนบน"), one action plan per
office and year, idempotent on REF. A year whose cluster arrangement is not in the registry
(FY2565 follows the 2560 BE arrangement) stops with the list of missing offices unless
`create_missing_offices`, which creates them valid for that year only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from clusters.models import Cluster, ClusterMembership, Office, Province, Region
from ministries.importing import ParsedRow, RowError, parse_all
from portal.exceptions import ApplicationError
from proposals.events import request_event_build, request_events_record
from proposals.models import ActionPlan, FundingChannel, ProjectRequest, RequestLocation
from proposals.workflow import EventKind, Status
from screening_engine import extract_facts
from screening_engine.gazetteer import match_province, provinces_of_unit

CLUSTER_PREFIX = "กลุ่มจังหวัด"
PROVINCE_PREFIX = "จังหวัด"
CONTEXT_LABELS = ("โครงการ", "ผลผลิต", "หมวดรายจ่าย")  # the extractor's context, see adapters.request_text
_REGION_WORDS = (  # longest first: ภาคตะวันออกเฉียงเหนือ before ภาคตะวันออก
    ("ภาคตะวันออกเฉียงเหนือ", "northeast"),
    ("ภาคตะวันออก", "east"),
    ("ภาคเหนือ", "north"),
    ("ภาคใต้", "south"),
    ("ภาคกลาง", "central"),
)


class MissingOffices(ApplicationError):
    def __init__(self, units: list[str], fiscal_year: int):
        self.units = units
        super().__init__(
            f"ไม่พบสำนักงานที่มีผลในปีงบประมาณ {fiscal_year} จำนวน {len(units)} แห่ง: "
            + ", ".join(units)
            + " (ใช้ตัวเลือก --create-missing-offices เพื่อสร้างตามชื่อในไฟล์)"
        )


class RowsInvalid(ApplicationError):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(f"ข้อมูลไม่ถูกต้อง {len({e.row for e in errors})} แถว ไม่ได้นำเข้า")


@dataclass
class RequestImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_other_units: int = 0
    skipped_other_years: int = 0
    created_offices: list[str] = field(default_factory=list)
    created_plans: int = 0


def _description(row: ParsedRow) -> str:
    parts = [("โครงการ", row.project), ("ผลผลิต", row.output), ("หมวดรายจ่าย", row.category), ("แผนงาน", row.budget_plan)]
    return "\n".join(f"{label}: {value}" for label, value in parts if value)


def context_of_description(description: str) -> str:
    """The PROJECT | OUTPUT | CATEGORY context back from an imported request's description."""
    values = []
    for line in (description or "").splitlines():
        label, _, value = line.partition(": ")
        if label in CONTEXT_LABELS:
            values.append(value)
    return " | ".join(values)


def _strip_number(name: str) -> str:
    return re.sub(r"\s*\d+\s*$", "", name.strip())


def _find_office(unit: str, fiscal_year: int) -> Office | None:
    offices = Office.objects.for_fiscal_year(fiscal_year).select_related("province", "cluster")
    if unit.startswith(CLUSTER_PREFIX):
        candidates = [o for o in offices.filter(kind=Office.Kind.CLUSTER) if o.cluster.is_valid_in(fiscal_year)]
        exact = [o for o in candidates if o.cluster.name_th == unit]
        if exact:
            return exact[0]
        # The documents print cluster units without their numbers: accept the one cluster of
        # that name; two numbered clusters of the same name cannot be told apart.
        loose = [o for o in candidates if _strip_number(o.cluster.name_th) == _strip_number(unit)]
        return loose[0] if len(loose) == 1 else None
    if unit.startswith(PROVINCE_PREFIX):
        name = match_province(unit[len(PROVINCE_PREFIX) :])  # tolerant of OCR slips ("สิงค์บุรี")
        if name:
            return offices.filter(kind=Office.Kind.PROVINCE, province__name_th=name).first()
    return None


def _region_for(unit: str, members: tuple[str, ...]) -> Region:
    for word, code in _REGION_WORDS:
        if word in unit:
            region = Region.objects.filter(code=code).first()
            if region:
                return region
    province = Province.objects.filter(name_th__in=members).select_related("region").first()
    if province:
        return province.region
    raise ApplicationError(f"ไม่ทราบภาคของ {unit}")


def _create_office(unit: str, fiscal_year: int) -> Office:
    """A cluster office (and its cluster, valid for that year only, with the members the budget
    document's 2560 BE arrangement gives it), or a province office missing for that year."""
    if unit.startswith(CLUSTER_PREFIX):
        members = provinces_of_unit(unit)
        cluster = Cluster(
            name_th=unit,
            region=_region_for(unit, members),
            valid_from=fiscal_year,
            valid_to=fiscal_year,
            arrangement=f"ตามเอกสารงบประมาณ พ.ศ. {fiscal_year} (นำเข้าจากไฟล์)",
        )
        cluster.full_clean()
        cluster.save()
        for index, name in enumerate(members):
            province = Province.objects.filter(name_th=name).first()
            if province:
                ClusterMembership.objects.create(
                    cluster=cluster, province=province, valid_from=fiscal_year, valid_to=fiscal_year, is_lead=index == 0
                )
        office = Office(
            kind=Office.Kind.CLUSTER,
            cluster=cluster,
            name_th=f"สำนักงาน{unit}",
            valid_from=fiscal_year,
            valid_to=fiscal_year,
        )
    else:
        name = match_province(unit[len(PROVINCE_PREFIX) :]) if unit.startswith(PROVINCE_PREFIX) else None
        province = Province.objects.filter(name_th=name).first() if name else None
        if province is None:
            raise ApplicationError(f"ไม่รู้จักหน่วยรับงบประมาณ “{unit}”: ไม่ใช่จังหวัดหรือกลุ่มจังหวัด")
        office = Office(
            kind=Office.Kind.PROVINCE,
            province=province,
            name_th=f"สำนักงานจังหวัด{province.name_th}",
            valid_from=fiscal_year,
        )
    if Office.objects.filter(name_th=office.name_th).exists():
        # Another year's office of the same name (the demo's 2552-arrangement cluster, say): say
        # which year this one is for, so lists that span years never show two identical names.
        office.name_th = f"{office.name_th} (ปีงบประมาณ {fiscal_year})"
    office.full_clean()
    office.save()
    return office


def _locations(row: ParsedRow, office: Office, fiscal_year: int) -> list[Province]:
    if office.kind == Office.Kind.PROVINCE:
        return [office.province]
    members = dict(
        ClusterMembership.objects.for_fiscal_year(fiscal_year)
        .filter(cluster_id=office.cluster_id)
        .values_list("province__name_th", "province")
    )
    named = extract_facts(
        row.item, unit=row.unit, clusters={office.cluster.name_th: tuple(members)} if members else None
    ).provinces
    ids = [members[n] for n in dict.fromkeys(named) if n in members]
    return list(Province.objects.filter(pk__in=ids))


def requests_import(
    *,
    rows,
    fiscal_year: int,
    create_missing_offices: bool = False,
    user=None,
) -> RequestImportResult:
    """Create or update the provincial rows of `rows` as submitted requests of `fiscal_year`.

    Raises RowsInvalid (nothing written) when a row is invalid, MissingOffices when a unit has no
    office valid that year and `create_missing_offices` is off. Writes an "imported" event for
    each created request. Screening is not queued: `screen_duplicates` screens the year.
    """
    parsed, errors = parse_all(rows)
    result = RequestImportResult()
    wanted: list[ParsedRow] = []
    for row in parsed:
        if not row.is_provincial:
            result.skipped_other_units += 1
        elif row.fiscal_year != fiscal_year:
            result.skipped_other_years += 1
        elif row.amount <= 0:
            errors.append(RowError(row.row, "AMOUNT_BAHT", "วงเงินของคำขอต้องมากกว่า 0 บาท"))
        elif not (row.unit.startswith(PROVINCE_PREFIX) or row.unit.startswith(CLUSTER_PREFIX)):
            errors.append(RowError(row.row, "BUDGETARY_UNIT", f"“{row.unit}” ไม่ใช่จังหวัดหรือกลุ่มจังหวัด"))
        else:
            wanted.append(row)
    if errors:
        raise RowsInvalid(sorted(errors, key=lambda e: e.row))

    with transaction.atomic():
        offices: dict[str, Office] = {}
        missing = []
        for unit in dict.fromkeys(r.unit for r in wanted):
            office = _find_office(unit, fiscal_year)
            if office is None:
                missing.append(unit)
            else:
                offices[unit] = office
        if missing and not create_missing_offices:
            raise MissingOffices(missing, fiscal_year)
        for unit in missing:
            offices[unit] = _create_office(unit, fiscal_year)
            result.created_offices.append(offices[unit].name_th)

        plans: dict[int, ActionPlan] = {}
        for office in {o.pk: o for o in offices.values()}.values():
            plan, created = ActionPlan.objects.get_or_create(
                office=office,
                fiscal_year=fiscal_year,
                defaults={
                    "title": f"แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {fiscal_year} {office.name_th}",
                    "status": ActionPlan.PlanStatus.SUBMITTED,
                    "created_by": user,
                },
            )
            plans[office.pk] = plan
            result.created_plans += int(created)

        existing = {r.source_ref: r for r in ProjectRequest.objects.filter(source_ref__in=[r.ref for r in wanted])}
        now = timezone.now()
        new_requests, new_rows, changed = [], [], []
        for row in wanted:
            office = offices[row.unit]
            title, description = row.item[:500], _description(row)
            current = existing.get(row.ref)
            if current is not None:
                if (current.title, current.description, current.amount) == (title, description, row.amount):
                    result.unchanged += 1
                    continue
                current.title, current.description, current.amount = title, description, row.amount
                current.revision += 1
                changed.append(current)
                continue
            request = ProjectRequest(
                plan=plans[office.pk],
                office=office,
                fiscal_year=fiscal_year,
                reference=f"IMP{fiscal_year}-{row.ref}"[:60],
                source_ref=row.ref,
                title=title,
                description=description,
                amount=row.amount,
                status=Status.SUBMITTED,
                submitted_at=now,
                created_by=user,
                office_sort_name=office.name_th,  # bulk_create bypasses save() (issue 15)
                funding_channel=FundingChannel.CLUSTER
                if office.kind == Office.Kind.CLUSTER
                else FundingChannel.PROVINCE,
            )
            request.full_clean(
                exclude=["plan", "office", "created_by"], validate_unique=False, validate_constraints=False
            )
            new_requests.append(request)
            new_rows.append(row)
        ProjectRequest.objects.bulk_create(new_requests, batch_size=500)
        if changed:
            ProjectRequest.objects.bulk_update(
                changed, ["title", "description", "amount", "revision", "updated_at"], batch_size=500
            )
        locations, events = [], []
        for request, row in zip(new_requests, new_rows):
            for province in _locations(row, request.office, fiscal_year):
                locations.append(RequestLocation(request=request, province=province))
            events.append(
                request_event_build(
                    request=request,
                    kind=EventKind.IMPORTED,
                    actor=user,
                    from_status="",
                    to_status=Status.SUBMITTED,
                    payload={"source_ref": row.ref, "row": row.row},
                )
            )
        for request in changed:
            events.append(
                request_event_build(
                    request=request,
                    kind=EventKind.IMPORT_UPDATED,
                    actor=user,
                    payload={"source_ref": request.source_ref},
                )
            )
        RequestLocation.objects.bulk_create(locations, batch_size=1000)
        request_events_record(events)
        result.created, result.updated = len(new_requests), len(changed)
    return result
