"""The owning agency's own requests as candidates (R18 with R6).

A province's request often carries a field office's own project (000 ประเด็น 1 item 3): the
likeliest duplicate of such a request is what that office's department (or ministry) asked for
itself this cycle. The year index only holds lines it can place in a province (ScreeningIndex.add
drops the rest), and a ministry's own request often names only a site and a tambon, or nothing of
the place: its unit is the department, not a province. So a request is also compared, one by one,
with the own-request lines of its owning agency, and a line that says nothing of its province is
taken to be in the request's province: the field office carries its department's work there.

How the engine is used: unchanged. `naive_screen` (its public all-pairs entry) runs `compare` on
this small candidate set (one agency's lines of one year, usually tens); candidates come from the
database here, on the Django side, and the stored facts get the request's provinces only when
they name none. Matches found through the year index already are not repeated.
"""

from __future__ import annotations

from dataclasses import replace

from django.db.models import Q

from ministries.models import BudgetLine, LineSource
from proposals.models import OwnerKind
from screening.adapters import LINE_RECORD_COLUMNS, _facts
from screening_engine import LineRecord, Match, extract_facts, naive_screen

MAX_OWNER_LINES = 2000  # one agency's own requests of a year; a bound, not a limit met in practice


def owner_lines_q(request) -> Q | None:
    """The lines a request's owning agency asked for this cycle: its department's (and the
    ministry-wide ones of that department's ministry). None when the province carries it itself."""
    if request.owner_kind == OwnerKind.DEPARTMENT and request.owner_department_id:
        department = request.owner_department
        return Q(department_id=department.pk) | Q(ministry_id=department.ministry_id, department__isnull=True)
    if request.owner_kind == OwnerKind.FIELD_OFFICE and request.owner_field_office_id:
        kind = request.owner_field_office.kind
        if kind.department_id:
            return Q(department_id=kind.department_id) | Q(ministry_id=kind.ministry_id, department__isnull=True)
        return Q(ministry_id=kind.ministry_id)
    return None


def owner_line_records(request, provinces: tuple[str, ...]) -> list[tuple[LineRecord, int]]:
    where = owner_lines_q(request)
    if where is None or not provinces:
        return []
    rows = (
        BudgetLine.objects.filter(where, fiscal_year=request.fiscal_year, source=LineSource.MINISTRY_REQUEST)
        .values_list(*LINE_RECORD_COLUMNS)
        .order_by("id")[:MAX_OWNER_LINES]
    )
    out = []
    for pk, ref, unit, ministry, text, amount, facts, project, output, category in rows:
        stored = _facts(facts) or extract_facts(
            text, unit=unit, context=" | ".join((project, output, category)), amount=int(amount)
        )
        if not stored.provinces:
            stored = replace(stored, provinces=provinces)
        record = LineRecord(
            ref=ref,
            fiscal_year=request.fiscal_year,
            unit=unit,
            ministry=ministry,
            text=text,
            amount=int(amount),
            facts=stored,
        )
        out.append((record, pk))
    return out


def owner_matches(request, record: LineRecord, *, known_refs) -> list[tuple[Match, int]]:
    """Matches of the request against its owning agency's own requests not already matched."""
    provinces = record.facts.provinces if record.facts else ()
    candidates = [(rec, pk) for rec, pk in owner_line_records(request, tuple(provinces)) if rec.ref not in known_refs]
    if not candidates:
        return []
    ids = {rec.ref: pk for rec, pk in candidates}
    return [(m, ids[m.line_ref]) for m in naive_screen(record, [rec for rec, _ in candidates])]
