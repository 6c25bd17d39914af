"""Login abuse limits beside django-axes (issue 13).

Axes locks one (username, address) pair, so a clerk who mistypes does not lock out the whole
provincial office behind one NAT address. That alone never slows a password spray: four guesses
over each of many accounts stays under every per-user limit. So every failed login also counts
against its address, with a higher threshold (LOGIN_IP_FAILURE_LIMIT, default 30 in
LOGIN_IP_COOLOFF_MINUTES); past it, that address gets the lockout page for any account until the
window ends. The count lives in the cache (Redis when REDIS_URL is set).

Behind a reverse proxy every client shares the proxy's address; `client_ip` trusts the
X-Forwarded-For entries the configured proxies appended (TRUSTED_PROXY_COUNT, optionally only
when REMOTE_ADDR is one of TRUSTED_PROXY_IPS) and otherwise uses REMOTE_ADDR: with no setting,
a forged header changes nothing.
"""

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver


def client_ip(request) -> str | None:
    """The client's address as the configured trusted proxies report it (also axes' IP)."""
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    trusted = getattr(settings, "TRUSTED_PROXY_IPS", [])
    if count <= 0 or (trusted and remote not in trusted):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    # Each trusted proxy appended the address it saw: the client is `count` entries from the right.
    return hops[-count] if len(hops) >= count else remote


def _key(ip: str) -> str:
    return f"portal:login-failures:ip:{ip}"


def ip_failures(ip: str | None) -> int:
    return cache.get(_key(ip), 0) if ip else 0


def ip_is_blocked(request) -> bool:
    return ip_failures(client_ip(request)) >= settings.LOGIN_IP_FAILURE_LIMIT


@receiver(user_login_failed)
def count_failure_by_ip(sender, credentials=None, request=None, **kwargs):
    if request is None:
        return
    ip = client_ip(request)
    if not ip:
        return
    # add() starts the window at the first failure; incr() keeps its expiry (LocMem and Redis).
    if not cache.add(_key(ip), 1, timeout=settings.LOGIN_IP_COOLOFF_MINUTES * 60):
        try:
            cache.incr(_key(ip))
        except ValueError:  # expired between add() and incr()
            cache.add(_key(ip), 1, timeout=settings.LOGIN_IP_COOLOFF_MINUTES * 60)


class IpFailureLimitBackend:
    """First in AUTHENTICATION_BACKENDS: refuses every login from an address past its failure limit.
    Marking the request as locked out lets axes' middleware answer with the same lockout page."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and getattr(settings, "AXES_ENABLED", True) and ip_is_blocked(request):
            request.axes_locked_out = True
            raise PermissionDenied
        return None

    # No get_user(): it authenticates nobody, and Django's test client logs in through the first
    # backend that has one.
