"""Cached reads of the central dashboard (issue 15).

The dashboard's R1 summary and its JSON read every filed request of the year and judge each in
Python (2.4 s and 4.2 s for 20,790 requests on the bench machine; under load one such page held a
worker's threads for 14-17 s, and every page behind it waited). Their inputs change far less
often than they are read, so the results are cached under a key that names them: who may see
what (the role scope), the year, the language and day, and a stamp of the rows they read (how
many and the latest change of each table; any write there makes a new key, so a page never shows
figures older than the data). A stamp is a handful of small aggregate queries; the TTL bounds
what no stamp sees (a strategy edited in place by an administrator).
"""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.utils import timezone, translation

from ministries.models import EnvelopeChange, EnvelopeDraw, SupportEnvelope
from portal.roles import scope_of
from proposals.models import CalendarPhase, DeadlineExtension, ProjectRequest, RequestEvent
from reviews.models import StrategyMapping
from screening.models import DuplicateFlag

TTL_SECONDS = 5 * 60


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
    """`reviews.selectors.alignment_summary` of the requests `user` sees in `fiscal_year`,
    from the cache when nothing it reads has changed."""
    from reviews.alignment import LABELS
    from reviews.selectors.dashboard import alignment_summary

    requests = ProjectRequest.objects.visible_to(user).filter(fiscal_year=fiscal_year)
    stamp = (
        requests.order_by().aggregate(n=Count("id"), latest=Max("updated_at")),
        StrategyMapping.objects.filter(fiscal_year=fiscal_year).aggregate(n=Count("id"), latest=Max("updated_at")),
    )
    key = "alignment-summary:" + hashlib.sha256(repr((fiscal_year, _visibility_key(user), stamp)).encode()).hexdigest()
    counts = cache.get(key)
    if counts is None:
        counts = [(row["state"], row["count"]) for row in alignment_summary(requests)]
        cache.set(key, counts, TTL_SECONDS)
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
    """`reviews.selectors.dashboard_data` for `user`, from the cache when nothing it reads has
    changed since it was computed (today, in this language)."""
    from reviews.selectors.dashboard import dashboard_data

    requests = ProjectRequest.objects.visible_to(user).filter(fiscal_year=fiscal_year)
    key = (
        "dashboard-data:"
        + hashlib.sha256(
            repr(
                (
                    fiscal_year,
                    _visibility_key(user),
                    translation.get_language(),
                    timezone.localdate(),
                    _year_stamp(requests, fiscal_year),
                )
            ).encode()
        ).hexdigest()
    )
    data = cache.get(key)
    if data is None:
        data = dashboard_data(user=user, fiscal_year=fiscal_year)
        cache.set(key, data, TTL_SECONDS)
    return data
