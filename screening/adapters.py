"""Database rows -> the engine's plain records (the engine itself never sees the ORM).

`records.py` in this package holds the engine's own LineRecord/Match dataclasses, so the
adapter from budget lines and requests to those records lives here.

The year's budget-line index is built once per process and fiscal year, and rebuilt only when
the lines' version stamp changes (an import), so screening one request costs milliseconds.
The built index is also persisted (a pickle under SCREENING_INDEX_DIR, keyed by the year, the
lines' version, FACTS_VERSION and the engine's code), so a fresh worker's first task loads it
instead of building it again (issue 12 point 4: first task <= 1 s).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Prefetch

import screening_engine
from clusters.models import ClusterMembership, Office
from ministries.models import BudgetLine
from screening_engine import Facts, LineRecord, ScreeningIndex, extract_facts
from screening_engine.facts import FACTS_VERSION

PROVINCIAL_PREFIX = "จังหวัดและกลุ่มจังหวัด"

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------- budget lines


def _facts(data: dict | None) -> Facts | None:
    # Facts stored by an older extractor are re-extracted by the index (None = extract).
    if not data or data.get("version") != FACTS_VERSION:
        return None
    return Facts.from_dict(data)


VERSION_KEY = "screening:lines-version:{}"
VERSION_TTL = 60  # seconds: a safety net for writers other than the import, which clears it


def lines_version(fiscal_year: int) -> str:
    """A stamp that changes whenever the year's ministry lines change (count, last id, last
    update). The aggregate scans the year (~50 ms for 38,000 lines), so the stamp is kept in the
    cache, cleared by the import (`lines_changed`) and expiring after VERSION_TTL anyway."""
    key = VERSION_KEY.format(fiscal_year)
    stamp = cache.get(key)
    if stamp is None:
        stats = (
            BudgetLine.objects.for_fiscal_year(fiscal_year)
            .ministry_lines()
            .aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
        )
        last = stats["last"].isoformat() if stats["last"] else "-"
        stamp = f"{stats['n']}:{stats['top'] or 0}:{last}"[:80]
        cache.set(key, stamp, VERSION_TTL)
    return stamp


def lines_changed(fiscal_years) -> None:
    cache.delete_many([VERSION_KEY.format(y) for y in fiscal_years])


@dataclass
class YearIndex:
    fiscal_year: int
    version: str
    index: ScreeningIndex
    line_ids: dict[str, int] = field(default_factory=dict)  # REF -> BudgetLine.id
    records: dict[str, LineRecord] = field(default_factory=dict)  # REF -> record, of the lines indexed


_CACHE: dict[int, YearIndex] = {}
FREEZE_MIN_LINES = 2000  # see year_index: a real year (FY2565: 11,988 indexed lines)
FREEZE_MIN_BYTES = 1_000_000  # the same for a loaded file (FY2565: 15 MB)
_LOCK = threading.Lock()


def year_index(fiscal_year: int) -> YearIndex:
    """The year's ministry budget lines, indexed; cached per process until they change, and
    persisted so that another process (a new worker) loads it rather than builds it."""
    version = lines_version(fiscal_year)
    cached = _CACHE.get(fiscal_year)
    if cached is not None and cached.version == version:
        return cached
    with _LOCK:
        cached = _CACHE.get(fiscal_year)
        if cached is not None and cached.version == version:
            return cached
        built = _index_load(fiscal_year, version)
        if built is None:
            built = _index_build(fiscal_year, version)
            _index_save(built)
        _CACHE[fiscal_year] = built
        # Hundreds of thousands of long-lived objects: every full collection walked them all
        # (0.3 s for FY2565), a tail on whichever task triggered it. Frozen, the cyclic collector
        # skips them; reference counting still frees an index replaced after an import. Only a
        # real year's index: freezing also keeps whatever cyclic garbage is pending at that moment
        # (once per lines version in a worker; for every tiny test index it would add up).
        if len(built.index) >= FREEZE_MIN_LINES:
            gc.freeze()
        return built


# The budget-line columns a LineRecord is made from (the year index and the owner's lines, R18)
LINE_RECORD_COLUMNS = (
    "id",
    "source_ref",
    "unit_text",
    "ministry_text",
    "item_text",
    "amount",
    "facts",
    "project",
    "output",
    "category",
)


def _index_build(fiscal_year: int, version: str) -> YearIndex:
    line_ids: dict[str, int] = {}
    records: dict[str, LineRecord] = {}
    rows = (
        BudgetLine.objects.for_fiscal_year(fiscal_year)
        .ministry_lines()
        .values_list(*LINE_RECORD_COLUMNS)
        .iterator(chunk_size=2000)
    )
    for pk, ref, unit, ministry, text, amount, facts, project, output, category in rows:
        stored = _facts(facts)
        if stored is None:
            # Stored by an older extractor: re-extract with the same context the import gives
            # (the next import of the file stores the new facts).
            stored = extract_facts(text, unit=unit, context=" | ".join((project, output, category)), amount=int(amount))
        record = LineRecord(
            ref=ref,
            fiscal_year=fiscal_year,
            unit=unit,
            ministry=ministry,
            text=text,
            amount=int(amount),
            facts=stored,
        )
        line_ids[ref] = pk
        records[ref] = record
    index = ScreeningIndex.build(records.values())
    # Kept (and persisted) only for the lines the index holds: one it cannot place (grouped, or
    # in no province: ScreeningIndex.add) never matches. Two thirds of FY2565's lines, half the
    # file a new worker loads.
    placed = {ref: rec for ref, rec in records.items() if not rec.facts.grouped and rec.facts.provinces}
    return YearIndex(fiscal_year, version, index, line_ids, placed)


# ---------------------------------------------------------------- the persisted index

_ENGINE_DIGEST: list[str] = []


def _engine_digest() -> str:
    """The engine's code, hashed once per process: an index pickled by other code (a deploy
    that changed the engine without bumping FACTS_VERSION) is never loaded."""
    if not _ENGINE_DIGEST:
        digest = hashlib.sha256()
        root = Path(screening_engine.__file__).parent
        for path in sorted(root.rglob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        _ENGINE_DIGEST.append(digest.hexdigest()[:16])
    return _ENGINE_DIGEST[0]


INDEX_FORMAT = 2  # bump when YearIndex changes shape: files of the old shape are then never read


def index_dir() -> Path:
    configured = getattr(settings, "SCREENING_INDEX_DIR", None)
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "portal-screening-index"


def index_path(fiscal_year: int, version: str) -> Path:
    """The file of one (database, year, lines version, FACTS_VERSION, engine code): a changed key is a
    new file, so an import or a new extractor invalidates it without anyone deleting it."""
    # the database too: the file holds its row ids, and two databases may share one directory
    database = connection.settings_dict
    where = f"{database.get('HOST', '')}:{database.get('PORT', '')}/{database['NAME']}"
    key = f"{where}|{fiscal_year}|{version}|{FACTS_VERSION}|{_engine_digest()}|{INDEX_FORMAT}"
    return index_dir() / f"year-{fiscal_year}-{hashlib.sha256(key.encode()).hexdigest()[:24]}.pickle"


def _index_load(fiscal_year: int, version: str) -> YearIndex | None:
    """The persisted index, or None when there is none or it cannot be read (a corrupt or
    truncated file is ignored and rebuilt, never trusted)."""
    path = index_path(fiscal_year, version)
    # The collector would walk the graph again and again as hundreds of thousands of objects are
    # created (0.9 s instead of 0.2 s for FY2565's 44,566 lines): paused while loading.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - any unreadable file means "build it again"
        logger.warning("screening index %s unreadable (%s): rebuilding", path, exc)
        return None
    finally:
        # frozen before the collector comes back: else the first allocation after it triggers a
        # full collection over everything just loaded (another 0.2-0.3 s on the first task)
        if path.exists() and path.stat().st_size >= FREEZE_MIN_BYTES:
            gc.freeze()
        if collecting:
            gc.enable()
    if not isinstance(loaded, YearIndex) or (loaded.fiscal_year, loaded.version) != (fiscal_year, version):
        logger.warning("screening index %s holds another year or version: rebuilding", path)
        return None
    return loaded


def _index_save(built: YearIndex) -> None:
    """Written atomically (a temporary file in the same directory, then os.replace), so a
    reader sees the whole file or none; two builders racing write the same content. A
    read-only or full disk only costs the next process a build."""
    path = index_path(built.fiscal_year, built.version)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.chmod(temp, 0o644)  # mkstemp's 0600 would hide it from workers running as another user
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _index_prune(path)
    except OSError as exc:
        logger.warning("screening index %s not saved (%s)", path, exc)


PRUNE_AFTER_SECONDS = 3600


def _index_prune(current: Path) -> None:
    """Forget the year's files of earlier versions once they are an hour old (a process still
    on the old version has it in memory; leftover temporary files of a killed writer too)."""
    year_prefix = current.name.split("-", 2)[:2]
    cutoff = current.stat().st_mtime - PRUNE_AFTER_SECONDS
    for other in current.parent.glob("-".join(year_prefix) + "-*"):
        try:
            if other != current and other.stat().st_mtime < cutoff:
                other.unlink()
        except OSError:
            pass  # another process pruned it first


def clear_cache() -> None:
    _CACHE.clear()
    _RECORDS.clear()
    cache.delete_many([k for k in (VERSION_KEY.format(y) for y in range(2540, 2600))])


# ---------------------------------------------------------------- requests


def request_ref(request) -> str:
    """The ref a request is known by in results: the budget document's REF for imported rows,
    the portal's own reference otherwise."""
    return request.source_ref or request.reference


def unit_of(office: Office) -> str:
    """The office as a budget document names its unit ("จังหวัดขอนแก่น", "กลุ่มจังหวัด...")."""
    if office.kind == Office.Kind.PROVINCE:
        return f"จังหวัด{office.province.name_th}"
    return office.cluster.name_th


def cluster_table(office: Office, fiscal_year: int) -> dict[str, tuple[str, ...]] | None:
    """The office's cluster and its members that year, from the registry (never the engine's
    built-in table when the registry knows better)."""
    if office.kind != Office.Kind.CLUSTER:
        return None
    names = tuple(
        ClusterMembership.objects.for_fiscal_year(fiscal_year)
        .filter(cluster_id=office.cluster_id)
        .values_list("province__name_th", flat=True)
    )
    return {office.cluster.name_th: names} if names else None


def request_text(request, locations=None) -> tuple[str, str]:
    """(text, context) for the extractor.

    An imported request's title is the budget document's item text and its description the
    plan/project/output, which is context (as for budget lines). A request filed in the portal
    carries its substance in the title and the description; its locations are appended in the
    documents' own form ("ต.X อ.Y จ.Z") so the extractor places it.
    """
    if request.source_ref:
        from screening.request_import import context_of_description

        # exactly the document's item text and context, as the engine was measured on
        return request.title, context_of_description(request.description)
    if locations is None:
        locations = list(request.locations.select_related("province").all())
    places = " ".join(
        " ".join(
            p
            for p in (
                f"ตำบล{l.tambon}" if l.tambon else "",
                f"อำเภอ{l.amphoe}" if l.amphoe else "",
                f"จังหวัด{l.province.name_th}",
            )
            if p
        )
        for l in locations
    )
    return f"{request.title} {request.description} {places}".strip(), ""


def text_record(
    *, ref: str, fiscal_year: int, office: Office, text: str, context: str = "", amount: int | None = None
) -> LineRecord:
    unit = unit_of(office)
    facts = extract_facts(text, unit=unit, context=context, amount=amount, clusters=cluster_table(office, fiscal_year))
    return LineRecord(
        ref=ref, fiscal_year=fiscal_year, unit=unit, ministry=PROVINCIAL_PREFIX, text=text, amount=amount, facts=facts
    )


_RECORDS: dict[tuple, LineRecord] = {}
_RECORDS_MAX = 20000


def _record_key(pk, revision, office_id, title, description, amount, places: tuple) -> tuple:
    return (pk, revision, office_id, title, description, str(amount), places, FACTS_VERSION)


def _locations(request) -> list:
    # in id order, so the memo's key is the same however the request was fetched
    return list(request.locations.select_related("province").order_by("id"))


def request_record(request, locations=None) -> LineRecord:
    """The request as the engine sees it, memoised per process on its content (a province is
    compared with its cluster's requests again and again; their text changes only with a new
    revision)."""
    if locations is None:
        locations = _locations(request)
    key = _record_key(
        request.pk,
        request.revision,
        request.office_id,
        request.title,
        request.description,
        request.amount,
        tuple((l.province_id, l.amphoe, l.tambon) for l in locations),
    )
    cached = _RECORDS.get(key)
    if cached is not None:
        return cached
    shared = _shared_key(key) if _shared_cache() else None
    record = cache.get(shared) if shared else None
    if record is None:
        record = _request_record(request, locations)
        if shared:
            cache.set(shared, record, SHARED_RECORD_TTL)
    _remember(key, record)
    return record


def _remember(key: tuple, record: LineRecord) -> None:
    if len(_RECORDS) >= _RECORDS_MAX:
        _RECORDS.clear()
    _RECORDS[key] = record


SHARED_RECORD_TTL = 24 * 3600


def _shared_cache() -> bool:
    """Whether the cache is shared between processes (Redis with a broker): then a request's
    record, extracted once by whichever worker screened it, is read by the others when they
    compare their requests with it. A process-local cache would only repeat `_RECORDS`."""
    return "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


def _shared_key(key: tuple) -> str:
    return "screening:request-record:" + hashlib.sha256(repr((key, _engine_digest())).encode()).hexdigest()[:40]


def request_records(queryset) -> list[tuple[LineRecord, int]]:
    """(record, id) of each request of `queryset`, for comparing a request with others (issue 12
    point 4: p95 <= 100 ms a request). The memo's keys come from two light queries (columns and
    places, no model instances); only the requests this process has not seen in their current
    content are loaded whole and extracted."""
    from proposals.models import RequestLocation

    rows = list(queryset.values_list("id", "revision", "office_id", "title", "description", "amount"))
    if not rows:
        return []
    places: dict[int, list[tuple]] = {pk: [] for pk, *_ in rows}
    located = RequestLocation.objects.filter(request_id__in=list(places)).order_by("id")
    for request_id, province_id, amphoe, tambon in located.values_list("request_id", "province_id", "amphoe", "tambon"):
        places[request_id].append((province_id, amphoe, tambon))
    found: dict[int, LineRecord] = {}
    for pk, revision, office_id, title, description, amount in rows:
        record = _RECORDS.get(_record_key(pk, revision, office_id, title, description, amount, tuple(places[pk])))
        if record is not None:
            found[pk] = record
    missing = [pk for pk, *_ in rows if pk not in found]
    if missing and _shared_cache():
        wanted = set(missing)
        keys = {
            pk: _record_key(pk, revision, office_id, title, description, amount, tuple(places[pk]))
            for pk, revision, office_id, title, description, amount in rows
            if pk in wanted
        }
        shared = {_shared_key(key): pk for pk, key in keys.items()}
        for name, record in cache.get_many(list(shared)).items():
            found[shared[name]] = record
            _remember(keys[shared[name]], record)
        missing = [pk for pk in missing if pk not in found]
    if missing:
        whole = (
            queryset.model.objects.filter(pk__in=missing)
            .select_related("office__province", "office__cluster")
            .prefetch_related(
                Prefetch("locations", queryset=RequestLocation.objects.select_related("province").order_by("id"))
            )
        )
        for request in whole:
            found[request.pk] = request_record(request, list(request.locations.all()))
    return [(found[pk], pk) for pk, *_ in rows if pk in found]


def _request_record(request, locations) -> LineRecord:
    text, context = request_text(request, locations)
    amount = int(request.amount) if request.amount is not None else None
    return text_record(
        ref=request_ref(request),
        fiscal_year=request.fiscal_year,
        office=request.office,
        text=text,
        context=context,
        amount=amount,
    )


def related_offices(office: Office, fiscal_year: int):
    """Whose requests a request is compared with: a province with its cluster, a cluster with
    its member provinces (R4: "a province and its cluster asking for the same thing"). A lazy
    queryset of office ids, so a caller filtering on it sends one query, not two."""
    if office.kind == Office.Kind.PROVINCE:
        clusters = (
            ClusterMembership.objects.for_fiscal_year(fiscal_year)
            .filter(province_id=office.province_id)
            .values("cluster")
        )
        return Office.objects.filter(cluster__in=clusters).values("id")
    provinces = (
        ClusterMembership.objects.for_fiscal_year(fiscal_year).filter(cluster_id=office.cluster_id).values("province")
    )
    return Office.objects.filter(province__in=provinces).values("id")


def related_office_ids(office: Office, fiscal_year: int) -> set[int]:
    return {row["id"] for row in related_offices(office, fiscal_year)}
