"""The authorisation matrix (issue 13): every URL pattern of the resolver x every persona x the
objects of tenants the persona has nothing to do with, by GET and by each unsafe method.

An unexpected success is a 2xx answer about an object the persona may not read, a 2xx from the
API to a write on an object the persona may not change, or a foreign object that changed (or
vanished) after the probe, whatever the answer said. Any 5xx is counted too. The test
client is signed in per persona (force_login); it does not enforce CSRF, so unsafe methods reach
the views' own checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.test import Client
from django.urls import URLResolver, get_resolver

from tests.audit.world import PERSONA_NAMES, ROUTE_TARGETS, object_kwargs, plain_kwargs

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
SKIPPED_PREFIXES = ("admin/", "accounts/logout/", "^media/", "i18n/")
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


@dataclass
class MatrixResult:
    probes: int = 0
    patterns: int = 0
    personas: int = 0
    foreign_probes: int = 0
    unexpected: list = field(default_factory=list)
    server_errors: list = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"authorisation matrix: {self.patterns} URL patterns x {self.personas} personas, "
            f"{self.probes} probes ({self.foreign_probes} on other tenants' objects), "
            f"{len(self.unexpected)} unexpected successes, {len(self.server_errors)} server errors"
        )


def url_routes() -> list[str]:
    """Every route string of the URL conf, nested includes joined (admin and media left out)."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            else:
                yield route

    routes = []
    for route in walk(get_resolver().url_patterns):
        if route.startswith(SKIPPED_PREFIXES) or "(?P" in route or route.startswith("^"):
            continue
        if route not in routes:
            routes.append(route)
    return routes


def fill(route: str, values: dict) -> str:
    return "/" + CONVERTER.sub(lambda m: str(values[m.group(2)]), route)


def _targets(route: str) -> tuple[str, ...]:
    for fragment, names in ROUTE_TARGETS:
        if fragment in route:
            return names
    return ()


def _fingerprint(obj):
    return type(obj)._default_manager.filter(pk=obj.pk).values().first()


def _send(client: Client, method: str, url: str):
    if url.startswith("/api/"):
        return client.generic(method, url, "{}" if method != "GET" else "", content_type="application/json")
    if method == "GET":
        return client.get(url)
    return client.generic(method, url, "", content_type="application/x-www-form-urlencoded")


def run_matrix(people, world, *, personas=PERSONA_NAMES, only: str = "", log=None) -> MatrixResult:
    """Probe every route (or those containing `only`); `log` (optional) receives one line per route."""
    import logging

    quiet = [logging.getLogger(name) for name in ("django.request", "django.security", "axes")]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.CRITICAL)  # thousands of expected 403/404 lines otherwise
    try:
        return _run(people, world, personas, only, log)
    finally:
        for logger, level in zip(quiet, levels, strict=True):
            logger.setLevel(level)


def _run(people, world, personas, only, log) -> MatrixResult:
    result = MatrixResult(personas=len(personas))
    routes = [route for route in url_routes() if only in route]
    result.patterns = len(routes)
    plain = plain_kwargs(people)
    clients = {}
    for name in personas:
        client = Client(raise_request_exception=False)
        if name != "anonymous":
            client.force_login(getattr(people, name))
        clients[name] = client
    for route in routes:
        targets = [world[n] for n in _targets(route)]
        for persona in personas:
            client = clients[persona]
            for method in METHODS:
                write = method != "GET"
                if targets:
                    probes = [t for t in targets if t.foreign_to(persona, write=write)]
                    urls = [(fill(route, {**plain, **object_kwargs(route, t, world)}), t) for t in probes]
                else:
                    urls = [(fill(route, plain), None)]
                for url, thing in urls:
                    before = _fingerprint(thing.obj) if thing else None
                    response = _send(client, method, url)
                    result.probes += 1
                    where = f"{persona} {method} {url} -> {response.status_code}"
                    if response.status_code >= 500:
                        result.server_errors.append(where)
                    if thing is None:
                        continue
                    result.foreign_probes += 1
                    changed = _fingerprint(thing.obj) != before
                    ok = 200 <= response.status_code < 300
                    # A 2xx is a leak when the persona may not even read the object, and an accepted
                    # write on the API; an HTML page of a public object that ignores the method and
                    # renders is neither, so for pages the object itself must not have changed.
                    leak = ok and (thing.foreign_to(persona, write=False) or url.startswith("/api/"))
                    if leak or changed:
                        result.unexpected.append(where + (" (object changed)" if changed else ""))
            if log and persona == personas[-1]:
                log(f"  {route}")
    return result
