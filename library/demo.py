"""Loads the channel's starting data (portal/reference/library.json): the coordination mechanisms
drawn from the seeds (R10) and the directory (R12), plus demo joint KPIs for the demo year.

Idempotent: rows are matched on natural keys (resource type code; node name within its type;
link ends; an entry's organisation and unit name) and updated in place.
"""

import json
from pathlib import Path

from django.db import transaction

from clusters.models import Office
from library.models import DirectoryEntry, JointKPI, MechanismLink, MechanismNode, ResourceType
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
                },
            )
            kpi.offices.set([_office(kind, office) for kind, office in offices])
            counts["joint_kpis"] += 1
    return counts
