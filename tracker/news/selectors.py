"""Reads for the news app."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from tracker.news.models import Feed


def feeds_health() -> QuerySet[Feed]:
    """Every feed with its entry count, in one query."""
    return Feed.objects.annotate(entry_count=Count("articles")).order_by("status", "title", "url")
