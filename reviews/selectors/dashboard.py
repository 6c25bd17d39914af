"""The central team's dashboard figures for one fiscal year (issue 5 item 6).

Every figure is one aggregate query (values().annotate()), so the JSON costs the same number of
queries for 30 requests or 23,000 (77 provinces x 300).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Case, Count, DateTimeField, Exists, F, OuterRef, Q, Subquery, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext

from clusters.models import Office, localised
from ministries.models import SupportEnvelope
from portal.thai import million_baht
from proposals.models import CalendarPhase, DeadlineExtension, PhaseKind, ProjectRequest, RequestEvent
from proposals.workflow import EventKind, Status
from reviews.selectors.agendas import cluster_name_expr
from screening.models import UNRULED_STATES, DuplicateFlag, FlagState

SUBMISSION_KINDS = {
    Office.Kind.PROVINCE: PhaseKind.PROVINCE_SUBMISSION,
    Office.Kind.CLUSTER: PhaseKind.CLUSTER_SUBMISSION,
}


def _money(value) -> float:
    return float(value or 0)


def _end_of(day: datetime.date) -> datetime.datetime:
    """A deadline date is met by anything submitted before the next local midnight."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def _flag_exists(states):
    return Exists(DuplicateFlag.objects.filter(request=OuterRef("pk"), state__in=states))


def _grouped(queryset, key: str, label_key: str | None = None) -> list[dict]:
    rows = (
        queryset.order_by()
        .values(*([key, label_key] if label_key else [key]))
        .annotate(n=Count("id"), amount=Sum("amount"))
    )
    out = [
        {
            "key": r[key],
            "label": (r[label_key] if label_key else r[key]) or gettext("ไม่ระบุ"),
            "count": r["n"],
            "amount": _money(r["amount"]),
        }
        for r in rows
    ]
    return sorted(out, key=lambda r: (-r["amount"], str(r["label"])))


def deadline_figures(*, fiscal_year: int, today: datetime.date | None = None) -> dict:
    """Submission deadlines met or missed per office (R8): the first `submit` event of each request
    against the office's phase close date, moved by any extension the central team granted."""
    today = today or timezone.localdate()
    phases = {
        p.kind: p for p in CalendarPhase.objects.filter(fiscal_year=fiscal_year, kind__in=SUBMISSION_KINDS.values())
    }
    extensions = {}
    for ext in DeadlineExtension.objects.filter(
        fiscal_year=fiscal_year, kind__in=SUBMISSION_KINDS.values(), office__isnull=False
    ):
        extensions[ext.office_id] = max(extensions.get(ext.office_id, ext.closes_on), ext.closes_on)
    if not phases:
        return {"offices": [], "summary": [], "has_calendar": False}

    def close_of(kind, office_id):
        phase = phases.get(SUBMISSION_KINDS[kind])
        if phase is None:
            return None
        return max(phase.closes_on, extensions.get(office_id, phase.closes_on))

    whens = [
        When(office_id=office_id, then=Value(_end_of(close_of(kind, office_id))))
        for office_id, kind in Office.objects.filter(pk__in=extensions).values_list("pk", "kind")
        if close_of(kind, office_id)
    ]
    for kind, phase_kind in SUBMISSION_KINDS.items():
        if phase_kind in phases:
            whens.append(When(office__kind=kind, then=Value(_end_of(phases[phase_kind].closes_on))))
    deadline = Case(*whens, default=Value(None), output_field=DateTimeField())
    first_submit = (
        RequestEvent.objects.filter(request=OuterRef("pk"), action=EventKind.SUBMIT)
        .order_by("created_at", "id")
        .values("created_at")[:1]
    )
    rows = (
        ProjectRequest.objects.filter(fiscal_year=fiscal_year)
        .exclude(status=Status.DRAFT)
        .annotate(first_submit=Subquery(first_submit), deadline_at=deadline)
        .order_by()
        .values("office_id")
        .annotate(
            submitted=Count("id", filter=Q(first_submit__isnull=False)),
            met=Count("id", filter=Q(first_submit__lt=F("deadline_at"))),
        )
    )
    by_office = {r["office_id"]: r for r in rows}
    offices = []
    summary = {
        k: {"kind": k, "label": str(Office.Kind(k).label), "met": 0, "late": 0, "missing": 0, "pending": 0}
        for k in SUBMISSION_KINDS
    }
    for office in (
        Office.objects.for_fiscal_year(fiscal_year)
        .order_by("kind", "name_th")
        .values("pk", "name_th", "name_en", "kind")
    ):
        closes = close_of(office["kind"], office["pk"])
        if closes is None:
            continue
        row = by_office.get(office["pk"], {"submitted": 0, "met": 0})
        late = row["submitted"] - row["met"]
        if row["submitted"] == 0:
            state = "missing" if closes < today else "pending"
        else:
            state = "late" if late else "met"
        summary[office["kind"]][state] += 1
        offices.append(
            {
                "office": localised(office["name_th"], office["name_en"]),
                "kind": office["kind"],
                "closes_on": closes.isoformat(),
                "extended": office["pk"] in extensions,
                "submitted": row["submitted"],
                "on_time": row["met"],
                "late": late,
                "state": state,
            }
        )
    return {"offices": offices, "summary": list(summary.values()), "has_calendar": True}


def alignment_summary(requests) -> list[dict]:
    """R1 across the year's filed requests: how many are aligned, partly, not mapped yet...
    by the same function the decision page uses (issue 10: one reading, not two)."""
    from reviews.alignment import LABELS
    from reviews.selectors.queue import alignments_for

    filed = requests.exclude(status=Status.DRAFT).select_related("strategic_issue", "ministry_strategy")
    counts: dict[str, int] = {}
    for result in alignments_for(filed):
        counts[result.state] = counts.get(result.state, 0) + 1
    order = ["aligned", "partial", "unmapped", "divergent", "missing"]
    return [{"state": k, "label": str(LABELS[k]), "count": counts[k]} for k in order if counts.get(k)]


def dashboard_data(*, user, fiscal_year: int, today: datetime.date | None = None) -> dict:
    requests = ProjectRequest.objects.visible_to(user).filter(fiscal_year=fiscal_year)
    by_status = _grouped(requests, "status")
    for row in by_status:
        row["label"] = str(Status(row["key"]).label)
    by_cluster = _grouped(requests.annotate(cluster_name=cluster_name_expr()), "cluster_name")
    by_ministry = _grouped(requests, "reviewing_ministry__abbreviation", "reviewing_ministry__name_th")

    confirmed = _flag_exists([FlagState.RULED_DUPLICATE])
    duplicates = requests.aggregate(
        flagged=Count("id", filter=Q(_flag_exists([s for s in FlagState.values if s != FlagState.SUPERSEDED]))),
        flagged_amount=Sum(
            "amount", filter=Q(_flag_exists([s for s in FlagState.values if s != FlagState.SUPERSEDED]))
        ),
        unruled=Count("id", filter=Q(_flag_exists(UNRULED_STATES))),
        confirmed=Count("id", filter=Q(confirmed)),
        confirmed_amount=Sum("amount", filter=Q(confirmed)),
    )
    flags_by_state = (
        DuplicateFlag.objects.filter(request__in=requests.values("pk"))
        .exclude(state=FlagState.SUPERSEDED)
        .order_by()
        .values("level", "state")
        .annotate(n=Count("id"))
    )
    envelopes = []
    for envelope in (
        SupportEnvelope.objects.filter(fiscal_year=fiscal_year)
        .with_used()
        .select_related("ministry", "department")
        .order_by("ministry__name_th", "department__name_th")
    ):
        used = envelope.used_amount or Decimal(0)
        envelopes.append(
            {
                "label": envelope.owner_label,
                "abbreviation": envelope.ministry.abbreviation,
                "limit": _money(envelope.limit),
                "used": _money(used),
                "left": _money(envelope.limit - used),
                "limit_million": million_baht(envelope.limit, 2),
                "used_million": million_baht(used, 2),
            }
        )
    return {
        "fiscal_year": fiscal_year,
        "totals": {"count": sum(r["count"] for r in by_status), "amount": sum(r["amount"] for r in by_status)},
        "by_status": by_status,
        "by_cluster": by_cluster,
        "by_ministry": by_ministry,
        "duplicates": {
            "flagged_requests": duplicates["flagged"],
            "flagged_amount": _money(duplicates["flagged_amount"]),
            "unruled_requests": duplicates["unruled"],
            "confirmed_requests": duplicates["confirmed"],
            "confirmed_amount": _money(duplicates["confirmed_amount"]),
            "flags": [
                {
                    "level": r["level"],
                    "level_label": str(dict(DuplicateFlag._meta.get_field("level").choices)[r["level"]]),
                    "state": r["state"],
                    "state_label": str(FlagState(r["state"]).label),
                    "count": r["n"],
                }
                for r in flags_by_state
            ],
        },
        "envelopes": envelopes,
        "deadlines": deadline_figures(fiscal_year=fiscal_year, today=today),
        "alignment": alignment_summary(requests),
        "field_office_projects": _field_office_projects(fiscal_year),
    }


def _field_office_projects(fiscal_year: int) -> dict:
    """R18: the share of the year's provincial requests that are field offices' own projects."""
    from proposals.selectors.ownership import field_office_project_share

    share = field_office_project_share(fiscal_year)
    return {"total": share.total, "field_office": share.field_office, "percent": share.percent}
