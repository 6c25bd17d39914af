"""Start-up refuses unsafe or mistyped configuration (issue 13): settings are imported in a
fresh interpreter with only the given environment."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_int


def _import_settings(**env):
    code = "import portal.settings as s; print('DEBUG', s.DEBUG, 'PRODUCTION', s.PRODUCTION)"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_a_secret_key_refuses_to_start():
    result = _import_settings(PORTAL_PRODUCTION="1")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr


def test_production_with_a_secret_key_starts():
    result = _import_settings(PORTAL_PRODUCTION="1", SECRET_KEY="s" * 60)
    assert result.returncode == 0, result.stderr
    assert "PRODUCTION True" in result.stdout and "DEBUG False" in result.stdout


def test_development_still_starts_without_a_secret_key():
    result = _import_settings()
    assert result.returncode == 0, result.stderr
    assert "DEBUG True" in result.stdout


@pytest.mark.parametrize("typo", ["ture", "yes please", "1 ", "Flase"])
def test_a_mistyped_boolean_stops_the_start_up(typo):
    result = _import_settings(PORTAL_PRODUCTION=typo, SECRET_KEY="s" * 60)
    if typo.strip() == "1":
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode != 0
    assert "is not a boolean" in result.stderr and "PORTAL_PRODUCTION" in result.stderr


@pytest.mark.parametrize(
    "value,expected", [("1", True), ("TRUE", True), ("on", True), ("yes", True), ("0", False), ("Off", False)]
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("PORTAL_TEST_FLAG", value)
    assert env_bool("PORTAL_TEST_FLAG", default=not expected) is expected


def test_env_bool_uses_the_default_when_unset_or_empty(monkeypatch):
    monkeypatch.delenv("PORTAL_TEST_FLAG", raising=False)
    assert env_bool("PORTAL_TEST_FLAG", default=True) is True
    monkeypatch.setenv("PORTAL_TEST_FLAG", "")
    assert env_bool("PORTAL_TEST_FLAG", default=True) is True


@pytest.mark.parametrize("value", ["ture", "yes please", "2", "y"])
def test_env_bool_refuses_anything_else(monkeypatch, value):
    monkeypatch.setenv("PORTAL_TEST_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="PORTAL_TEST_FLAG"):
        env_bool("PORTAL_TEST_FLAG")


def test_env_int_refuses_a_word(monkeypatch):
    monkeypatch.setenv("PORTAL_TEST_INT", "ten")
    with pytest.raises(ImproperlyConfigured, match="PORTAL_TEST_INT"):
        env_int("PORTAL_TEST_INT", 5)
