"""Reads of the responsibility framework (R5; 000 ประเด็น 1 item 5)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext

from ministries.models import Ministry, ResponsibilityRule, WorkCategory
from proposals.models import FundingChannel


@dataclass
class FrameworkWarning:
    """A category a ministry owns and provinces may not fund: the planner must say why."""

    category: str
    fiscal_year: int
    owners: list[str]
    owner_ministry_ids: list[int]
    notes: list[str] = field(default_factory=list)

    @property
    def owners_text(self) -> str:
        return ", ".join(self.owners)

    @property
    def message(self) -> str:
        return gettext(
            "หมวดงาน “%(category)s” เป็นภารกิจของ %(owners)s ตามกรอบความรับผิดชอบ ปีงบประมาณ %(year)s: "
            "หากจังหวัด/กลุ่มจังหวัดจะขอเอง ต้องระบุเหตุผลที่ต้องดำเนินการเอง"
        ) % {"category": self.category, "owners": self.owners_text, "year": self.fiscal_year}

    def as_dict(self) -> dict:
        return {
            "category": self.category,
            "fiscal_year": self.fiscal_year,
            "owners": self.owners,
            "owner_ministry_ids": self.owner_ministry_ids,
            "notes": self.notes,
            "message": self.message,
        }


def partner_ministry_ids(request) -> list[int]:
    """The partner ministries of a request across ministries (R20)."""
    from proposals.models import RequestMinistryShare, ShareRole

    return list(
        RequestMinistryShare.objects.filter(request=request, role=ShareRole.PARTNER).values_list(
            "ministry_id", flat=True
        )
    )


def framework_warning_for(
    *,
    category_id,
    fiscal_year: int,
    funding_channel: str | None = None,
    target_ministry_id=None,
    partner_ministry_ids=(),
) -> FrameworkWarning | None:
    """The warning for a request of this category and year, or None.

    A request asking the owning ministry itself for support (funding channel ministry_support)
    is exactly the route the framework wants, so it carries no warning; so is one where the
    owning ministry takes part as a partner with its share (R20: every ministry involved).
    """
    if not category_id or not fiscal_year:
        return None
    rules = list(
        ResponsibilityRule.objects.for_fiscal_year(int(fiscal_year))
        .ministry_owned()
        .filter(category_id=category_id)
        .select_related("category", "ministry", "department")
        .order_by("ministry__name_th")
    )
    if not rules:
        return None
    owner_ids = [r.ministry_id for r in rules]
    if (
        funding_channel == FundingChannel.MINISTRY_SUPPORT
        and target_ministry_id
        and int(target_ministry_id) in owner_ids
    ):
        return None
    if set(partner_ministry_ids) & set(owner_ids):
        return None
    return FrameworkWarning(
        category=rules[0].category.name,
        fiscal_year=int(fiscal_year),
        owners=[r.owner_label for r in rules],
        owner_ministry_ids=owner_ids,
        notes=[r.note for r in rules if r.note],
    )


def framework_matrix(*, fiscal_year: int) -> dict:
    """Rows = every work category, columns = ministries holding a rule that year; three queries."""
    rules = list(
        ResponsibilityRule.objects.for_fiscal_year(fiscal_year).select_related("ministry", "department", "category")
    )
    ministry_ids = {r.ministry_id for r in rules}
    ministries = list(Ministry.objects.filter(pk__in=ministry_ids).order_by("name_th"))
    cells = {(r.category_id, r.ministry_id): r for r in rules}
    rows = []
    for category in WorkCategory.objects.all():
        rows.append(
            {
                "category": category,
                "cells": [{"ministry": m, "rule": cells.get((category.id, m.id))} for m in ministries],
                "province_may_fund": all(r.province_may_fund for (c, _m), r in cells.items() if c == category.id),
                "has_rules": any(c == category.id for (c, _m) in cells),
            }
        )
    return {"fiscal_year": fiscal_year, "ministries": ministries, "rows": rows, "rule_count": len(rules)}


def rule_for_cell(*, category_id, ministry_id, fiscal_year: int) -> ResponsibilityRule | None:
    return (
        ResponsibilityRule.objects.for_fiscal_year(fiscal_year)
        .filter(category_id=category_id, ministry_id=ministry_id)
        .select_related("department")
        .first()
    )
