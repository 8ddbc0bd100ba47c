"""API viewsets for the case side. Editors write cases, parties, claims, issues, clauses and
feeds; documents are read-only here (they come from case files)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.reverse import reverse

from tracker.cases.models import Case, CaseParty, Claim, Clause, Document, Issue, Party
from tracker.cases.selectors import clause_in_force_data
from tracker.core.versioning import Conflict
from tracker.news.models import Feed

from . import filters
from .case_serializers import (
    CaseSerializer,
    ClaimSerializer,
    ClauseInForceQuerySerializer,
    ClauseInForceSerializer,
    ClauseSerializer,
    DocumentSerializer,
    FeedSerializer,
    IssueSerializer,
    PartySerializer,
)
from .schema import ERROR
from .versioning import conflict_response, expected_version

ID = r"[0-9]{1,18}"


class EditorViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Read for everyone who may read; create and PATCH for editors."""

    write_role = "editor"
    lookup_value_regex = ID
    http_method_names = ["get", "post", "patch", "head", "options"]

    # Each write in its own savepoint: a constraint clash (a 409) leaves nothing half-done.
    # The serializers write through the services (cases.services.editor_save), which relink
    # the affected cases' articles after commit when a name, alias or keyword changed.
    def perform_create(self, serializer) -> None:
        with transaction.atomic():
            serializer.save()

    def perform_update(self, serializer) -> None:
        body = serializer.validated_data.pop("version", None)
        expected = expected_version(self.request, body)
        with transaction.atomic():
            serializer.save(expected_version=expected)

    def retrieve(self, request, *args, **kwargs) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = f'"{response.data["version"]}"'
        return response

    def update(self, request, *args, **kwargs) -> Response:
        try:
            response = super().update(request, *args, **kwargs)
        except Conflict as conflict:
            current = self.get_queryset().get(pk=conflict.current.pk)
            return conflict_response(conflict, current, self.get_serializer(current).data)
        response["ETag"] = f'"{response.data["version"]}"'
        return response


@extend_schema(tags=["cases"])
class CaseViewSet(EditorViewSet):
    serializer_class = CaseSerializer
    filterset_class = filters.CaseFilter
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]{1,100}"

    def get_queryset(self) -> QuerySet[Case]:
        roles = CaseParty.objects.select_related("party").order_by("party__name", "role")
        return Case.objects.prefetch_related(Prefetch("roles", queryset=roles)).order_by("-id")


@extend_schema(tags=["cases"])
class PartyViewSet(EditorViewSet):
    serializer_class = PartySerializer
    filterset_class = filters.PartyFilter

    def get_queryset(self) -> QuerySet[Party]:
        return Party.objects.prefetch_related("aliases").order_by("-id")


@extend_schema(tags=["cases"])
class ClaimViewSet(EditorViewSet):
    serializer_class = ClaimSerializer
    filterset_class = filters.ClaimFilter

    def get_queryset(self) -> QuerySet[Claim]:
        return (
            Claim.objects.select_related("case")
            .prefetch_related("by", "against", "status_history")
            .order_by("-id")
        )


@extend_schema(tags=["cases"])
class IssueViewSet(EditorViewSet):
    serializer_class = IssueSerializer
    filterset_class = filters.IssueFilter

    def get_queryset(self) -> QuerySet[Issue]:
        return Issue.objects.select_related("case").order_by("-id")


@extend_schema(tags=["cases"])
class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DocumentSerializer
    filterset_class = filters.DocumentFilter
    lookup_value_regex = ID

    def get_queryset(self) -> QuerySet[Document]:
        return (
            Document.objects.select_related("owner")
            .prefetch_related("clauses__versions")
            .order_by("-id")
        )


@extend_schema(tags=["cases"])
class ClauseViewSet(EditorViewSet):
    serializer_class = ClauseSerializer
    filterset_class = filters.ClauseFilter

    def get_queryset(self) -> QuerySet[Clause]:
        return (
            Clause.objects.select_related("document").prefetch_related("versions").order_by("-id")
        )

    @extend_schema(
        parameters=[ClauseInForceQuerySerializer],
        responses={200: ClauseInForceSerializer, 400: ERROR, 404: ERROR},
        description="The clause's wording in force on `date` (today by default), the current "
        "wording, and the word-level difference between them.",
    )
    @action(detail=True, methods=["get"], url_path="in-force", filterset_class=None)
    def in_force(self, request, pk: str | None = None) -> Response:
        query = ClauseInForceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        on = query.validated_data.get("date") or dt.date.today()
        data = clause_in_force_data(clause=self.get_object(), on=on)
        data["url"] = reverse("web:clause-in-force", args=[pk], request=request)
        return Response(data)


@extend_schema(tags=["feeds"])
class FeedViewSet(EditorViewSet):
    serializer_class = FeedSerializer
    filterset_class = filters.FeedFilter

    def get_queryset(self) -> QuerySet[Feed]:
        return Feed.objects.prefetch_related("cases").order_by("-id")
