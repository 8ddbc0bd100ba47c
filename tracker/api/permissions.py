from __future__ import annotations

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission

from tracker.review.roles import has_role


class ReadOrRoleWrite(BasePermission):
    """Reads are public when TRACKER_PUBLIC_READ is on (else they need a login).

    Writes need an authenticated user with the view's `write_role` (default: analyst).
    """

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return settings.TRACKER_PUBLIC_READ or bool(
                request.user and request.user.is_authenticated
            )
        return has_role(request.user, getattr(view, "write_role", "analyst"))
