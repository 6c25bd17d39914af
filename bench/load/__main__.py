"""The deadline-week load bench (issue 15), one command:

    make bench-load                       # or: .venv/bin/python -m bench.load
    .venv/bin/python -m bench.load --levels 50 --measure 60 --database-url postgres://.../load_bench

It creates (or reuses) a PostgreSQL database, migrates it, loads the reference data and a
national-size year (`seed_scale`: 77 provinces x N requests) with accounts for every role, starts
gunicorn with the project's gunicorn.conf.py, a Celery worker on Redis, and runs Locust headless
through the levels (50, 100, 200 users by default): planners (list, detail, plan page, search,
API, draft saves through the real form, submits), cluster officers, ministry reviewers (queue,
decision page, endorsements), central staff (dashboard, agenda, list, search), and probes of a
trivial view (/healthz) in the same run as the ceiling. It prints per page kind the throughput,
p50/p95/p99 and errors; reads, writes, the mixed total and the trivial view; and the issue's
targets at 100 users. Everything it wrote is under --out (results.json, report.txt, logs).

The figures are only as quiet as the machine: the report prints the load average of each window.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def _arguments():
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/load_bench"),
        help="PostgreSQL database for the bench (created when missing); default LOAD_DATABASE_URL or load_bench",
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/1"), help="broker and cache"
    )
    parser.add_argument("--levels", default="50,100,200", help="simulated users per level, comma separated")
    parser.add_argument("--measure", type=float, default=60, help="seconds measured at each level")
    parser.add_argument("--think", default="1,4", help="think time between pages, min,max seconds")
    parser.add_argument("--per-province", type=int, default=300, help="requests per province in the year")
    parser.add_argument("--fiscal-year", type=int, default=2599)
    parser.add_argument("--port", type=int, default=18000)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py, 2 x CPU count + 1)")
    parser.add_argument("--threads", type=int, help="gunicorn threads per worker (default: gunicorn.conf.py)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the database of the last run (by default it is dropped and seeded again: each run's "
        "submits and endorsements use up drafts and waiting requests, and a run with fewer left writes less)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "load-bench")
    return parser.parse_args()


def _admin_url(database_url: str) -> tuple[str, str]:
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def _database(database_url: str, *, fresh: bool) -> None:
    import psycopg2

    admin, name = _admin_url(database_url)
    connection = psycopg2.connect(admin)
    connection.autocommit = True
    with connection.cursor() as cursor:
        if fresh:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def _start(command, *, env, log: Path) -> subprocess.Popen:
    handle = open(log, "w")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def main():
    args = _arguments()
    args.out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        DEBUG="0",  # production-like: no query log, templates cached
        PORTAL_PRODUCTION="0",  # plain HTTP on the loopback: no SSL redirect
        PYTHONPATH=str(ROOT),
        GUNICORN_BIND=f"127.0.0.1:{args.port}",
        GUNICORN_ACCESS_LOG=str(args.out / "access.log"),
    )
    if args.workers:
        env["GUNICORN_WORKERS"] = str(args.workers)
    if args.threads:
        env["GUNICORN_THREADS"] = str(args.threads)

    started = time.monotonic()
    print(f"database {urlsplit(args.database_url).path.lstrip('/')}: migrate, reference data, year {args.fiscal_year}")
    _database(args.database_url, fresh=not args.reuse)
    manifest = args.out / "manifest.json"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "load" / "prepare.py"),
            "--fiscal-year",
            str(args.fiscal_year),
            "--per-province",
            str(args.per_province),
            "--manifest",
            str(manifest),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    print(f"prepared in {time.monotonic() - started:.0f} s")

    host = f"http://127.0.0.1:{args.port}"
    gunicorn = _start(
        [str(VENV_BIN / "gunicorn"), "portal.wsgi:application", "--config", "gunicorn.conf.py"],
        env=env,
        log=args.out / "gunicorn.log",
    )
    worker = _start(
        [str(VENV_BIN / "celery"), "-A", "portal", "worker", "--loglevel=WARNING", "--concurrency=1", "-Ofair"],
        env=env,
        log=args.out / "worker.log",
    )
    results = args.out / "results.json"
    try:
        _wait_for(host + "/healthz")
        levels = [int(x) for x in args.levels.split(",")]
        print(f"locust: levels {levels}, {args.measure:.0f} s measured at each, think time {args.think} s")
        locust_env = dict(
            env,
            LOAD_MANIFEST=str(manifest),
            LOAD_LEVELS=args.levels,
            LOAD_MEASURE=str(args.measure),
            LOAD_THINK=args.think,
            LOAD_RESULTS=str(results),
        )
        subprocess.run(
            [
                str(VENV_BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "load" / "locustfile.py"),
                "--headless",
                "--host",
                host,
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=locust_env,
            check=False,  # locust exits 1 when any request failed: the report says which
            stdout=open(args.out / "locust.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
    finally:
        _stop(gunicorn)
        _stop(worker)

    from bench.load.report import render, summarise

    summary = summarise(json.loads(results.read_text(encoding="utf-8")))
    text = render(summary)
    gunicorn_conf = "workers/threads from gunicorn.conf.py" + (
        f" (GUNICORN_WORKERS={args.workers})" if args.workers else f" (CPU count {os.cpu_count()})"
    )
    header = f"load bench: {args.per_province} requests x 77 provinces, {gunicorn_conf}, total {time.monotonic() - started:.0f} s"
    (args.out / "report.txt").write_text(header + "\n" + text + "\n", encoding="utf-8")
    (args.out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    print(header)
    print(text)
    print(f"\nfiles: {args.out}")


if __name__ == "__main__":
    main()
