"""`{% clause_source clause %}`: where a clause's text comes from (the clause page shows it
beside the articles that cite the clause)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import template

from tracker.cases.models import Clause
from tracker.sources.models import DocumentTrack
from tracker.sources.selectors import clause_versions_seen

register = template.Library()


@register.inclusion_tag("sources/_clause_source.html")
def clause_source(clause: Clause) -> dict:
    """The tracked document's state and when each version was first seen (two queries, none
    for a document typed in from a case file)."""
    document = clause.document
    if not document.track:
        return {"clause": clause, "document": document, "tracked": False}
    return {
        "clause": clause,
        "document": document,
        "tracked": True,
        "track": DocumentTrack.objects.filter(document=document).first(),
        "versions": clause_versions_seen(clause=clause),
    }


@register.filter
def http_url(url: str | None) -> str:
    """`url` when it is an absolute http(s) URL, else "": templates link only to those and show
    anything else as text (a document's URL comes from a case file or the admin)."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else ""
