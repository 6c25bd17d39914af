"""Where the machine's CPU went during a measured window (issue 15): the web server, the database,
the Celery worker, Locust itself and the rest, in cores (1.0 = one core busy the whole window).

The bench runs every part on one machine, so this says whether a level was limited by the pages
(gunicorn), by the database, or by the load generator competing for the same cores.
"""

import os

import psutil

PARTS = ("gunicorn", "postgres", "celery", "locust", "redis")


def _part(process) -> str:
    try:
        text = " ".join(process.cmdline()) or process.name()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return "other"
    if process.pid == os.getpid():
        return "locust"
    for part in PARTS:
        if part in text:
            return part
    return "other"


def cpu_seconds() -> dict[int, tuple[str, float]]:
    """pid -> (part, user + system seconds so far) for every process that can be read."""
    out = {}
    for process in psutil.process_iter():
        try:
            times = process.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
        out[process.pid] = (_part(process), times.user + times.system)
    return out


def cores_used(before: dict, after: dict, seconds: float) -> dict[str, float]:
    """Cores each part used between two `cpu_seconds()` readings `seconds` apart (processes born
    in between count from zero)."""
    used: dict[str, float] = {}
    for pid, (part, total) in after.items():
        start = before.get(pid, (part, 0.0))[1]
        used[part] = used.get(part, 0.0) + max(0.0, total - start)
    return {part: round(value / seconds, 2) for part, value in sorted(used.items()) if seconds > 0}
