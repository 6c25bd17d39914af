"""gunicorn settings (issue 15: the deadline week, 77 provinces and 18 clusters at once).

Read by `gunicorn portal.wsgi:application` from the working directory (the Dockerfile, the
compose file and `bench/load` all start it that way). Every value can be overridden by the
environment (GUNICORN_*), so the same file serves a 2-core VM and a large server.

Why these defaults, from the load bench (`make bench-load`, 100 simulated people on 2 cores, the
same code, one level each, on a reused database, so later runs wrote somewhat less): 3 workers x 4
threads gave reads a p95 of 887-1,083 ms; 4 x 2, 533 ms; 5 x 2, 455 ms; 5 x 1, 436-515 ms; 6 x 1,
426 ms; on a freshly seeded year, 5 x 1 gave 439 ms. A page is mostly Python (the database is a sixth
of the CPU), so threads of one process take turns on its GIL and a request waits for the others'
turns; processes use the cores. Hence 2 x CPU + 1 workers of one thread each. gthread still
keeps idle keep-alive connections off the worker's hands. A slow request (a year's XLSX) holds
its worker: GUNICORN_THREADS=2 trades some of that for a longer tail.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1)
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 1)
# A request still running after this is killed with its worker: longer than the slowest
# legitimate page (the XLSX export of a full year), shorter than a user's patience.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)  # seconds, behind a reverse proxy on the same network
# Recycle workers now and then (a slow leak never takes the site down); the jitter keeps them
# from restarting all at once. Not too often: a restart drains the worker for seconds and the new
# one starts with cold caches. At 2,000 the load bench saw all three workers restart within a
# minute of the deadline-week peak (each handles ~15 requests/s there): 20,000 is ~20 minutes.
max_requests = _int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 4000)
# Load the application before forking: workers share its memory pages and a broken settings
# module fails the start instead of every worker's first request.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")  # stdout: the container's log
errorlog = "-"
# the time taken (microseconds, %(D)s) in every line: what the load bench's p95 is made of
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)sus "%(a)s"'
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    """A preloaded application may have opened a database connection in the master: close it
    before forking, so no worker shares the master's socket."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
