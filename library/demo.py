"""Loads the channel's starting data (portal/reference/library.json): the coordination mechanisms
drawn from the seeds (R10) and the directory (R12), plus demo joint KPIs for the demo year.

Idempotent: rows are matched on natural keys (resource type code; node name within its type;
link ends; an entry's organisation and unit name) and updated in place.
"""

import json
from pathlib import Path

from django.db import transaction

from clusters.models import Office
from library.models import (
    AgreementStatus,
    DirectoryEntry,
    Document,
    DocumentKind,
    JointKPI,
    MechanismLink,
    MechanismNode,
    ProposingSide,
    ResourceType,
    Workshop,
)
from ministries.models import CentralAgency, Department, FieldOffice, FieldOfficeKind, Ministry

REFERENCE = Path(__file__).resolve().parent.parent / "portal" / "reference" / "library.json"

DEMO_JOINT_KPIS = [
    # (year, name, ministry, department, offices (kind, name), target, unit, result, source)
    (
        2554,
        "พื้นที่ได้รับประโยชน์จากแหล่งน้ำที่พัฒนาในลุ่มน้ำชี",
        "mnre",
        "dwr",
        [("cluster", "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง")],
        "12,000",
        "ไร่",
        "",
        "การประชุมเชิงปฏิบัติการ 18 มกราคม 2553 (ตัวอย่าง)",
    ),
    (
        2554,
        "ระยะทางทางหลวงเชื่อมโยงกลุ่มจังหวัดที่ขยายเป็น 4 ช่องจราจร",
        "mot",
        "doh",
        [("cluster", "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง")],
        "45",
        "กิโลเมตร",
        "",
        "การประชุมเชิงปฏิบัติการ 18 มกราคม 2553 (ตัวอย่าง)",
    ),
    (
        2554,
        "จังหวัดมีแผนจัดการคุณภาพสิ่งแวดล้อมที่ได้รับจัดสรรงบประมาณ",
        "mnre",
        "onep",
        [("province", "ขอนแก่น"), ("province", "กาฬสินธุ์")],
        "2",
        "จังหวัด",
        "2",
        "การประชุมเชิงปฏิบัติการ 18 มกราคม 2553 (ตัวอย่าง)",
    ),
]


# The workshop the seeds record (18 January 2553 BE = 2010), as the demo KPIs' forum (R13).
DEMO_WORKSHOP = {
    "fiscal_year": 2554,
    "held_on": "2010-01-18",
    "title": "การขับเคลื่อนยุทธศาสตร์จังหวัดและกลุ่มจังหวัดสู่การปฏิบัติ (ตัวอย่าง)",
    "venue": "กรุงเทพมหานคร",
    "notes": "บูรณาการยุทธศาสตร์ โครงการ และคำของบประมาณตามแผนปฏิบัติราชการประจำปีของกลุ่มจังหวัด"
    " ประจำปีงบประมาณ พ.ศ. 2554 กับกระทรวง กรม (กลุ่มที่ 3 อุตสาหกรรม และกลุ่มที่ 4 ทรัพยากรธรรมชาติ"
    " สิ่งแวดล้อม และสังคม)",
}
# A proposal still waiting for the other side (R13): the cluster proposes, the ministry confirms.
DEMO_PENDING_KPI = (
    2554,
    "จำนวนวิสาหกิจชุมชนและ SMEs ในกลุ่มจังหวัดที่ได้รับการพัฒนาผลิตภัณฑ์",
    "moind",
    [("cluster", "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง")],
    "120",
    "ราย",
)
# Plans that already exist (R22), cited by link to their owners' sites (demo entries).
DEMO_AREA_PLANS = [
    (
        DocumentKind.ENVIRONMENT_PLAN,
        "แผนจัดการคุณภาพสิ่งแวดล้อมจังหวัดขอนแก่น พ.ศ. 2553-2556 (ตัวอย่าง)",
        ("province", "ขอนแก่น"),
        "https://www.onep.go.th/",
        "เสนอต่อ สผ. และคณะกรรมการสิ่งแวดล้อมแห่งชาติ (000 ประเด็นที่ 3 ข้อ 3)",
    ),
    (
        DocumentKind.INDUSTRY_PLAN,
        "แผนพัฒนาอุตสาหกรรมกลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง (ส.อ.ท.) (ตัวอย่าง)",
        ("cluster", "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง"),
        "https://fti.or.th/",
        "แผนของสภาอุตสาหกรรมแห่งประเทศไทยรายกลุ่มจังหวัด (002 ประเด็นที่ 1)",
    ),
]


def _demo_channel_extras(kpis: list) -> None:
    """The demo workshop with its agreed KPIs, one pending proposal and the area plans."""
    import datetime

    workshop, _ = Workshop.objects.update_or_create(
        title=DEMO_WORKSHOP["title"],
        defaults={**DEMO_WORKSHOP, "held_on": datetime.date.fromisoformat(DEMO_WORKSHOP["held_on"])},
    )
    offices = {office for kpi in kpis for office in kpi.offices.all()}
    workshop.offices.set(offices)
    workshop.ministries.set({kpi.ministry for kpi in kpis} | {Ministry.objects.get(code="moind")})
    JointKPI.objects.filter(pk__in=[k.pk for k in kpis]).update(workshop=workshop)
    year, name, ministry, offices, target, unit = DEMO_PENDING_KPI
    pending, created = JointKPI.objects.get_or_create(
        fiscal_year=year,
        name=name,
        ministry=Ministry.objects.get(code=ministry),
        defaults={
            "target": target,
            "unit": unit,
            "status": AgreementStatus.PENDING,
            "proposed_side": ProposingSide.AREA,
            "source": "เสนอโดยสำนักงานกลุ่มจังหวัด (ตัวอย่าง)",
        },
    )
    if created:
        pending.offices.set([_office(kind, office) for kind, office in offices])
    from library.services.documents import _search_text

    for kind, title, (office_kind, office_name), url, description in DEMO_AREA_PLANS:
        document, made = Document.objects.get_or_create(
            title=title,
            defaults={
                "kind": kind,
                "office": _office(office_kind, office_name),
                "fiscal_year_from": 2553,
                "fiscal_year_to": 2556,
                "plan_period": "พ.ศ. 2553-2556",
                "external_url": url,
                "description": description,
                "slug": f"{kind.replace('_', '-')}-demo-{office_kind}",
            },
        )
        if made:
            document.search_text = _search_text(document)
            document.save(update_fields=["search_text"])


def _office(kind, name):
    if kind == "cluster":
        return Office.objects.get(kind=Office.Kind.CLUSTER, cluster__name_th=name)
    return Office.objects.get(kind=Office.Kind.PROVINCE, province__name_th=name)


def _organisation(key: dict) -> dict:
    ((field, value),) = key.items()
    if field == "central_agency":
        return {"central_agency": CentralAgency.objects.get(code=value)}
    if field == "ministry":
        return {"ministry": Ministry.objects.get(code=value)}
    if field == "department":
        return {"department": Department.objects.get(code=value)}
    if field == "field_office":
        return {"field_office": FieldOffice.objects.get(kind__code=value[0], province__name_th=value[1])}
    return {"office": _office(*value)}


def _node_refs(refs: dict) -> dict:
    values = {"ministry": None, "department": None, "field_office_kind": None}
    if "ministry" in refs:
        values["ministry"] = Ministry.objects.get(code=refs["ministry"])
    if "department" in refs:
        values["department"] = Department.objects.get(code=refs["department"])
        values["ministry"] = values["department"].ministry
    if "field_office_kind" in refs:
        values["field_office_kind"] = FieldOfficeKind.objects.get(code=refs["field_office_kind"])
        values["ministry"] = values["field_office_kind"].ministry
    return values


@transaction.atomic
def library_load(*, with_demo_kpis: bool = True) -> dict[str, int]:
    """Create or update the mechanisms and the directory; returns counts."""
    data = json.loads(REFERENCE.read_text(encoding="utf-8"))
    counts = {"resource_types": 0, "nodes": 0, "links": 0, "directory": 0, "joint_kpis": 0}
    for item in data["mechanisms"]:
        resource_type, _ = ResourceType.objects.update_or_create(
            code=item["code"],
            defaults={
                "name_th": item["name_th"],
                "name_en": item["name_en"],
                "description": item["description"],
                "source": item["source"],
                "order": item["order"],
            },
        )
        counts["resource_types"] += 1
        nodes = []
        for order, (level, name, refs, description) in enumerate(item["nodes"], start=1):
            node, _ = MechanismNode.objects.update_or_create(
                resource_type=resource_type,
                name=name,
                defaults={"level": level, "description": description, "order": order, **_node_refs(refs)},
            )
            nodes.append(node)
        counts["nodes"] += len(nodes)
        for source, target, label in item["links"]:
            MechanismLink.objects.update_or_create(
                resource_type=resource_type, source=nodes[source], target=nodes[target], defaults={"label": label}
            )
            counts["links"] += 1
    for item in data["directory"]:
        organisation = _organisation(item["organisation"])
        details = {
            k: item[k]
            for k in ("coordination_role", "contact_person", "position", "phone", "email", "website", "note", "order")
        }
        entry = DirectoryEntry.objects.filter(unit_name=item["unit_name"], **organisation).first()
        if entry is None:
            entry = DirectoryEntry(unit_name=item["unit_name"], **organisation)
        for name, value in details.items():
            setattr(entry, name, value)
        entry.full_clean()
        entry.save()
        counts["directory"] += 1
    if with_demo_kpis:
        demo_kpis = []
        for year, name, ministry, department, offices, target, unit, result, source in DEMO_JOINT_KPIS:
            kpi, _ = JointKPI.objects.update_or_create(
                fiscal_year=year,
                name=name,
                ministry=Ministry.objects.get(code=ministry),
                defaults={
                    "department": Department.objects.get(code=department),
                    "target": target,
                    "unit": unit,
                    "result": result,
                    "source": source,
                    # recorded by the central team from the workshop: both sides were there (R13)
                    "status": AgreementStatus.AGREED,
                    "proposed_side": ProposingSide.WORKSHOP,
                },
            )
            kpi.offices.set([_office(kind, office) for kind, office in offices])
            demo_kpis.append(kpi)
            counts["joint_kpis"] += 1
        _demo_channel_extras(demo_kpis)
    return counts
