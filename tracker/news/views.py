from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from tracker.news.models import Feed
from tracker.news.selectors import feeds_health, outlets_loaded
from tracker.news.services import feeds_opml


@require_safe
def feeds(request: HttpRequest) -> HttpResponse:
    rows = list(feeds_health())
    counts = dict.fromkeys(Feed.Status.values, 0)
    for feed in rows:
        counts[feed.status] = counts.get(feed.status, 0) + 1
    outlets = outlets_loaded()
    context = {
        "feeds": rows,
        "counts": counts,
        "outlets": outlets,
        "outlets_named": sum(1 for o in outlets if o.name),
        "from_files": sum(o.from_files for o in outlets),
    }
    return render(request, "news/feeds.html", context)


@require_safe
def feeds_export(request: HttpRequest) -> HttpResponse:
    body = feeds_opml(feeds=feeds_health())
    response = HttpResponse(body, content_type="text/x-opml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="feeds.opml"'
    return response
