"""GET /api/v1/export/{articles|links|positions|events}.{csv|ndjson}: streamed, unpaginated,
with the same filters as the lists (bad filter values are a 400 naming the parameter)."""

from __future__ import annotations

import django_filters as df
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.views import APIView

from tracker.review.roles import can_see_people

from . import filters
from .exports import CONTENT_TYPES, EXPORTS, export_response


def filter_parameters(filterset: type[df.FilterSet]) -> list[OpenApiParameter]:
    params = []
    for name, field in filterset.base_filters.items():
        choices = getattr(field, "extra", {}).get("choices")
        enum = [value for value, _ in choices] if choices else None
        kind = {filters.IdFilter: int, filters.ConfidenceFilter: float, df.BooleanFilter: bool}.get(
            type(field), str
        )
        params.append(
            OpenApiParameter(
                name, kind, OpenApiParameter.QUERY, enum=enum, description=field.label or ""
            )
        )
    return params


class ExportView(APIView):
    kind = "links"
    fmt = "ndjson"

    def perform_content_negotiation(self, request, force=False):
        # The body is CSV or NDJSON whatever Accept says; errors are JSON.
        return super().perform_content_negotiation(request, force=True)

    def get(self, request: Request, *args, **kwargs):
        export = EXPORTS[self.kind]
        filterset = export.filterset(
            request.query_params, queryset=export.model.objects.all(), request=request
        )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        name = request.query_params.get("case") or "all"
        name = "".join(ch for ch in name if ch.isalnum() or ch in "-_")[:100] or "all"
        return export_response(
            kind=self.kind,
            fmt=self.fmt,
            qs=filterset.qs,
            name=name,
            people=can_see_people(request.user),
        )


def export_view(kind: str, fmt: str):
    """The view for one kind and format, with its own exact schema."""
    description = f"Every matching {kind[:-1]} as {fmt.upper()}, streamed and unpaginated" + (
        " (one JSON object per line, the API's field names)."
        if fmt == "ndjson"
        else " (header row; cells that start like a formula are prefixed with ')."
    )
    media = CONTENT_TYPES[fmt].split(";")[0]
    schema = extend_schema(
        operation_id=f"export_{kind}_{fmt}",
        tags=["exports"],
        description=description,
        parameters=filter_parameters(EXPORTS[kind].filterset),
        responses={
            (200, media): OpenApiResponse(OpenApiTypes.STR),
            (400, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
        },
    )

    def get(self, request: Request, *args, **kwargs):
        return ExportView.get(self, request, *args, **kwargs)

    attrs = {"kind": kind, "fmt": fmt, "get": schema(get)}
    return type(f"Export_{kind}_{fmt}", (ExportView,), attrs).as_view()
