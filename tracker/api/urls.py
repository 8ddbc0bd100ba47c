"""/api/v1/... resources and exports, /api/schema/ and /api/docs/; any other /api/ URL is a
JSON 404."""

from __future__ import annotations

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import case_views, source_views, views
from .docs import SwaggerView
from .errors import not_found
from .export_views import export_view
from .exports import EXPORTS

app_name = "api"

router = DefaultRouter(trailing_slash="/?")
router.register("cases", case_views.CaseViewSet, basename="case")
router.register("parties", case_views.PartyViewSet, basename="party")
router.register("claims", case_views.ClaimViewSet, basename="claim")
router.register("issues", case_views.IssueViewSet, basename="issue")
router.register("documents", case_views.DocumentViewSet, basename="document")
router.register("clauses", case_views.ClauseViewSet, basename="clause")
router.register("feeds", case_views.FeedViewSet, basename="feed")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("stories", views.StoryViewSet, basename="story")
router.register("links", views.LinkViewSet, basename="link")
router.register("positions", views.PositionViewSet, basename="position")
router.register("events", views.EventViewSet, basename="event")
router.register("dockets", source_views.DocketViewSet, basename="docket")
router.register("docket-entries", source_views.DocketEntryViewSet, basename="docket-entry")

exports = [
    path(f"{kind}.{fmt}", export_view(kind, fmt), name=f"export-{kind}-{fmt}")
    for kind in EXPORTS
    for fmt in ("csv", "ndjson")
]

urlpatterns = [
    path("v1/export/", include(exports)),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^.*$", not_found, name="not-found"),
]
