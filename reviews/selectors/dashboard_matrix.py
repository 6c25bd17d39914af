"""The alignment matrix (issue 14; R1, 000 ประเด็น 1 item 1-2, 4; 002 ประเด็น 1): clusters (or a
cluster's provinces) against ministry strategies, each cell the amount and count of the requests
linked to both, read by the year's mapping table (issue 10).

Each request's verdict is the one the decision page gives for its linked strategy
(`reviews.alignment`): the mapping row's verdict (aligned / partly) for its strategic issue and
that strategy; "not mapped yet" without a row; "divergent" when the strategy belongs to another
ministry than the reviewing one; "not linked" without a strategic issue. This module only reads
the mapping. Two queries: the requests grouped by (office, issue, strategy, reviewing ministry),
and the mapping rows of those pairs.
"""

from __future__ import annotations

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from clusters.models import Cluster, Office, Province, localised
from ministries.models import MinistryStrategy
from reviews import alignment
from reviews.models import StrategyMapping
from reviews.selectors.dashboard_scope import DashboardFilters, DashboardScope, cluster_province_ids

# worst first: a cell mixing verdicts takes the colour of the one with most money, ties to the worst
VERDICT_ORDER = [alignment.DIVERGENT, alignment.UNMAPPED, alignment.MISSING, alignment.PARTIAL, alignment.ALIGNED]


def matrix_rows_kind(scope: DashboardScope, filters: DashboardFilters) -> str:
    """Rows are clusters nationally; provinces for a cluster officer or a chosen cluster."""
    return "cluster" if scope.national and not filters.cluster_id else "province"


def _verdict(row, strategy, mappings) -> str:
    if row["ministry_strategy_id"] is None or not row["strategic_issue_id"]:
        return alignment.MISSING
    if row["reviewing_ministry_id"] and strategy["ministry_id"] != row["reviewing_ministry_id"]:
        return alignment.DIVERGENT
    return mappings.get((row["strategic_issue_id"], row["ministry_strategy_id"]), alignment.UNMAPPED)


def alignment_matrix(*, scope: DashboardScope, filters: DashboardFilters, requests) -> dict:
    rows_kind = matrix_rows_kind(scope, filters)
    grouped = list(
        requests.order_by()
        .values("office_id", "strategic_issue_id", "ministry_strategy_id", "reviewing_ministry_id")
        .annotate(n=Count("id"), amount=Sum("amount"))
    )
    strategy_ids = {r["ministry_strategy_id"] for r in grouped} - {None}
    strategies = {
        s["pk"]: s
        for s in MinistryStrategy.objects.filter(pk__in=strategy_ids)
        .order_by("ministry__name_th", "number")
        .values(
            "pk", "number", "title", "ministry_id", "ministry__name_th", "ministry__name_en", "ministry__abbreviation"
        )
    }
    mappings = {
        (m["strategic_issue_id"], m["ministry_strategy_id"]): m["verdict"]
        for m in StrategyMapping.objects.filter(
            fiscal_year=scope.fiscal_year,
            strategic_issue_id__in={r["strategic_issue_id"] for r in grouped} - {None},
            ministry_strategy_id__in=strategy_ids,
        ).values("strategic_issue_id", "ministry_strategy_id", "verdict")
    }
    offices = {
        o["pk"]: o
        for o in Office.objects.filter(pk__in={r["office_id"] for r in grouped}).values(
            "pk", "province_id", "cluster_id"
        )
    }
    province_cluster = cluster_province_ids(scope.fiscal_year) if rows_kind == "cluster" else {}
    cells: dict = {}
    row_totals: dict = {}
    for r in grouped:
        office = offices[r["office_id"]]
        if rows_kind == "cluster":
            row_key = ("cluster", office["cluster_id"] or province_cluster.get(office["province_id"]))
        else:
            row_key = (
                ("province", office["province_id"]) if office["province_id"] else ("cluster", office["cluster_id"])
            )
        strategy = strategies.get(r["ministry_strategy_id"])
        verdict = _verdict(r, strategy, mappings)
        col_key = r["ministry_strategy_id"] or 0
        cell = cells.setdefault((row_key, col_key), {"count": 0, "amount": 0.0, "verdicts": {}})
        amount = float(r["amount"] or 0)
        cell["count"] += r["n"]
        cell["amount"] += amount
        part = cell["verdicts"].setdefault(verdict, {"count": 0, "amount": 0.0})
        part["count"] += r["n"]
        part["amount"] += amount
        total = row_totals.setdefault(row_key, {"count": 0, "amount": 0.0})
        total["count"] += r["n"]
        total["amount"] += amount
    return _layout(cells, row_totals, strategies, rows_kind)


def _dominant(verdicts: dict) -> str:
    return max(verdicts, key=lambda v: (verdicts[v]["amount"], -VERDICT_ORDER.index(v)))


def _layout(cells, row_totals, strategies, rows_kind) -> dict:
    cluster_names = {
        o.pk: o.name for o in Cluster.objects.filter(pk__in=[k[1] for k in row_totals if k[0] == "cluster"])
    }
    province_names = {
        o.pk: o.name for o in Province.objects.filter(pk__in=[k[1] for k in row_totals if k[0] == "province"])
    }
    columns = [
        {
            "key": pk,
            "label": f"{s['ministry__abbreviation'] or localised(s['ministry__name_th'], s['ministry__name_en'])} {s['number']}",
            "title": s["title"],
            "ministry": localised(s["ministry__name_th"], s["ministry__name_en"]),
        }
        for pk, s in strategies.items()
    ]
    if any(col == 0 for (_row, col) in cells):
        columns.append({"key": 0, "label": "-", "title": str(alignment.LABELS[alignment.MISSING]), "ministry": ""})
    rows = []
    for row_key, total in row_totals.items():
        kind, pk = row_key
        if kind == "province":
            label = province_names.get(pk, "-")
        else:
            label = cluster_names.get(pk, "-") if pk else str(_("ไม่สังกัดกลุ่มจังหวัด"))
            if rows_kind == "province":
                label = _("%(cluster)s (สำนักงานกลุ่มจังหวัด)") % {"cluster": label}
        row_cells = []
        for col in columns:
            cell = cells.get((row_key, col["key"]))
            if cell:
                verdict = _dominant(cell["verdicts"])
                parts = [
                    {"state": v, "label": str(alignment.LABELS[v]), **cell["verdicts"][v]}
                    for v in VERDICT_ORDER[::-1]
                    if v in cell["verdicts"]
                ]
                cell = {**cell, "state": verdict, "label": str(alignment.LABELS[verdict]), "parts": parts}
            row_cells.append({"column": col, "cell": cell})
        rows.append({"kind": kind, "key": pk, "label": label, "total": total, "cells": row_cells})
    rows.sort(key=lambda r: (r["kind"] != rows_kind, r["label"]))
    legend = [{"state": v, "label": str(alignment.LABELS[v])} for v in VERDICT_ORDER[::-1]]
    return {"rows_kind": rows_kind, "columns": columns, "rows": rows, "legend": legend}
