"""Responsibility framework writes (R5; 000 ประเด็น 1 item 5), versioned by fiscal year: a change
made for year Y ends the old rule at Y-1 and starts a new one, so earlier years read as they were."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from ministries.models import Department, Ministry, ResponsibilityRule, WorkCategory
from portal.exceptions import NotAllowed
from reviews.permissions import can_manage_framework


def responsibility_rule_set(
    *,
    user,
    category_id: int,
    ministry_id: int,
    fiscal_year: int,
    owned: bool,
    department_id: int | None = None,
    province_may_fund: bool = False,
    note: str = "",
) -> ResponsibilityRule | None:
    """Set one cell of the matrix from `fiscal_year` on; owned=False clears it. Returns the rule
    in force for that year (None when cleared)."""
    if not can_manage_framework(user):
        raise NotAllowed(_("เฉพาะทีมบูรณาการกลางที่แก้ไขกรอบความรับผิดชอบได้"))
    with transaction.atomic():
        current = (
            ResponsibilityRule.objects.select_for_update(of=("self",))
            .for_fiscal_year(fiscal_year)
            .filter(category_id=category_id, ministry_id=ministry_id)
            .order_by("pk")
            .first()
        )
        later = (
            ResponsibilityRule.objects.filter(
                category_id=category_id, ministry_id=ministry_id, year_from__gt=fiscal_year
            )
            .order_by("year_from")
            .first()
        )
        year_to = later.year_from - 1 if later else None
        if current is not None:
            year_to = current.year_to
            if current.year_from == fiscal_year:
                if not owned:
                    current.delete()
                    return None
                current.department_id = department_id
                current.province_may_fund = province_may_fund
                current.note = note
                current.updated_by = user
                current.full_clean()
                current.save()
                return current
            current.year_to = fiscal_year - 1
            current.updated_by = user
            current.full_clean()
            current.save()
        if not owned:
            return None
        rule = ResponsibilityRule(
            category_id=category_id,
            ministry_id=ministry_id,
            department_id=department_id,
            year_from=fiscal_year,
            year_to=year_to,
            province_may_fund=province_may_fund,
            note=note,
            updated_by=user,
        )
        rule.full_clean()
        rule.save()
    return rule


# Default matrix: who owns which kind of work (a starting point the central team edits).
# (category code, ministry code, department code, province may fund, note)
DEFAULT_RULES = (
    ("roads", "mot", "doh", False, "ทางหลวงแผ่นดินเป็นภารกิจกรมทางหลวง ถนนท้องถิ่นจังหวัดขอได้เมื่อชี้แจงเหตุผล"),
    ("bridges", "mot", "drr", True, "สะพานและทางเชื่อมในท้องถิ่น จังหวัดขอได้"),
    ("water", "moac", "rid", False, "แหล่งน้ำขนาดกลางและระบบชลประทานเป็นภารกิจกรมชลประทาน"),
    ("groundwater", "mnre", "dgr", False, "น้ำบาดาลเป็นภารกิจกรมทรัพยากรน้ำบาดาล"),
    ("dredging", "mnre", "dwr", True, "ขุดลอกแหล่งน้ำขนาดเล็ก จังหวัดขอได้"),
    ("bank_protection", "moi", "dpt", False, "เขื่อนป้องกันตลิ่งเป็นภารกิจกรมโยธาธิการและผังเมือง"),
    ("forest", "mnre", "rfd", False, "ป่าไม้และการฟื้นฟูป่าเป็นภารกิจกรมป่าไม้"),
    ("coast", "mnre", "dmcr", False, "ทรัพยากรทางทะเลและชายฝั่งเป็นภารกิจกรมทรัพยากรทางทะเลและชายฝั่ง"),
    ("environment", "mnre", "pcd", True, "ระบบจัดการขยะ/น้ำเสียชุมชน จังหวัดขอได้ร่วมกับ อปท."),
    ("tourism", "mots", "dot", True, "แหล่งท่องเที่ยวของจังหวัด จังหวัดขอได้"),
    ("agriculture", "moac", "doae", True, "ส่งเสริมการเกษตรในพื้นที่ จังหวัดขอได้"),
    ("sme", "moind", "dip", True, "ส่งเสริม SMEs และวิสาหกิจชุมชน จังหวัดขอได้"),
    ("disaster", "moi", "disaster", True, "ป้องกันสาธารณภัยในพื้นที่ จังหวัดขอได้"),
)


@transaction.atomic
def framework_defaults_load(*, year_from: int = 2553) -> int:
    """Create the default matrix where a cell is still empty; idempotent, never overwrites an
    edit the central team made. Returns the number of rules created."""
    categories = {c.code: c for c in WorkCategory.objects.all()}
    ministries = {m.code: m for m in Ministry.objects.all()}
    departments = {d.code: d for d in Department.objects.all()}
    created = 0
    for category, ministry, department, may_fund, note in DEFAULT_RULES:
        if category not in categories or ministry not in ministries:
            continue
        _rule, was_created = ResponsibilityRule.objects.get_or_create(
            category=categories[category],
            ministry=ministries[ministry],
            year_from=year_from,
            defaults={"department": departments.get(department), "province_may_fund": may_fund, "note": note},
        )
        created += was_created
    return created
