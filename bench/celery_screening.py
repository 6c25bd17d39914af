"""One request through a real Celery worker (issue 12 point 4): PostgreSQL + Redis + a worker
this bench starts itself.

    .venv/bin/python bench/celery_screening.py [--requests 100] [--cold]

Environment (defaults): DATABASE_URL=postgres://postgres@127.0.0.1:5432/celerybench,
REDIS_URL=redis://127.0.0.1:6379/9, SCREENING_INDEX_DIR (the settings' default).

It creates the database when missing, migrates, loads the reference data, the real FY2565
ministry lines (`import_budget_lines`) and the file's provincial/cluster rows as requests
(`import_requests`), each only when absent. Then it puts N requests back into screening (their
runs and flags forgotten), builds the year's index in this process (persisting it, as the first
process after an import does; `--cold` deletes the persisted files instead, so the worker's
first task builds it), starts `celery worker -c 1` and queues the N screenings through the
outbox, as a submission does.

The worker records when each task starts and ends (task_prerun/task_postrun connected in the
worker). "Task start -> flags committed" runs from the task's start to its ScreeningRun's
finished_at, stamped in the transaction that stores the flags, just before it commits. Printed:
the worker's first screening task, p50/p95 over the N tasks, the whole task (which also moves the
request on to review and marks its outbox row done), ScreeningRun started->finished, and a no-op
task's round trip (send -> result) as the same-run baseline, with the load average: the machine
is shared, and under load every figure (the baseline too) grows.
Targets: p95 <= 100 ms, first task <= 1 s.

Last runs (2 Dec 2026, FY2565: 36,598 ministry lines, 1,951 requests; 2 shared cores):
  load 1.0:  first task 0.21 s and 0.57 s; start -> flags committed p50 37-52 ms, p95 50-78 ms;
             whole task p95 65-100 ms; no-op round trip p50 3-7 ms.       targets met
  load 4-4.8 (other agents): first task 0.6-1.2 s, p95 122-152 ms, no-op p50 9-11 ms.
  --cold (no persisted index, no shared records): first task 2.8 s (4.4 s under load), p95 196 ms.

Issue 12 round trips (6 Dec 2026): a task's statements went from 35 to 20 (before the flags
commit: 28 -> 14): the claim is one INSERT on a first delivery (was BEGIN, SELECT, SAVEPOINT,
INSERT, RELEASE, COMMIT, UPDATE, SELECT), the related offices are a subquery, a first screening
of a revision stores its flags without the three retiring UPDATEs and the COUNT, and the owners'
notice reads the new flags with their departments in one query (was a list of ids, the flags,
and one query per flag for its department). In one process (no queue), a task's service takes
p50 22 ms, p95 38 ms (load 4.8). Through the worker, alternating old and new service code at
load 2.5-3.3 (no-op round trip p50 2-6 ms, which says how noisy the machine was):
  old (3 runs): first 0.18-0.52 s, p50 30-64 ms, p95 60-94 ms; targets met in 3 of 3
  new (4 runs): first 0.28-0.56 s, p50 26-59 ms, p95 72-133 ms; met in 3 of 4 (the 133 ms run
  had the no-op p50 at 6 ms): at this noise the fewer statements do not show; the load of the
  other sessions decides the tail.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/celerybench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/9"
FISCAL_YEAR = 2565
TIMING_KEY = "celerybench:timing"
NOOP = "bench.celery_screening.noop"
TARGET_P95_MS = 100.0
TARGET_FIRST_S = 1.0


def _environment() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("REDIS_URL", DEFAULT_REDIS_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("AXES_ENABLED", "false")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)


# ---------------------------------------------------------------- the worker side


def worker_main() -> None:
    """Runs inside the worker this bench starts: a no-op task and the timing signals."""
    _environment()
    import django

    django.setup()
    import redis
    from celery.signals import task_postrun, task_prerun

    from portal.celery import app

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    started: dict[str, float] = {}

    @app.task(name=NOOP)
    def noop():
        return None

    @task_prerun.connect(weak=False)
    def _start(task_id=None, **kwargs):
        started[task_id] = time.time()

    @task_postrun.connect(weak=False)
    def _end(task_id=None, task=None, args=None, state=None, **kwargs):
        end = time.time()
        record = {"name": task.name, "args": list(args or ()), "start": started.pop(task_id, end), "end": end}
        record.update({"state": state, "pid": os.getpid()})
        client.hset(TIMING_KEY, task_id, json.dumps(record))

    app.worker_main(["worker", "--pool=prefork", "--concurrency=1", "--loglevel=WARNING", "-n", "celerybench@%h"])


# ---------------------------------------------------------------- the bench side


def _database_create() -> None:
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    connection = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"] or None,
        host=config["HOST"],
        port=config["PORT"] or 5432,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
            print(f"database {config['NAME']} created")
    connection.close()


def _data_load(lines_file: Path) -> None:
    from django.core.management import call_command

    from clusters.models import Province
    from ministries.models import BudgetLine
    from proposals.models import ProjectRequest

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    if not Province.objects.exists():
        call_command("load_reference", verbosity=0)
    if not BudgetLine.objects.for_fiscal_year(FISCAL_YEAR).ministry_lines().exists():
        call_command("import_budget_lines", str(lines_file))
    if not ProjectRequest.objects.filter(fiscal_year=FISCAL_YEAR).exists():
        call_command("import_requests", str(lines_file), fiscal_year=FISCAL_YEAR, create_missing_offices=True)
    lines = BudgetLine.objects.for_fiscal_year(FISCAL_YEAR).ministry_lines().count()
    requests = ProjectRequest.objects.filter(fiscal_year=FISCAL_YEAR).count()
    print(f"data ready in {time.monotonic() - started:.1f}s: {lines:,} ministry lines, {requests:,} requests")


def _requests_prepare(count: int) -> list[tuple[int, int]]:
    """N requests of the year back in screening, with no run and no flag: each task does the
    whole work (screen, store flags, notify line owners, move on)."""
    from django.db import transaction

    from portal.models import OutboxMessage
    from proposals.models import ProjectRequest
    from proposals.models.requests import ScreeningState
    from proposals.workflow import Status
    from screening.models import DuplicateFlag, ScreeningRun

    ids = sorted(ProjectRequest.objects.filter(fiscal_year=FISCAL_YEAR).values_list("id", flat=True))
    chosen = sorted(random.Random(12).sample(ids, min(count, len(ids))))
    with transaction.atomic():
        ScreeningRun.objects.filter(request_id__in=chosen).delete()
        DuplicateFlag.objects.filter(request_id__in=chosen).delete()
        ProjectRequest.objects.filter(pk__in=chosen).update(
            status=Status.SCREENING, screening_state=ScreeningState.PENDING, screened_revision=None
        )
        OutboxMessage.objects.filter(done_at__isnull=True).delete()  # earlier runs' leftovers
    return list(ProjectRequest.objects.filter(pk__in=chosen).values_list("id", "revision"))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _worker_start(log: Path) -> subprocess.Popen:
    handle = log.open("w")
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--worker"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=handle,
        stderr=subprocess.STDOUT,
    )


def _noop_round_trips(app, count: int, *, first_timeout: float = 90.0) -> list[float]:
    times = []
    for i in range(count):
        sent = time.perf_counter()
        app.send_task(NOOP).get(timeout=first_timeout if i == 0 else 10)
        times.append(time.perf_counter() - sent)
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--noops", type=int, default=30)
    parser.add_argument("--cold", action="store_true", help="no persisted index: the worker's first task builds it")
    args = parser.parse_args(argv)
    _environment()
    from bench._data import LINES_FILE as LINES_NAME
    from bench._data import data_dir, missing_message

    shared = data_dir()
    if shared is None:
        print(missing_message())
        return 0
    lines_file = shared / LINES_NAME
    _database_create()
    import django

    django.setup()
    import redis
    from django.db import transaction

    from portal.celery import app
    from portal.outbox import outbox_enqueue
    from proposals.models import ProjectRequest
    from screening import adapters
    from screening.models import ScreeningRun
    from screening.tasks import screen_request_task

    _data_load(lines_file)
    pairs = _requests_prepare(args.requests)
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    client.delete(TIMING_KEY)
    adapters.clear_cache()
    index_dir = adapters.index_dir()
    if args.cold:
        for path in index_dir.glob(f"year-{FISCAL_YEAR}-*"):
            path.unlink()
        print(f"index: none persisted in {index_dir} (--cold)")
        redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()  # the shared request records too
        print("request records: none in the shared cache (--cold)")
    else:
        # The year's requests were screened when they were submitted, so their records are in the
        # shared cache; these were imported unscreened (`import_requests`), so extract them here.
        started = time.perf_counter()
        everyone = adapters.request_records(ProjectRequest.objects.filter(fiscal_year=FISCAL_YEAR))
        print(
            f"request records: {len(everyone):,} in the shared cache (as after their own screening) "
            f"in {time.perf_counter() - started:.1f}s"
        )
        adapters.clear_cache()
        started = time.perf_counter()
        built = adapters.year_index(FISCAL_YEAR)
        print(
            f"index: {len(built.index):,} placed lines of {len(built.line_ids):,}, ready in this process in "
            f"{time.perf_counter() - started:.2f}s, persisted as {adapters.index_path(FISCAL_YEAR, built.version)}"
        )
    app.control.purge()
    client.delete(TIMING_KEY)

    log = Path(os.environ.get("TMPDIR", "/tmp")) / "celerybench-worker.log"
    worker = _worker_start(log)
    try:
        _noop_round_trips(app, 1)  # the worker is up and its child answers
        noops = _noop_round_trips(app, args.noops)
        with transaction.atomic():  # as a submission queues its screening (issue 13 item 2)
            for request_id, revision in pairs:
                outbox_enqueue(task_name=screen_request_task.name, args=[request_id, revision])
        deadline = time.monotonic() + 600
        ids = [request_id for request_id, _ in pairs]
        done = 0
        while time.monotonic() < deadline:
            done = ScreeningRun.objects.filter(request_id__in=ids, status=ScreeningRun.RunStatus.DONE).count()
            finished = sum(1 for raw in client.hvals(TIMING_KEY) if json.loads(raw)["name"] == screen_request_task.name)
            if finished >= len(pairs):
                break
            if worker.poll() is not None:
                print(f"the worker exited ({worker.returncode}); see {log}")
                return 1
            time.sleep(0.2)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()

    timings = [json.loads(raw) for raw in client.hvals(TIMING_KEY)]
    screens = sorted((t for t in timings if t["name"] == screen_request_task.name), key=lambda t: t["start"])
    if len(screens) < len(pairs) or done < len(pairs):
        print(f"only {len(screens)} of {len(pairs)} tasks finished ({done} runs done); see {log}")
        return 1
    runs = {
        r.request_id: r for r in ScreeningRun.objects.filter(request_id__in=ids, status=ScreeningRun.RunStatus.DONE)
    }
    # task start (the worker's task_prerun) -> flags committed (the run's finished_at, stamped in
    # the transaction that stores the flags, just before its commit); the same machine's clock
    committed = [(runs[t["args"][0]].finished_at.timestamp() - t["start"]) * 1000 for t in screens]
    whole = [(t["end"] - t["start"]) * 1000 for t in screens]
    first = committed[0] / 1000
    p50, p95 = statistics.median(committed), _percentile(committed, 0.95)
    warm = committed[1:]
    run_ms = [(r.finished_at - r.started_at).total_seconds() * 1000 for r in runs.values()]
    flags = sum(r.flags_stored for r in runs.values())
    noop_ms = [n * 1000 for n in noops]

    print(f"\n{len(screens)} screenings of FY{FISCAL_YEAR} through one worker (prefork, concurrency 1), {flags} flags")
    print(f"  worker's first task (start -> flags committed): {first:.3f} s   target <= {TARGET_FIRST_S:.0f} s")
    print(f"  task start -> flags committed: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(committed):.1f} ms")
    print(f"    without the first task: p50 {statistics.median(warm):.1f} ms, p95 {_percentile(warm, 0.95):.1f} ms")
    print(
        f"  whole task (and moving the request on to review, outbox bookkeeping): p50 {statistics.median(whole):.1f} ms,"
        f" p95 {_percentile(whole, 0.95):.1f} ms"
    )
    print(
        f"  ScreeningRun started -> finished: p50 {statistics.median(run_ms):.1f} ms, p95 {_percentile(run_ms, 0.95):.1f} ms"
    )
    print(
        f"  baseline, no-op task round trip (send -> result, {len(noop_ms)}): "
        f"p50 {statistics.median(noop_ms):.1f} ms, p95 {_percentile(noop_ms, 0.95):.1f} ms"
    )
    print(f"  load average during the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    ok = p95 <= TARGET_P95_MS and first <= TARGET_FIRST_S
    print(f"  targets (p95 <= {TARGET_P95_MS:.0f} ms, first <= {TARGET_FIRST_S:.0f} s): {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    if "--worker" in sys.argv:
        worker_main()
    else:
        sys.exit(main())
