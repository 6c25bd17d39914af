import pytest
from django.test import Client

from tests.personas import build_personas


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Reference data and personas are built once for the session (STYLE habit 9).
    with django_db_blocker.unblock():
        build_personas()


@pytest.fixture
def people(db):
    """The named personas; rebuilt idempotently if a transactional test emptied the tables."""
    return build_personas()


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
