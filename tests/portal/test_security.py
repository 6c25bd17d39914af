import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.real_password_hasher]  # lockout is the subject here


def _session_row(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_sessions_expire_after_30_minutes_idle(client_for, people):
    from django.contrib.sessions.models import Session

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client = client_for(people.planner_a)
    client.get("/")
    row = _session_row(client)
    Session.objects.filter(pk=row.pk).update(expire_date=row.expire_date - timedelta(minutes=31))
    response = client.get("/requests/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_idle_expiry_slides_but_the_session_is_not_written_on_every_page(client_for, people):
    """Issue 15: one UPDATE and COMMIT of the session per page was a write per read in the
    deadline week; the expiry is renewed once the last renewal is SESSION_REFRESH_SECONDS old."""
    from django.contrib.sessions.models import Session

    client = client_for(people.planner_a)
    client.get("/")
    first = _session_row(client).expire_date
    Session.objects.filter(session_key=_session_row(client).pk).update(expire_date=first - timedelta(minutes=5))
    client.get("/")
    assert _session_row(client).expire_date == first - timedelta(minutes=5)  # not written again
    session = client.session
    session["portal_session_touched"] = time.time() - settings.SESSION_REFRESH_SECONDS - 1
    session.save()
    Session.objects.filter(session_key=session.session_key).update(expire_date=first - timedelta(minutes=5))
    client.get("/")
    assert _session_row(client).expire_date > first - timedelta(minutes=1)  # renewed


def test_sessions_end_12_hours_after_login_however_active(client_for, people):
    client = client_for(people.planner_a)
    client.get("/")
    session = client.session
    session["portal_session_started"] = time.time() - 12 * 3600 - 5
    session.save()
    client.get("/")
    assert "_auth_user_id" not in client.session


def test_responses_carry_a_content_security_policy(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def _fail(client, username, ip):
    return client.post(reverse("login"), {"username": username, "password": "wrong-password"}, REMOTE_ADDR=ip)


@pytest.mark.slow  # a dozen logins on the production hasher (PBKDF2, a million rounds each)
def test_failed_logins_lock_one_username_at_one_address_only(client, people, settings):
    from axes.utils import reset

    reset()
    people.planner_a.set_password("correct-horse-battery")
    people.planner_a.save()
    people.planner_a2.set_password("correct-horse-battery")
    people.planner_a2.save()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(client, "planner_a", "10.0.0.1")
    locked = client.post(
        reverse("login"), {"username": "planner_a", "password": "correct-horse-battery"}, REMOTE_ADDR="10.0.0.1"
    )
    assert locked.status_code == 429
    assert "ระงับชั่วคราว" in locked.content.decode()
    # a colleague behind the same office address still gets in
    other = client.post(
        reverse("login"), {"username": "planner_a2", "password": "correct-horse-battery"}, REMOTE_ADDR="10.0.0.1"
    )
    assert other.status_code == 302
    reset()


def test_migrations_are_in_sync_with_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.slow  # starts a second Django process
def test_deploy_check_is_clean_with_production_settings(monkeypatch):
    import subprocess
    import sys

    env = {
        "PORTAL_PRODUCTION": "1",
        "DEBUG": "0",
        "SECRET_KEY": "x" * 60 + "-production-secret-from-env",
        "ALLOWED_HOSTS": "portal.example.go.th",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
