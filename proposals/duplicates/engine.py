"""Duplicate screening of provincial/cluster requests against ministry budget lines.

(Rules documented below; filled in after measurement.)
"""

from __future__ import annotations

from .extract import extract_facts
from .facts import Facts, Road, Site, highlight_terms
from .index import ScreeningIndex, naive_screen, screen_many, screen_requests_against_each_other
from .records import LineRecord, Match
from .scoring import compare

__all__ = [
    "Facts",
    "LineRecord",
    "Match",
    "Road",
    "ScreeningIndex",
    "Site",
    "compare",
    "extract_facts",
    "highlight_terms",
    "naive_screen",
    "screen_many",
    "screen_requests_against_each_other",
]
