"""Cursor pagination: `{"next": url|null, "previous": url|null, "results": [...]}`.

A malformed cursor is a 400 naming the `cursor` parameter (DRF's default is a 404).
"""

from __future__ import annotations

from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError


class CursorPagination(pagination.CursorPagination):
    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = 500

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound as exc:
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from exc
        if cursor is not None and cursor.position is not None:
            # Every ordering here ends in a numeric id; anything else is a forged cursor.
            try:
                int(cursor.position)
            except ValueError as exc:
                raise ValidationError(
                    {self.cursor_query_param: [self.invalid_cursor_message]}
                ) from exc
        return cursor
