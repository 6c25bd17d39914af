"""Small tables read on every page, kept in the process for a few seconds (issue 15).

The header of every page shows the current fiscal year and the next deadline (R8): three queries
per page, on tables that change a few times a year (the central team's calendar). In the deadline
week that was a tenth of the database's work. A `Snapshot` keeps what its loader returned for
SNAPSHOT_SECONDS; saving or deleting a row of one of its models clears it at once in this
process, and the other processes (gunicorn workers) see the change within SNAPSHOT_SECONDS.

Only what is shown may come from here: a rule that decides something (may this request still be
submitted?) reads the tables itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable

from django.conf import settings
from django.db.models.signals import post_delete, post_save

_ALL: list[Snapshot] = []


class Snapshot:
    def __init__(self, load: Callable[[Hashable], object], *, models: tuple):
        self._load = load
        self._entries: dict[Hashable, tuple[float, object]] = {}
        self._lock = threading.Lock()
        for model in models:
            post_save.connect(self._changed, sender=model, weak=False)
            post_delete.connect(self._changed, sender=model, weak=False)
        _ALL.append(self)

    def get(self, key: Hashable = None):
        seconds = settings.SNAPSHOT_SECONDS
        now = time.monotonic()
        entry = self._entries.get(key)
        if entry is not None and now - entry[0] < seconds:
            return entry[1]
        value = self._load(key)
        with self._lock:
            self._entries[key] = (now, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def _changed(self, **kwargs) -> None:
        self.clear()


def clear_all() -> None:
    """Forget every snapshot (tests roll back without signals; a bulk update sends none)."""
    for snapshot in _ALL:
        snapshot.clear()
