"""Who wants to know when offices are renamed.

`clusters` sits below the areas that copy an office's name (proposals keeps it on each request
as the lists' sort key, issue 15), so it cannot call them; they subscribe here from their
AppConfig.ready(). Whatever renames an office (the admin, `load_reference`) calls
`offices_renamed` inside its transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

OfficesRenamed = Callable[..., object]

_SUBSCRIBERS: list[OfficesRenamed] = []


def on_offices_renamed(func: OfficesRenamed) -> OfficesRenamed:
    """Register ``func(*, office_ids)``; usable as a decorator."""
    if func not in _SUBSCRIBERS:
        _SUBSCRIBERS.append(func)
    return func


def offices_renamed(*, office_ids: Iterable[int]) -> None:
    ids = sorted(set(office_ids))
    if not ids:
        return
    for func in list(_SUBSCRIBERS):
        func(office_ids=ids)
