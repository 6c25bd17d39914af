"""The national-scale database both page benches run on (77 provinces x 300 requests)."""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def scale_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fiscal-year", type=int, default=2599)
    parser.add_argument("--per-province", type=int, default=300)
    parser.add_argument("--provinces", type=int, default=77)
    parser.add_argument("--runs", type=int, default=5)
    return parser.parse_args()


def scale_database(args: argparse.Namespace, *, prefix: str):
    """Set Django up on a throw-away SQLite file (or DATABASE_URL when set), migrate and run
    `seed_scale`. Returns the TemporaryDirectory to clean up, or None."""
    tmp = None
    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.TemporaryDirectory(prefix=prefix)
        os.environ["SQLITE_PATH"] = str(Path(tmp.name) / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("AXES_ENABLED", "false")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host; templates rendered as in production
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("seed_scale", fiscal_year=args.fiscal_year, per_province=args.per_province, provinces=args.provinces)
    print(f"database ready in {time.monotonic() - started:.1f}s ({connection.vendor})")
    return tmp
