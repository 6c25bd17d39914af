"""What each page kind of the load bench costs alone (issue 15): the profile behind its figures.

    DATABASE_URL=postgres://.../load_bench .venv/bin/python -m bench.load.service_times [--runs 5]

Run after `python -m bench.load` (it reads the manifest the bench wrote, default
var/load-bench/manifest.json). One simulated person of each role, in this process (no server, no
network): the fastest of `--runs` requests and the query count per page kind. Under load, a
page's p50 is roughly its service time times the queue in front of it; the kinds at the top of
this list are what to make cheaper next.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--manifest", type=Path, default=ROOT / "var" / "load-bench" / "manifest.json")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DEBUG", "0")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    year = manifest["fiscal_year"]
    accounts = manifest["accounts"]
    planner, reviewer = accounts["planner"][0], accounts["reviewer"][0]
    draft = (planner["drafts"] or planner["requests"])[0]
    waiting = (reviewer["waiting"] or [planner["requests"][0]])[0]
    pages = [
        ("planner", planner, "request list", f"/requests/?fiscal_year={year}"),
        ("planner", planner, "request detail", f"/requests/{planner['requests'][1]}/"),
        ("planner", planner, "plan page", f"/plans/{planner['plan']}/"),
        ("planner", planner, "search", f"/requests/?fiscal_year={year}&q=ขุดลอก"),
        ("planner", planner, "API list", f"/api/v1/requests/?fiscal_year={year}"),
        ("planner", planner, "draft save form", f"/requests/{draft}/edit/"),
        ("planner", planner, "submit form", f"/requests/{draft}/submit/"),
        ("cluster", accounts["cluster"][0], "board", f"/cluster/?year={year}"),
        ("cluster", accounts["cluster"][0], "request list", f"/requests/?fiscal_year={year}"),
        ("reviewer", reviewer, "queue", f"/reviews/?fiscal_year={year}"),
        ("reviewer", reviewer, "queue search", f"/reviews/?which=all&fiscal_year={year}&q=ฝาย"),
        ("reviewer", reviewer, "decision page", f"/reviews/requests/{waiting}/"),
        ("central", accounts["central"][0], "dashboard", f"/reviews/dashboards/?fiscal_year={year}"),
        ("central", accounts["central"][0], "dashboard data", f"/api/v1/dashboards/?fiscal_year={year}"),
        ("central", accounts["central"][0], "agenda list", "/reviews/agendas/"),
        ("central", accounts["central"][0], "request list", f"/requests/?fiscal_year={year}"),
        ("-", None, "trivial /healthz", "/healthz"),
    ]
    users = get_user_model().objects.in_bulk(
        [a["username"] for role in accounts.values() for a in role], field_name="username"
    )
    rows = []
    for role, account, name, url in pages:
        client = Client()
        if account:
            client.force_login(users[account["username"]])
        client.get(url)  # warm
        best, queries, size = None, 0, 0
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - t0
            assert response.status_code == 200, (url, response.status_code)
            best = elapsed if best is None else min(best, elapsed)
            queries, size = len(captured), len(response.content)
        rows.append((best * 1000, f"{role}: {name}", queries, size))
    print(f"{'page kind (alone, fastest)':<32}{'ms':>9}{'queries':>9}{'KB':>8}")
    for ms, name, queries, size in sorted(rows, reverse=True):
        print(f"{name:<32}{ms:>9.1f}{queries:>9}{size / 1024:>8.0f}")
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
