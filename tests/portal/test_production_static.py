"""The production image builds and its pages render (issue 13 item 3 of the audit): collectstatic
with the manifest storage succeeds, every vendored file is recorded, and pages rendered with
DEBUG off point only at files that exist in STATIC_ROOT."""

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

VENDOR = Path(settings.BASE_DIR) / "static" / "vendor"
PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def _recorded() -> dict[str, str]:
    """file -> sha256 from the table in static/vendor/VENDORED.md."""
    rows = {}
    for line in (VENDOR / "VENDORED.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and re.fullmatch(r"[0-9a-f]{64}", cells[-1]):
            rows[cells[0]] = cells[-1]
    return rows


def test_every_vendored_file_is_recorded_with_its_bytes():
    shipped = {
        path.relative_to(VENDOR).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in VENDOR.rglob("*")
        if path.is_file() and path.name != "VENDORED.md"
    }
    assert shipped == _recorded()


def test_no_vendored_script_points_at_a_source_map_we_do_not_ship():
    for path in VENDOR.rglob("*.js"):
        for name in re.findall(rb"sourceMappingURL=(\S+)", path.read_bytes()):
            assert (path.parent / name.decode()).is_file(), f"{path.name} references missing {name.decode()}"


def test_production_settings_choose_the_manifest_storage():
    env = {**os.environ, "PORTAL_PRODUCTION": "1", "SECRET_KEY": "x" * 60, "DJANGO_SETTINGS_MODULE": "portal.settings"}
    code = "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == PRODUCTION_STORAGE, result.stderr


@pytest.mark.slow
@pytest.mark.django_db
def test_collectstatic_succeeds_and_pages_render_with_debug_off(tmp_path, people, client_for):
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    with override_settings(STATIC_ROOT=tmp_path / "static", STORAGES=storages, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        assert (tmp_path / "static" / "staticfiles.json").is_file()
        pages = [
            (None, reverse("home")),
            (None, reverse("login")),
            (people.planner_a, reverse("proposals:request-list")),
            (people.planner_a, reverse("proposals:plan-list")),
            (people.central, reverse("reviews:dashboards")),
        ]
        for user, url in pages:
            response = client_for(user).get(url, secure=True)
            assert response.status_code == 200, url
            for asset in re.findall(r'(?:src|href)="/static/([^"?#]+)"', response.content.decode()):
                # the manifest names carry a hash: the page must point at a file collectstatic wrote
                assert re.search(r"\.[0-9a-f]{12}\.", asset), asset
                assert (tmp_path / "static" / asset).is_file(), asset
