"""Money at stake, grouped (issue 14; R6): what was asked for, what the screening put in question
and what the rulings did with it, by province, cluster, ministry, department, category,
programme or status.

Every figure of one grouping is one GROUP BY query: the requests in view joined (one hash join)
to their flags grouped per request, then plain CASE sums; no per-request subquery (the old
dashboard ran five correlated EXISTS per request). The query count does not grow with the year.
The SQL is written out because the ORM cannot join a grouped derived table; the requests in
view still come from the ORM (the derived table `r` is the queryset's own SQL), so the filters and scope stay in one place.

A request is counted once, at its highest flag level: "duplicate" when any current (not
superseded) flag of it is a duplicate, else "overlap" when any is an overlap.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, Max, Min, Q
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

# The same conditions as flag_q, on a request's class: (duplicate, overlap, confirmed, unruled,
# stopped, endorsed) flags, each 0 or 1.
_CONDITIONS = {
    "duplicate": lambda dup, ovl, conf, unr, stopped, endorsed: dup,
    "overlap": lambda dup, ovl, conf, unr, stopped, endorsed: ovl and not dup,
    "confirmed": lambda dup, ovl, conf, unr, stopped, endorsed: conf,
    "unruled": lambda dup, ovl, conf, unr, stopped, endorsed: unr and not conf,
    "cleared": lambda dup, ovl, conf, unr, stopped, endorsed: (dup or ovl) and not conf and not unr,
    "kept": lambda dup, ovl, conf, unr, stopped, endorsed: conf and stopped,
    "endorsed": lambda dup, ovl, conf, unr, stopped, endorsed: endorsed,
}


def _grouped_sql(requests, group: str | None, join: str = "") -> tuple[str, list]:
    """One scan: the requests in view LEFT JOIN their flags grouped per request (one hash join),
    grouped by `group` (a column expression of `r` or of the extra join) and by the request's
    class (which flags, which status group): two sums per group, the measures are folded in
    Python from at most a few dozen classes per group."""
    quote = connection.ops.quote_name
    flags_table = quote(DuplicateFlag._meta.db_table)
    # the requests in view as the derived table `r` (no self-join back to the table)
    base_sql, base_params = (
        requests.order_by()
        .values(
            "id", "amount", "status", "office_id", "category_id", "reviewing_ministry_id", "reviewing_department_id"
        )
        .query.sql_with_params()
    )
    stopped, endorsed = sorted(StatusGroup.STOPPED), sorted(StatusGroup.PROGRAMMABLE)
    classes = [
        "COALESCE(f.dup, 0)",
        "COALESCE(f.ovl, 0)",
        "COALESCE(f.conf, 0)",
        "COALESCE(f.unr, 0)",
        f"CASE WHEN r.status IN ({', '.join(['%s'] * len(stopped))}) THEN 1 ELSE 0 END",
        f"CASE WHEN r.status IN ({', '.join(['%s'] * len(endorsed))}) THEN 1 ELSE 0 END",
    ]
    class_params = [*stopped, *endorsed]
    flags = (
        f"SELECT request_id, MAX(CASE WHEN level = %s THEN 1 ELSE 0 END) AS dup, "
        f"MAX(CASE WHEN level = %s THEN 1 ELSE 0 END) AS ovl, "
        f"MAX(CASE WHEN state = %s THEN 1 ELSE 0 END) AS conf, "
        f"MAX(CASE WHEN state IN (%s, %s) THEN 1 ELSE 0 END) AS unr "
        f"FROM {flags_table} WHERE state <> %s GROUP BY request_id"
    )
    flag_params = [FlagLevel.DUPLICATE, FlagLevel.OVERLAP, FlagState.RULED_DUPLICATE, *UNRULED_STATES]
    flag_params.append(FlagState.SUPERSEDED)
    key = group or "0"
    sql = (
        f"SELECT {key}, {', '.join(classes)}, COUNT(*), SUM(r.amount) "  # noqa: S608 (no user text in the SQL)
        f"FROM ({base_sql}) r LEFT JOIN ({flags}) f ON f.request_id = r.id {join} "
        f"GROUP BY {f'{group}, ' if group else ''}{', '.join(classes)}"
    )
    return sql, [*class_params, *base_params, *flag_params, *class_params]


def _empty(key) -> dict:
    row = {"key": key, "count": 0, "amount": 0.0}
    for name in FLAG_FILTERS:
        row[f"{name}_count"] = 0
        row[f"{name}_amount"] = 0.0
    return row


def _run(requests, group: str | None, join: str = "") -> list[dict]:
    try:
        sql, params = _grouped_sql(requests, group, join)
    except EmptyResultSet:  # requests.none() (no filed request in view) has no SQL: no rows
        sql, params = None, []
    fetched = []
    if sql is not None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
    rows: dict = {}
    for key, *flags, count, amount in fetched:
        row = rows.setdefault(key, _empty(key))
        amount = float(amount or 0)
        row["count"] += count
        row["amount"] += amount
        for name in FLAG_FILTERS:
            if _CONDITIONS[name](*flags):
                row[f"{name}_count"] += count
                row[f"{name}_amount"] += amount
    if group is None:  # the totals: every class folded into one row
        total = _empty(None)
        for row in rows.values():
            for k, v in row.items():
                if k != "key":
                    total[k] += v
        return [total]
    return list(rows.values())


def money_totals(requests) -> dict:
    rows = _run(requests, None)
    total = rows[0] if rows else {}
    total.pop("key", None)
    return total


def _labelled(rows, labels: dict) -> list[dict]:
    out = [{**row, "label": str(labels.get(row["key"], NONE_LABEL))} for row in rows]
    return sorted(out, key=lambda r: (-r["amount"], r["label"]))


def money_by(requests, dimension: str, *, fiscal_year: int) -> list[dict]:
    """One dimension's rows: ministry, department, category, programme, status, office,
    province or cluster (the last two folded from the office rows). One grouped query."""
    if dimension in ("province", "cluster", "office"):
        return money_by_places(requests, fiscal_year=fiscal_year)[dimension]
    if dimension == "ministry":
        labels = dict(Ministry.objects.values_list("pk", "name_th"))
        return _labelled(_run(requests, "r.reviewing_ministry_id"), labels)
    if dimension == "department":
        labels = dict(Department.objects.values_list("pk", "name_th"))
        return _labelled(_run(requests, "r.reviewing_department_id"), labels)
    if dimension == "category":
        labels = dict(WorkCategory.objects.values_list("pk", "name_th"))
        return _labelled(_run(requests, "r.category_id"), labels)
    if dimension == "programme":
        from reviews.models import Programme, ProgrammeItem

        items = connection.ops.quote_name(ProgrammeItem._meta.db_table)
        rows = _run(requests, "pi.programme_id", f"LEFT JOIN {items} pi ON pi.request_id = r.id")
        labels = dict(Programme.objects.filter(fiscal_year=fiscal_year).values_list("pk", "name"))
        labels[None] = _("ไม่อยู่ในแผนงานใด")
        return _labelled(rows, labels)
    if dimension == "status":
        rows = _labelled(_run(requests, "r.status"), dict(Status.choices))
        order = list(Status.values)
        return sorted(rows, key=lambda r: order.index(r["key"]))
    raise ValueError(dimension)


def _add(target: dict, row: dict) -> None:
    for k, v in row.items():
        if k.endswith(("count", "amount")):
            target[k] = target.get(k, 0) + v


def money_by_places(requests, *, fiscal_year: int) -> dict[str, list[dict]]:
    """{"office", "province", "cluster", "total"} from one query grouped by office (a cluster
    office's requests belong to no single province: they get their own province row)."""
    rows = _run(requests, "r.office_id")
    offices = {
        o["pk"]: o
        for o in Office.objects.filter(pk__in=[r["key"] for r in rows]).values(
            "pk", "name_th", "province_id", "cluster_id"
        )
    }
    province_cluster = cluster_province_ids(fiscal_year)
    provinces: dict = {}
    clusters: dict = {}
    total = {k: 0 for k in rows[0] if k != "key"} if rows else money_totals(requests.none())
    for row in rows:
        office = offices[row["key"]]
        _add(total, row)
        province = office["province_id"]
        _add(provinces.setdefault(province, {"key": province}), row)
        cluster = office["cluster_id"] or province_cluster.get(province)
        _add(clusters.setdefault(cluster, {"key": cluster}), row)
    province_labels = dict(Province.objects.values_list("pk", "name_th"))
    province_labels[None] = _("โครงการของสำนักงานกลุ่มจังหวัด")
    cluster_labels = dict(Cluster.objects.values_list("pk", "name_th"))
    cluster_labels[None] = _("ไม่สังกัดกลุ่มจังหวัด")
    return {
        "office": _labelled(rows, {pk: o["name_th"] for pk, o in offices.items()}),
        "province": _labelled(list(provinces.values()), province_labels),
        "cluster": _labelled(list(clusters.values()), cluster_labels),
        "total": total,
    }


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
