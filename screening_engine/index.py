"""Blocking index: fiscal year x province, then postings by asset and tambon keys.

``compare`` (scoring.py) is the whole truth about a pair; the index only avoids
calling it on pairs that cannot match.  Every rule in ``compare`` needs the two
records to share a fiscal year, a province and at least one of: a road, a named
site, a road-section endpoint, or a tambon.  Those are the posting keys, so
``ScreeningIndex.screen`` returns exactly what ``naive_screen`` returns (a test
checks this on real data).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from .extract import extract_facts
from .facts import Facts
from .records import LineRecord, Match
from .scoring import compare


def facts_of(rec: LineRecord) -> Facts:
    return rec.facts if rec.facts is not None else extract_facts(rec.text, unit=rec.unit, amount=rec.amount)


def _keys(f: Facts) -> set[str]:
    keys: set[str] = set()
    for r in f.roads:
        if r.role != "asset":
            continue
        if r.kind in ("highway", "rural"):
            keys.add(f"{r.kind}:{r.number}")
        if r.branch_of:
            keys.add(f"branch:{r.branch_of}")
        if r.kind in ("route", "highway", "rural"):
            # Routes match highways by section endpoints; key on each endpoint's head
            # (3 skeleton characters tolerate OCR slips later in the name).
            for sec in r.sections:
                for tok in sec:
                    keys.add("end:" + tok[:3])
    for s in f.sites:
        if s.kind != "ban":
            keys.add(f"site:{s.kind}:{s.key[:3]}")
    for t in f.tambons:
        keys.add("tambon:" + t)
    return keys


class ScreeningIndex:
    """Build once per fiscal year's budget lines; ``screen`` each request."""

    def __init__(self) -> None:
        self._records: list[LineRecord] = []
        self._facts: list[Facts] = []
        self._postings: dict[tuple[int, str, str], list[int]] = defaultdict(list)

    @classmethod
    def build(cls, lines: Iterable[LineRecord]) -> ScreeningIndex:
        index = cls()
        for rec in lines:
            index.add(rec)
        return index

    def add(self, rec: LineRecord) -> None:
        f = facts_of(rec)
        if f.grouped or not f.provinces:
            return  # cannot be placed; compare() would reject every pair
        i = len(self._records)
        self._records.append(rec)
        self._facts.append(f)
        for p in f.provinces:
            for k in _keys(f):
                self._postings[(rec.fiscal_year, p, k)].append(i)

    def __len__(self) -> int:
        return len(self._records)

    def candidates(self, rec: LineRecord, facts: Facts) -> set[int]:
        out: set[int] = set()
        keys = _keys(facts)
        for p in facts.provinces:
            for k in keys:
                out.update(self._postings.get((rec.fiscal_year, p, k), ()))
        return out

    def screen(self, request: LineRecord, *, exclude_unit: str | None = None) -> list[Match]:
        """Matches of ``request`` against the indexed lines, best first.

        ``exclude_unit`` skips lines of that unit (request-vs-request screening:
        a province is not flagged against its own other requests)."""
        fa = facts_of(request)
        if fa.grouped or not fa.provinces:
            return []
        out = []
        for i in self.candidates(request, fa):
            line = self._records[i]
            if exclude_unit is not None and line.unit == exclude_unit:
                continue
            m = compare(request, fa, line, self._facts[i])
            if m is not None:
                out.append(m)
        out.sort(key=lambda m: (-m.score, m.line_ref))
        return out


def screen_many(requests: Iterable[LineRecord], index: ScreeningIndex) -> dict[str, list[Match]]:
    return {r.ref: index.screen(r) for r in requests}


def screen_requests_against_each_other(requests: Sequence[LineRecord]) -> dict[str, list[Match]]:
    """A province and its cluster asking for the same thing: index the requests
    themselves and screen each against the others of *other* units."""
    index = ScreeningIndex.build(requests)
    return {r.ref: index.screen(r, exclude_unit=r.unit) for r in requests}


def naive_screen(request: LineRecord, all_lines: Sequence[LineRecord]) -> list[Match]:
    """All-pairs baseline: ``compare`` against every line, no blocking.  Pass lines
    with facts already set to time the pairing alone."""
    fa = facts_of(request)
    if fa.grouped or not fa.provinces:
        return []
    out = []
    for line in all_lines:
        m = compare(request, fa, line, facts_of(line))
        if m is not None:
            out.append(m)
    out.sort(key=lambda m: (-m.score, m.line_ref))
    return out
