from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from tracker.review.roles import can_read, has_role


class ReadOrRoleWrite(BasePermission):
    """Reads are public when TRACKER_PUBLIC_READ is on (else they need a role, viewer or above).

    Writes need an authenticated user with the view's `write_role` (default: analyst).
    """

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return can_read(request.user)
        return has_role(request.user, getattr(view, "write_role", "analyst"))
