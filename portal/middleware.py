import time

from django.conf import settings
from django.contrib.auth import logout

_STARTED = "portal_session_started"


class SessionAbsoluteTimeoutMiddleware:
    """Ends a session 12 hours after login however active it is; idle expiry (30 minutes) is
    Django's SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get("_auth_user_id"):
            started = session.get(_STARTED)
            now = time.time()
            if started is None:
                session[_STARTED] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)
