import time

from django.conf import settings
from django.contrib.auth import logout
from django.utils import translation

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
