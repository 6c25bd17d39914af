import time

from django.conf import settings
from django.contrib.auth import logout
from django.utils import translation

_STARTED = "portal_session_started"
_TOUCHED = "portal_session_touched"


class SessionAbsoluteTimeoutMiddleware:
    """Ends a session 12 hours after login however active it is, and keeps the idle expiry
    (SESSION_COOKIE_AGE, 30 minutes) sliding.

    Issue 15: the idle expiry slides by saving the session, but not on every request
    (SESSION_SAVE_EVERY_REQUEST made every page view an UPDATE and a COMMIT on the session table):
    it is saved when the last save is more than SESSION_REFRESH_SECONDS old, so a session idle
    for SESSION_COOKIE_AGE minus at most that refresh interval ends."""

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
            if now - session.get(_TOUCHED, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[_TOUCHED] = now  # a change: the session middleware saves it, expiry renewed
        return self.get_response(request)


class ThaiFirstLocaleMiddleware:
    """Thai unless the person chose English with the switch (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many government
    PCs run English Windows: the portal must still open in Thai.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.allowed = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.allowed else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class DatabaseBusyMiddleware:
    """SQLite only: if a long import still holds the write lock after the busy timeout, answer a
    clear Thai 503 ("try again shortly") rather than a 500 (issue 10: `make budget-data` beside a
    serving portal)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import OperationalError
        from django.http import HttpResponse

        if isinstance(exception, OperationalError) and "database is locked" in str(exception):
            response = HttpResponse(
                "<!doctype html><html lang=th><meta charset=utf-8><title>ระบบไม่ว่างชั่วคราว</title>"
                "<h1>ระบบไม่ว่างชั่วคราว</h1><p>ขณะนี้มีการนำเข้าข้อมูลงบประมาณ กรุณาลองใหม่อีกครั้งในอีกสักครู่</p>",
                status=503,
                content_type="text/html; charset=utf-8",
            )
            response["Retry-After"] = "30"
            return response
        return None
