"""API viewsets for articles, links, positions, events and stories.

Thin: state changes go through the review services (the same ones the pages call).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from tracker.core.versioning import Conflict
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
from .versioning import conflict_response, etag, expected_version

ID = r"[0-9]{1,18}"


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


class ReviewableViewSet(
    HistoryMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Links, positions and events: read; POST a new one (`item_create`, through the review
    services); PATCH {id}/ with {"status": "accepted"|"rejected"} (and optionally "version").
    A detail and each write answer with the item as read (`output_serializer`) and its ETag."""

    lookup_value_regex = ID
    write_role = "analyst"
    http_method_names = ["get", "post", "patch", "head", "options"]
    output_serializer: Any = None
    create_serializer: Any = None
    review_serializer: Any = ReviewSerializer
    review_service: Any = None
    review_kwarg = ""
    create_fields: dict[str, str] = {}  # service field -> request field, for a create's 400

    def get_serializer_class(self):
        if self.action == "partial_update":
            return self.review_serializer
        if self.action == "create":
            return self.create_serializer
        return self.output_serializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        return Response(self._out(obj), headers=etag(obj))

    def item_create(self, data: dict, user) -> Model:
        raise NotImplementedError

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self._body(request)
        with service_errors(**self.create_fields):
            obj = self.item_create(data, request.user)
        return self._answer(obj, code=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        data = self._body(request)
        try:
            with service_errors():
                obj = type(self).review_service(
                    **{self.review_kwarg: obj},
                    user=request.user,
                    status=data["status"],
                    expected_version=expected_version(request, data.get("version")),
                )
        except Conflict as conflict:
            current = self.get_queryset().get(pk=obj.pk)
            return conflict_response(conflict, current, self._out(current))
        return self._answer(obj)

    def _body(self, request: Request) -> dict:
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        return body.validated_data

    def _out(self, obj: Model) -> dict:
        return self.output_serializer(obj, context=self.get_serializer_context()).data

    def _answer(self, obj: Model, *, code: int = status.HTTP_200_OK) -> Response:
        obj = self.get_queryset().get(pk=obj.pk)
        return Response(self._out(obj), status=code, headers=etag(obj))


def reviewable_schema(*, tag: str, create: str | None = None, review: str | None = None):
    """The schema of a ReviewableViewSet's POST and PATCH, from its serializers."""

    def decorate(cls: type[ReviewableViewSet]) -> type[ReviewableViewSet]:
        out, errors = cls.output_serializer, {400: ERROR, 401: ERROR, 403: ERROR}
        cls = extend_schema(
            methods=["PATCH"],
            request=cls.review_serializer,
            parameters=[IF_MATCH],
            responses={200: out, **errors, 404: ERROR, 409: ERROR},
            description=review,
        )(cls)
        cls = extend_schema(
            methods=["POST"],
            request=cls.create_serializer,
            responses={201: out, **errors},
            description=create,
        )(cls)
        return extend_schema(tags=[tag])(cls)

    return decorate


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


@reviewable_schema(
    tag="links",
    create="Add an analyst link: the server finds each quote in the article's text and fills "
    "offsets, prefix and suffix; a quote not in the text is a 400.",
    review="Accept or reject a link (analysts). Optimistic locking: send the version last read "
    "as `version` or an If-Match header; a stale one is a 409 with the current state.",
)
class LinkViewSet(ReviewableViewSet):
    """Links from articles to parties, claims, issues, clauses, cases and events."""

    filterset_class = filters.LinkFilter
    output_serializer = LinkSerializer
    create_serializer = LinkCreateSerializer
    review_serializer = LinkReviewSerializer
    review_service = staticmethod(services.link_review)
    review_kwarg = "link"

    def get_queryset(self) -> QuerySet:
        return selectors.links_qs().prefetch_related("evidence").order_by("-id")

    def item_create(self, data: dict, user) -> Model:
        return services.link_create(
            article=data["article"],
            target_type=data["target_type"],
            target=data["target"],
            quotes=data["evidence"],
            user=user,
            status=data.get("status", "accepted"),
        )


@reviewable_schema(
    tag="positions",
    create="Record a party's stance on an issue (analysts); the server finds the quote in the "
    "article's text; a quote not in the text is a 400.",
)
class PositionViewSet(ReviewableViewSet):
    """Parties' stances on issues, with the quote and article that show them."""

    filterset_class = filters.PositionFilter
    output_serializer = PositionSerializer
    create_serializer = PositionCreateSerializer
    review_service = staticmethod(services.position_review)
    review_kwarg = "position"
    create_fields = {"evidence": "quote"}

    def get_queryset(self) -> QuerySet[Position]:
        return selectors.positions_qs().order_by("-id")

    def item_create(self, data: dict, user) -> Model:
        return services.position_create(
            article=data["article"],
            party=data["party"],
            issue=data["issue"],
            stance=data["stance"],
            quote=data["quote"],
            prefix=data.get("prefix", ""),
            suffix=data.get("suffix", ""),
            user=user,
            status=data.get("status", "accepted"),
        )


@reviewable_schema(tag="events")
class EventViewSet(ReviewableViewSet):
    """Events of cases, dated as precisely as known."""

    filterset_class = filters.EventFilter
    output_serializer = EventSerializer
    create_serializer = EventWriteSerializer
    review_service = staticmethod(services.event_review)
    review_kwarg = "event"

    def get_queryset(self) -> QuerySet:
        return selectors.events_qs().order_by("-id")

    def item_create(self, data: dict, user) -> Model:
        return services.event_create(user=user, values=data)


@extend_schema(tags=["stories"])
class StoryViewSet(viewsets.ReadOnlyModelViewSet):
    """Stories: the articles that tell the same event across outlets."""

    serializer_class = StorySerializer
    filterset_class = filters.StoryFilter
    lookup_value_regex = ID

    def get_queryset(self) -> QuerySet:
        return selectors.stories_qs().order_by("-id")
