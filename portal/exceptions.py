"""Domain errors and how the API shows them.

Services raise ApplicationError subclasses with a Thai message; views turn them into a form
error or a flash message, the API into a 400/409 with `detail`. Nothing a user types should
surface as a 500.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions as drf_exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler


class ApplicationError(Exception):
    status_code = 400

    def __init__(self, message, *, extra: dict | None = None):
        super().__init__(str(message))
        self.message = message
        self.extra = extra or {}


class ConflictError(ApplicationError):
    """Someone else changed the row first (optimistic locking), or it changed state."""

    status_code = 409


class NotAllowed(ApplicationError):
    status_code = 403


def api_exception_handler(exc, context):
    if isinstance(exc, ValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = drf_exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = drf_exceptions.NotFound(_("ไม่พบข้อมูล"))
    elif isinstance(exc, PermissionDenied):
        exc = drf_exceptions.PermissionDenied(_("ไม่มีสิทธิ์ดำเนินการ"))
    elif isinstance(exc, ApplicationError):
        data = {"detail": str(exc.message), **exc.extra}
        return Response(data, status=exc.status_code)
    return exception_handler(exc, context)
