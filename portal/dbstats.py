"""Planner statistics after bulk loads (issue 15).

After `seed_scale` nothing had been analysed (autovacuum off on the server, or not yet run) and
PostgreSQL estimated 25 rows where there were 20,790, choosing nested loops for the lists. The
portal does not depend on autovacuum: every bulk loader (import_budget_lines, import_requests,
load_demo, seed_scale) calls `analyze()` when it has written.
"""

from django.db import connection


def analyze() -> bool:
    """VACUUM ANALYZE the database on PostgreSQL (a few seconds at national scale); a no-op
    elsewhere. VACUUM also marks the freshly loaded pages all-visible, so counts over a year
    are answered from an index alone; inside a transaction (where VACUUM may not run) only
    ANALYZE. Returns whether it ran."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return True
