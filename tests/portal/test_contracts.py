"""The import arrows of README "Architecture" are contracts that fail the build (issue 9).

`make lint` runs lint-imports in CI; these tests make the suite fail too if a contract is dropped
from pyproject.toml, if the tree breaks one, or if the linter stopped catching a forbidden import.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import get_hasher

ROOT = Path(settings.BASE_DIR)
APPS = ["portal", "clusters", "ministries", "proposals", "screening", "screening_engine", "reviews", "library"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _contracts():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return config, config["contracts"]


def _forbidden_for(source):
    forbidden = set()
    for contract in _contracts()[1]:
        if contract["type"] == "forbidden" and source in contract["source_modules"]:
            forbidden |= set(contract["forbidden_modules"])
    return forbidden


def _lint_imports(cwd):
    # A wide terminal keeps each contract name on one line of the report.
    env = {**os.environ, "COLUMNS": "250"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_every_app_is_under_contract():
    config, _ = _contracts()
    assert sorted(config["root_packages"]) == sorted(APPS)
    assert config["include_external_packages"] is True  # else `django` is invisible to the engine's contract


def test_the_engine_may_import_neither_django_nor_any_app():
    assert {"django", "rest_framework", "celery"} <= _forbidden_for("screening_engine")
    assert set(APPS) - {"screening_engine"} <= _forbidden_for("screening_engine")


def test_ministries_and_clusters_import_no_app_above_them():
    assert {"proposals", "screening", "reviews", "library"} <= _forbidden_for("ministries")
    assert {"ministries", "proposals", "screening", "reviews", "library"} <= _forbidden_for("clusters")
    # proposals reaches screening and reviews only through the workflow registry
    assert {"screening", "reviews", "library"} <= _forbidden_for("proposals")


def test_each_app_is_layered_views_over_services_over_models():
    layers = [c for c in _contracts()[1] if c["type"] == "layers"]
    assert layers, "the views -> services/selectors -> models contract is missing"
    (contract,) = layers
    assert {"proposals", "screening", "reviews", "ministries"} <= set(contract["containers"])
    order = [layer.split(":")[0].strip() for layer in contract["layers"]]
    assert order.index("services") < order.index("models")


@pytest.mark.slow
def test_the_tree_keeps_every_contract():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 broken" in result.stdout


@pytest.mark.slow
def test_the_linter_catches_the_engine_importing_django_and_ministries_importing_proposals(tmp_path):
    # A copy of the apps' Python files with two forbidden imports added; the real tree is untouched.
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("*.pyc", "__pycache__", "*.html"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "screening_engine" / "probe_contract.py").write_text("import django\n", encoding="utf-8")
    (tmp_path / "ministries" / "probe_contract.py").write_text("from proposals import models\n", encoding="utf-8")

    result = _lint_imports(tmp_path)

    assert result.returncode != 0, result.stdout
    broken = [line for line in result.stdout.splitlines() if line.rstrip().endswith("BROKEN")]
    assert any(line.startswith("The duplicate engine is plain Python") for line in broken), result.stdout
    assert any(line.startswith("Ministries' own data") for line in broken), result.stdout
    assert "screening_engine.probe_contract -> django" in result.stdout
    assert "ministries.probe_contract -> proposals" in result.stdout


def test_tests_hash_passwords_fast_unless_hashing_is_the_subject():
    # tests/conftest.py: MD5 for speed everywhere; the lockout tests keep the production hasher.
    assert get_hasher().algorithm == "md5"


@pytest.mark.real_password_hasher
def test_a_test_marked_real_password_hasher_gets_the_production_hasher():
    assert get_hasher().algorithm != "md5"
    assert get_hasher().algorithm in {"pbkdf2_sha256", "argon2", "scrypt", "bcrypt_sha256"}


def _names(path) -> set[str]:
    import re
    from pathlib import Path

    names = set()
    for line in (Path(__file__).resolve().parents[2] / path).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        name = re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0]
        names.add(re.sub(r"[-_.]+", "-", name).lower())
    return names


def test_every_requirement_is_pinned_in_its_lock_file():
    # `make install` installs the lock, not requirements*.txt: a package added to a requirements
    # file without `make lock` would be missing on a fresh machine (and in CI).
    assert _names("requirements.txt") <= _names("requirements.lock")
    assert _names("requirements-dev.txt") <= _names("requirements-dev.lock")
