"""Loads the project's own reference data (portal/reference/) into the registries.

Idempotent: every row is matched on its natural key and updated, so `load_reference` can run on
every `make run`. The 2552 BE cluster arrangement holds for fiscal years 2553-2560 (re-drawn in
2560 BE); Bueng Kan is a province from 2555 and a member of Upper Northeast 1 from then on.
"""

import csv
import json
from pathlib import Path

from django.db import transaction

from clusters.gazetteer import gazetteer_load
from clusters.hooks import offices_renamed
from clusters.models import Cluster, ClusterMembership, Office, Province, Region
from ministries.models import CentralAgency, Department, FieldOffice, FieldOfficeKind, Ministry, WorkCategory
from portal.dbstats import analyze
from portal.models import Committee

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
ARRANGEMENT_2552 = "ประกาศ ก.น.จ. พ.ศ. 2552 (ราชกิจจานุเบกษา ฉบับพิเศษ หน้า 33 เล่ม 126 ตอนพิเศษ 28 ง)"
ARRANGEMENT_FROM, ARRANGEMENT_TO = 2553, 2560
BUENG_KAN = "บึงกาฬ"
BUENG_KAN_CLUSTER = "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนบน 1"
BUENG_KAN_FROM = 2555


def _csv(name: str) -> list[dict]:
    with open(REFERENCE_DIR / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def reference_load() -> dict[str, int]:
    """Create or update every registry row; returns counts per registry."""
    registry = json.loads((REFERENCE_DIR / "registry.json").read_text(encoding="utf-8"))
    regions = {}
    for row in registry["regions"]:
        regions[row["code"]], _ = Region.objects.update_or_create(
            code=row["code"], defaults={"name_th": row["name_th"], "name_en": row["name_en"]}
        )

    provinces = {}
    for row in _csv("provinces.csv"):
        provinces[row["name_th"]], _ = Province.objects.update_or_create(
            name_th=row["name_th"],
            defaults={
                "name_en": row["name_en"],
                "region": regions[row["region"]],
                "valid_from": int(row["valid_from"]),
            },
        )
        Office.objects.update_or_create(
            kind=Office.Kind.PROVINCE,
            province=provinces[row["name_th"]],
            defaults={
                "name_th": f"สำนักงานจังหวัด{row['name_th']}",
                "name_en": f"{row['name_en']} Provincial Office",
                "valid_from": int(row["valid_from"]),
            },
        )

    memberships = 0
    for row in _csv("clusters_2552.csv"):
        cluster, _ = Cluster.objects.update_or_create(
            name_th=row["cluster_th"],
            valid_from=ARRANGEMENT_FROM,
            defaults={
                "name_en": row["cluster_en"],
                "region": regions[row["region"]],
                "valid_to": ARRANGEMENT_TO,
                "arrangement": ARRANGEMENT_2552,
            },
        )
        Office.objects.update_or_create(
            kind=Office.Kind.CLUSTER,
            cluster=cluster,
            defaults={
                "name_th": f"สำนักงาน{row['cluster_th']}",
                "name_en": f"{row['cluster_en']} Cluster Office",
                "valid_from": ARRANGEMENT_FROM,
                "valid_to": ARRANGEMENT_TO,
            },
        )
        names = row["provinces_th"].split(";")
        if row["cluster_th"] == BUENG_KAN_CLUSTER:
            names.append(BUENG_KAN)
        for index, name in enumerate(names):
            ClusterMembership.objects.update_or_create(
                cluster=cluster,
                province=provinces[name],
                valid_from=BUENG_KAN_FROM if name == BUENG_KAN else ARRANGEMENT_FROM,
                defaults={"valid_to": ARRANGEMENT_TO, "is_lead": index == 0},
            )
            memberships += 1

    ministries = {}
    for row in _csv("ministries_2553.csv"):
        code, abbreviation = registry["ministry_codes"][row["ministry_en"]]
        ministries[code], _ = Ministry.objects.update_or_create(
            code=code,
            defaults={
                "name_th": row["ministry_th"],
                "name_en": row["ministry_en"],
                "abbreviation": abbreviation,
                "valid_from": 2553,
            },
        )
    departments = {}
    for ministry_code, code, name_th, name_en, is_policy in registry["departments"]:
        departments[code], _ = Department.objects.update_or_create(
            code=code,
            defaults={
                "ministry": ministries[ministry_code],
                "name_th": name_th,
                "name_en": name_en,
                "is_policy_office": is_policy,
                "valid_from": 2553,
            },
        )
    categories = {}
    for index, (code, name_th, name_en, natural) in enumerate(registry["work_categories"]):
        categories[code], _ = WorkCategory.objects.update_or_create(
            code=code,
            defaults={"name_th": name_th, "name_en": name_en, "is_natural_resource": natural, "ordering": index},
        )
    field_offices = 0
    for code, abbreviation, name_th, name_en, ministry_code, dept_code, routed in registry["field_office_kinds"]:
        kind, _ = FieldOfficeKind.objects.update_or_create(
            code=code,
            defaults={
                "abbreviation": abbreviation,
                "name_th": name_th,
                "name_en": name_en,
                "ministry": ministries[ministry_code],
                "department": departments.get(dept_code),
            },
        )
        kind.routed_categories.set([categories[c] for c in routed])
        for province in provinces.values():
            if province.name_th == "กรุงเทพมหานคร":
                continue  # Bangkok has no provincial field offices of this kind
            FieldOffice.objects.update_or_create(
                kind=kind,
                province=province,
                defaults={"name_th": f"{name_th}{province.name_th}", "valid_from": province.valid_from},
            )
            field_offices += 1
    for code, abbreviation, name_th, name_en, role in registry["central_agencies"]:
        CentralAgency.objects.update_or_create(
            code=code, defaults={"abbreviation": abbreviation, "name_th": name_th, "name_en": name_en, "role_th": role}
        )
    for abbreviation, name_th, name_en, secretariat, valid_from, valid_to in registry["committees"]:
        Committee.objects.update_or_create(
            abbreviation=abbreviation,
            valid_from=valid_from,
            defaults={"name_th": name_th, "name_en": name_en, "secretariat": secretariat, "valid_to": valid_to},
        )
    places = gazetteer_load()  # amphoe and tambon with DOPA codes, for the place pickers
    # a registry may rename an office: its requests' sort key follows (issue 15)
    offices_renamed(office_ids=Office.objects.values_list("pk", flat=True))
    analyze()
    return {
        **places,
        "regions": len(regions),
        "provinces": len(provinces),
        "clusters": Cluster.objects.count(),
        "cluster_memberships": memberships,
        "ministries": len(ministries),
        "departments": len(departments),
        "work_categories": len(categories),
        "field_offices": field_offices,
        "central_agencies": len(registry["central_agencies"]),
    }
