"""`{% clause_source clause %}`: where a clause's text comes from (the clause page shows it
beside the articles that cite the clause)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import template

from tracker.cases.models import Clause
from tracker.sources.selectors import clause_source_of

register = template.Library()


@register.inclusion_tag("sources/_clause_source.html")
def clause_source(clause: Clause) -> dict:
    return clause_source_of(clause=clause)


@register.filter
def http_url(url: str | None) -> str:
    """`url` when it is an absolute http(s) URL, else "": templates link only to those and show
    anything else as text (a document's URL comes from a case file or the admin)."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else ""
