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


# --- the ministries' own-request phase (R6) ---------------------------------------------------
# The budget calendar lives in `proposals`, above this app: it provides the window here from its
# AppConfig.ready(), so an upload is checked against the same phase (and the same extensions)
# the calendar page shows. Without a provider the phase is closed.

OwnRequestWindow = Callable[..., "tuple | None"]
_WINDOW: list[OwnRequestWindow] = []


def provide_own_request_window(func: OwnRequestWindow) -> OwnRequestWindow:
    """Register ``func(*, fiscal_year, ministry_id) -> (opens_on, closes_on) | None``."""
    _WINDOW[:] = [func]
    return func


def own_request_window(*, fiscal_year: int, ministry_id: int | None):
    """(opens_on, closes_on) of the ministries' own-request phase of the year for this ministry
    (its extension applied), or None when the year has no such phase."""
    if not _WINDOW:
        return None
    return _WINDOW[0](fiscal_year=fiscal_year, ministry_id=ministry_id)
