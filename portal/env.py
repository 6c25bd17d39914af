"""Tiny environment readers: every setting comes from the environment (STYLE habit 8)."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """1/true/yes/on or 0/false/no/off (any case); unset or empty gives the default. Anything else
    stops the start-up: a typo such as "ture" must not quietly read as False (issue 13)."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean: use one of {', '.join(sorted(_TRUE))} or {', '.join(sorted(_FALSE))}"
    )


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_email(name: str, *, host: str, port: int, user: str, password: str, use_tls: bool, use_ssl: bool) -> dict:
    """SMTP settings from one URL in `name` (smtp://user:password@host:587/?tls=1, or smtps://
    for SSL on connect), else the separate values given. Percent-escapes in the user and password
    are decoded, so a password may hold '@' or ':' as %40 / %3A."""
    from urllib.parse import parse_qs, unquote, urlsplit

    value = os.environ.get(name, "").strip()
    if not value:
        return {"host": host, "port": port, "user": user, "password": password, "use_tls": use_tls, "use_ssl": use_ssl}
    url = urlsplit(value)
    if url.scheme not in ("smtp", "smtps") or not url.hostname:
        raise ImproperlyConfigured(f"{name} must look like smtp://user:password@host:587/?tls=1 (or smtps://)")
    query = {k: v[-1].lower() for k, v in parse_qs(url.query).items()}
    ssl = url.scheme == "smtps" or query.get("ssl") in _TRUE
    return {
        "host": url.hostname,
        "port": url.port or (465 if ssl else 25),
        "user": unquote(url.username or ""),
        "password": unquote(url.password or ""),
        "use_tls": not ssl and query.get("tls") in _TRUE,
        "use_ssl": ssl,
    }
