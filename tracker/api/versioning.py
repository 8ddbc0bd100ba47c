"""Optimistic locking for what editors write (cases, parties, claims, issues, clauses, feeds).

These rows carry no version column, so their version is a digest of the fields an edit may
change, as the API shows them: `version` in every representation and the ETag of a detail. A
PATCH that sends it back (`version` in the body or If-Match) is checked under a row lock; a
stale one is a 409 with the current state, so two editors never silently overwrite each other.
Links, positions and events keep their own counters (review.locking).
"""

from __future__ import annotations

import hashlib
import json

from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError


class StaleVersion(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, current: dict) -> None:
        super().__init__(
            {
                "detail": "changed since you read it: review the current state and retry",
                "current": current,
            }  # fmt: skip
        )


class VersionedSerializerMixin:
    """Adds `version`: the digest of the writable fields' values."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        writable = sorted(name for name, f in self.fields.items() if not f.read_only)
        state = {name: data.get(name) for name in writable}
        blob = json.dumps(state, sort_keys=True, default=str).encode()
        data["version"] = hashlib.sha256(blob).hexdigest()[:20]
        return data


def expected_version(request) -> str | None:
    """The version the client last read: the body's `version`, else If-Match ("*": any)."""
    body = request.data.get("version") if hasattr(request.data, "get") else None
    if body not in (None, ""):
        if not isinstance(body, str) or len(body) > 64:
            raise ValidationError({"version": ["not a version this API gave"]})
        return body
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return None
    tag = header.strip().removeprefix("W/").strip('"')
    if not tag or len(tag) > 64:
        raise ValidationError({"If-Match": ["not a version this API gave"]})
    return tag
