"""The outside audit, kept running (issue 13): `make audit`.

(a) schemathesis against the live OpenAPI schema as three personas (planner, ministry reviewer,
    central team), at least 2,000 cases in all: counts cases, server errors, schema mismatches;
(b) the authorisation matrix from the URL resolver: every pattern x every persona x other
    tenants' objects, GET and POST/PUT/PATCH/DELETE: counts unexpected successes and 5xx.

Runs in-process on a throw-away SQLite database (reference data, the test personas and a small
world of tenants' objects), so it needs no server and touches no real data.

    python bench/audit.py [--cases 2100] [--seed 13]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2100, help="schemathesis cases in all (default 2100)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--verbose", action="store_true", help="list every finding")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="portal-audit-")
    for name in ("DATABASE_URL", "REDIS_URL", "PORTAL_PRODUCTION"):
        os.environ.pop(name, None)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "SQLITE_PATH": str(Path(workdir) / "audit.sqlite3"),
            "MEDIA_ROOT": str(Path(workdir) / "media"),
            "AXES_ENABLED": "0",
            "LOG_LEVEL": "ERROR",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    from tests.audit.authz import run_matrix
    from tests.audit.fuzz import run_fuzz
    from tests.audit.world import build_world
    from tests.personas import build_personas

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    people = build_personas()
    world = build_world(people)
    print(f"audit database: {os.environ['SQLITE_PATH']}")

    # The matrix first: the fuzzer's accepted writes may change the world it probes.
    matrix = run_matrix(people, world)
    print(matrix.summary())
    for line in (matrix.unexpected + matrix.server_errors)[: None if args.verbose else 20]:
        print("  ", line)

    fuzz = run_fuzz(people, total_cases=args.cases, seed=args.seed)
    print(fuzz.summary())
    for line in (fuzz.server_errors + fuzz.mismatches)[: None if args.verbose else 20]:
        print("  ", line)

    failures = len(matrix.unexpected) + len(matrix.server_errors) + len(fuzz.server_errors) + len(fuzz.mismatches)
    print(f"audit: {failures} findings in {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
