"""Pure duplicate-screening engine (no ORM).  Rules and library choices: engine.py."""

from .engine import (
    Facts,
    LineRecord,
    Match,
    ScreeningIndex,
    extract_facts,
    highlight_terms,
    naive_screen,
    screen_many,
    screen_requests_against_each_other,
)

__all__ = [
    "Facts",
    "LineRecord",
    "Match",
    "ScreeningIndex",
    "extract_facts",
    "highlight_terms",
    "naive_screen",
    "screen_many",
    "screen_requests_against_each_other",
]
