from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from tracker.review.roles import can_read


class ContentSecurityPolicyMiddleware:
    """Send settings.CONTENT_SECURITY_POLICY on every response that lacks one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


# Machine-read formats: a 403 instead of a redirect to the login page.
_MACHINE_SUFFIXES = (".atom", ".ics", ".opml", ".csv", ".ndjson", ".json")


class PrivateReadMiddleware:
    """With TRACKER_PUBLIC_READ off, every page and feed needs a reading role (review.roles.
    can_read): anonymous readers are sent to log in (feeds, OPML and iCalendar get a 403), a
    logged-in account without a role gets a 403. Feed readers may send `Authorization: Token`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.TRACKER_PUBLIC_READ or request.path.startswith(
            settings.TRACKER_PRIVATE_READ_EXEMPT
        ):
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated and request.headers.get("Authorization", "").startswith(
            "Token "
        ):
            try:
                found = TokenAuthentication().authenticate(request)
            except AuthenticationFailed:
                found = None
            if found:
                user = request.user = found[0]
        if can_read(user):
            return self.get_response(request)
        if user.is_authenticated or request.path.endswith(_MACHINE_SUFFIXES):
            raise PermissionDenied("this site is private: reading needs a viewer role or above")
        return redirect_to_login(request.get_full_path())
