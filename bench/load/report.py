"""The load bench's figures from the samples the locustfile kept per level (issue 15)."""

import json
import os
import statistics
from pathlib import Path

TRIVIAL = "trivial: /healthz"
WRITE = "[write]"
# Done when (issue 15), checked at this level
CHECK_LEVEL = 100


def _pct(values, q):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def _row(samples, seconds):
    times = [t for _, t, _ in samples]
    errors = [e for _, _, e in samples if e]
    return {
        "count": len(samples),
        "rps": len(samples) / seconds if seconds else 0.0,
        "p50": _pct(times, 50),
        "p95": _pct(times, 95),
        "p99": _pct(times, 99),
        "mean": statistics.fmean(times) if times else 0.0,
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:3],
    }


def summarise(results: dict) -> dict:
    out = {}
    for level, samples in results["samples"].items():
        window = results["windows"][level]
        seconds = window.get("seconds") or 0
        kinds = {}
        for sample in samples:
            kinds.setdefault(sample[0], []).append(sample)
        mixed = [s for s in samples if s[0] != TRIVIAL and not s[0].startswith("login")]
        reads = [s for s in mixed if WRITE not in s[0]]
        writes = [s for s in mixed if WRITE in s[0]]
        trivial = kinds.get(TRIVIAL, [])
        users = window.get("users", {})
        probes = users.get("Probe", 0)
        people = sum(users.values()) - probes
        row_mixed, row_trivial = _row(mixed, seconds), _row(trivial, seconds)
        per_person = row_mixed["rps"] / people if people else 0.0
        per_probe = row_trivial["rps"] / probes if probes else 0.0
        out[level] = {
            "window": window,
            "kinds": {name: _row(s, seconds) for name, s in sorted(kinds.items())},
            "mixed": row_mixed,
            "reads": _row(reads, seconds),
            "writes": _row(writes, seconds),
            "trivial": row_trivial,
            "people": people,
            "probes": probes,
            # the same think time for everyone: per simulated user, a page kind that answers as
            # fast as the trivial view gives the same throughput (ratio 1)
            "throughput_ratio": per_person / per_probe if per_probe else 0.0,
        }
    return out


def render(summary: dict) -> str:
    lines = []
    for level, s in sorted(summary.items(), key=lambda kv: int(kv[0])):
        w = s["window"]
        lines.append("")
        lines.append(
            f"=== {level} users ({s['people']} people + {s['probes']} trivial probes): window {w.get('seconds', 0):.0f} s, "
            f"ramp {w.get('ramp_seconds')} s{'' if w.get('all_logged_in') else ' (NOT all logged in)'}, "
            f"load average {w.get('load_average_start', [0])[0]:.2f} -> {w.get('load_average_end', [0])[0]:.2f}"
        )
        if w.get("cores_used"):
            lines.append(
                f"CPU in the window ({os.cpu_count()} cores): "
                + ", ".join(f"{part} {cores:.2f}" for part, cores in w["cores_used"].items())
            )
        lines.append(f"{'page kind':<34}{'n':>6}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
        for name, r in s["kinds"].items():
            lines.append(
                f"{name:<34}{r['count']:>6}{r['rps']:>8.2f}{r['p50']:>9.0f}{r['p95']:>9.0f}{r['p99']:>9.0f}{r['errors']:>8}"
            )
            for example in r["error_examples"]:
                lines.append(f"{'':<6}error: {example}")
        for label in ("reads", "writes", "mixed", "trivial"):
            r = s[label]
            lines.append(
                f"{'= ' + label:<34}{r['count']:>6}{r['rps']:>8.2f}{r['p50']:>9.0f}{r['p95']:>9.0f}{r['p99']:>9.0f}{r['errors']:>8}"
            )
        lines.append(
            f"mixed throughput per person vs the trivial view's per probe: {s['throughput_ratio']:.0%} "
            f"(mixed {s['mixed']['rps']:.1f} req/s, trivial {s['trivial']['rps']:.1f} req/s)"
        )
    check = summary.get(str(CHECK_LEVEL)) or summary.get(CHECK_LEVEL)
    if check:
        trivial_p95 = check["trivial"]["p95"]
        tests = [
            ("mixed throughput >= 50% of the trivial view's", check["throughput_ratio"] >= 0.5),
            (
                f"p95 of reads {check['reads']['p95']:.0f} ms <= 3x trivial p95 ({3 * trivial_p95:.0f} ms) and <= 500 ms",
                check["reads"]["p95"] <= min(3 * trivial_p95, 500),
            ),
            (f"p95 of writes {check['writes']['p95']:.0f} ms <= 1000 ms", check["writes"]["p95"] <= 1000),
            (
                f"errors {check['mixed']['errors'] + check['trivial']['errors']} == 0",
                not (check["mixed"]["errors"] + check["trivial"]["errors"]),
            ),
        ]
        lines.append("")
        lines.append(f"issue 15 targets at {CHECK_LEVEL} users:")
        for text, ok in tests:
            lines.append(f"  {'PASS' if ok else 'FAIL'}  {text}")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(render(summarise(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))))
