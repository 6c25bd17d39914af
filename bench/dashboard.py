"""The central team's dashboard data at national scale (issue 14).

    DATABASE_URL=postgres://... .venv/bin/python bench/dashboard.py [--per-province 300] [--runs 7]

Seeds two years with `seed_scale` (77 provinces x 30 requests in the year before, 77 x 300 in
the bench year), then adds what the dashboard reads and seed_scale does not make: duplicate flags
on about one request in eight (duplicate and overlap, open, answered, ruled either way), a submit
event for every filed request spread over a 40-day window, and that window's calendar. After
ANALYZE it prints, for each year, the median time, the CPU time a run (this process and its
PostgreSQL backend: what the work costs whatever else the machine runs) and the query count of the dashboard data
(`overview_data`: money at stake, provinces, clusters, ministries whose lines matched, deadline
compliance, trend), of the alignment matrix, of one table by ministry, the whole overview page,
and of a trivial view (the sign-in page, signed out) in the same run. Without DATABASE_URL it runs on a
throw-away SQLite file.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SMALL = 30


def add_flags_events_calendar(year: int) -> None:
    from django.db import connection, transaction
    from django.db.models import OuterRef, Subquery
    from django.utils import timezone

    from proposals.models import CalendarPhase, PhaseKind, ProjectRequest, RequestEvent
    from proposals.workflow import EventKind, Status
    from screening.models import DuplicateFlag

    if DuplicateFlag.objects.filter(request__fiscal_year=year).exists():
        return
    today = timezone.localdate()
    opens = today - datetime.timedelta(days=45)
    with transaction.atomic():
        for kind in (PhaseKind.PROVINCE_SUBMISSION, PhaseKind.CLUSTER_SUBMISSION):
            CalendarPhase.objects.update_or_create(
                fiscal_year=year,
                kind=kind,
                defaults={"opens_on": opens, "closes_on": opens + datetime.timedelta(days=30)},
            )
        filed = list(
            ProjectRequest.objects.filter(fiscal_year=year)
            .exclude(status=Status.DRAFT)
            .order_by("id")
            .values_list("id", "revision")
        )
        RequestEvent.objects.bulk_create(
            [
                RequestEvent(
                    request_id=pk, action=EventKind.SUBMIT, from_status=Status.DRAFT, to_status=Status.SUBMITTED
                )
                for pk, _rev in filed
            ],
            batch_size=5000,
        )
        events = RequestEvent.objects.filter(request__fiscal_year=year, action=EventKind.SUBMIT)
        for day in range(40):  # spread over the window, the last ten days after the close
            at = timezone.make_aware(datetime.datetime.combine(opens + datetime.timedelta(days=day), datetime.time(10)))
            events.filter(request_id__in=[pk for pk, _r in filed if pk % 40 == day]).update(created_at=at)
        # what request_transition keeps on the row at the first submit (issue 14), as the
        # migration backfills it: the first submit event's time
        ProjectRequest.objects.filter(pk__in=events.values("request_id")).update(
            first_submitted_at=Subquery(
                RequestEvent.objects.filter(request=OuterRef("pk"), action=EventKind.SUBMIT)
                .order_by("created_at")
                .values("created_at")[:1]
            )
        )
        states = ("open", "answered", "ruled_duplicate", "ruled_not_duplicate", "open", "superseded")
        flags = []
        for i, (pk, revision) in enumerate(filed):
            if i % 8 or i == 0:
                continue
            other = filed[i - 1][0]
            flags.append(
                DuplicateFlag(
                    request_id=pk,
                    other_request_id=other,
                    level="duplicate" if i % 16 == 0 else "overlap",
                    score=0.9,
                    reasons=[],
                    screened_revision=revision,
                    state=states[(i // 8) % len(states)],
                )
            )
        DuplicateFlag.objects.bulk_create(flags, batch_size=5000)
    if connection.vendor == "postgresql":
        # The bulk UPDATE of first_submitted_at above leaves a dead version of every request row
        # behind (a real submission writes the row once, with it): compact the table so the scans
        # read the size a year of submissions has, as the bench before the column did.
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM FULL {ProjectRequest._meta.db_table}")


def main():
    from _scale import scale_arguments, scale_database

    args = scale_arguments()
    tmp = scale_database(args, prefix="portal-dashboard-bench-")
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from proposals.models import ProjectRequest
    from reviews.selectors.dashboard_matrix import alignment_matrix
    from reviews.selectors.dashboard_money import money_by
    from reviews.selectors.dashboard_overview import overview_data
    from reviews.selectors.dashboard_scope import DashboardFilters, dashboard_requests, dashboard_scope
    from screening.models import DuplicateFlag

    big, small = args.fiscal_year, args.fiscal_year - 1
    call_command("seed_scale", fiscal_year=small, per_province=SMALL, provinces=args.provinces)
    for year in (small, big):
        add_flags_events_calendar(year)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    central = get_user_model().objects.get(username="scale_central")
    client = Client()
    client.force_login(central)

    backend = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = Path(f"/proc/{cursor.fetchone()[0]}/stat")

    def cpu_seconds() -> float:
        """CPU time of this process and of its PostgreSQL backend (when it runs on this machine):
        what the work costs whatever the other processes on a shared machine are doing."""
        spent = time.process_time()
        if backend is not None and backend.exists():
            fields = backend.read_text().rsplit(")", 1)[1].split()
            spent += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
        return spent

    def timed(fn):
        fn()  # warm
        times, count = [], 0
        cpu_before = cpu_seconds()
        for _ in range(args.runs):
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                fn()
                times.append(time.perf_counter() - t0)
            count = len(captured)
        cpu = (cpu_seconds() - cpu_before) / args.runs
        return statistics.median(times) * 1000, cpu * 1000, count

    anonymous = Client()

    def page(url, who=client):
        def get():
            response = who.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return get

    print(f"{connection.vendor}; {'requests':>9} {'flags':>6}")
    results = {}
    for year in (small, big):
        requests_n = ProjectRequest.objects.filter(fiscal_year=year).count()
        flags_n = DuplicateFlag.objects.filter(request__fiscal_year=year).count()
        print(f"fiscal year {year}: {requests_n:>9,} {flags_n:>6,}")
        scope = dashboard_scope(user=central, fiscal_year=year)
        filters = DashboardFilters()  # no filter: the whole year
        requests = dashboard_requests(scope=scope, filters=filters)
        results[year] = {
            "dashboard data (overview_data)": timed(lambda s=scope, f=filters: overview_data(scope=s, filters=f)),
            "alignment matrix": timed(
                lambda s=scope, f=filters, r=requests: alignment_matrix(scope=s, filters=f, requests=r)
            ),
            "table by ministry": timed(lambda r=requests, y=year: money_by(r, "ministry", fiscal_year=y)),
            "overview page (HTML)": timed(page(f"/reviews/dashboards/?fiscal_year={year}")),
            "trivial view (sign-in page)": timed(page("/accounts/login/", anonymous)),
        }
    # "cpu": CPU ms a run (this process and its database backend): near what an idle machine
    # answers in; the median carries the other processes' load
    sizes = (f"77x{SMALL}", f"77x{args.per_province}")
    header = "".join(f"{size + ' ms':>13}{'cpu':>7}{'queries':>8}" for size in sizes)
    print(f"\n{'what':<32}{header}")
    for name in results[big]:
        cells = ""
        for year in (small, big):
            ms, cpu, queries = results[year][name]
            cells += f"{ms:>13.1f}{cpu:>7.1f}{queries:>8}"
        flag = "" if results[small][name][2] == results[big][name][2] else "  GROWS"
        print(f"{name:<32}{cells}{flag}")
    # a shared machine's load changes every figure: print it beside them
    print(f"load average (1, 5, 15 min): {', '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} CPUs")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
