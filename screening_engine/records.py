"""Plain records passed in and out of the engine (no ORM)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .facts import Facts


@dataclass(frozen=True)
class LineRecord:
    """One budget line or request.  ``facts`` may be None: the index extracts them
    from ``text`` and ``unit`` (give stored facts to skip that, and to keep the
    work kinds that only the PROJECT/OUTPUT context revealed)."""

    ref: str
    fiscal_year: int
    unit: str
    ministry: str
    text: str
    amount: int | None = None
    facts: Facts | None = None


@dataclass(frozen=True)
class Match:
    line_ref: str
    score: float  # 0..1; >= 0.7 for duplicates, 0.35..0.65 for overlaps
    level: str  # "duplicate" | "overlap"
    reasons: tuple[str, ...]  # Thai, one checkable fact each
    matched_terms: tuple[str, ...] = field(default=())  # strings to highlight in both texts
