"""GET /api/v1/export/{articles|links|positions|events}.{csv|ndjson}: streamed, unpaginated,
with the same filters as the lists (bad filter values are a 400 naming the parameter)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request

from tracker.review.roles import can_see_people

from .exports import CONTENT_TYPES, EXPORTS, export_response


class ExportView(GenericAPIView):
    """The list's filterset and filter backend, so the parameters are checked and documented
    exactly as on the list."""

    kind = "links"
    fmt = "ndjson"
    pagination_class = None

    def perform_content_negotiation(self, request, force=False):
        # The body is CSV or NDJSON whatever Accept says; errors are JSON.
        return super().perform_content_negotiation(request, force=True)

    def get(self, request: Request, *args, **kwargs):
        qs = self.filter_queryset(self.get_queryset())
        name = request.query_params.get("case") or "all"
        name = "".join(ch for ch in name if ch.isalnum() or ch in "-_")[:100] or "all"
        return export_response(
            kind=self.kind,
            fmt=self.fmt,
            qs=qs,
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
        filters=True,  # the list's filters, documented as there (not a list view by shape)
        tags=["exports"],
        description=description,
        responses={
            (200, media): OpenApiResponse(OpenApiTypes.STR),
            (400, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
        },
    )

    def get(self, request: Request, *args, **kwargs):
        return ExportView.get(self, request, *args, **kwargs)

    export = EXPORTS[kind]
    attrs = {
        "kind": kind,
        "fmt": fmt,
        "get": schema(get),
        "filterset_class": export.filterset,
        "queryset": export.model.objects.all(),
    }
    return type(f"Export_{kind}_{fmt}", (ExportView,), attrs).as_view()
