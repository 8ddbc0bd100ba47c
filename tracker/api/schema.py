"""The OpenAPI schema says what the server does (drf-spectacular's AutoSchema, extended once).

- Reads need no credentials while TRACKER_PUBLIC_READ is on: their security lists `{}`.
- Every operation documents the errors it can answer, as JSON: 400 (bad filter, cursor or
  body), 401/403 (credentials, role), 404 (unknown id), 409 (stale version or a clash with an
  existing record), 413 (body too large), 415 (a body that is not JSON).
- Every PATCH declares If-Match (the version last read, as its ETag).
- A review PATCH (links, positions, events) is not partial: its body's `status` is required.
- A nested list's min/max length becomes minItems/maxItems.
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import is_list_serializer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework.permissions import SAFE_METHODS

from .permissions import ReadOrRoleWrite

ERROR = OpenApiResponse(OpenApiTypes.OBJECT, description="JSON error body.")

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="The version last read (its ETag, or `*` for any); a stale one is a 409 "
    "with the current state.",
)

# What each error means, by status code.
ERROR_MEANINGS = {
    "400": "Bad input: an unknown filter value, a malformed cursor or page_size, an invalid "
    "body. The body names each field at fault.",
    "401": "No or bad credentials (send `Authorization: Token ...`).",
    "403": "The account lacks the role this needs.",
    "404": "No such record.",
    "409": "A stale version (the body holds the current state) or a clash with an existing record.",
    "413": "The request body is over the size limit.",
    "415": "The request body is not JSON.",
}


class AutoSchema(SpectacularAutoSchema):
    def _is_public_read(self) -> bool:
        return (
            self.method in SAFE_METHODS
            and settings.TRACKER_PUBLIC_READ
            and any(isinstance(p, ReadOrRoleWrite) for p in self.view.get_permissions())
        )

    def get_auth(self):
        auths = super().get_auth()
        if self._is_public_read() and {} not in auths:
            auths.append({})
        return auths

    def _error_codes(self) -> list[str]:
        codes = ["400"]
        if not self._is_public_read():
            codes += ["401", "403"]
        if "{" in self.path:
            codes.append("404")
        if self.method not in SAFE_METHODS:
            codes += ["409", "413", "415"]
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                error = OpenApiResponse(OpenApiTypes.OBJECT, description=ERROR_MEANINGS[code])
                responses[code] = self._get_response_for_code(error, code, direction=direction)
        return responses

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self.method == "PATCH" and not any(
            getattr(p, "name", None) == "If-Match" for p in parameters
        ):
            parameters = [*parameters, IF_MATCH]
        return parameters

    def _get_request_for_media_type(self, serializer, direction="request"):
        # A review PATCH validates its body whole (status required): describe it as such.
        if self.method == "PATCH" and getattr(self.view, "review_service", None) is not None:
            self.method = "PUT"
            try:
                return super()._get_request_for_media_type(serializer, direction)
            finally:
                self.method = "PATCH"
        return super()._get_request_for_media_type(serializer, direction)

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if is_list_serializer(field) and schema and schema.get("type") == "array":
            if getattr(field, "min_length", None) is not None:
                schema["minItems"] = field.min_length
            if getattr(field, "max_length", None) is not None:
                schema["maxItems"] = field.max_length
            if not getattr(field, "allow_empty", True):
                schema["minItems"] = max(schema.get("minItems", 0), 1)
        return schema
