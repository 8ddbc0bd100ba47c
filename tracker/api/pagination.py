"""Cursor pagination: `{"next": url|null, "previous": url|null, "results": [...]}`.

A malformed cursor is a 400 naming the `cursor` parameter (DRF's default is a 404), and so is
a `page_size` that is not one whole number from 1 to 500 (DRF's default quietly ignores it).
"""

from __future__ import annotations

from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError


class CursorPagination(pagination.CursorPagination):
    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request) -> int:
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        value = values[0].strip()
        if len(values) > 1 or not value.isascii() or not value.isdigit():
            raise ValidationError({self.page_size_query_param: [self.page_size_message]})
        if not 1 <= int(value) <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [self.page_size_message]})
        return int(value)

    @property
    def page_size_message(self) -> str:
        return f"a whole number from 1 to {self.max_page_size}"

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters

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
