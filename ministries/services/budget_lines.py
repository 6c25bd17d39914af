"""The budget-line import (R6's data, issue 4 item 2), shared by the ministries' own requests."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from ministries.hooks import budget_lines_changed
from ministries.importing import FileFormatError, ParsedRow, RowError, parse_all
from ministries.models import BudgetLine, BudgetLineImport, BudgetLineProvince, Department, LineSource, Ministry
from screening_engine import extract_facts
from screening_engine.facts import FACTS_VERSION

BATCH = 1000
MAX_STORED_ERRORS = 1000
_SUFFIX_RE = re.compile(r"\s*\(\d+\)\s*$")  # "กระทรวงการอุดมศึกษา ... (3)": book number of the volume
_UPDATED_FIELDS = [
    "fiscal_year",
    "ministry",
    "ministry_text",
    "department",
    "unit_text",
    "budget_plan",
    "output",
    "project",
    "category",
    "item_text",
    "amount",
    "ref_doc",
    "page",
    "obliged",
    "is_provincial",
    "facts",
    "content_hash",
    "batch",
    "source",
    "uploaded_by",
    "updated_at",
]


@dataclass(frozen=True)
class Owner:
    """Who owns a ministry's own-request line (R6): set from the uploader's membership."""

    ministry_id: int
    department_id: int | None
    ref: str  # the stored REF (namespaced per owner, so two ministries' "1" are two lines)


def _content_hash(row: ParsedRow, source: str = LineSource.BUDGET_DOCUMENT, owner: Owner | None = None) -> str:
    # The extractor's version is part of the hash: when the extractor changes, every line's
    # stored facts are re-extracted by the next import of the same file.
    parts = [
        row.ref,
        row.ref_doc,
        str(row.page),
        row.ministry,
        row.unit,
        row.budget_plan,
        row.output,
        row.project,
        row.category,
        row.item,
        str(row.fiscal_year),
        str(row.amount),
        str(row.obliged),
        f"facts-v{FACTS_VERSION}",
    ]
    if source != LineSource.BUDGET_DOCUMENT or owner:
        # only then: the budget documents' stored hashes stay valid (no re-extraction of a year)
        parts += [source, f"{owner.ministry_id}:{owner.department_id}" if owner else ""]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


class _Registry:
    """Ministry and department names of the registry, matched to the file's text once."""

    def __init__(self):
        from clusters.models import Province

        self.ministries = {m.name_th: m.id for m in Ministry.objects.all()}
        self.departments = {}
        for d in Department.objects.all():
            self.departments.setdefault(d.name_th, (d.id, d.ministry_id))
        self.provinces = dict(Province.objects.values_list("name_th", "id"))

    def ministry_id(self, text: str) -> int | None:
        return self.ministries.get(text) or self.ministries.get(_SUFFIX_RE.sub("", text))

    def department_id(self, unit: str, ministry_id: int | None) -> int | None:
        hit = self.departments.get(unit)
        if hit and (ministry_id is None or hit[1] == ministry_id):
            return hit[0]
        return None


def _fill(
    line: BudgetLine,
    row: ParsedRow,
    registry: _Registry,
    digest: str,
    batch: BudgetLineImport,
    *,
    source: str = LineSource.BUDGET_DOCUMENT,
    owner: Owner | None = None,
) -> BudgetLine:
    if owner:
        ministry_id, department_id = owner.ministry_id, owner.department_id
    else:
        ministry_id = registry.ministry_id(row.ministry)
        department_id = registry.department_id(row.unit, ministry_id)
    line.fiscal_year = row.fiscal_year
    line.ministry_id = ministry_id
    line.ministry_text = row.ministry
    line.department_id = department_id
    line.source = source
    line.uploaded_by_id = batch.created_by_id if owner else None
    line.unit_text = row.unit
    line.budget_plan, line.output, line.project, line.category = row.budget_plan, row.output, row.project, row.category
    line.item_text = row.item
    line.amount = row.amount
    line.ref_doc, line.page, line.obliged = row.ref_doc, row.page, row.obliged
    line.is_provincial = row.is_provincial
    # Facts are extracted in the same pass as the import (no second read of the text later).
    line.facts = extract_facts(row.item, unit=row.unit, context=row.context, amount=row.amount_int).to_dict()
    line.content_hash = digest
    line.batch = batch
    line.updated_at = timezone.now()
    return line


def _province_links(lines: list[BudgetLine], registry: _Registry) -> list[BudgetLineProvince]:
    links = []
    for line in lines:
        for name in dict.fromkeys(line.facts.get("provinces") or ()):
            links.append(
                BudgetLineProvince(
                    line_id=line.id, name=name, province_id=registry.provinces.get(name), fiscal_year=line.fiscal_year
                )
            )
    return links


def budget_lines_import(
    *,
    rows: Iterable[tuple[int, dict]],
    file_name: str,
    user=None,
    source: str = "command",
    allow_partial: bool = False,
    line_source: str = LineSource.BUDGET_DOCUMENT,
) -> BudgetLineImport:
    """Validate every row and create or update budget lines by REF (idempotent).

    With any invalid row nothing is written unless `allow_partial` (then the valid rows are
    imported and the invalid ones reported). Returns the batch with its counts and errors; the
    batch row is kept even when the file is rejected, as the record of the attempt. After the
    import commits, open requests of the changed fiscal years are queued for re-screening; how
    many is on the returned batch as `rescreens_queued` (not a column: this call's figure).
    Raises FileFormatError when the file as a whole cannot be read (nothing written).
    """
    started = time.monotonic()
    batch = BudgetLineImport.objects.create(file_name=file_name[:255], created_by=user, source=source)
    batch.rescreens_queued = 0  # not stored: what this call queued, for its message (issue 12 point 5)
    try:
        parsed, errors = parse_all(rows)
    except FileFormatError as exc:
        _finish(batch, started, status=BudgetLineImport.Status.REJECTED, errors=[RowError(0, "", str(exc))], rows=0)
        raise
    batch.rows = len(parsed) + len({e.row for e in errors})
    if errors and not allow_partial:
        _finish(batch, started, status=BudgetLineImport.Status.REJECTED, errors=errors, rows=batch.rows)
        return batch

    return lines_write(batch=batch, parsed=parsed, errors=errors, started=started, source=line_source)


def lines_write(
    *,
    batch: BudgetLineImport,
    parsed: list[ParsedRow],
    errors: list[RowError],
    started: float,
    source: str = LineSource.BUDGET_DOCUMENT,
    owner_of: Callable[[ParsedRow], Owner] | None = None,
) -> BudgetLineImport:
    """Create or update the parsed rows' lines by (stored) REF in one transaction, refresh the
    ministries' output lists (R21) and tell the subscribers (re-screening, R6). `owner_of`: the
    own-request path, which sets each line's owner and stored REF."""
    from ministries.services.outputs import outputs_sync_from_lines

    registry = _Registry()
    with transaction.atomic():
        owners = {row.ref: owner_of(row) for row in parsed} if owner_of else {}
        stored_ref = {row.ref: (owners[row.ref].ref if owner_of else row.ref) for row in parsed}
        lines = BudgetLine.objects.all()
        if owner_of:  # a ministry's few rows: look up only those
            lines = lines.filter(source_ref__in=list(stored_ref.values()))
        existing = {ref: (pk, digest) for ref, pk, digest in lines.values_list("source_ref", "id", "content_hash")}
        to_create: list[BudgetLine] = []
        to_update: list[BudgetLine] = []
        years: set[int] = set()
        unchanged = 0
        for row in parsed:
            owner = owners.get(row.ref)
            ref = stored_ref[row.ref]
            digest = _content_hash(row, source, owner)
            known = existing.get(ref)
            if known and known[1] == digest:
                unchanged += 1
                continue
            line = BudgetLine(id=known[0], source_ref=ref) if known else BudgetLine(source_ref=ref)
            _fill(line, row, registry, digest, batch, source=source, owner=owner)
            (to_update if known else to_create).append(line)
            years.add(row.fiscal_year)
        # Rows were validated by parse_row above; full_clean() per row would cost one unique-check
        # query per line (44,566 of them), so the bulk path relies on the parser and the DB constraints.
        for start in range(0, len(to_create), BATCH):
            BudgetLine.objects.bulk_create(to_create[start : start + BATCH])
        _update_rows(to_update)
        if to_update:
            updated_ids = [line.id for line in to_update]
            for start in range(0, len(updated_ids), BATCH):
                BudgetLineProvince.objects.filter(line_id__in=updated_ids[start : start + BATCH]).delete()
        BudgetLineProvince.objects.bulk_create(_province_links(to_create + to_update, registry), batch_size=BATCH)
        outputs_sync_from_lines(lines=to_create + to_update)
        batch.created, batch.updated, batch.unchanged = len(to_create), len(to_update), unchanged
        if years:
            # now for readers in this transaction, and after commit for everyone else; the open
            # requests of these years are queued for re-screening through the outbox (a broker's
            # workers run them; embedded, they run once this transaction commits)
            batch.rescreens_queued = budget_lines_changed(fiscal_years=years, committed=False)
            transaction.on_commit(lambda: budget_lines_changed(fiscal_years=years, committed=True))
        batch.fiscal_years = sorted(years)
        _finish(batch, started, status=BudgetLineImport.Status.DONE, errors=errors, rows=batch.rows)
    return batch


def _update_rows(lines: list[BudgetLine]) -> None:
    """One parameterised UPDATE per row, sent in batches. Django's bulk_update builds a CASE
    WHEN per field and row, which took minutes for a whole re-extracted year (44,566 rows)."""
    if not lines:
        return
    fields = [BudgetLine._meta.get_field(name) for name in _UPDATED_FIELDS]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(BudgetLine._meta.db_table),
        ", ".join(f"{quote(f.column)} = %s" for f in fields),
        quote("id"),
    )
    params = [[f.get_db_prep_save(getattr(line, f.attname), connection) for f in fields] + [line.id] for line in lines]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_batch

            execute_batch(cursor.cursor, sql, params, page_size=500)
        else:
            cursor.executemany(sql, params)


def _finish(batch: BudgetLineImport, started: float, *, status: str, errors: list[RowError], rows: int) -> None:
    batch.status = status
    batch.rows = rows
    batch.error_count = len({e.row for e in errors})
    batch.errors = [e.to_dict() for e in errors[:MAX_STORED_ERRORS]]
    batch.finished_at = timezone.now()
    batch.elapsed_seconds = round(time.monotonic() - started, 2)
    batch.save()
