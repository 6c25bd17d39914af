"""What every channel endpoint shares: anyone reads, signed-in owners write (R11-R13)."""

from django.core.exceptions import ValidationError
from rest_framework import permissions, serializers
from rest_framework.views import APIView


class ReadOnlyOrSignedIn(permissions.BasePermission):
    """Anyone reads (the channel is public, R11-R13); only signed-in people may try to write, and
    the services then check that they own what they write."""

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or bool(request.user and request.user.is_authenticated)


class PublicApi(APIView):
    permission_classes = [ReadOnlyOrSignedIn]


def _validation(exc: ValidationError):
    return serializers.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
