from collections import defaultdict
from dataclasses import fields

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import override_settings

from portal.models import FiscalYear, Membership
from tests.personas import YEAR, Personas, build_personas

FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """The production hasher (PBKDF2, a million rounds) costs about half a second per password; the
    demo data alone sets a dozen. Tests whose subject is hashing or lockout are marked
    `real_password_hasher` and get the project's own hashers back (see below)."""
    real = list(django_settings.PASSWORD_HASHERS)
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield real


@pytest.fixture(autouse=True)
def _real_password_hasher_when_marked(request, _fast_password_hasher):
    if request.node.get_closest_marker("real_password_hasher") is None:
        yield
        return
    with override_settings(PASSWORD_HASHERS=_fast_password_hasher):
        yield


@pytest.fixture(autouse=True)
def _fresh_snapshots():
    """A test's rows roll back without a post_delete: no test may see the last one's calendar
    through the header's per-process snapshots (portal.snapshots), nor its dashboard figures
    (portal.remembered) (issue 15)."""
    from portal.remembered import forget_all
    from portal.snapshots import clear_all

    clear_all()
    forget_all()
    yield
    clear_all()


# (model, pk) of each persona of the last build, and how many memberships they held then.
_BUILT: dict[str, tuple[type, int]] = {}
_BUILT_MEMBERSHIPS: list[int] = []


def _build_and_remember() -> Personas:
    personas = build_personas()
    _BUILT.clear()
    _BUILT.update({f.name: (type(getattr(personas, f.name)), getattr(personas, f.name).pk) for f in fields(Personas)})
    _BUILT_MEMBERSHIPS[:] = [Membership.objects.filter(user__in=_persona_user_ids()).count()]
    return personas


def _persona_user_ids():
    return [pk for model, pk in _BUILT.values() if model is get_user_model()]


def _personas_again() -> Personas | None:
    """Fresh instances of the last build, one query per model (about 7 queries instead of the ~60
    of build_personas' get_or_create calls, which every test pays); None if the tables no longer
    hold them, as after a transactional test's flush."""
    if not _BUILT:
        return None
    wanted = defaultdict(set)
    for model, pk in _BUILT.values():
        wanted[model].add(pk)
    found = {model: model.objects.in_bulk(pks) for model, pks in wanted.items()}
    values = {name: found[model].get(pk) for name, (model, pk) in _BUILT.items()}
    if any(value is None for value in values.values()):
        return None
    if Membership.objects.filter(user__in=_persona_user_ids()).count() != _BUILT_MEMBERSHIPS[0]:
        return None
    if not FiscalYear.objects.filter(year=YEAR).exists():
        return None
    return Personas(**values)


@pytest.fixture(scope="session")
def django_db_setup(_fast_password_hasher, django_db_setup, django_db_blocker):
    # Reference data and personas are built once for the session (STYLE habit 9).
    with django_db_blocker.unblock():
        _build_and_remember()


@pytest.fixture
def people(db):
    """The named personas, fresh instances each test; rebuilt if a transactional test emptied the tables."""
    return _personas_again() or _build_and_remember()


@pytest.fixture
def client_for():
    """client_for(user) -> a Client signed in as that user (force_login skips axes and hashing)."""

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _celery_eager_unless_integration(request):
    """With REDIS_URL set the app sends tasks to the broker; unit tests still run them in-process,
    and only tests marked `integration` talk to a real worker."""
    if request.node.get_closest_marker("integration"):
        yield
        return
    from portal.celery import app

    before = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = before
