"""The API's JSON parser: DRF's, with the body capped and nesting errors answered as 400s.

DRF reads a request body as a stream, past Django's DATA_UPLOAD_MAX_MEMORY_SIZE check, and a
document nested deeper than Python's recursion limit raised RecursionError (a 500).
"""

from __future__ import annotations

import json

from django.conf import settings
from rest_framework import parsers, status
from rest_framework.exceptions import APIException, ParseError


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


def body_limit() -> int | None:
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = body_limit()
        if limit is not None:
            raw = stream.read(limit + 1) if stream is not None else b""
            if len(raw) > limit:
                raise BodyTooLarge(f"the request body is over the {limit}-byte limit")
        else:
            raw = stream.read() if stream is not None else b""
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return json.loads(raw.decode(encoding), parse_constant=_no_constant)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise ParseError(f"JSON parse error - {exc}") from None


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")
