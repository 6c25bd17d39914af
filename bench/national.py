"""A synthetic national year screened in parallel through the portal's engine code.

Generates 300,000 ministry lines and 100,000 provincial requests by perturbing the real
FY2565 lines over the 77 provinces (province, amphoe and tambon names from the DOPA
gazetteer, road numbers and codes, site and village names), then screens every request
against the year's lines with the same calls the portal makes: ``extract_facts`` on
each text (the import stores the lines' facts; a request's are read when it is
screened), ``ScreeningIndex.build`` and ``index.screen``.

The work is split by provincial cluster (a line or request is compared only within its
provinces, so clusters are independent shards: the same split that runs across several
Celery workers), and the shards run in a pool of long-lived worker processes, as Celery's
prefork workers are: each takes the next shard (largest first) and keeps the engine's
memo caches between shards, so a text repeated across provinces is read once per worker.
The engine is loaded in the parent before the fork (gazetteer, compiled patterns), so the
workers share it copy-on-write instead of loading it each.  Generating the year is not
timed.  Printed per size (10%, 50%, 100%): wall time of the pool, CPU of the worker
processes (from their rusage: everything they did, start-up included) and of the shards'
own work, peak RSS of the largest worker, candidates per request (mean, p95) and flags.

    python bench/national.py [--processes 2] [--lines 300000] [--requests 100000] [--sizes 0.1,0.5,1]
"""

from __future__ import annotations

import argparse
import gzip
import multiprocessing as mp
import os
import random
import re
import resource
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._data import data_dir, is_request, missing_message, read_rows  # noqa: E402
from screening_engine.extract import extract_facts  # noqa: E402
from screening_engine.gazetteer import CLUSTERS_2560, PROVINCES  # noqa: E402
from screening_engine.index import ScreeningIndex  # noqa: E402
from screening_engine.records import LineRecord  # noqa: E402

TARGETS = {"wall_s": 30.0, "peak_mb": 1024.0}
ADMIN_FILE = Path(__file__).resolve().parents[1] / "screening_engine" / "data" / "admin_areas.tsv.gz"
PROVINCIAL_MINISTRY = "จังหวัดและกลุ่มจังหวัด (1)"

_PROVINCE_ALT = "|".join(sorted(PROVINCES, key=len, reverse=True))
_PROVINCE_RE = re.compile(rf"(จังหวัด|จ\.)\s*(?:{_PROVINCE_ALT})")
_AMPHOE_RE = re.compile(r"(อำเภอ|อ\.)\s*([ก-๙]+)")
_TAMBON_RE = re.compile(r"(ตำบล|ต\.)\s*([ก-๙]+)")
_HIGHWAY_RE = re.compile(r"(หมายเลข|ทล\.)\s*(\d{1,4})")
_RURAL_RE = re.compile(r"([ก-ฮ]{2})\.(\d{4})")
# A syllable appended to site and village names keeps assets apart across the copies.
_NAME_RE = re.compile(r"(ฝาย|ห้วย|คลอง|โรงเรียน|โรงพยาบาล|บ้าน|วัด|อ่างเก็บน้ำ|ศูนย์|ตอน |- )([ก-๙]{2,})")
_SYLLABLES = ("ทอง", "ใหม่", "เหนือ", "ใต้", "งาม", "ดอน", "โคก", "นา", "ไร่", "สวน", "หิน", "ทราย", "แดง", "ขาว", "หลวง")


def read_admin() -> dict[str, list[tuple[str, list[str]]]]:
    out: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    with gzip.open(ADMIN_FILE, "rt", encoding="utf-8") as fh:
        for row in fh:
            if row.startswith("#") or not row.strip():
                continue
            province, amphoe, tambons = row.rstrip("\n").split("\t")
            out[province].append((amphoe, tambons.split("|")))
    return out


def perturb(text: str, province: str, admin, rnd: random.Random) -> str:
    """The text moved to ``province``: another amphoe/tambon of it, other road numbers
    and codes, a syllable added to site names."""
    amphoe, tambons = rnd.choice(admin[province])
    tambon = rnd.choice(tambons)
    text = _PROVINCE_RE.sub(lambda m: m.group(1) + province, text)
    text = _AMPHOE_RE.sub(lambda m: m.group(1) + amphoe, text)
    text = _TAMBON_RE.sub(lambda m: m.group(1) + tambon, text)
    text = _HIGHWAY_RE.sub(lambda m: f"{m.group(1)} {rnd.randint(1, 4999)}", text)
    text = _RURAL_RE.sub(lambda m: f"{m.group(1)}.{rnd.randint(1000, 9999)}", text)
    return _NAME_RE.sub(lambda m: m.group(1) + m.group(2) + rnd.choice(_SYLLABLES), text)


_TYPED = (("ทางหลวงหมายเลข", "ทล."), ("ตำบล", "ต."), ("อำเภอ", "อ."), ("จังหวัด", "จ."), ("โรงพยาบาล", "รพ."))


def typed(text: str) -> str:
    """A line restated as a planner types it (abbreviated places and road words)."""
    for long, short in _TYPED:
        text = text.replace(long, short)
    return text


def shards() -> list[tuple[str, ...]]:
    """Provinces grouped by 2560 cluster (each a shard), Bangkok alone."""
    groups = [tuple(v) for v in CLUSTERS_2560.values()]
    seen = {p for g in groups for p in g}
    return groups + [(p,) for p in PROVINCES if p not in seen]


def generate(rows, n_lines: int, n_requests: int, seed: int = 2565):
    """Per province: (lines, requests) as (ref, unit, ministry, text) tuples.  The k-th
    item of a province is the same at every size, so 10% is a prefix of 100%."""
    admin = read_admin()
    line_pool = [r for r in rows if not is_request(r) and r["FISCAL_YEAR_BE"] == "2565"]
    request_pool = [r for r in rows if is_request(r) and r["FISCAL_YEAR_BE"] == "2565"]
    rnd = random.Random(seed)
    per_lines = -(-n_lines // len(PROVINCES))
    per_requests = -(-n_requests // len(PROVINCES))
    out = {}
    for p in PROVINCES:
        lines = []
        for k in range(per_lines):
            r = rnd.choice(line_pool)
            lines.append(
                (f"L{p[:3]}{k}", r["BUDGETARY_UNIT"], r["MINISTRY"], perturb(r["ITEM_DESCRIPTION"], p, admin, rnd))
            )
        requests = []
        for k in range(per_requests):
            # Half the requests restate a ministry line of the province (duplicates to
            # find), half are real provincial requests moved there.
            if k % 2 == 0:
                # A line within the same share of the province's lines, so that every
                # size holds the lines its requests restate.
                text = typed(lines[rnd.randrange(max(1, per_lines * (k + 1) // per_requests))][3])
            else:
                text = perturb(rnd.choice(request_pool)["ITEM_DESCRIPTION"], p, admin, rnd)
            requests.append((f"R{p[:3]}{k}", "จังหวัด" + p, PROVINCIAL_MINISTRY, text))
        out[p] = (lines, requests)
    return out


_DATA: dict = {}


def _record(item) -> LineRecord:
    ref, unit, ministry, text = item
    # What the import stores per line and what the portal reads per request.
    return LineRecord(ref, 2565, unit, ministry, text, None, extract_facts(text, unit=unit))


def screen_shard(args) -> dict:
    provinces, fraction = args
    t0 = time.perf_counter()
    c0 = time.process_time()
    lines, requests = [], []
    for p in provinces:
        pl, pr = _DATA[p]
        lines.extend(pl[: round(len(pl) * fraction)])
        requests.extend(pr[: round(len(pr) * fraction)])
    line_records = [_record(x) for x in lines]
    c1 = time.process_time()
    index = ScreeningIndex.build(line_records)
    c2 = time.process_time()
    request_records = [_record(x) for x in requests]
    c3 = time.process_time()
    candidates, flags, dup = [], 0, 0
    for rec in request_records:
        candidates.append(len(index.candidates(rec, rec.facts)) if rec.facts.provinces else 0)
        for m in index.screen(rec):
            flags += 1
            dup += m.level == "duplicate"
    c4 = time.process_time()
    return {
        "lines": len(lines),
        "requests": len(requests),
        "wall": time.perf_counter() - t0,
        # CPU per phase: reading the lines, the index, reading the requests, screening them
        "phases": (c1 - c0, c2 - c1, c3 - c2, c4 - c3),
        "cpu": c4 - c0,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "candidates": candidates,
        "flags": flags,
        "dup": dup,
    }


def warm_up() -> None:
    """Load what every worker needs (the gazetteer, the patterns) once, in the parent."""
    extract_facts("ก่อสร้างฝายห้วยทราย บ้านหนองบัว หมู่ที่ 3 ตำบลหนองบัว อำเภอเมือง จังหวัดขอนแก่น", unit="จังหวัดขอนแก่น")


def _shard_size(provinces: tuple[str, ...]) -> int:
    return sum(len(_DATA[p][0]) + len(_DATA[p][1]) for p in provinces)


def run(fraction: float, processes: int) -> dict:
    jobs = sorted(((s, fraction) for s in shards()), key=lambda j: -_shard_size(j[0]))  # big shards first
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    ctx = mp.get_context("fork")  # workers read the generated year and the engine from the parent's memory
    pool = ctx.Pool(processes)
    results = list(pool.imap_unordered(screen_shard, jobs, chunksize=1))
    pool.close()
    pool.join()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    process_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    cands = [c for r in results for c in r["candidates"]]
    return {
        "fraction": fraction,
        "wall": wall,
        "cpu": sum(r["cpu"] for r in results),
        "process_cpu": process_cpu,
        "phases": tuple(sum(r["phases"][i] for r in results) for i in range(4)),
        "peak_mb": max(r["peak_mb"] for r in results),
        "lines": sum(r["lines"] for r in results),
        "requests": sum(r["requests"] for r in results),
        "cand_mean": statistics.fmean(cands) if cands else 0.0,
        "cand_p95": sorted(cands)[int(0.95 * (len(cands) - 1))] if cands else 0,
        "flags": sum(r["flags"] for r in results),
        "dup": sum(r["dup"] for r in results),
        "load": os.getloadavg()[0],  # the machine may be shared: CPU figures are the comparable ones
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--lines", type=int, default=300_000)
    ap.add_argument("--requests", type=int, default=100_000)
    ap.add_argument("--sizes", default="0.1,0.5,1")
    args = ap.parse_args(argv)
    d = data_dir()
    if d is None:
        print(missing_message())
        return 0
    warm_up()
    t0 = time.perf_counter()
    rows = read_rows(d)
    _DATA.update(generate(rows, args.lines, args.requests))
    del rows
    parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"generated {args.lines:,} lines x {args.requests:,} requests over {len(PROVINCES)} provinces "
        f"in {time.perf_counter() - t0:.1f} s (parent {parent_mb:.0f} MB); {len(shards())} cluster shards, "
        f"{args.processes} processes"
    )
    print(
        f"{'size':>5} {'lines':>8} {'requests':>9} {'wall s':>7} {'cpu s':>7} {'shards s':>8} "
        f"{'peak MB/proc':>12} {'cand mean':>9} {'cand p95':>8} {'flags':>7} {'dup':>6}"
    )
    results = []
    for f in (float(x) for x in args.sizes.split(",")):
        r = run(f, args.processes)
        results.append(r)
        print(
            f"{f:>5.0%} {r['lines']:>8,} {r['requests']:>9,} {r['wall']:>7.1f} {r['process_cpu']:>7.1f} {r['cpu']:>8.1f} "
            f"{r['peak_mb']:>12.0f} {r['cand_mean']:>9.1f} {r['cand_p95']:>8} "
            f"{r['flags']:>7,} {r['dup']:>6,} {r['load']:>5.1f}"
        )
    if len(results) >= 2:
        a, b = results[0], results[-1]
        scale = b["fraction"] / a["fraction"]
        print(
            f"growth {a['fraction']:.0%} -> {b['fraction']:.0%} (x{scale:.3g} data): wall x{b['wall'] / a['wall']:.1f}, "
            f"cpu x{b['process_cpu'] / a['process_cpu']:.1f}, candidates per request x{b['cand_mean'] / max(a['cand_mean'], 1e-9):.2f}"
        )
    full = results[-1]
    lines_cpu, index_cpu, requests_cpu, screen_cpu = full["phases"]
    print(
        f"cpu by phase at {full['fraction']:.0%} (all shards): reading lines {lines_cpu:.1f} s, index {index_cpu:.1f} s, "
        f"reading requests {requests_cpu:.1f} s, screening {screen_cpu:.1f} s; "
        f"worker processes {full['process_cpu']:.1f} s (start-up and hand-over included)"
    )
    load = os.getloadavg()[0]
    print(
        f"cpu / processes at {full['fraction']:.0%}: {full['process_cpu'] / args.processes:.1f} s (the wall on otherwise idle cores; "
        f"load average now {load:.1f} on {os.cpu_count()} cores)"
    )
    if full["fraction"] < 1:
        print(f"targets apply to the whole year (size 1); the last size here is {full['fraction']:.0%}")
    print(
        f"targets: wall <= {TARGETS['wall_s']:.0f} s ({'met' if full['wall'] <= TARGETS['wall_s'] else 'NOT met'}), "
        f"peak <= {TARGETS['peak_mb']:.0f} MB per process ({'met' if full['peak_mb'] <= TARGETS['peak_mb'] else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
