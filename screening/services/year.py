"""A whole year at once, for `screen_duplicates` (in-process or one chunk on a worker)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count

from proposals.models import ProjectRequest
from proposals.models.requests import ScreeningState
from proposals.workflow import Status, StatusGroup
from screening.adapters import lines_changed, related_office_ids, request_record, year_index
from screening.owner_lines import owner_matches
from screening.services.screening import flags_store
from screening_engine import ScreeningIndex

# ---------------------------------------------------------------- a whole year


def year_requests(fiscal_year: int, request_ids=None):
    queryset = (
        ProjectRequest.objects.for_fiscal_year(fiscal_year)
        .exclude(status=Status.DRAFT)
        .select_related("office__province", "office__cluster")
        .prefetch_related("locations__province")
        .order_by("id")
    )
    if request_ids is not None:
        queryset = queryset.filter(pk__in=request_ids)
    return queryset


def screen_year(*, fiscal_year: int, request_ids=None, store: bool = False, with_requests: bool = False) -> list[dict]:
    """Screen a year's filed requests (all of them, or `request_ids`) against the year's lines
    and against each other (province vs its cluster); rows for `screen_duplicates`' CSV.

    Rows hold the budget-line matches, plus the request-vs-request matches with `with_requests`
    (the labelled pairs the CSV is checked against pair requests with budget lines only).
    With `store`, also stores all flags of each request's current revision (idempotent)."""
    built = year_index(fiscal_year)
    everyone = list(year_requests(fiscal_year))
    records = {r.pk: request_record(r, list(r.locations.all())) for r in everyone}
    by_ref = {records[r.pk].ref: r for r in everyone}
    wanted = everyone if request_ids is None else [r for r in everyone if r.pk in set(request_ids)]
    # Request-vs-request: index all the year's requests; a pair counts only between a province
    # and its cluster (the offices `related_office_ids` names), as in the per-request service.
    peers = ScreeningIndex.build(records.values())
    related: dict[int, set[int]] = {}
    rows: list[dict] = []
    for request in wanted:
        record = records[request.pk]
        line_matches = [
            (m, built.line_ids[m.line_ref]) for m in built.index.screen(record) if m.line_ref in built.line_ids
        ]
        line_matches += owner_matches(request, record, known_refs={m.line_ref for m, _ in line_matches})  # R18
        if request.office_id not in related:
            related[request.office_id] = related_office_ids(request.office, fiscal_year)
        request_matches = []
        for m in peers.screen(record, exclude_unit=record.unit):
            other = by_ref.get(m.line_ref)
            if other is not None and other.office_id in related[request.office_id]:
                request_matches.append((m, other.pk))
        for m, _ in line_matches + (request_matches if with_requests else []):
            rows.append(
                {
                    "request_ref": record.ref,
                    "line_ref": m.line_ref,
                    "level": m.level,
                    "score": round(float(m.score), 4),
                    "reasons": " | ".join(m.reasons),
                }
            )
        if store:
            with transaction.atomic():
                flags_store(
                    request=request,
                    revision=request.revision,
                    line_matches=line_matches,
                    request_matches=request_matches,
                )
                # The request's own state says so too: a page must never show "not screened"
                # beside the flags this run stored (issue 10).
                ProjectRequest.objects.filter(pk=request.pk, revision=request.revision).update(
                    screening_state=ScreeningState.DONE, screened_revision=request.revision
                )
    return rows


# ---------------------------------------------------------------- when the ministries' lines change


def budget_lines_changed(*, fiscal_years, committed: bool) -> int:
    """Subscribed to `ministries.hooks` (screening/apps.py): the import changed these years' lines.

    The year index is stale at once (readers inside the import's transaction, then everyone
    after commit). Inside the import's transaction, the re-screening of the years that have
    OPEN requests (screenable: in screening or under review) is written to the outbox, so it
    commits with the lines and runs once they are visible (issue 13 item 2). The file spans
    ~100 years of commitments, most with no request and the rest with finished ones: those are
    not screened again (issue 12 point 5). With a broker the import only queues; embedded, the
    outbox runs the re-screening after the import commits. Returns how many requests were
    queued (the import says so)."""
    from portal.outbox import outbox_enqueue
    from screening.tasks import rescreen_fiscal_year_task

    lines_changed(fiscal_years)
    if committed:
        return 0
    open_by_year = (
        ProjectRequest.objects.filter(fiscal_year__in=list(fiscal_years), status__in=StatusGroup.SCREENABLE)
        .values("fiscal_year")
        .annotate(n=Count("id"))
        .order_by("fiscal_year")
    )
    queued = 0
    for row in open_by_year:
        outbox_enqueue(task_name=rescreen_fiscal_year_task.name, args=[row["fiscal_year"]])
        queued += row["n"]
    return queued
