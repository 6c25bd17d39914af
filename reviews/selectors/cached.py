"""Cached reads of the central dashboard (issue 15).

The dashboard's R1 summary and its JSON read every filed request of the year and judge each in
Python (2.4 s and 4.2 s for 20,790 requests on the bench machine; under load one such page held a
worker's threads for 14-17 s, and every page behind it waited). Their inputs change far less
often than they are read, so the results are cached under a key that names them: who may see
what (the role scope), the year, the language and day, and a stamp of the rows they read (how
many and the latest change of each table; any write there makes a new key, so a page never shows
figures older than the data). A stamp is a handful of small aggregate queries; the TTL bounds
what no stamp sees (a strategy edited in place by an administrator).

In the deadline week the year changes every few seconds, so an exact stamp alone would recompute
on nearly every view: figures up to DASHBOARD_STALE_SECONDS old (default 60) are served as they
are, and while one request recomputes, the others are served the previous figures instead of
all recomputing at once (a worker's threads share one interpreter lock).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.utils import timezone, translation

from ministries.models import EnvelopeChange, EnvelopeDraw, SupportEnvelope
from portal.roles import scope_of
from proposals.models import CalendarPhase, DeadlineExtension, ProjectRequest, RequestEvent
from reviews.models import StrategyMapping
from screening.models import DuplicateFlag

TTL_SECONDS = 5 * 60
RECOMPUTE_LOCK_SECONDS = 60


def _cached(name: str, identity: tuple, stamp: tuple, compute):
    """compute() under `identity` (who, what, language...), fresh for `stamp`: see the module."""
    key = f"{name}:" + hashlib.sha256(repr(identity).encode()).hexdigest()
    entry = cache.get(key)
    now = time.time()
    if entry is not None:
        old_stamp, data, computed_at = entry
        if old_stamp == stamp or now - computed_at < settings.DASHBOARD_STALE_SECONDS:
            return data
        if not cache.add(f"{key}:computing", 1, RECOMPUTE_LOCK_SECONDS):
            return data  # another request is recomputing: the previous figures meanwhile
    data = compute()
    cache.set(key, (stamp, data, now), TTL_SECONDS)
    cache.delete(f"{key}:computing")
    return data


def _visibility_key(user) -> str:
    scope = scope_of(user)
    parts = [
        sorted(scope.office_ids),
        sorted(scope.cluster_office_ids),
        sorted(scope.ministry_ids),
        sorted(scope.department_ids),
        sorted(scope.field_office_ids),
        scope.is_central,
    ]
    return repr(parts)


def alignment_summary_cached(*, user, fiscal_year: int) -> list[dict]:
    """`reviews.selectors.alignment_summary` of the requests `user` sees in `fiscal_year`, cached."""
    from reviews.alignment import LABELS
    from reviews.selectors.dashboard import alignment_summary

    requests = ProjectRequest.objects.visible_to(user).filter(fiscal_year=fiscal_year)
    stamp = (
        requests.order_by().aggregate(n=Count("id"), latest=Max("updated_at")),
        StrategyMapping.objects.filter(fiscal_year=fiscal_year).aggregate(n=Count("id"), latest=Max("updated_at")),
    )
    counts = _cached(
        "alignment-summary",
        (fiscal_year, _visibility_key(user)),
        stamp,
        lambda: [(row["state"], row["count"]) for row in alignment_summary(requests)],
    )
    return [{"state": state, "label": LABELS[state], "count": n} for state, n in counts]


def _year_stamp(requests, fiscal_year: int) -> tuple:
    """What the dashboard reads, summarised: a write to any of it changes the stamp."""
    return (
        requests.order_by().aggregate(n=Count("id"), latest=Max("updated_at")),
        RequestEvent.objects.aggregate(last=Max("id")),
        DuplicateFlag.objects.aggregate(
            n=Count("id"), last=Max("id"), ruled=Max("ruled_at"), answered=Max("owner_answered_at")
        ),
        StrategyMapping.objects.filter(fiscal_year=fiscal_year).aggregate(n=Count("id"), latest=Max("updated_at")),
        SupportEnvelope.objects.filter(fiscal_year=fiscal_year).aggregate(n=Count("id"), latest=Max("updated_at")),
        EnvelopeDraw.objects.filter(envelope__fiscal_year=fiscal_year).aggregate(
            n=Count("id"), last=Max("id"), total=Sum("amount"), released=Max("released_at")
        ),
        EnvelopeChange.objects.aggregate(last=Max("id")),
        list(CalendarPhase.objects.filter(fiscal_year=fiscal_year).order_by("id").values_list("kind", "closes_on")),
        DeadlineExtension.objects.filter(fiscal_year=fiscal_year).aggregate(n=Count("id"), last=Max("id")),
    )


def dashboard_data_cached(*, user, fiscal_year: int) -> dict:
    """`reviews.selectors.dashboard_data` for `user` (today, in this language), cached."""
    from reviews.selectors.dashboard import dashboard_data

    requests = ProjectRequest.objects.visible_to(user).filter(fiscal_year=fiscal_year)
    return _cached(
        "dashboard-data",
        (fiscal_year, _visibility_key(user), translation.get_language(), timezone.localdate()),
        _year_stamp(requests, fiscal_year),
        lambda: dashboard_data(user=user, fiscal_year=fiscal_year),
    )
