"""The API's side of optimistic locking (tracker.core.versioning holds the check and the bump).

Every row the API lets people change (cases, parties, claims, issues, clauses, feeds, links,
positions, events) shows its `version`, an integer, and a detail or a write answers with it as
the ETag. A PATCH may send it back, as `version` in the body or as If-Match; a stale one is a
409 whose body holds the current state (`current`) and who changed it when.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Model
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from tracker.core.versioning import VERSION_MAX, Conflict


def version_field(**kwargs: Any) -> serializers.IntegerField:
    """`version`: shown as read; in a PATCH body, the version last read (stale -> 409)."""
    kwargs.setdefault(
        "help_text",
        "The version as last read; send it back as `version` or If-Match when changing this "
        "(a stale one is a 409 with the current state).",
    )
    return serializers.IntegerField(
        required=False, min_value=0, max_value=VERSION_MAX - 1, **kwargs
    )


def expected_version(request: Request, body_version: int | None) -> int | None:
    """The version the client last read: the body's `version`, else an If-Match header."""
    if body_version is not None:
        return body_version
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":  # "*": any current version
        return None
    match = re.fullmatch(r'\s*(?:W/)?"?(\d{1,18})"?\s*', header)
    if match is None:  # never ignored: a version the client sent is checked or refused
        raise ValidationError({"If-Match": [f"not a version this API gave: {header[:100]!r}"]})
    return int(match.group(1))


def etag(obj: Model) -> dict[str, str]:
    """The row's version as its ETag header."""
    return {"ETag": f'"{obj.version}"'}


def conflict_response(conflict: Conflict, current: Model, data: dict) -> Response:
    """The 409 of a stale write: what happened, and `data`, the current row as a read shows it."""
    return Response(
        {
            "detail": conflict.message,
            "changed_by": conflict.changed_by,
            "changed_at": conflict.changed_at,
            "current": data,
        },
        status=status.HTTP_409_CONFLICT,
        headers=etag(current),
    )
