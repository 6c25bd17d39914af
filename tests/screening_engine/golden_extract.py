"""Golden facts for the extraction regression test (issue 12: extraction was made
faster without changing what it reads).

The golden file holds the facts the extractor returned when the file was written: for every
planner-style text and its line (the project's own bench data) the inputs and the facts; for a
seeded sample of real FY2565 lines (with unit, context and amount) and a sample of the national
bench's perturbed texts, only a hash of the inputs and a hash of the facts, so no budget-document
text is copied into the project (the test rebuilds those inputs from ../shared/data).

Regenerate only when a rule deliberately changes what is read (and bump FACTS_VERSION):

    PORTAL_SHARED_DATA=/path/to/shared/data python tests/screening_engine/golden_extract.py
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "data" / "extract_golden.jsonl.gz"
PLANNER = ROOT / "bench" / "data" / "planner_style"


def planner_cases() -> list[dict]:
    out = []
    for name in ("generated.csv", "handwritten.csv"):
        with open(PLANNER / name, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                out.append({"text": r["REQ_TEXT"], "unit": "จังหวัด" + r["REQ_PROVINCE"]})
                if r.get("LINE_EXTRACT"):
                    out.append({"text": r["LINE_EXTRACT"]})
    return out


def real_cases(rows, n: int = 2500) -> list[dict]:
    from bench._data import context_of

    rnd = random.Random(12)
    out = []
    for r in rnd.sample(rows, n):
        amount = r["AMOUNT_BAHT"].strip()
        out.append(
            {
                "text": r["ITEM_DESCRIPTION"],
                "unit": r["BUDGETARY_UNIT"],
                "context": context_of(r),
                "amount": int(amount) if amount.lstrip("-").isdigit() else None,
            }
        )
    return out


def national_cases(rows, n_lines: int = 1540, n_requests: int = 770) -> list[dict]:
    from bench.national import generate

    out = []
    for lines, requests in generate(rows, n_lines, n_requests).values():
        out += [{"text": t, "unit": u} for _, u, _, t in lines + requests]
    return out


def facts_of(case: dict) -> dict:
    from screening_engine.extract import extract_facts

    return extract_facts(
        case["text"], unit=case.get("unit", ""), context=case.get("context", ""), amount=case.get("amount")
    ).to_dict()


def read_golden() -> list[dict]:
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def digest(value) -> str:
    """A stable hash of a JSON-able value (tuples and lists hash alike, as after JSON)."""
    import hashlib

    return hashlib.sha1(json.dumps(value, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def inputs_of(case: dict) -> dict:
    return {k: case.get(k) for k in ("text", "unit", "context", "amount")}


def shared_cases(rows) -> list[dict]:
    """The cases rebuilt from the shared data (deterministic: seeded samples)."""
    return [{**c, "set": "real"} for c in real_cases(rows)] + [{**c, "set": "national"} for c in national_cases(rows)]


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from bench._data import data_dir, missing_message, read_rows

    d = data_dir()
    if d is None:
        print(missing_message())
        return 1
    rows = read_rows(d)
    planner, shared = planner_cases(), shared_cases(rows)
    GOLDEN.parent.mkdir(exist_ok=True)
    with gzip.open(GOLDEN, "wt", encoding="utf-8") as fh:
        for c in planner:
            fh.write(json.dumps({**c, "set": "planner", "facts": facts_of(c)}, ensure_ascii=False) + "\n")
        for c in shared:
            row = {"set": c["set"], "key": digest(inputs_of(c)), "facts_sha": digest(facts_of(c))}
            fh.write(json.dumps(row) + "\n")
    print(f"{len(planner) + len(shared)} cases -> {GOLDEN}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
