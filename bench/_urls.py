"""tracker's URLs plus two baseline views for bench/pages.py (never part of the app)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from tracker.news.models import Article
from tracker.urls import urlpatterns as tracker_urlpatterns


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def pk_lookup(request: HttpRequest, pk: int) -> HttpResponse:
    article = Article.objects.only("id", "title").get(pk=pk)
    return HttpResponse(article.title, content_type="text/plain")


urlpatterns = [
    path("__bench/trivial/", trivial),
    path("__bench/article/<int:pk>/", pk_lookup),
    *tracker_urlpatterns,
]
