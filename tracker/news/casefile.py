"""The case file's "feeds" section, which news owns: cases.casefile validates the whole file and
calls these through settings.TRACKER_CASEFILE_SECTIONS (news sits above cases)."""

from __future__ import annotations

from typing import Any

from tracker.cases.models import Case
from tracker.core.versioning import related_add

from .models import Feed


def feeds_load(*, case: Case, items: list[dict[str, Any]], report) -> None:
    """Add the case's feeds (found by URL; a new one gets the file's title) and file them under
    it. `report` is the case load's LoadReport, counting a created feed or an unchanged one."""
    for item in items:
        feed, created = Feed.objects.get_or_create(
            url=item["url"], defaults={"title": item.get("title") or ""}
        )
        report.count(created, False)
        related_add(feed, "cases", [case])


def feeds_dump(*, case: Case) -> list[dict[str, str]]:
    return [
        {"url": f.url, "title": f.title} for f in Feed.objects.filter(cases=case).order_by("id")
    ]
