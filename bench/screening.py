"""Speed and memory of full-year duplicate screening on the FY2565 file.

Timed as the Celery task would run it: fact extraction of every line (with its
PROJECT/OUTPUT/CATEGORY context), index build, then every provincial/cluster
request screened against all other lines.  The naive all-pairs baseline
(``naive_screen``: the same pair rules against every line, no blocking) runs in the
same process on a sample of requests and is extrapolated to the year.

    python bench/screening.py [--naive-sample 60]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._data import data_dir, is_request, missing_message, read_rows, to_record  # noqa: E402
from screening_engine.index import ScreeningIndex, naive_screen, screen_requests_against_each_other  # noqa: E402

TARGETS = {"full_year_s": 20.0, "median_ms": 50.0, "peak_mb": 1536.0, "speedup": 20.0}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--naive-sample", type=int, default=60, help="requests timed with the naive baseline")
    args = ap.parse_args(argv)
    d = data_dir()
    if d is None:
        print(missing_message())
        return 0
    rows = read_rows(d)
    rss_loaded = peak_rss_mb()

    t0 = time.perf_counter()
    c0 = time.process_time()
    lines = [to_record(r) for r in rows if not is_request(r)]
    requests = [to_record(r) for r in rows if is_request(r)]
    t_extract = time.perf_counter() - t0
    index = ScreeningIndex.build(lines)
    t_build = time.perf_counter() - t0 - t_extract
    latencies = []
    keyed = []  # requests naming a road, site or tambon: the ones that do real work
    n_flags = n_dup = 0
    for req in requests:
        s = time.perf_counter()
        matches = index.screen(req)
        latencies.append(time.perf_counter() - s)
        if index.candidates(req, req.facts):
            keyed.append(latencies[-1])
        n_flags += len(matches)
        n_dup += sum(m.level == "duplicate" for m in matches)
    t_full = time.perf_counter() - t0
    cpu_full = time.process_time() - c0
    t_screen = sum(latencies)
    s = time.perf_counter()
    rr = screen_requests_against_each_other(requests)
    t_rr = time.perf_counter() - s
    peak = peak_rss_mb()

    rng = random.Random(2565)
    sample = rng.sample(requests, min(args.naive_sample, len(requests)))
    naive_lat = []
    mismatches = 0
    for req in sample:
        s = time.perf_counter()
        got = naive_screen(req, lines)
        naive_lat.append(time.perf_counter() - s)
        mismatches += [m.line_ref for m in got] != [m.line_ref for m in index.screen(req)]
    naive_full = t_extract + statistics.mean(naive_lat) * len(requests)
    idx_med = statistics.median(latencies) * 1000
    naive_med = statistics.median(naive_lat) * 1000

    print(
        f"FY2565 file: {len(lines)} budget lines, {len(requests)} provincial/cluster requests "
        f"(index holds {len(index)} placeable lines)"
    )
    print(
        f"full-year screening (extract + build + screen all): {t_full:6.2f} s wall, {cpu_full:.2f} s CPU"
        f"   target < {TARGETS['full_year_s']:.0f} s   (wall > CPU means other load on the machine)"
    )
    print(
        f"  fact extraction {t_extract:.2f} s, index build {t_build:.2f} s, screening {t_screen:.2f} s; "
        f"{n_flags} flags ({n_dup} duplicate)"
    )
    print(
        f"one request against the built index: median {idx_med:.2f} ms, p95 "
        f"{sorted(latencies)[int(0.95 * len(latencies))] * 1000:.2f} ms   target < {TARGETS['median_ms']:.0f} ms"
    )
    print(
        f"  over the {len(keyed)} requests with at least one candidate: median "
        f"{statistics.median(keyed) * 1000:.2f} ms, max {max(keyed) * 1000:.2f} ms"
    )
    print(f"request-vs-request (province vs its cluster): {t_rr:.2f} s, {sum(len(v) for v in rr.values())} flags")
    print(
        f"peak memory (max RSS of this process): {peak:.0f} MB (after loading the CSV: {rss_loaded:.0f} MB)"
        f"   target < {TARGETS['peak_mb']:.0f} MB"
    )
    print(
        f"naive all-pairs baseline, {len(sample)} sampled requests (facts pre-extracted): "
        f"median {naive_med:.1f} ms per request; results identical to the index on "
        f"{len(sample) - mismatches}/{len(sample)}"
    )
    print(f"  naive full year, EXTRAPOLATED (extraction + {len(requests)} x mean latency): {naive_full:.1f} s")
    print(
        f"speed-up: per request {naive_med / idx_med:.0f}x; screening phase "
        f"{statistics.mean(naive_lat) * len(requests) / t_screen:.0f}x; full year incl. extraction "
        f"{naive_full / t_full:.1f}x   target >= {TARGETS['speedup']:.0f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
