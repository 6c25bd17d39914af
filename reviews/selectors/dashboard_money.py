"""Money at stake, grouped (issue 14; R6): what was asked for, what the screening put in question
and what the rulings did with it, by province, cluster, ministry, department, category,
programme or status.

Every figure of one grouping is one GROUP BY query. The flag conditions are uncorrelated
`id IN (SELECT request_id FROM flags WHERE ...)` filters inside the aggregates, which PostgreSQL
runs as hashed sub-plans (the flag table is read once per query, not once per request), so the
cost grows with the rows scanned and the query count not at all.

A request is counted once, at its highest flag level: "duplicate" when any current (not
superseded) flag of it is a duplicate, else "overlap" when any is an overlap.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, Max, Min, Q, Sum
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster, Office, Province
from ministries.models import Department, Ministry, WorkCategory
from proposals.workflow import Status, StatusGroup
from reviews.selectors.dashboard_scope import cluster_province_ids
from screening.models import UNRULED_STATES, DuplicateFlag, FlagLevel, FlagState

NONE_LABEL = _("ไม่ระบุ")


def _flagged(**conditions):
    return DuplicateFlag.objects.current().filter(**conditions).order_by().values("request_id")


def flag_q(name: str) -> Q:
    """The request-level flag conditions, by name (also the drill-down list's `flag` filter)."""
    duplicate = Q(pk__in=_flagged(level=FlagLevel.DUPLICATE))
    overlap = Q(pk__in=_flagged(level=FlagLevel.OVERLAP)) & ~duplicate
    confirmed = Q(pk__in=_flagged(state=FlagState.RULED_DUPLICATE))
    unruled = Q(pk__in=_flagged(state__in=UNRULED_STATES))
    conditions = {
        "duplicate": duplicate,
        "overlap": overlap,
        "confirmed": confirmed,
        "unruled": unruled & ~confirmed,
        "cleared": (duplicate | overlap) & ~confirmed & ~unruled,
        # R6, the committee's figure: a confirmed duplicate that then left the funding path
        "kept": confirmed & Q(status__in=StatusGroup.STOPPED),
        "endorsed": Q(status__in=StatusGroup.PROGRAMMABLE),
    }
    return conditions.get(name, Q(pk__in=[]))


FLAG_FILTERS = ("duplicate", "overlap", "confirmed", "unruled", "cleared", "kept", "endorsed")


def measures() -> dict:
    # "requested", not "amount": an annotation may not shadow the model's field
    out = {"count": Count("id"), "requested": Sum("amount")}
    for name in FLAG_FILTERS:
        condition = flag_q(name)
        out[f"{name}_count"] = Count("id", filter=condition)
        out[f"{name}_amount"] = Sum("amount", filter=condition)
    return out


def _clean(row: dict) -> dict:
    out = {}
    for k, v in row.items():
        if k == "requested":
            out["amount"] = float(v or Decimal(0))
        elif k.endswith("amount"):
            out[k] = float(v or Decimal(0))
        elif k.endswith("count"):
            out[k] = v or 0
        else:
            out[k] = v
    return out


def money_totals(requests) -> dict:
    return _clean(requests.order_by().aggregate(**measures()))


def _labelled(rows, key: str, labels: dict) -> list[dict]:
    out = []
    for row in rows:
        row = _clean(row)
        value = row.pop(key)
        out.append({"key": value, "label": str(labels.get(value, NONE_LABEL)), **row})
    return sorted(out, key=lambda r: (-r["amount"], r["label"]))


def _group(requests, field: str):
    return requests.order_by().values(field).annotate(**measures())


def money_by(requests, dimension: str, *, fiscal_year: int) -> list[dict]:
    """One dimension's rows: ministry, department, category, programme, status, office,
    province or cluster (the last two folded from the office rows: one query either way)."""
    if dimension in ("province", "cluster", "office"):
        return _by_place(requests, dimension, fiscal_year=fiscal_year)
    if dimension == "ministry":
        rows = _group(requests, "reviewing_ministry_id")
        return _labelled(rows, "reviewing_ministry_id", dict(Ministry.objects.values_list("pk", "name_th")))
    if dimension == "department":
        rows = _group(requests, "reviewing_department_id")
        return _labelled(rows, "reviewing_department_id", dict(Department.objects.values_list("pk", "name_th")))
    if dimension == "category":
        rows = _group(requests, "category_id")
        return _labelled(rows, "category_id", dict(WorkCategory.objects.values_list("pk", "name_th")))
    if dimension == "programme":
        from reviews.models import Programme

        rows = _group(requests, "programme_items__programme_id")
        labels = dict(Programme.objects.filter(fiscal_year=fiscal_year).values_list("pk", "name"))
        labels[None] = _("ไม่อยู่ในแผนงานใด")
        return _labelled(rows, "programme_items__programme_id", labels)
    if dimension == "status":
        rows = _labelled(_group(requests, "status"), "status", dict(Status.choices))
        order = list(Status.values)
        return sorted(rows, key=lambda r: order.index(r["key"]))
    raise ValueError(dimension)


def _add(target: dict, row: dict) -> None:
    for k, v in row.items():
        if k.endswith(("count", "amount")):
            target[k] = target.get(k, 0) + v


def _by_place(requests, dimension: str, *, fiscal_year: int) -> list[dict]:
    rows = [_clean(r) for r in _group(requests, "office_id")]
    offices = {
        o["pk"]: o
        for o in Office.objects.filter(pk__in=[r["office_id"] for r in rows]).values(
            "pk", "name_th", "province_id", "cluster_id"
        )
    }
    if dimension == "office":
        return _labelled(rows, "office_id", {pk: o["name_th"] for pk, o in offices.items()})
    province_cluster = cluster_province_ids(fiscal_year)
    folded: dict = {}
    for row in rows:
        office = offices[row.pop("office_id")]
        if dimension == "province":
            key = office["province_id"]  # None: requests of cluster offices (not of one province)
        else:
            key = office["cluster_id"] or province_cluster.get(office["province_id"])
        _add(folded.setdefault(key, {"key": key}), row)
    if dimension == "province":
        labels = dict(Province.objects.values_list("pk", "name_th"))
        labels[None] = _("โครงการของสำนักงานกลุ่มจังหวัด")
    else:
        labels = dict(Cluster.objects.values_list("pk", "name_th"))
        labels[None] = _("ไม่สังกัดกลุ่มจังหวัด")
    out = [{"label": str(labels.get(r["key"], NONE_LABEL)), **r} for r in folded.values()]
    return sorted(out, key=lambda r: (-r["amount"], r["label"]))


def flagged_by_line_ministry(requests) -> list[dict]:
    """R6 from the other side: the requests flagged against each ministry's own budget lines, a
    request counted once per ministry at its highest level with that ministry. One query."""
    pairs = (
        DuplicateFlag.objects.current()
        .filter(request__in=requests.order_by().values("pk"), budget_line__isnull=False)
        .annotate(m=F("budget_line__ministry_id"), r=F("request_id"))
        .order_by()
        .values("m", "r")
        .annotate(lvl=Min("level"), amt=Max("request__amount"))
    )
    sql, params = pairs.query.sql_with_params()
    # "duplicate" < "overlap": the minimum is the highest level (FlagLevel's two values)
    outer = (
        "SELECT t.m, t.lvl, COUNT(*), SUM(t.amt) FROM (" + sql + ") t GROUP BY t.m, t.lvl"  # noqa: S608 (Django's own SQL)
    )
    with connection.cursor() as cursor:
        cursor.execute(outer, params)
        fetched = cursor.fetchall()
    names = dict(Ministry.objects.values_list("pk", "name_th"))
    out: dict = {}
    for ministry_id, level, count, amount in fetched:
        row = out.setdefault(
            ministry_id,
            {"key": ministry_id, "label": names.get(ministry_id, str(NONE_LABEL)), "count": 0, "amount": 0.0},
        )
        row[f"{level}_count"] = count
        row[f"{level}_amount"] = float(amount or 0)
        row["count"] += count
        row["amount"] += float(amount or 0)
    return sorted(out.values(), key=lambda r: (-r["amount"], r["label"]))
