"""Review-area speed at national scale (issue 5): the reviewer's queue and the dashboard JSON.

    .venv/bin/python bench/review_pages.py [--per-province 300] [--provinces 77] [--runs 5]

Without DATABASE_URL it builds a throw-away SQLite database in a temp directory, migrates it and
runs `seed_scale` (77 provinces x 300 requests); with DATABASE_URL it seeds that database.
`bench_review_pages()` then prints, for the queue at two page sizes and for the dashboard JSON of
a full year and of an empty one, the median time and the query count (equal counts = a constant
number of queries), and a naive baseline in the same process (row-by-row lookups, the usual first
attempt) with the ratio.
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class _QueryCounter:
    """Counts queries with an execute wrapper (CaptureQueriesContext keeps only the last 9,000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _timed(func, runs):
    from django.db import connection

    times, queries = [], 0
    for _ in range(runs):
        counter = _QueryCounter()
        with connection.execute_wrapper(counter):
            t0 = time.perf_counter()
            func()
            times.append(time.perf_counter() - t0)
        queries = counter.count
    return statistics.median(times), queries


def _measure(client, url, runs):
    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    get()  # warm caches and the session
    return _timed(get, runs)


def ensure_bench_people(*, fiscal_year: int):
    """A ทส. reviewer for the queue (seed_scale makes planners and the central team), and some
    duplicate flags so the queue's flag subqueries have rows to count. Idempotent."""
    from django.contrib.auth import get_user_model

    from ministries.models import Ministry
    from portal.models import Membership, Role
    from proposals.models import ProjectRequest
    from proposals.workflow import Status
    from screening.models import DuplicateFlag

    mnre = Ministry.objects.get(code="mnre")
    reviewer, _ = get_user_model().objects.get_or_create(username="scale_reviewer")
    Membership.objects.get_or_create(user=reviewer, role=Role.MINISTRY_REVIEWER, ministry=mnre)
    central = get_user_model().objects.get(username="scale_central")
    waiting = list(
        ProjectRequest.objects.filter(fiscal_year=fiscal_year, status=Status.MINISTRY_REVIEW, reviewing_ministry=mnre)
        .order_by("id")
        .values_list("id", "revision")
    )
    if not DuplicateFlag.objects.filter(request__fiscal_year=fiscal_year).exists() and len(waiting) > 1:
        flags = [
            DuplicateFlag(
                request_id=rid,
                other_request_id=waiting[i - 1][0],
                level="overlap",
                score=0.6,
                reasons=[],
                screened_revision=rev,
                state="open" if i % 2 else "ruled_not_duplicate",
            )
            for i, (rid, rev) in enumerate(waiting)
            if i % 10 == 1
        ]
        DuplicateFlag.objects.bulk_create(flags, batch_size=1000)
    return reviewer, central


def bench_review_pages(*, fiscal_year: int, runs: int = 5, sizes=(25, 100), naive_runs: int = 3) -> dict:
    """Time the queue (two page sizes) and the dashboard JSON (a full and an empty year) on an
    already seeded database; print and return the figures."""
    from django.test import Client

    from proposals.models import ProjectRequest
    from reviews.selectors import review_queue
    from reviews.selectors.dashboard_overview import overview_data
    from reviews.selectors.dashboard_scope import DashboardFilters, dashboard_scope

    reviewer, central = ensure_bench_people(fiscal_year=fiscal_year)
    results = {}
    reviewer_client, central_client = Client(), Client()
    reviewer_client.force_login(reviewer)
    central_client.force_login(central)
    total = ProjectRequest.objects.filter(fiscal_year=fiscal_year).count()
    waiting = review_queue(user=reviewer, filters={"fiscal_year": fiscal_year}).qs.count()
    print(f"{total:,} requests in {fiscal_year}; {waiting:,} waiting for scale_reviewer (ทส.)")
    print(f"{'page':<26}{'size':>7}{'median ms':>12}{'queries':>9}")
    for size in sizes:
        results[("queue", size)] = _measure(
            reviewer_client, f"/reviews/?fiscal_year={fiscal_year}&per_page={size}", runs
        )
        print(
            f"{'reviewer queue':<26}{size:>7}{results[('queue', size)][0] * 1000:>12.1f}{results[('queue', size)][1]:>9}"
        )
    constant = len({results[("queue", s)][1] for s in sizes}) == 1
    print(f"{'':<26}{'':>7}{'':>12}{'constant' if constant else 'GROWS':>9}")
    for label, year in (("dashboard JSON (full year)", fiscal_year), ("dashboard JSON (empty)", fiscal_year + 1)):
        results[("dashboard", year)] = _measure(central_client, f"/api/v1/dashboards/?fiscal_year={year}", runs)
        print(f"{label:<26}{'-':>7}{results[('dashboard', year)][0] * 1000:>12.1f}{results[('dashboard', year)][1]:>9}")
    constant = results[("dashboard", fiscal_year)][1] == results[("dashboard", fiscal_year + 1)][1]
    print(f"{'':<26}{'':>7}{'':>12}{'constant' if constant else 'GROWS':>9}")

    # Baselines in this process: the same answers computed row by row.
    def naive_queue(size):
        rows = []
        queryset = review_queue(user=reviewer, filters={"fiscal_year": fiscal_year}).qs
        for request in ProjectRequest.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)[:size])):
            rows.append(
                (
                    request.office.name_th,
                    request.category.name_th if request.category_id else "",
                    request.duplicate_flags.filter(state__in=["open", "answered"]).count(),
                    request.plan.requests.count(),
                    request.reviewing_ministry.name_th,
                )
            )
        return rows

    def ours_queue(size):
        queryset = review_queue(user=reviewer, filters={"fiscal_year": fiscal_year}).qs
        return [
            (
                r.office.name_th,
                r.category.name_th if r.category_id else "",
                r.open_flags,
                r.plan_size,
                r.reviewing_ministry.name_th,
            )
            for r in queryset[:size]
        ]

    def naive_dashboard():
        """The usual first attempt: load the year's rows and group them in Python."""
        from collections import defaultdict

        from clusters.models import ClusterMembership
        from screening.models import DuplicateFlag

        clusters = dict(
            ClusterMembership.objects.for_fiscal_year(fiscal_year).values_list("province_id", "cluster__name_th")
        )
        confirmed = set(DuplicateFlag.objects.filter(state="ruled_duplicate").values_list("request_id", flat=True))
        by_status, by_ministry, by_cluster, confirmed_amount = defaultdict(int), defaultdict(int), defaultdict(int), 0
        for request in (
            ProjectRequest.objects.visible_to(central)
            .filter(fiscal_year=fiscal_year)
            .select_related("office", "reviewing_ministry")
        ):
            by_status[request.status] += request.amount
            by_ministry[request.reviewing_ministry.name_th if request.reviewing_ministry_id else ""] += request.amount
            by_cluster[clusters.get(request.office.province_id, "")] += request.amount
            confirmed_amount += request.amount if request.pk in confirmed else 0
        return by_status, by_ministry, by_cluster, confirmed_amount

    for size in sizes:
        naive = _timed(lambda size=size: naive_queue(size), max(naive_runs, 1))
        ours = _timed(lambda size=size: ours_queue(size), runs)
        results[("queue-baseline", size)] = (naive, ours)
        print(
            f"baseline queue rows {size}: naive {naive[0] * 1000:.1f} ms / {naive[1]} queries, "
            f"selector {ours[0] * 1000:.1f} ms / {ours[1]} queries: ratio {naive[0] / ours[0]:.1f}x time, "
            f"{naive[1] / max(ours[1], 1):.1f}x queries"
        )
    naive = _timed(naive_dashboard, runs)
    scope = dashboard_scope(user=central, fiscal_year=fiscal_year)
    ours = _timed(lambda: overview_data(scope=scope, filters=DashboardFilters()), runs)
    results["dashboard-baseline"] = (naive, ours)
    print(
        f"baseline dashboard: rows grouped in Python {naive[0] * 1000:.1f} ms / {naive[1]} queries "
        f"(status, ministry, cluster, confirmed duplicates only), aggregates {ours[0] * 1000:.1f} ms / {ours[1]} queries "
        f"(all figures): ratio {naive[0] / ours[0]:.1f}x time"
    )
    return results


def main():
    from _scale import scale_arguments, scale_database

    args = scale_arguments()
    tmp = scale_database(args, prefix="portal-bench-reviews-")
    bench_review_pages(fiscal_year=args.fiscal_year, runs=args.runs)
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
