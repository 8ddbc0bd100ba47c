"""The site's error handlers (handler400/403/404/500 in tracker/urls.py, CSRF_FAILURE_VIEW in
settings): the API's JSON bodies under /api/ (tracker.api.errors), the site's pages elsewhere
(templates/404.html, 500.html). Project-level, like urls.py, since they serve every app."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.views import csrf, defaults

from tracker.api.errors import json_error, not_found


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(settings.TRACKER_API_PREFIX)


def bad_request(request: HttpRequest, exception: Exception, **kwargs) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
        message = f"The request body is over the limit ({exception})."
        if _is_api(request):
            return json_error(message, 413)
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
    if _is_api(request):
        return json_error("bad request", 400)
    return defaults.bad_request(request, exception, **kwargs)


def permission_denied(request: HttpRequest, exception: Exception, **kwargs) -> HttpResponse:
    if _is_api(request):
        return json_error(str(exception) or "permission denied", 403)
    return defaults.permission_denied(request, exception, **kwargs)


def page_not_found(request: HttpRequest, exception: Exception, **kwargs) -> HttpResponse:
    if _is_api(request):
        return not_found(request)
    return defaults.page_not_found(request, exception, **kwargs)


def server_error(request: HttpRequest, **kwargs) -> HttpResponse:
    if _is_api(request):
        return json_error("internal error", 500)
    return defaults.server_error(request, **kwargs)


def csrf_failure(request: HttpRequest, reason: str = "", **kwargs) -> HttpResponse:
    """CSRF_FAILURE_VIEW: a JSON 403 under /api/ (clients send a token, not a CSRF cookie),
    Django's page elsewhere."""
    if _is_api(request):
        detail = f"CSRF check failed: {reason} Send an Authorization: Token header instead."
        return json_error(detail, 403)
    return csrf.csrf_failure(request, reason=reason, **kwargs)
