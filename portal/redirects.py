"""The one way back to a page the client names (`next`, issue 13).

A form's hidden `next` is user input: `https://evil.example/` or `/\\evil.example` must never send a
signed-in official to another site. Only same-host URLs pass (`url_has_allowed_host_and_scheme`,
the check Django's own login view uses); anything else falls back to a page the view chooses.
"""

from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

NEXT_FIELDS = ("next", "return_to")


def safe_next_url(request, fallback, *args, **kwargs) -> str:
    """The client's `next` (POST first, then GET) if it stays on this site, else `fallback`
    (a URL name with args, a model, or a path, as `redirect()` takes them)."""
    for source in (request.POST, request.GET):
        for name in NEXT_FIELDS:
            candidate = (source.get(name) or "").strip()
            # a path from this site only: `redirect()` would take a bare word ("-1") for a URL
            # name and fail to reverse it (a 500 found by the issue-16 audit)
            if candidate.startswith("/") and url_has_allowed_host_and_scheme(
                candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                return candidate
    return resolve_url(fallback, *args, **kwargs)


def redirect_next(request, fallback, *args, **kwargs):
    return redirect(safe_next_url(request, fallback, *args, **kwargs))
