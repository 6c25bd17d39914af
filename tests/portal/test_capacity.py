"""Issue 15: the server configuration and the PostgreSQL search indexes."""

import importlib.util
import multiprocessing
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.proposals.conftest import make_request

ROOT = Path(__file__).resolve().parents[2]
postgresql_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="pg_trgm is PostgreSQL's")


def test_the_health_view_answers_without_database_or_session(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert len(queries) == 0 and "sessionid" not in response.cookies


def test_gunicorn_uses_processes_for_the_cores_and_recycles_rarely(monkeypatch):
    """The load bench's measured choice (gunicorn.conf.py): 2 x CPU + 1 single-threaded gthread
    workers, overridable from the environment, recycled every ~20,000 requests."""
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    assert conf.worker_class == "gthread" and conf.threads == 1
    assert conf.workers == 2 * multiprocessing.cpu_count() + 1
    assert conf.max_requests >= 10_000 and conf.max_requests_jitter and conf.timeout <= 120
    monkeypatch.setenv("GUNICORN_THREADS", "2")
    spec.loader.exec_module(conf)
    assert conf.threads == 2
    assert "gunicorn.conf.py" in (ROOT / "Dockerfile").read_text()
    assert "gunicorn.conf.py" in (ROOT / "docker-compose.yml").read_text()


def test_the_compose_database_has_a_utf8_ctype_for_thai_trigrams():
    assert "--lc-ctype=C.UTF-8" in (ROOT / "docker-compose.yml").read_text()


@postgresql_only
@pytest.mark.django_db
def test_thai_words_have_trigrams_under_the_database_locale():
    with connection.cursor() as cursor:
        cursor.execute("SELECT show_trgm(%s)", ["ขุดลอก"])
        (trigrams,) = cursor.fetchone()
    assert trigrams, "pg_trgm yields no Thai trigrams: the database's LC_CTYPE is not UTF-8"


@postgresql_only
@pytest.mark.django_db
def test_the_request_search_is_served_by_the_trigram_indexes(people):
    make_request(people)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM proposals_projectrequest WHERE UPPER(title::text) LIKE UPPER(%s)", ["%ขุดลอก%"]
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "proposals_projectrequest_title_trgm" in plan


@pytest.mark.django_db
def test_the_list_search_still_finds_every_word_in_any_field(people, client_for):
    """The UNION of one lookup per field (issue 15) keeps issue 11's meaning: each word in the
    title, reference, description, office, category or a place."""
    wanted = make_request(people, title="ซ่อมสร้างถนนลาดยาง", description="ผิวจราจรชำรุดหนัก")
    other = make_request(people, title="ขุดลอกหนองน้ำสาธารณะ", description="ตื้นเขิน")
    client = client_for(people.planner_a)
    for q in ("ชำรุด ถนน", wanted.reference, f"{people.office_a.name_th[-6:]} ลาดยาง"):
        html = client.get(reverse("proposals:request-list"), {"q": q}).content.decode()
        assert wanted.reference in html and other.reference not in html, q
