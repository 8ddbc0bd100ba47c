from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tracker.news.models import Feed
from tracker.news.selectors import feeds_health
from tracker.news.services import feeds_opml


@require_GET
def feeds(request: HttpRequest) -> HttpResponse:
    rows = list(feeds_health())
    counts = dict.fromkeys(Feed.Status.values, 0)
    for feed in rows:
        counts[feed.status] = counts.get(feed.status, 0) + 1
    return render(request, "news/feeds.html", {"feeds": rows, "counts": counts})


@require_GET
def feeds_export(request: HttpRequest) -> HttpResponse:
    body = feeds_opml(feeds=feeds_health())
    response = HttpResponse(body, content_type="text/x-opml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="feeds.opml"'
    return response
