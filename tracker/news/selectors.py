"""Reads for the news app."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from tracker.news.models import Article, Feed


def feeds_health() -> QuerySet[Feed]:
    """Every feed with its entry count, in one query."""
    return Feed.objects.annotate(entry_count=Count("articles")).order_by("status", "title", "url")


@dataclass(frozen=True)
class Outlet:
    name: str  # the source's name ("" when the article names none)
    articles: int
    from_files: int  # articles ingested from files, not from a feed


def outlets_loaded() -> list[Outlet]:
    """Every outlet with articles stored, by article count, in one query: what /feeds/ counts
    besides the polled feeds (articles ingested from files have an outlet and no feed)."""
    rows = (
        Article.objects.order_by()
        .values("source")
        .annotate(n=Count("pk"), files=Count("pk", filter=Q(feed__isnull=True)))
        .order_by("-n", "source")
    )
    return [Outlet(row["source"], row["n"], row["files"]) for row in rows]
