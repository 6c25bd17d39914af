"""Writes of duplicate screening (R6: 000 ประเด็น 1 item 6; ประเด็น 5 item 1).

- `screening_queue`: on submit (after commit) the request enters screening and the task is queued.
- `request_screen`: what the task does; idempotent (a ScreeningRun row claims the work) and
  stale-safe (a revision that is no longer current is skipped).
- `flag_respond` / `flag_rule`: the planner's answer and the reviewer's ruling, each an event.
- `screen_year`: the whole year at once for `screen_duplicates`.
"""

from screening.services.flags import RulingResult, flag_owner_answer, flag_respond, flag_rule
from screening.services.screening import (
    flags_store,
    matches_for,
    request_rescreen,
    request_screen,
    request_screen_failed,
    rescreen_fiscal_year,
    screening_queue,
)
from screening.services.year import screen_year, year_requests

__all__ = [
    "RulingResult",
    "flag_owner_answer",
    "flag_respond",
    "flag_rule",
    "flags_store",
    "matches_for",
    "request_rescreen",
    "request_screen",
    "request_screen_failed",
    "rescreen_fiscal_year",
    "screen_year",
    "screening_queue",
    "year_requests",
]
