"""Pages for primary sources: a case's sources (docket and terms documents, their health), a
tracked document's history as diffs, and its Atom feed of changes."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import feedgenerator
from django.views.decorators.http import require_safe

from tracker.cases.models import Case, Document

from .selectors import case_sources, document_history

FEED_ITEMS = 50


@require_safe
def case_sources_page(request: HttpRequest, slug: str) -> HttpResponse:
    case = get_object_or_404(Case, slug=slug)
    return render(request, "sources/case_sources.html", {"sources": case_sources(case=case)})


@require_safe
def document_history_page(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(Document.objects.select_related("owner", "tracking"), slug=slug)
    context = {
        "document": document,
        "track": getattr(document, "tracking", None),
        "changes": document_history(document=document),
        "cases": list(document.cases.only("slug", "title")),
    }
    return render(request, "sources/document_history.html", context)


@require_safe
def document_changes_atom(request: HttpRequest, slug: str) -> HttpResponse:
    """Atom: the changes seen in a tracked document, newest first (the first read left out)."""
    if not settings.TRACKER_PUBLIC_READ and not request.user.is_authenticated:
        raise PermissionDenied("log in to read this document")
    document = get_object_or_404(Document, slug=slug)
    page = request.build_absolute_uri(reverse("sources:document-history", args=[slug]))
    feed = feedgenerator.Atom1Feed(
        title=f"{document.title}: changes",
        link=page,
        description=f"Clauses changed, added and removed in {document.title}",
        feed_url=request.build_absolute_uri(),
        feed_guid=f"tag:tracker,2026:document:{document.slug}",
        language="en",
    )
    for view in document_history(document=document, limit=FEED_ITEMS):
        change = view.change
        if change.baseline:
            continue
        lines = [f"{op['op'].capitalize()}: {op['title']}" for op in change.ops]
        feed.add_item(
            title=f"{document.title}: {len(change.ops)} clause change"
            f"{'s' if len(change.ops) != 1 else ''} seen {change.seen_at:%Y-%m-%d}",
            link=f"{page}#change-{change.pk}",
            description="\n".join(lines),
            unique_id=f"tag:tracker,2026:document:{document.slug}:change:{change.pk}",
            pubdate=change.seen_at,
            updateddate=change.seen_at,
            categories=sorted({op["op"] for op in change.ops}),
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
