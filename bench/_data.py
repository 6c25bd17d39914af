"""Shared loader for the duplicate-screening benches and tests.

The data lives outside the project (``../shared/data`` or $PORTAL_SHARED_DATA) and is
never copied in.  ``data_dir()`` returns None when it is absent so callers can exit
or skip cleanly.
"""

from __future__ import annotations

import csv
import gzip
import os
from dataclasses import dataclass
from pathlib import Path

from screening_engine.extract import extract_facts
from screening_engine.records import LineRecord

LINES_FILE = "fy2565_budget_lines.csv.gz"
PAIRS_FILE = "dev_pairs.csv"
PROVINCIAL_PREFIX = "จังหวัดและกลุ่มจังหวัด"


def data_dir() -> Path | None:
    env = os.environ.get("PORTAL_SHARED_DATA")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[1].parent / "shared" / "data")
    for c in candidates:
        if (c / LINES_FILE).is_file():
            return c
    return None


def missing_message() -> str:
    return (
        "../shared/data not found: set PORTAL_SHARED_DATA or place "
        f"{LINES_FILE} and {PAIRS_FILE} in ../shared/data relative to the project root"
    )


def read_rows(directory: Path) -> list[dict[str, str]]:
    with gzip.open(directory / LINES_FILE, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def context_of(row: dict[str, str]) -> str:
    return " | ".join(row.get(k, "") for k in ("PROJECT", "OUTPUT", "CATEGORY"))


def to_record(row: dict[str, str], *, with_facts: bool = True) -> LineRecord:
    amount = int(row["AMOUNT_BAHT"]) if row.get("AMOUNT_BAHT", "").strip().lstrip("-").isdigit() else None
    facts = None
    if with_facts:
        facts = extract_facts(
            row["ITEM_DESCRIPTION"], unit=row["BUDGETARY_UNIT"], context=context_of(row), amount=amount
        )
    return LineRecord(
        ref=row["REF"],
        fiscal_year=int(row["FISCAL_YEAR_BE"]) if row["FISCAL_YEAR_BE"].isdigit() else 0,
        unit=row["BUDGETARY_UNIT"],
        ministry=row["MINISTRY"],
        text=row["ITEM_DESCRIPTION"],
        amount=amount,
        facts=facts,
    )


def is_request(row: dict[str, str]) -> bool:
    return row["MINISTRY"].startswith(PROVINCIAL_PREFIX)


@dataclass(frozen=True)
class Pair:
    req: str
    line: str
    label: int
    confidence: str
    note: str
    province: str


def read_pairs(directory: Path, path: Path | None = None) -> list[Pair]:
    """Labelled pairs: ``dev_pairs.csv`` in ``directory``, or another file with the
    same columns (``path``, e.g. a held-out audit set)."""
    with open(path or directory / PAIRS_FILE, encoding="utf-8", newline="") as fh:
        return [
            Pair(r["REQ_REF"], r["LINE_REF"], int(r["LABEL"]), r["CONFIDENCE"], r["NOTE"], r["REQ_PROVINCE"])
            for r in csv.DictReader(fh)
        ]
