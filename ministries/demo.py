"""The demo year's ministry budget lines: a slice of the real FY2565 lines (ministries/data/README.md)
loaded as the demo fiscal year's, so screening shows real evidence on the demo path (issue 10)."""

import csv
import gzip
from pathlib import Path

DEMO_LINES = Path(__file__).resolve().parent / "data" / "demo_lines_fy2565.csv.gz"
DEMO_REF_PREFIX = "demo2554:"


def demo_lines_rows(*, fiscal_year: int) -> list[tuple[int, dict]]:
    """The extract's rows as the importer reads them (row number, columns), moved to `fiscal_year`
    and with their REF prefixed so the real year's import never overwrites them."""
    with gzip.open(DEMO_LINES, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["REF"] = f"{DEMO_REF_PREFIX}{row['REF']}"
        row["FISCAL_YEAR_BE"] = str(fiscal_year)
    return list(enumerate(rows, start=2))


def demo_budget_lines_load(*, fiscal_year: int):
    """Import the extract for the demo year; idempotent (the importer updates by REF)."""
    from ministries.services import budget_lines_import

    return budget_lines_import(rows=demo_lines_rows(fiscal_year=fiscal_year), file_name=DEMO_LINES.name, source="demo")
