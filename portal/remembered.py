"""Figures computed from a whole year, remembered in the shared cache for a short while (issue 15).

The dashboards' figures are grouped queries over every request of the year: the same answer for
everyone with the same scope and filters, and a minute-old answer is as good in a briefing as a
fresh one. `remembered` keeps a result in the cache (Redis with REDIS_URL: shared by every
worker) for `seconds`, with the time it was computed, which the page shows. A cache that is down
or refuses the value costs the figures being computed again, never the page.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.core.cache import cache
from django.utils import timezone, translation

log = logging.getLogger(__name__)
_generation = [0]  # part of every key: forget_all() makes every remembered value unreachable


def remembered(name: str, key_parts: tuple, seconds: int, compute: Callable[[], dict]) -> tuple[dict, object]:
    """(value, computed_at). The key holds the language: labels are translated when computed."""
    if seconds <= 0:
        return compute(), timezone.now()
    digest = hashlib.sha256(repr((key_parts, translation.get_language(), _generation[0])).encode()).hexdigest()[:32]
    key = f"portal:remembered:{name}:{digest}"
    try:
        hit = cache.get(key)
    except Exception:  # a dead cache must not take the page down
        log.warning("cache unavailable for %s", name, exc_info=True)
        hit = None
    if hit is not None:
        return hit
    value = (compute(), timezone.now())
    try:
        cache.set(key, value, seconds)
    except Exception:
        log.warning("cache refused %s", name, exc_info=True)
    return value


def forget_all() -> None:
    """Tests: a remembered figure of one test's rows must not answer the next test."""
    _generation[0] += 1
