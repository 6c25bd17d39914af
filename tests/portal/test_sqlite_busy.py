"""`make budget-data` beside a serving portal (issue 10 item 7): SQLite in WAL mode with a busy
timeout and IMMEDIATE transactions; if the lock is still held, a clear Thai 503, never a 500."""

import sqlite3

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import RequestFactory

from portal.middleware import DatabaseBusyMiddleware

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded SQLite setup only")


@sqlite_only
def test_a_file_database_opens_in_wal_mode_with_a_busy_timeout(tmp_path):
    """What Django does on connect (sqlite3 with `timeout`, then `init_command`), on a file."""
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 20
    db = sqlite3.connect(tmp_path / "wal.sqlite3", timeout=options["timeout"])
    try:
        db.executescript(options["init_command"])
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 20_000
    finally:
        db.close()


def test_a_locked_database_answers_a_thai_503():
    middleware = DatabaseBusyMiddleware(lambda request: None)
    request = RequestFactory().get("/accounts/login/")
    response = middleware.process_exception(request, OperationalError("database is locked"))
    assert response.status_code == 503 and "ลองใหม่" in response.content.decode() and response["Retry-After"]
    assert middleware.process_exception(request, OperationalError("no such table: x")) is None
    assert middleware.process_exception(request, ValueError("x")) is None
