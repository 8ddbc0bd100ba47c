"""API viewsets for articles, links, positions, events and stories.

Thin: state changes go through the review services (the same ones the pages call).
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from tracker.linking.models import Position
from tracker.review import services
from tracker.review.roles import can_see_people
from tracker.review.selectors import history_of

from . import filters, selectors
from .case_serializers import EventWriteSerializer, ReviewSerializer
from .errors import service_errors
from .schema import ERROR, IF_MATCH
from .serializers import (
    ArticleDetailSerializer,
    ArticleSerializer,
    EventSerializer,
    HistoryEntrySerializer,
    LinkCreateSerializer,
    LinkReviewSerializer,
    LinkSerializer,
    PositionCreateSerializer,
    PositionSerializer,
    StorySerializer,
    history_entries,
)

ID = r"[0-9]{1,18}"


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


class HistoryMixin:
    """GET {id}/history/: every change, oldest first: who, when, from what to what."""

    @extend_schema(responses={200: HistoryEntrySerializer(many=True), 404: ERROR})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def history(self, request: Request, pk: str | None = None) -> Response:
        if not can_see_people(request.user):  # the rule of the history page
            if not request.user.is_authenticated:
                raise NotAuthenticated("log in to read the history")
            raise PermissionDenied("reading the history needs a role (viewer or above)")
        obj = self.get_object()
        return Response(HistoryEntrySerializer(history_entries(history_of(obj)), many=True).data)


class ReviewMixin:
    """PATCH {id}/ with {"status": "accepted"|"rejected"} (and optionally "version")."""

    review_service: Any = None
    review_kwarg = ""

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        version = expected_version(request, body.validated_data.get("version"))
        try:
            with service_errors():
                obj = type(self).review_service(
                    **{self.review_kwarg: obj},
                    user=request.user,
                    status=body.validated_data["status"],
                    expected_version=version,
                )
        except services.Conflict as conflict:
            current = self.get_queryset().get(pk=obj.pk)
            return Response(
                {
                    "detail": conflict.message,
                    "changed_by": conflict.changed_by,
                    "changed_at": conflict.changed_at,
                    "current": self.output_serializer(
                        current, context=self.get_serializer_context()
                    ).data,
                },
                status=status.HTTP_409_CONFLICT,
                headers=etag(current),
            )
        obj = self.get_queryset().get(pk=obj.pk)
        data = self.output_serializer(obj, context=self.get_serializer_context()).data
        return Response(data, headers=etag(obj))


def etag(obj: Any) -> dict[str, str]:
    """The item's version as an ETag (events: their updated_at in microseconds)."""
    return {"ETag": f'"{services.item_version(obj)}"'}


@extend_schema(tags=["articles"])
class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    """Articles with their links and evidence; the detail adds `text`."""

    filterset_class = filters.ArticleFilter
    lookup_value_regex = ID

    def get_queryset(self) -> QuerySet:
        qs = selectors.articles_qs().order_by("-id")
        if self.action != "retrieve":
            # The list shows no body: leave the large columns in the database.
            qs = qs.defer("original", "html", "text", "minhash")
        return qs

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer


@extend_schema(tags=["links"])
@extend_schema(
    methods=["PATCH"],
    request=LinkReviewSerializer,
    parameters=[IF_MATCH],
    responses={200: LinkSerializer, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
    description="Accept or reject a link (analysts). Optimistic locking: send the version "
    "last read as `version` or an If-Match header; a stale one is a 409 with the current state.",
)
class LinkViewSet(
    HistoryMixin,
    ReviewMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Links from articles to parties, claims, issues, clauses, cases and events."""

    filterset_class = filters.LinkFilter
    lookup_value_regex = ID
    write_role = "analyst"
    http_method_names = ["get", "post", "patch", "head", "options"]
    output_serializer = LinkSerializer
    review_service = staticmethod(services.link_review)
    review_kwarg = "link"

    def get_queryset(self) -> QuerySet:
        return selectors.links_qs().prefetch_related("evidence").order_by("-id")

    def get_serializer_class(self):
        if self.action == "partial_update":
            return LinkReviewSerializer
        if self.action == "create":
            return LinkCreateSerializer
        return LinkSerializer

    @extend_schema(
        request=LinkCreateSerializer,
        responses={201: LinkSerializer, 400: ERROR, 401: ERROR, 403: ERROR},
        description="Add an analyst link: the server finds each quote in the article's text "
        "and fills offsets, prefix and suffix; a quote not in the text is a 400.",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = LinkCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        quotes = data["evidence"]
        with service_errors():
            link = services.link_create(
                article=data["article"],
                target_type=data["target_type"],
                target=data["target"],
                quotes=[q["exact"] for q in quotes],
                contexts=[(q.get("prefix", ""), q.get("suffix", "")) for q in quotes],
                user=request.user,
                status=data.get("status", "accepted"),
            )
        link = self.get_queryset().get(pk=link.pk)
        out = LinkSerializer(link, context=self.get_serializer_context()).data
        return Response(out, status=status.HTTP_201_CREATED, headers=etag(link))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        link = self.get_object()
        return Response(
            LinkSerializer(link, context=self.get_serializer_context()).data, headers=etag(link)
        )


@extend_schema(tags=["positions"])
@extend_schema(
    methods=["PATCH"],
    request=ReviewSerializer,
    parameters=[IF_MATCH],
    responses={200: PositionSerializer, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
)
class PositionViewSet(
    HistoryMixin,
    ReviewMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Parties' stances on issues, with the quote and article that show them."""

    filterset_class = filters.PositionFilter
    lookup_value_regex = ID
    write_role = "analyst"
    http_method_names = ["get", "post", "patch", "head", "options"]
    output_serializer = PositionSerializer
    review_service = staticmethod(services.position_review)
    review_kwarg = "position"

    def get_queryset(self) -> QuerySet[Position]:
        return selectors.positions_qs().order_by("-id")

    def get_serializer_class(self):
        if self.action == "partial_update":
            return ReviewSerializer
        if self.action == "create":
            return PositionCreateSerializer
        return PositionSerializer

    @extend_schema(
        request=PositionCreateSerializer,
        responses={201: PositionSerializer, 400: ERROR, 401: ERROR, 403: ERROR},
        description="Record a party's stance on an issue (analysts); the server finds the "
        "quote in the article's text; a quote not in the text is a 400.",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = PositionCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        with service_errors(evidence="quote"):
            position = services.position_create(
                article=data["article"],
                party=data["party"],
                issue=data["issue"],
                stance=data["stance"],
                quote=data["quote"],
                prefix=data.get("prefix", ""),
                suffix=data.get("suffix", ""),
                user=request.user,
                status=data.get("status", "accepted"),
            )
        position = self.get_queryset().get(pk=position.pk)
        out = PositionSerializer(position, context=self.get_serializer_context()).data
        return Response(out, status=status.HTTP_201_CREATED, headers=etag(position))


@extend_schema(tags=["events"])
@extend_schema(
    methods=["PATCH"],
    request=ReviewSerializer,
    responses={200: EventSerializer, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR},
)
class EventViewSet(
    HistoryMixin,
    ReviewMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Events of cases, dated as precisely as known."""

    filterset_class = filters.EventFilter
    lookup_value_regex = ID
    write_role = "analyst"
    http_method_names = ["get", "post", "patch", "head", "options"]
    output_serializer = EventSerializer
    review_service = staticmethod(services.event_review)
    review_kwarg = "event"

    def get_queryset(self) -> QuerySet:
        return selectors.events_qs().order_by("-id")

    def get_serializer_class(self):
        if self.action == "partial_update":
            return ReviewSerializer
        if self.action == "create":
            return EventWriteSerializer
        return EventSerializer

    @extend_schema(
        request=EventWriteSerializer,
        responses={201: EventSerializer, 400: ERROR, 401: ERROR, 403: ERROR},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = EventWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with service_errors():
            event = services.event_create(user=request.user, values=body.validated_data)
        event = self.get_queryset().get(pk=event.pk)
        return Response(
            EventSerializer(event, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=["stories"])
class StoryViewSet(viewsets.ReadOnlyModelViewSet):
    """Stories: the articles that tell the same event across outlets."""

    serializer_class = StorySerializer
    filterset_class = filters.StoryFilter
    lookup_value_regex = ID

    def get_queryset(self) -> QuerySet:
        return selectors.stories_qs().order_by("-id")
