"""JSON errors for everything under /api/.

DRF's handler covers API exceptions; on top of it: Django's ValidationError -> 400 (with the
field it names), a stale version's Conflict (tracker.core.versioning) -> 409, a database
integrity error -> 409, and any other exception -> a logged 500 with a JSON body (never an HTML
page). `not_found` answers unknown /api/ URLs with a JSON 404; `json_error` is the body of
every other error under /api/ (the site's handlers, tracker/errors.py, answer with it there).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tracker.core.versioning import Conflict

log = logging.getLogger(__name__)


def django_error_detail(exc: DjangoValidationError) -> dict | list:
    if hasattr(exc, "error_dict"):
        return {
            ("detail" if field == "__all__" else field): messages
            for field, messages in exc.message_dict.items()
        }
    return {"detail": " ".join(exc.messages)}


# What each review-service ValidationError code is about, as a request field.
CODE_FIELDS = {
    "not_found": "target",
    "ambiguous": "target",
    "required": "target",
    "duplicate": "target",
    "target_type": "target_type",
    "quote": "evidence",
    "quote_required": "evidence",
    "quote_not_found": "evidence",
    "status": "status",
    "version": "version",
    "stance": "stance",
}


@contextmanager
def service_errors(**fields: str) -> Iterator[None]:
    """Turn a service's ValidationError into a 400 naming the request field it is about.

    `fields` overrides CODE_FIELDS (and renames the service's own field names) for this call,
    e.g. evidence="quote" for positions.
    """
    try:
        yield
    except DjangoValidationError as exc:
        if hasattr(exc, "error_dict"):
            detail = django_error_detail(exc)
            if isinstance(detail, dict):
                detail = {fields.get(key, key): value for key, value in detail.items()}
            raise ValidationError(detail) from exc
        detail: dict[str, list[str]] = {}
        for error in exc.error_list:
            field = fields.get(error.code or "", CODE_FIELDS.get(error.code or "", "detail"))
            detail.setdefault(field, []).extend(error.messages)
        raise ValidationError(detail) from exc


def exception_handler(exc, context):
    """DRF's handler plus Django validation errors, conflicts and a JSON 500."""
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(django_error_detail(exc))
    response = drf_exception_handler(exc, context)
    if response is not None:
        return response
    if isinstance(exc, Conflict):
        return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": "the request body is over the size limit"},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, IntegrityError):
        return Response(
            {"detail": "conflicts with an existing record"}, status=status.HTTP_409_CONFLICT
        )
    log.exception("API error", exc_info=exc)
    return Response({"detail": "internal error"}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)


@csrf_exempt
def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    """Unknown URL under /api/: a JSON 404 whatever the method (and whatever cookie: it
    changes nothing, so Django's CSRF check would only turn the 404 into an HTML 403)."""
    return JsonResponse({"detail": f"no such endpoint: {request.path}"}, status=404)


def json_error(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)
