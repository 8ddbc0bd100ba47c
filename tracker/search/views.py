"""The search page: /search/?q=...&case=...&kind=...&from=...&to=...&offset=..."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from tracker.cases.models import Case
from tracker.core.htmx import partial_wanted

from .selectors import KINDS, search

PAGE_SIZE = 20


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def _offset(value: str | None) -> int:
    try:
        return max(0, min(int(value or 0), 10_000))
    except ValueError:
        return 0


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def search_page(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()[:500]
    cases = list(Case.objects.only("slug", "title"))
    case = next((c for c in cases if c.slug == request.GET.get("case")), None)
    kind = request.GET.get("kind") if request.GET.get("kind") in KINDS else None
    date_from, date_to = _date(request.GET.get("from")), _date(request.GET.get("to"))
    offset = _offset(request.GET.get("offset"))
    unreviewed = request.GET.get("unreviewed") == "1"
    results = search(
        q=q,
        case=case,
        kind=kind,
        limit=PAGE_SIZE,
        offset=offset,
        date_from=date_from,
        date_to=date_to,
        unreviewed=unreviewed,
    )
    params = {
        "q": q,
        "case": case.slug if case else "",
        "kind": kind or "",
        "from": date_from.isoformat() if date_from else "",
        "to": date_to.isoformat() if date_to else "",
        "unreviewed": "1" if unreviewed else "",
    }
    params = {k: v for k, v in params.items() if v}
    more = urlencode({**params, "offset": results.next_offset}) if results.has_more else ""
    context = {
        "q": q,
        "results": results,
        "cases": cases,
        "case": case,
        "kind": kind or "",
        "kinds": [
            ("", "Everything"),
            ("article", "Articles"),
            ("event", "Events"),
            ("party", "Parties"),
            ("claim", "Claims"),
            ("issue", "Issues"),
            ("clause", "Terms clauses"),
        ],
        "unreviewed": unreviewed,
        "date_from": date_from,
        "date_to": date_to,
        "more_query": more,
    }
    if partial_wanted(request):
        return render(request, f"search/search.html#{'hits' if offset else 'results'}", context)
    return render(request, "search/search.html", context)
