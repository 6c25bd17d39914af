"""Writes to a request's content: create and edit (with the revision check); ranks live in ranks.py."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404
from django.utils.translation import gettext as _

from clusters.gazetteer import amphoe_match, tambon_match
from clusters.models import Amphoe, Province, Tambon
from portal.exceptions import ConflictError, NotAllowed
from proposals.events import request_event_record
from proposals.models import (
    ActionPlan,
    ProjectRequest,
    RequestKPI,
    RequestLocation,
    RequestStakeholder,
    RequestYearAmount,
)
from proposals.permissions import can_add_request, can_edit_request, is_owner
from proposals.services.ranks import request_rank_set
from proposals.workflow import EventKind, Status

# Fields a planner edits; status, routing and revision are the workflow's and never come from input.
CONTENT_FIELDS = (
    "title",
    "description",
    "objectives",
    "problem",
    "evidence",
    "severity",
    "category",
    "strategic_issue",
    "ministry_strategy",
    "funding_channel",
    "target_ministry",
    "target_department",
    "amount",
    "is_critical_need",
    "damage_justification",
    "framework_justification",
    "owner_kind",  # R18
    "owner_field_office",
    "owner_department",
    "ministry_output",  # R21
)


def _apply_fields(request: ProjectRequest, data: dict) -> list[str]:
    """Copy the content fields present in `data` (model instances or ids for relations); returns
    the names that changed."""
    changed = []
    for name in CONTENT_FIELDS:
        if name not in data:
            continue
        value = data[name]
        field = ProjectRequest._meta.get_field(name)
        if field.is_relation:
            value = getattr(value, "pk", value) or None
        elif field.get_internal_type() in ("CharField", "TextField"):
            value = (value or "").strip() if isinstance(value, str) or value is None else str(value)
        elif field.get_internal_type() == "BooleanField":
            value = bool(value)
        elif name == "amount" and value is not None and not isinstance(value, Decimal):
            try:
                value = Decimal(str(value))
            except ArithmeticError:
                raise ValidationError({"amount": _("วงเงินต้องเป็นตัวเลข")}) from None
        if getattr(request, field.attname) != value:
            setattr(request, field.attname, value)
            changed.append(name)
    return changed


def _lookups(condition: Q):
    for child in condition.children:
        if isinstance(child, Q):
            yield from _lookups(child)
        else:
            yield child


def _fields_of(constraint) -> frozenset[str] | None:
    """The fields a constraint reads (None when its condition is not plain field lookups)."""
    names = set(getattr(constraint, "fields", ()) or ())
    condition = getattr(constraint, "condition", None)
    for child in _lookups(condition) if condition is not None else ():
        if not isinstance(child, tuple) or hasattr(child[1], "resolve_expression"):
            return None
        names.add(child[0].split(LOOKUP_SEP)[0])
    return frozenset(names)


# Fields checked together: each constraint's, and the owner's shape (R18, the model's clean())
_CONSTRAINED = [_fields_of(constraint) for constraint in ProjectRequest._meta.constraints]
CHECKED_TOGETHER = (
    [frozenset(f.name for f in ProjectRequest._meta.concrete_fields)]
    if None in _CONSTRAINED
    else [*_CONSTRAINED, frozenset({"owner_kind", "owner_field_office", "owner_department"})]
)


def unchanged_fields(changed: list[str]) -> set[str]:
    """The fields a change (an edit, a transition) leaves as they were, which full_clean need not
    check again (issue 15: each relation's existence and each constraint cost a query): the row
    met the rules and the database's constraints when it was saved. A field checked together
    with a changed one is checked again; the model's clean() still runs whole."""
    checked = set(changed)
    for group in CHECKED_TOGETHER:
        if checked & group:
            checked |= group
    return {field.name for field in ProjectRequest._meta.concrete_fields} - checked


def _full_clean_changed(request: ProjectRequest, changed: list[str]) -> None:
    exclude = unchanged_fields(changed)
    # a constraint none of whose fields changed is not asked (Django builds its query to skip it)
    touched = any(group.isdisjoint(exclude) for group in CHECKED_TOGETHER)
    request.full_clean(exclude=exclude, validate_unique=False, validate_constraints=touched)


def _code(value) -> str:
    """A gazetteer reference as given by a form (the instance) or the API (its code)."""
    return str(getattr(value, "code", value) or "").strip()


def _location_row(request: ProjectRequest, item: dict, allowed: set) -> RequestLocation:
    """One location checked against the gazetteer and the office's provinces (R4, issue 11).

    Codes win over names; a name given without a code must match the gazetteer (after dropping
    อำเภอ/อ./ตำบล/ต. prefixes), so what the duplicate screening reads is a real place. Only the
    services' own copies (a merge of rows typed before the gazetteer) set `keep_unmatched_names`.
    """
    if item.get("keep_unmatched_names") and not item.get("district") and not item.get("subdistrict"):
        province_id = getattr(item.get("province"), "pk", item.get("province"))
        if province_id not in allowed:
            raise ValidationError({"locations": _("จังหวัดในพื้นที่ดำเนินการต้องอยู่ในเขตของสำนักงานเจ้าของคำขอ")})
        province = Province.objects.get(pk=province_id)
        district = amphoe_match(province, item.get("amphoe") or "")
        subdistrict = tambon_match(district, item.get("tambon") or "") if district else None
        return RequestLocation(
            request=request,
            province=province,
            district=district,
            subdistrict=subdistrict,
            amphoe=district.name_th if district else (item.get("amphoe") or "").strip(),
            tambon=subdistrict.name_th if subdistrict else (item.get("tambon") or "").strip(),
        )
    province = item.get("province")
    if not isinstance(province, Province):  # a form gives the row it read, the API an id
        province = Province.objects.filter(pk=province).first() if province else None
    if province is None or province.pk not in allowed:
        raise ValidationError({"locations": _("จังหวัดในพื้นที่ดำเนินการต้องอยู่ในเขตของสำนักงานเจ้าของคำขอ")})
    amphoe_code = _code(item.get("district", item.get("district_id")))
    tambon_code = _code(item.get("subdistrict", item.get("subdistrict_id")))
    amphoe_name = (item.get("amphoe") or "").strip()
    tambon_name = (item.get("tambon") or "").strip()
    district = subdistrict = None
    given_district, given_subdistrict = item.get("district"), item.get("subdistrict")
    if tambon_code:
        subdistrict = (
            given_subdistrict
            if isinstance(given_subdistrict, Tambon)
            else Tambon.objects.select_related("amphoe").filter(code=tambon_code).first()
        )
        if subdistrict is None:
            raise ValidationError({"locations": _("ไม่พบรหัสตำบล %(code)s ในทะเบียนตำบล") % {"code": tambon_code}})
        if amphoe_code and subdistrict.amphoe.code != amphoe_code:
            raise ValidationError({"locations": _("ตำบล%(t)s ไม่อยู่ในอำเภอที่เลือก") % {"t": subdistrict.name_th}})
        district = subdistrict.amphoe
    elif amphoe_code:
        district = (
            given_district if isinstance(given_district, Amphoe) else Amphoe.objects.filter(code=amphoe_code).first()
        )
        if district is None:
            raise ValidationError({"locations": _("ไม่พบรหัสอำเภอ %(code)s ในทะเบียนอำเภอ") % {"code": amphoe_code}})
    elif amphoe_name:
        district = amphoe_match(province, amphoe_name)
        if district is None:
            raise ValidationError(
                {
                    "locations": _("ไม่พบอำเภอ “%(a)s” ในจังหวัด%(p)s กรุณาเลือกอำเภอจากรายการ")
                    % {"a": amphoe_name, "p": province.name_th}
                }
            )
    elif tambon_name:
        raise ValidationError({"locations": _("ระบุอำเภอของตำบล “%(t)s” ด้วย") % {"t": tambon_name}})
    if district is not None and district.province_id != province.pk:
        raise ValidationError(
            {"locations": _("อำเภอ%(a)s ไม่อยู่ในจังหวัด%(p)s") % {"a": district.name_th, "p": province.name_th}}
        )
    if district is not None and subdistrict is None and tambon_name:
        subdistrict = tambon_match(district, tambon_name)
        if subdistrict is None:
            raise ValidationError(
                {
                    "locations": _("ไม่พบตำบล “%(t)s” ในอำเภอ%(a)s กรุณาเลือกตำบลจากรายการ")
                    % {"t": tambon_name, "a": district.name_th}
                }
            )
    village_no = item.get("village_no") or None
    if village_no is not None:
        try:
            village_no = int(village_no)
        except (TypeError, ValueError):
            raise ValidationError({"locations": _("หมู่ที่ต้องเป็นตัวเลข")}) from None
        if not 1 <= village_no <= 99:
            raise ValidationError({"locations": _("หมู่ที่ต้องอยู่ระหว่าง 1 ถึง 99")})
        if subdistrict is None:
            raise ValidationError({"locations": _("ระบุตำบลก่อนระบุหมู่ที่")})
    return RequestLocation(
        request=request,
        province=province,
        district=district,
        subdistrict=subdistrict,
        village_no=village_no,
        amphoe=district.name_th if district else "",
        tambon=subdistrict.name_th if subdistrict else "",
    )


def _replace_children(request: ProjectRequest, *, locations, kpis, stakeholders, year_amounts) -> list[str]:
    """Replace the rows that hang off the request wholesale; each list of dicts is validated first."""
    changed = []
    if locations is not None:
        allowed = set(request.office.province_ids(request.fiscal_year))
        rows, seen = [], set()
        for item in locations:
            row = _location_row(request, item, allowed)
            key = (row.province_id, row.district_id, row.subdistrict_id, row.village_no, row.amphoe, row.tambon)
            if key in seen:
                continue
            seen.add(key)
            rows.append(row)
        request.locations.all().delete()
        RequestLocation.objects.bulk_create(rows)
        changed.append("locations")
    if kpis is not None:
        rows = []
        for item in kpis:
            kpi = RequestKPI(
                request=request,
                name=item.get("name", "").strip(),
                target=item.get("target", "") or "",
                unit=item.get("unit", "") or "",
                is_joint=bool(item.get("is_joint")),
                joint_ministry_id=getattr(item.get("joint_ministry"), "pk", item.get("joint_ministry")),
                result=item.get("result", "") or "",
            )
            if kpi.is_joint and not kpi.joint_ministry_id:
                raise ValidationError({"kpis": _("ตัวชี้วัดร่วม “%(name)s” ต้องระบุกระทรวงที่ร่วม") % {"name": kpi.name}})
            kpi.full_clean(exclude=["request"])
            rows.append(kpi)
        request.kpis.all().delete()
        RequestKPI.objects.bulk_create(rows)
        changed.append("kpis")
    if stakeholders is not None:
        rows = []
        for item in stakeholders:
            row = RequestStakeholder(
                request=request,
                kind=item.get("kind"),
                name=(item.get("name") or "").strip(),
                role=item.get("role", "") or "",
            )
            row.full_clean(exclude=["request"])
            rows.append(row)
        request.stakeholders.all().delete()
        RequestStakeholder.objects.bulk_create(rows)
        changed.append("stakeholders")
    if year_amounts is not None:
        rows, years = [], set()
        for item in year_amounts:
            row = RequestYearAmount(
                request=request, fiscal_year=int(item["fiscal_year"]), amount=Decimal(str(item["amount"]))
            )
            if row.fiscal_year in years:
                raise ValidationError(
                    {"year_amounts": _("ปีงบประมาณ %(year)s ซ้ำในแผนวงเงินรายปี") % {"year": row.fiscal_year}}
                )
            years.add(row.fiscal_year)
            row.full_clean(exclude=["request"])
            rows.append(row)
        request.year_amounts.all().delete()
        RequestYearAmount.objects.bulk_create(rows)
        changed.append("year_amounts")
    return changed


def _next_reference(plan: ActionPlan) -> str:
    count = ProjectRequest.objects.filter(office_id=plan.office_id, fiscal_year=plan.fiscal_year).count()
    while True:
        count += 1
        reference = f"{plan.fiscal_year}-{plan.office_id:03d}-{count:04d}"
        if not ProjectRequest.objects.filter(reference=reference).exists():
            return reference


def request_create(
    *, user, plan_id: int, data: dict, locations=None, kpis=None, stakeholders=None, year_amounts=None, rank=None
) -> ProjectRequest:
    """A new draft in the plan, ranked last. A province's request defaults to its own province as
    the location. Raises NotAllowed if the user is not of the plan's office, ValidationError on bad fields."""
    with transaction.atomic():
        # locking the plan serialises reference numbers and ranks within it
        plan = ActionPlan.objects.select_for_update().select_related("office").get(pk=plan_id)
        if not can_add_request(user, plan):
            raise NotAllowed(_("ท่านเพิ่มคำขอในแผนของสำนักงานอื่นไม่ได้"))
        request = ProjectRequest(
            plan=plan,
            office=plan.office,
            fiscal_year=plan.fiscal_year,
            created_by=user,
            reference=_next_reference(plan),
            status=Status.DRAFT,
        )
        _apply_fields(request, data)
        request.priority_rank = (
            ProjectRequest.objects.filter(plan=plan).aggregate(m=Max("priority_rank"))["m"] or 0
        ) + 1
        request.full_clean(validate_unique=False)
        request.save()
        if locations is None and plan.office.province_id:
            locations = [{"province": plan.office.province_id}]
        _replace_children(request, locations=locations, kpis=kpis, stakeholders=stakeholders, year_amounts=year_amounts)
        request_event_record(request=request, kind=EventKind.CREATE, actor=user, from_status="")
        if rank is not None and int(rank) != request.priority_rank:
            request_rank_set(user=user, request_id=request.pk, rank=rank)
            request.refresh_from_db(fields=["priority_rank"])
    return request


def request_update(
    *,
    user,
    request_id: int,
    expected_revision: int,
    data: dict,
    locations=None,
    kpis=None,
    stakeholders=None,
    year_amounts=None,
    rank=None,
) -> ProjectRequest:
    """Save an edit of a draft or returned request if nobody saved since `expected_revision`.

    Optimistic locking: the row is re-read under select_for_update; a different revision means
    someone else saved first, and the edit is refused with ConflictError (their change stays, the
    caller shows this user's input back). A successful save bumps `revision` by one.
    """
    with transaction.atomic():
        if rank is not None:
            # the plan row first, as request_rank_set and request_move lock it, so the two never
            # wait on each other's rows in opposite order (only the plan's row: no office by the
            # plans' ordering, no request by the join)
            plan_of_request = ProjectRequest.objects.filter(pk=request_id).values("plan_id")
            list(ActionPlan.objects.select_for_update().filter(pk__in=plan_of_request).order_by().values_list("pk"))
        try:
            request = ProjectRequest.objects.select_for_update(of=("self",)).select_related("office").get(pk=request_id)
        except ProjectRequest.DoesNotExist:
            raise Http404("ไม่พบคำของบประมาณ") from None
        if not can_edit_request(user, request):
            if is_owner(user, request):
                raise ConflictError(
                    _("คำขอนี้อยู่ในสถานะ “%(status)s” แก้ไขไม่ได้ แก้ไขได้เฉพาะฉบับร่างหรือที่ถูกส่งกลับ")
                    % {"status": Status(request.status).label}
                )
            raise NotAllowed(_("ท่านไม่มีสิทธิ์แก้ไขคำขอนี้"))
        if int(expected_revision) != request.revision:
            raise ConflictError(
                _(
                    "มีผู้อื่นบันทึกคำขอนี้ไปก่อนแล้ว (ฉบับที่ %(theirs)s) ระบบเก็บการแก้ไขของผู้นั้นไว้ "
                    "และแสดงข้อมูลที่ท่านกรอกไว้ด้านล่างครบถ้วน กรุณาตรวจสอบแล้วบันทึกอีกครั้ง"
                )
                % {"theirs": request.revision},
                extra={"current_revision": request.revision},
            )
        changed = _apply_fields(request, data)
        _full_clean_changed(request, changed)
        changed += _replace_children(
            request, locations=locations, kpis=kpis, stakeholders=stakeholders, year_amounts=year_amounts
        )
        request.revision = F("revision") + 1
        request.save()
        # the row is locked since it was read: the database's count is this one plus one (and
        # save() set updated_at on the instance)
        request.revision = int(expected_revision) + 1
        request_event_record(
            request=request,
            kind=EventKind.EDIT,
            actor=user,
            from_status=request.status,
            to_status=request.status,
            payload={"fields": changed, "revision": request.revision},
        )
        if rank is not None and int(rank) != request.priority_rank:
            request_rank_set(user=user, request_id=request.pk, rank=rank)
            request.refresh_from_db(fields=["priority_rank"])
    return request
