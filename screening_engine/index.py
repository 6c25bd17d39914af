"""Blocking index: fiscal year x province, then postings by asset and tambon keys.

``compare`` (scoring.py) is the whole truth about a pair; the index only avoids
calling it on pairs that cannot match.  Every rule in ``compare`` needs the two
records to share a fiscal year, a province and one of:

* a road: the same highway number or rural code, the same branch origin, or (when one
  of them is a route named by its ends) a section endpoint;
* a named site or facility of the same kind;
* for the tambon rule only: the same tambon and the same kind of site work
  (scoring.TAMBON_RULE_GROUPS), neither text naming a road.

Those are the keys, so ``ScreeningIndex.screen`` returns exactly what ``naive_screen``
returns (a test checks this on real data).  Keys are assets and tambons, never the
province alone, so a request's candidates do not grow with its province's lines: a
weir is only compared with works on that weir's name, a school building with that
school, a bank wall with the bank and water works of its tambon (issue 12).  A record
posts its keys and looks up the keys that can pair with it, which differ only for
section endpoints: a numbered road needs them only against a route, never against
another numbered road (the number decides).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from .extract import extract_facts
from .facts import Facts
from .normalize import skeleton
from .records import LineRecord, Match
from .scoring import TAMBON_RULE_GROUPS, compare
from .vocab import groups_of

# Skeletons of words that start many names ("ฝายบ้านX", "ฝายห้วยX"): keyed past them.
_COMMON_STARTS = tuple(
    skeleton(w) for w in ("บ้าน", "ห้วย", "ลำห้วย", "คลอง", "หนอง", "แม่น้ำ", "แม่", "วัง", "ดอน", "โคก", "สมเด็จพระ")
)


def facts_of(rec: LineRecord) -> Facts:
    return rec.facts if rec.facts is not None else extract_facts(rec.text, unit=rec.unit, amount=rec.amount)


def _head(key: str) -> str:
    """3 skeleton characters (tolerating OCR slips later in the name), 2 more after a
    word that starts many names (บ้าน, ห้วย, คลอง, หนอง...).  A prefix of a name has the
    same head, as scoring._name_match (equal, or a prefix of at least 3 characters)
    needs; only its fuzzy comparison of two names that differ in their first
    characters, or a prefix ending inside those 2 characters, falls outside the blocks."""
    for w in _COMMON_STARTS:
        if key.startswith(w):
            return key[: len(w) + 2]
    return key[:3]


def _keys(f: Facts, *, lookup: bool = False) -> set[str]:
    """The keys ``f`` is posted under, or (``lookup``) the keys to look up for it."""
    keys: set[str] = set()
    roads = [r for r in f.roads if r.role == "asset"]
    for r in roads:
        if r.kind in ("highway", "rural"):
            keys.add(f"{r.kind}:{r.number}")
        if r.branch_of:
            keys.add(f"branch:{r.branch_of}")
        if r.kind in ("route", "highway", "rural"):
            # A route matches a route or a numbered road by both ends ("endR" posted
            # by routes, "endN" by numbered roads); two numbered roads by number only.
            mine = "endR:" if r.kind == "route" else "endN:"
            wanted = ("endR:", "endN:") if r.kind == "route" else ("endR:",)
            for sec in r.sections:
                for tok in sec:
                    if lookup:
                        keys.update(w + tok[:3] for w in wanted)
                    else:
                        keys.add(mine + tok[:3])
    for s in f.sites:
        if s.kind != "ban":
            keys.add(f"site:{s.kind}:{_head(s.key)}")
    if not roads:
        # The tambon rule: same tambon and same kind of site work, no road.
        for g in groups_of(f.main_work) & TAMBON_RULE_GROUPS:
            for t in f.tambons:
                keys.add(f"tambon:{t}:{g}")
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
        keys = _keys(facts, lookup=True)
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
