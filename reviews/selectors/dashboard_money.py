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
from django.db.models import Case, F, IntegerField, Max, Min, Q, When
from django.utils.translation import gettext_lazy as _

from clusters.models import ClusterMembership, Office, localised
from ministries.models import Department, Ministry, WorkCategory
from proposals.selectors.ownership import FieldOfficeShare, field_office_conditions
from proposals.workflow import Status, StatusGroup
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

# Bits of a request's current flags, summed in SQL by _grouped_sql (a request without flags: 0).
DUP, OVL, CONF, UNR = 1, 2, 4, 8

# The same conditions as flag_q, on a request's class: its flag bits and its status.
_CONDITIONS = {
    "duplicate": lambda bits, status: bool(bits & DUP),
    "overlap": lambda bits, status: bool(bits & OVL) and not bits & DUP,
    "confirmed": lambda bits, status: bool(bits & CONF),
    "unruled": lambda bits, status: bool(bits & UNR) and not bits & CONF,
    "cleared": lambda bits, status: bool(bits & (DUP | OVL)) and not bits & (CONF | UNR),
    "kept": lambda bits, status: bool(bits & CONF) and status in StatusGroup.STOPPED,
    "endorsed": lambda bits, status: status in StatusGroup.PROGRAMMABLE,
}


def _grouped_sql(requests, group: str | None, join: str = "", extra: dict | None = None) -> tuple[str, list]:
    """One scan: the requests in view LEFT JOIN their current flags folded per request into one
    small integer (one hash join), grouped by `group` (a column expression of `r` or of the extra
    join), the status and those bits: two sums per group; the measures are folded in Python from
    at most a few dozen classes per group. `extra`: more 0/1 annotations of the requests to group
    by (selected after the bits)."""
    extra = extra or {}
    quote = connection.ops.quote_name
    flags_table = quote(DuplicateFlag._meta.db_table)
    # the requests in view as the derived table `r` (no self-join back to the table)
    base_sql, base_params = (
        requests.order_by()
        .annotate(**extra)
        .values(
            "id",
            "amount",
            "status",
            "office_id",
            "category_id",
            "reviewing_ministry_id",
            "reviewing_department_id",
            *extra,
        )
        .query.sql_with_params()
    )
    extra_sql = "".join(f", r.{name}" for name in extra)
    flags = (
        f"SELECT request_id, {DUP} * MAX(CASE WHEN level = %s THEN 1 ELSE 0 END) "
        f"+ {OVL} * MAX(CASE WHEN level = %s THEN 1 ELSE 0 END) "
        f"+ {CONF} * MAX(CASE WHEN state = %s THEN 1 ELSE 0 END) "
        f"+ {UNR} * MAX(CASE WHEN state IN (%s, %s) THEN 1 ELSE 0 END) AS bits "
        f"FROM {flags_table} WHERE state <> %s GROUP BY request_id"
    )
    flag_params = [FlagLevel.DUPLICATE, FlagLevel.OVERLAP, FlagState.RULED_DUPLICATE, *UNRULED_STATES]
    flag_params.append(FlagState.SUPERSEDED)
    key = group or "0"
    sql = (
        f"SELECT {key}, r.status, COALESCE(f.bits, 0){extra_sql}, COUNT(*), SUM(r.amount) "  # noqa: S608 (no user text in the SQL)
        f"FROM ({base_sql}) r LEFT JOIN ({flags}) f ON f.request_id = r.id {join} "
        f"GROUP BY {f'{group}, ' if group else ''}r.status, COALESCE(f.bits, 0){extra_sql}"
    )
    return sql, [*base_params, *flag_params]


def _empty(key) -> dict:
    row = {"key": key, "count": 0, "amount": 0.0}
    for name in FLAG_FILTERS:
        row[f"{name}_count"] = 0
        row[f"{name}_amount"] = 0.0
    return row


def _fetch(requests, group: str | None, join: str = "", extra: dict | None = None) -> list[tuple]:
    """(key, status, bits, *extra, count, amount) rows of one grouped query."""
    try:
        sql, params = _grouped_sql(requests, group, join, extra)
    except EmptyResultSet:  # requests.none() (no filed request in view) has no SQL: no rows
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _fold(fetched, key_of=lambda key, status: key) -> list[dict]:
    """The measures of every group, from the fetched classes; `key_of` regroups them (e.g. by status)."""
    rows: dict = {}
    measures: dict = {}  # (bits, status) -> the measure keys it adds to: a few dozen classes
    for key, status, bits, *_extra, count, amount in fetched:
        group = key_of(key, status)
        row = rows.get(group)
        if row is None:
            row = rows[group] = _empty(group)
        names = measures.get((bits, status))
        if names is None:
            names = measures[(bits, status)] = [
                (f"{name}_count", f"{name}_amount") for name in FLAG_FILTERS if _CONDITIONS[name](bits, status)
            ]
        amount = float(amount or 0)
        row["count"] += count
        row["amount"] += amount
        for count_key, amount_key in names:
            row[count_key] += count
            row[amount_key] += amount
    return list(rows.values())


def _run(requests, group: str | None, join: str = "") -> list[dict]:
    rows = _fold(_fetch(requests, group, join))
    if group is None:  # the totals: every class folded into one row
        total = _empty(None)
        for row in rows:
            for k, v in row.items():
                if k != "key":
                    total[k] += v
        return [total]
    return rows


def _by_status(rows: list[dict]) -> list[dict]:
    rows = _labelled(rows, dict(Status.choices))
    order = list(Status.values)
    return sorted(rows, key=lambda r: order.index(r["key"]))


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
        labels = {o.pk: o.name for o in Ministry.objects.only("name_th", "name_en")}
        return _labelled(_run(requests, "r.reviewing_ministry_id"), labels)
    if dimension == "department":
        labels = {o.pk: o.name for o in Department.objects.only("name_th", "name_en")}
        return _labelled(_run(requests, "r.reviewing_department_id"), labels)
    if dimension == "category":
        labels = {o.pk: o.name for o in WorkCategory.objects.only("name_th", "name_en")}
        return _labelled(_run(requests, "r.category_id"), labels)
    if dimension == "programme":
        from reviews.models import Programme, ProgrammeItem

        items = connection.ops.quote_name(ProgrammeItem._meta.db_table)
        rows = _run(requests, "pi.programme_id", f"LEFT JOIN {items} pi ON pi.request_id = r.id")
        labels = dict(Programme.objects.filter(fiscal_year=fiscal_year).values_list("pk", "name"))
        labels[None] = _("ไม่อยู่ในแผนงานใด")
        return _labelled(rows, labels)
    if dimension == "status":
        return _by_status(_fold(_fetch(requests, None), lambda key, status: status))
    raise ValueError(dimension)


def _add(target: dict, row: dict) -> None:
    for k, v in row.items():
        if k.endswith(("count", "amount")):
            target[k] = target.get(k, 0) + v


def money_by_places(requests, *, fiscal_year: int, ministry_id: int | None = None) -> dict:
    """{"office", "province", "cluster", "total", "confirmed_by_status", "field_office_projects"}
    from one query grouped by office (a cluster office's requests belong to no single province:
    they get their own province row). "confirmed_by_status": what the rulings did, the confirmed
    duplicates by where their request went next (R6); "field_office_projects": R18's share among
    the requests in view (of `ministry_id`'s field offices when the view is of one ministry), by
    the conditions of proposals.selectors.ownership; both folded from the same rows."""
    counted, is_field_office = field_office_conditions(ministry_id)
    extra = {
        "fo_counted": Case(When(counted, then=1), default=0, output_field=IntegerField()),
        "fo_own": Case(When(counted & is_field_office, then=1), default=0, output_field=IntegerField()),
    }
    fetched = _fetch(requests, "r.office_id", extra=extra)
    rows = _fold(fetched)
    # the labels come with the offices and the year's memberships: three queries in all
    offices = {
        o["pk"]: o
        for o in Office.objects.filter(pk__in=[r["key"] for r in rows]).values(
            "pk",
            "name_th",
            "name_en",
            "province_id",
            "province__name_th",
            "province__name_en",
            "cluster_id",
            "cluster__name_th",
            "cluster__name_en",
        )
    }
    province_cluster, cluster_labels = {}, {}
    for province, cluster, name, name_en in (
        ClusterMembership.objects.for_fiscal_year(fiscal_year)
        .order_by()
        .values_list("province_id", "cluster_id", "cluster__name_th", "cluster__name_en")
    ):
        province_cluster[province], cluster_labels[cluster] = cluster, localised(name, name_en)
    province_labels = {
        o["province_id"]: localised(o["province__name_th"], o["province__name_en"])
        for o in offices.values()
        if o["province_id"]
    }
    cluster_labels.update(
        {
            o["cluster_id"]: localised(o["cluster__name_th"], o["cluster__name_en"])
            for o in offices.values()
            if o["cluster_id"]
        }
    )
    provinces: dict = {}
    clusters: dict = {}
    total = _empty(None)
    total.pop("key")
    for row in rows:
        office = offices[row["key"]]
        _add(total, row)
        province = office["province_id"]
        _add(provinces.setdefault(province, {"key": province}), row)
        cluster = office["cluster_id"] or province_cluster.get(province)
        _add(clusters.setdefault(cluster, {"key": cluster}), row)
    province_labels[None] = _("โครงการของสำนักงานกลุ่มจังหวัด")
    cluster_labels[None] = _("ไม่สังกัดกลุ่มจังหวัด")
    confirmed = [row for row in fetched if _CONDITIONS["confirmed"](row[2], row[1])]
    share = FieldOfficeShare(
        fiscal_year=fiscal_year,
        total=sum(row[-2] for row in fetched if row[3]),
        field_office=sum(row[-2] for row in fetched if row[4]),
    )
    return {
        "office": _labelled(rows, {pk: localised(o["name_th"], o["name_en"]) for pk, o in offices.items()}),
        "province": _labelled(list(provinces.values()), province_labels),
        "cluster": _labelled(list(clusters.values()), cluster_labels),
        "total": total,
        "confirmed_by_status": _by_status(_fold(confirmed, lambda key, status: status)),
        "field_office_projects": {"total": share.total, "field_office": share.field_office, "percent": share.percent},
    }


def flagged_by_line_ministry(requests) -> list[dict]:
    """R6 from the other side: the requests flagged against each ministry's own budget lines, a
    request counted once per ministry at its highest level with that ministry. One query."""
    pairs = (
        DuplicateFlag.objects.current()
        .filter(request__in=requests.order_by().values("pk"), budget_line__isnull=False)
        .annotate(
            m=F("budget_line__ministry_id"),
            name=F("budget_line__ministry__name_th"),
            name_en=F("budget_line__ministry__name_en"),
            r=F("request_id"),
        )
        .order_by()
        .values("m", "name", "name_en", "r")
        .annotate(lvl=Min("level"), amt=Max("request__amount"))
    )
    sql, params = pairs.query.sql_with_params()
    # "duplicate" < "overlap": the minimum is the highest level (FlagLevel's two values)
    outer = (
        "SELECT t.m, t.name, t.name_en, t.lvl, COUNT(*), SUM(t.amt) FROM ("
        + sql
        + ") t GROUP BY t.m, t.name, t.name_en, t.lvl"  # noqa: S608 (Django's own SQL)
    )
    with connection.cursor() as cursor:
        cursor.execute(outer, params)
        fetched = cursor.fetchall()
    out: dict = {}
    for ministry_id, name, name_en, level, count, amount in fetched:
        label = localised(name, name_en) if name else str(NONE_LABEL)
        row = out.setdefault(ministry_id, {"key": ministry_id, "label": label, "count": 0, "amount": 0.0})
        row[f"{level}_count"] = count
        row[f"{level}_amount"] = float(amount or 0)
        row["count"] += count
        row["amount"] += float(amount or 0)
    return sorted(out.values(), key=lambda r: (-r["amount"], r["label"]))
