"""API of the review area (/api/v1/...): the same selectors, services and predicates as the pages."""

from rest_framework import permissions as drf_permissions

from reviews import permissions


class ReviewerOnly(drf_permissions.BasePermission):
    def has_permission(self, request, view):
        return permissions.can_view_review_queue(request.user)


class CentralOnly(drf_permissions.BasePermission):
    def has_permission(self, request, view):
        return permissions.can_manage_agenda(request.user)


class ReadOrCentral(drf_permissions.BasePermission):
    """Read for every signed-in person, write for the central team (the framework, programmes)."""

    def has_permission(self, request, view):
        if request.method in drf_permissions.SAFE_METHODS:
            return request.user.is_authenticated
        return permissions.can_manage_framework(request.user)
