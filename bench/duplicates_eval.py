"""Evaluate duplicate screening on the labelled dev pairs (../shared/data/dev_pairs.csv).

Engine: every REQ_REF of dev_pairs is screened against ALL non-provincial lines of
the FY2565 file; a flag on a pair outside the labelled pool counts as wrong.
Baseline: character n-gram TF-IDF cosine within the province, at the threshold
with the best F1 on duplicates (label 2), flags at one level.

Figures: recall of label-2 pairs at any level; precision of duplicate-level flags
(label 2); precision of all flags (label >= 1); near-misses flagged (label-0 pairs
flagged at any level, as a share of the label-0 pairs).

Planner-style set (bench/data/planner_style/, see its README): requests typed the way
a provincial officer writes them, each labelled against one real ministry line.  They
are screened against the same index; the figures count the labelled pairs (a flag on
an unlabelled line is neither right nor wrong there: it is printed, with ``--verbose``
listed, and counted as wrong in the "strict" line).  Generalisation: the same figures
on two halves of the provinces; the baseline's threshold is also re-fitted on one
half and applied to the other (leave-provinces-out).

    python bench/duplicates_eval.py [--verbose] [--pairs FILE]

``--pairs`` evaluates on another labelled file with dev_pairs.csv's columns (a
held-out audit set kept outside the project).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._data import data_dir, is_request, missing_message, read_pairs, read_rows, to_record  # noqa: E402
from screening_engine.index import ScreeningIndex  # noqa: E402
from screening_engine.normalize import normalize_text  # noqa: E402
from screening_engine.records import LineRecord  # noqa: E402

TARGETS = {"recall": 0.95, "dup_precision": 0.90, "all_precision": 0.90, "near_miss": 0.03}
PLANNER_DIR = Path(__file__).resolve().parent / "data" / "planner_style"
PLANNER_FILES = ("generated.csv", "handwritten.csv")
PROVINCIAL_MINISTRY = "จังหวัดและกลุ่มจังหวัด (1)"


@dataclass
class Figures:
    recall: float
    dup_precision: float
    all_precision: float
    n_pos: int
    n_dup_flags: int
    n_flags: int
    near_miss: float = 0.0
    n_neg: int = 0

    def line(self) -> str:
        return (
            f"recall(label2)={self.recall:.3f}  dup-precision={self.dup_precision:.3f} "
            f"({self.n_dup_flags} dup flags)  all-precision={self.all_precision:.3f} ({self.n_flags} flags)"
            f"  near-misses flagged={self.near_miss:.1%}  [label-2 pairs: {self.n_pos}, label-0: {self.n_neg}]"
        )


def figures(
    flags: dict[tuple[str, str], str],
    labels: dict[tuple[str, str], int],
    reqs: set[str],
    *,
    labelled_only: bool = False,
) -> Figures:
    """``labelled_only``: score only flags on labelled pairs (the planner-style set
    labels one line per request); otherwise a flag outside the pool counts as wrong."""
    flags = {k: v for k, v in flags.items() if k[0] in reqs and (not labelled_only or k in labels)}
    pos = {k for k, v in labels.items() if v == 2 and k[0] in reqs}
    neg = {k for k, v in labels.items() if v == 0 and k[0] in reqs}
    dup = [k for k, v in flags.items() if v == "duplicate"]
    recall = len(pos & set(flags)) / len(pos) if pos else 1.0
    dup_p = sum(labels.get(k, 0) == 2 for k in dup) / len(dup) if dup else 1.0
    all_p = sum(labels.get(k, 0) >= 1 for k in flags) / len(flags) if flags else 1.0
    near = len(neg & set(flags)) / len(neg) if neg else 0.0
    return Figures(recall, dup_p, all_p, len(pos), len(dup), len(flags), near, len(neg))


@dataclass(frozen=True)
class PlannerRow:
    req_id: str
    province: str
    text: str
    line: str
    label: int
    pattern: str
    note: str


def read_planner(directory: Path = PLANNER_DIR) -> list[PlannerRow]:
    out = []
    for name in PLANNER_FILES:
        path = directory / name
        if not path.is_file():
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                out.append(
                    PlannerRow(
                        r["REQ_ID"],
                        r["REQ_PROVINCE"],
                        r["REQ_TEXT"],
                        r["LINE_REF"],
                        int(r["LABEL"]),
                        r["PATTERN"],
                        r["NOTE"],
                    )
                )
    return out


def planner_record(req_id: str, province: str, text: str) -> LineRecord:
    """A request as the portal stores it: typed text, the province office as unit."""
    return LineRecord(
        ref=req_id, fiscal_year=2565, unit="จังหวัด" + province, ministry=PROVINCIAL_MINISTRY, text=text, amount=None
    )


def build_index(rows) -> ScreeningIndex:
    return ScreeningIndex.build(to_record(r) for r in rows if not is_request(r))


def run_planner(index: ScreeningIndex, planner: list[PlannerRow]):
    texts = {}
    for p in planner:
        texts.setdefault(p.req_id, (p.province, p.text))
    flags: dict[tuple[str, str], str] = {}
    matches = {}
    for rid, (prov, text) in sorted(texts.items()):
        for m in index.screen(planner_record(rid, prov, text)):
            flags[(rid, m.line_ref)] = m.level
            matches[(rid, m.line_ref)] = m
    return flags, matches


def run_engine(rows, pairs, index: ScreeningIndex | None = None):
    req_refs = {p.req for p in pairs}
    by_ref = {r["REF"]: r for r in rows}
    t0 = time.perf_counter()
    if index is None:
        index = build_index(rows)
    flags: dict[tuple[str, str], str] = {}
    matches = {}
    for ref in sorted(req_refs):
        rec = to_record(by_ref[ref])
        for m in index.screen(rec):
            flags[(ref, m.line_ref)] = m.level
            matches[(ref, m.line_ref)] = m
    return flags, matches, time.perf_counter() - t0


def baseline_scores(rows, pairs):
    """Cosine of char 2-4-gram TF-IDF between each request and every line of its province."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from screening_engine.extract import extract_facts

    lines = [r for r in rows if not is_request(r)]
    texts = [normalize_text(r["ITEM_DESCRIPTION"]) for r in lines]
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True)
    X = vec.fit_transform(texts)
    by_prov = defaultdict(list)
    for i, r in enumerate(lines):
        for p in extract_facts(r["ITEM_DESCRIPTION"], unit=r["BUDGETARY_UNIT"]).provinces:
            by_prov[p].append(i)
    by_ref = {r["REF"]: r for r in rows}
    scores: dict[tuple[str, str], float] = {}
    for ref in sorted({p.req for p in pairs}):
        row = by_ref[ref]
        provs = extract_facts(row["ITEM_DESCRIPTION"], unit=row["BUDGETARY_UNIT"]).provinces
        idx = sorted({i for p in provs for i in by_prov[p]})
        if not idx:
            continue
        q = vec.transform([normalize_text(row["ITEM_DESCRIPTION"])])
        sims = (X[idx] @ q.T).toarray().ravel()
        for i, s in zip(idx, sims):
            if s > 0.05:
                scores[(ref, lines[i]["REF"])] = float(s)
    return scores


def best_threshold(scores, labels, reqs) -> float:
    pos = {k for k, v in labels.items() if v == 2 and k[0] in reqs}
    cand = sorted(((s, k) for k, s in scores.items() if k[0] in reqs), reverse=True)
    best, best_t, tp = -1.0, 1.0, 0
    for n, (s, k) in enumerate(cand, 1):
        tp += k in pos
        f1 = 2 * tp / (n + len(pos)) if pos else 0.0
        if f1 > best:
            best, best_t = f1, s
    return best_t


def at_threshold(scores, t):
    return {k: "duplicate" for k, s in scores.items() if s >= t}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list each error")
    ap.add_argument("--pairs", type=Path, default=None, help="labelled pairs file (default: dev_pairs.csv)")
    ap.add_argument(
        "--planner",
        type=Path,
        default=PLANNER_DIR,
        help="planner-style set directory (default: bench/data/planner_style)",
    )
    args = ap.parse_args(argv)
    d = data_dir()
    if d is None:
        print(missing_message())
        return 0
    rows = read_rows(d)
    pairs = read_pairs(d, args.pairs)
    labels = {(p.req, p.line): p.label for p in pairs}
    notes = {(p.req, p.line): p.note for p in pairs}
    prov_of_req = {p.req: p.province for p in pairs}
    all_reqs = set(prov_of_req)
    provinces = sorted(set(prov_of_req.values()))
    half_a = {p for i, p in enumerate(provinces) if i % 2 == 0}
    reqs_a = {r for r, p in prov_of_req.items() if p in half_a}
    reqs_b = all_reqs - reqs_a

    t0 = time.perf_counter()
    index = build_index(rows)
    t_index = time.perf_counter() - t0
    flags, matches, secs = run_engine(rows, pairs, index)
    secs += t_index
    eng = figures(flags, labels, all_reqs)
    scores = baseline_scores(rows, pairs)
    t_all = best_threshold(scores, labels, all_reqs)
    base = figures(at_threshold(scores, t_all), labels, all_reqs)

    print(
        f"dev pairs: {len(pairs)} from {len(provinces)} provinces, {len(all_reqs)} requests; "
        f"engine screened them against all non-provincial lines in {secs:.1f} s"
    )
    print(f"{'':28}{'engine':>10}{'baseline':>10}{'target':>8}")
    for name, key in (
        ("recall of label-2 pairs", "recall"),
        ("duplicate-level precision", "dup_precision"),
        ("all-flags precision", "all_precision"),
        ("near-misses flagged", "near_miss"),
    ):
        print(f"{name:28}{getattr(eng, key):>10.3f}{getattr(base, key):>10.3f}{TARGETS[key]:>8.2f}")
    print(f"{'flags (duplicate level)':28}{eng.n_flags:>5} ({eng.n_dup_flags:>3}){base.n_flags:>5}")
    print(f"baseline: char_wb 2-4-gram TF-IDF cosine within province, best-F1 threshold {t_all:.3f}")

    print("\ngeneralisation: provinces split in two halves (alternate names in Thai order)")
    print(f"  half A = {', '.join(sorted(half_a))}")
    for name, rs, other in (("A", reqs_a, reqs_b), ("B", reqs_b, reqs_a)):
        print(f"  engine   half {name}: {figures(flags, labels, rs).line()}")
        t = best_threshold(scores, labels, other)
        print(
            f"  baseline half {name} (threshold {t:.3f} fitted on the other half): "
            f"{figures(at_threshold(scores, t), labels, rs).line()}"
        )

    planner = read_planner(args.planner)
    if planner:
        print_planner(index, planner, rows, verbose=args.verbose)

    if args.verbose:
        by_ref = {r["REF"]: r for r in rows}
        print("\nmissed label-2 pairs:")
        for k, v in sorted(labels.items()):
            if v == 2 and k not in flags:
                print(
                    f"  {k[0]} -> {k[1]}  [{notes[k]}]\n    R: {by_ref[k[0]]['ITEM_DESCRIPTION'][:160]}\n    L: {by_ref[k[1]]['ITEM_DESCRIPTION'][:160]}"
                )
        print("\nduplicate-level flags not labelled 2:")
        for k, lv in sorted(flags.items()):
            if lv == "duplicate" and labels.get(k, 0) != 2:
                print(f"  {k[0]} -> {k[1]} label={labels.get(k, 'outside pool')} [{notes.get(k, '')}]")
                print(
                    f"    R: {by_ref[k[0]]['ITEM_DESCRIPTION'][:160]}\n    L: {by_ref[k[1]]['ITEM_DESCRIPTION'][:160]}"
                )
                print(f"    reasons: {' | '.join(matches[k].reasons)}")
        print("\nflags on label-0 or outside-pool pairs:")
        for k, lv in sorted(flags.items()):
            if labels.get(k, 0) == 0:
                print(f"  {k[0]} -> {k[1]} {lv} label={labels.get(k, 'outside pool')} [{notes.get(k, '')}]")
                print(
                    f"    R: {by_ref[k[0]]['ITEM_DESCRIPTION'][:160]}\n    L: {by_ref[k[1]]['ITEM_DESCRIPTION'][:160]}"
                )
                print(f"    reasons: {' | '.join(matches[k].reasons)}")
    return 0


def print_planner(index: ScreeningIndex, planner: list[PlannerRow], rows, *, verbose: bool) -> Figures:
    p_labels = {(p.req_id, p.line): p.label for p in planner}
    p_reqs = {p.req_id for p in planner}
    p_flags, p_matches = run_planner(index, planner)
    fig = figures(p_flags, p_labels, p_reqs, labelled_only=True)
    strict = figures(p_flags, p_labels, p_reqs)
    n_provinces = len({p.province for p in planner})
    print(
        f"\nplanner-style set: {len(p_reqs)} requests from {n_provinces} dev provinces, {len(p_labels)} labelled pairs "
        f"({sum(v == 2 for v in p_labels.values())} duplicate, {sum(v == 1 for v in p_labels.values())} overlap, "
        f"{sum(v == 0 for v in p_labels.values())} near-miss)"
    )
    print(f"{'':28}{'engine':>10}{'target':>8}")
    for name, key in (
        ("recall of duplicates", "recall"),
        ("duplicate-level precision", "dup_precision"),
        ("all-flags precision", "all_precision"),
        ("near-misses flagged", "near_miss"),
    ):
        print(f"{name:28}{getattr(fig, key):>10.3f}{TARGETS[key]:>8.2f}")
    outside = {k: v for k, v in p_flags.items() if k not in p_labels}
    print(
        f"flags on unlabelled lines: {len(outside)} ({sum(v == 'duplicate' for v in outside.values())} duplicate level); "
        f"strict (counted wrong): dup-precision={strict.dup_precision:.3f} all-precision={strict.all_precision:.3f}"
    )
    by_pattern: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for p in planner:
        ok = (
            ((p.req_id, p.line) in p_flags) == (p.label >= 1)
            and (p.label != 2 or p_flags.get((p.req_id, p.line)) == "duplicate")
            and (p.label != 1 or p_flags.get((p.req_id, p.line)) == "overlap")
        )
        fam = p.pattern.split(":")[0]
        by_pattern[fam][0] += ok
        by_pattern[fam][1] += 1
    print("exact level by pattern: " + ", ".join(f"{k} {a}/{n}" for k, (a, n) in sorted(by_pattern.items())))
    if verbose:
        by_ref = {r["REF"]: r for r in rows}
        print("\nplanner-style pairs with the wrong outcome:")
        for p in planner:
            got = p_flags.get((p.req_id, p.line))
            want = {2: "duplicate", 1: "overlap", 0: None}[p.label]
            if got != want:
                m = p_matches.get((p.req_id, p.line))
                print(f"  {p.req_id} [{p.pattern}] want={want} got={got}")
                print(f"    R: {p.text}\n    L: {by_ref[p.line]['ITEM_DESCRIPTION'][:160]}")
                if m:
                    print(f"    reasons: {' | '.join(m.reasons)}")
        print("\nplanner-style flags on unlabelled lines:")
        texts = {p.req_id: p.text for p in planner}
        for (rid, ref), lv in sorted(outside.items()):
            print(f"  {rid} -> {ref} {lv}\n    R: {texts[rid]}\n    L: {by_ref[ref]['ITEM_DESCRIPTION'][:160]}")
    return fig


if __name__ == "__main__":
    raise SystemExit(main())
