"""Page speed at national scale: the request list, a plan page, the cluster board (issue 3),
the reviewer queue and the dashboard JSON (issue 5).

    .venv/bin/python bench/pages.py [--per-province 300] [--provinces 77] [--runs 5]

Without DATABASE_URL it builds a throw-away SQLite database in a temp directory, migrates it and
runs `seed_scale` (77 provinces x 300 requests); with DATABASE_URL it seeds that database.
For each page it prints the median time and the query count at two page sizes (the counts must
match: a constant number of queries however many rows are shown), and a baseline: the same list
rendered naively (no select_related/prefetch) in the same process, with the ratio.
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    from _scale import scale_arguments, scale_database

    args = scale_arguments()
    tmp = scale_database(args, prefix="portal-bench-")
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from proposals.models import ActionPlan, ProjectRequest

    User = get_user_model()
    year = args.fiscal_year
    planner, cluster, central = (
        User.objects.get(username=u) for u in ("scale_planner", "scale_cluster", "scale_central")
    )
    plan = ActionPlan.objects.get(fiscal_year=year, office__in=planner.memberships.values("office"))
    print(f"{ProjectRequest.objects.filter(fiscal_year=year).count():,} requests in fiscal year {year}")

    def measure(user, url):
        client = Client()
        client.force_login(user)
        client.get(url)  # warm caches
        times, queries = [], None
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - t0)
            assert response.status_code == 200, (url, response.status_code)
            queries = len(captured)
        return statistics.median(times), queries

    pages = [
        ("request list", central, f"/requests/?fiscal_year={year}"),
        ("plan page", planner, f"/plans/{plan.pk}/"),
        ("cluster board", cluster, f"/cluster/?year={year}"),
    ]
    print(f"{'page':<15}{'size':>6}{'median ms':>12}{'queries':>9}")
    results = {}
    for name, user, url in pages:
        for size in (20, 100):
            median, queries = measure(user, f"{url}{'&' if '?' in url else '?'}size={size}")
            results[(name, size)] = (median, queries)
            print(f"{name:<15}{size:>6}{median * 1000:>12.1f}{queries:>9}")
        constant = results[(name, 20)][1] == results[(name, 100)][1]
        print(f"{'':<15}{'':>6}{'':>12}{'constant' if constant else 'GROWS':>9}")

    # Baseline: the same list page rendered from a naive queryset in this process.
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from proposals.filters import RequestFilter
    from proposals.selectors.requests import request_list

    def render(size, *, optimised):
        """The list template rendered directly: the same rows, with and without the selector's joins."""
        request = RequestFactory().get("/requests/")
        request.user = central
        queryset = (
            request_list(user=central)
            if optimised
            else ProjectRequest.objects.visible_to(central).order_by(
                "-fiscal_year", "office__name_th", "priority_rank", "id"
            )
        )
        queryset = queryset.filter(fiscal_year=year)
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            render_to_string(
                "proposals/request_list.html",
                {
                    "filter": RequestFilter(None, queryset=queryset),
                    "page": Paginator(queryset, size).get_page(1),
                    "query": "",
                },
                request=request,
            )
            elapsed = time.perf_counter() - t0
        return elapsed, len(captured)

    for size in (20, 100):
        naive_time = statistics.median(render(size, optimised=False)[0] for _ in range(args.runs))
        ours_time = statistics.median(render(size, optimised=True)[0] for _ in range(args.runs))
        naive_queries, our_queries = render(size, optimised=False)[1], render(size, optimised=True)[1]
        print(
            f"baseline (template only) size {size}: naive {naive_time * 1000:.1f} ms / {naive_queries} queries, "
            f"selector {ours_time * 1000:.1f} ms / {our_queries} queries: ratio {naive_time / ours_time:.1f}x time, "
            f"{naive_queries / our_queries:.1f}x queries"
        )

    # Issue 5: the reviewer queue and the dashboard JSON on the same national-scale year.
    sys.path.insert(0, str(ROOT / "bench"))
    from review_pages import bench_review_pages

    bench_review_pages(fiscal_year=year, runs=args.runs)
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
