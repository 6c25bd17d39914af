"""Who wants to know when a fiscal year's budget lines change.

`ministries` sits below the areas that read its budget lines, so it cannot call them; they
subscribe here from their AppConfig.ready() (screening clears its year index and re-screens the
open requests of the year, R6). The import calls `budget_lines_changed` inside its transaction
and once more after commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

LinesChanged = Callable[..., int | None]

_SUBSCRIBERS: list[LinesChanged] = []


def on_budget_lines_changed(func: LinesChanged) -> LinesChanged:
    """Register ``func(*, fiscal_years, committed)``; usable as a decorator. It may return how
    many requests it queued for re-screening (the import says so, issue 12 point 5)."""
    if func not in _SUBSCRIBERS:
        _SUBSCRIBERS.append(func)
    return func


def budget_lines_changed(*, fiscal_years: Iterable[int], committed: bool) -> int:
    """Tell every subscriber; returns the total of the requests they queued for re-screening."""
    years = sorted(set(fiscal_years))
    queued = 0
    for func in list(_SUBSCRIBERS):
        queued += func(fiscal_years=years, committed=committed) or 0
    return queued
