"""An address-wide failed-login limit beside the per-user lockout, and trusted proxies (issue 13)."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from portal.login_limits import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def fresh_limits(settings):
    from axes.utils import reset

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only

    reset()
    cache.clear()
    yield
    reset()
    cache.clear()


def _login(client, username, password, ip, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


def _accounts(n):
    from django.contrib.auth import get_user_model

    users = []
    for i in range(n):
        user, _ = get_user_model().objects.get_or_create(username=f"spray_target_{i}")
        users.append(user)
    return users


def test_spraying_four_guesses_over_ten_accounts_from_one_address_is_blocked(client, people, fresh_limits, settings):
    people.planner_a.set_password(PASSWORD)
    people.planner_a.save()
    statuses = []
    for user in _accounts(10):
        for guess in range(4):
            statuses.append(_login(client, user.username, f"Password{guess}!", "10.9.9.9").status_code)
    assert statuses[: settings.LOGIN_IP_FAILURE_LIMIT] == [200] * settings.LOGIN_IP_FAILURE_LIMIT
    assert set(statuses[settings.LOGIN_IP_FAILURE_LIMIT :]) == {429}
    # even the right password of a real account is refused from that address for now
    blocked = _login(client, "planner_a", PASSWORD, "10.9.9.9")
    assert blocked.status_code == 429 and "ระงับชั่วคราว" in blocked.content.decode()
    # another address is not affected
    assert _login(client, "planner_a", PASSWORD, "10.9.9.10").status_code == 302


def test_a_colleague_behind_the_same_address_within_normal_limits_still_logs_in(client, people, fresh_limits, settings):
    people.planner_a2.set_password(PASSWORD)
    people.planner_a2.save()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "planner_a", "wrong-password", "10.0.0.7")
    assert _login(client, "planner_a2", PASSWORD, "10.0.0.7").status_code == 302


def test_the_block_ends_when_the_window_does(client, people, fresh_limits, settings):
    settings.LOGIN_IP_FAILURE_LIMIT = 3
    people.planner_a.set_password(PASSWORD)
    people.planner_a.save()
    for user in _accounts(3):
        _login(client, user.username, "nope-nope-nope", "10.8.8.8")
    assert _login(client, "planner_a", PASSWORD, "10.8.8.8").status_code == 429
    cache.clear()  # the window's expiry
    assert _login(client, "planner_a", PASSWORD, "10.8.8.8").status_code == 302


def _request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_a_forged_forwarded_header_changes_nothing(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("203.0.113.5", "1.2.3.4")) == "203.0.113.5"


def test_behind_one_trusted_proxy_the_client_is_the_address_it_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_IPS = ["10.0.0.2"]
    # the client forged "1.2.3.4"; the proxy appended the address it really saw
    assert client_ip(_request("10.0.0.2", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"
    # a request that did not come through the trusted proxy is taken at its own address
    assert client_ip(_request("198.51.100.99", "1.2.3.4")) == "198.51.100.99"


def test_clients_behind_a_proxy_are_limited_one_by_one(client, people, fresh_limits, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_IP_FAILURE_LIMIT = 3
    people.planner_a.set_password(PASSWORD)
    people.planner_a.save()
    for user in _accounts(3):
        _login(client, user.username, "nope-nope-nope", "10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert _login(client, "planner_a", PASSWORD, "10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert _login(client, "planner_a", PASSWORD, "10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 302
