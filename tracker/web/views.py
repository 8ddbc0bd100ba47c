"""Page views: thin, typed, GET only. Each renders a whole page, or its partial for htmx."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from tracker.cases.models import Case, Clause
from tracker.cases.selectors import clause_in_force_data
from tracker.core.htmx import partial_wanted
from tracker.review.roles import can_review
from tracker.web import selectors
from tracker.web.sections import case_content, timeline_section

TAG_FORM_TEMPLATE = "review/tag_form.html"


def _int(value: str | None, default: int = 0) -> int:
    try:
        return max(int(value or default), 0)
    except (TypeError, ValueError):
        return default


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def home(request: HttpRequest) -> HttpResponse:
    filters = selectors.DirectoryFilters.from_query(request.GET)
    context = {"cases": selectors.cases_overview(filters), "filters": filters}
    if partial_wanted(request):
        return render(request, "web/home.html#directory", context)
    context["options"] = selectors.directory_options()
    context["sorts"] = selectors.SORTS
    context["statuses"] = Case.Status.choices
    return render(request, "web/home.html", context)


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def case_detail(request: HttpRequest, slug: str) -> HttpResponse:
    case = get_object_or_404(Case, slug=slug)
    filters = selectors.TimelineFilters.from_query(request.GET, analyst=can_review(request.user))
    at = (request.GET.get("at") or "").strip()[:40]
    if at:
        located = selectors.timeline_locate(case=case, filters=filters, anchor=at)
        if located is not None:
            filters, key, anchor = located
            query = filters.query(cursor=key.encode() if key else None)
            url = reverse("web:case", args=[case.slug])
            return redirect(f"{url}?{query}#{anchor}" if query else f"{url}#{anchor}")
    raw_cursor = request.GET.get("cursor")
    cursor = selectors.Key.decode(raw_cursor)
    context = {
        "case": case,
        "filters": filters,
        "bad_cursor": bool(raw_cursor) and cursor is None,
        "missing_at": bool(at),
    }
    block = "items" if cursor and partial_wanted(request) else "timeline"
    stamp = selectors.case_page_stamp(case=case)

    def timeline() -> str:
        return timeline_section(
            case=case, stamp=stamp, filters=filters, cursor=cursor, block=block, context=context
        )

    if partial_wanted(request):
        return HttpResponse(timeline())
    content = case_content(
        case=case, stamp=stamp, cursor=cursor, context=context, timeline=timeline
    )
    return render(request, "web/case.html", {"case": case, "content_html": content})


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def case_positions(request: HttpRequest, slug: str) -> HttpResponse:
    case = get_object_or_404(Case, slug=slug)
    party, issue = (request.GET.get(k, "").replace("\x00", "") for k in ("party", "issue"))
    quotes = None
    if party and issue:
        quotes = selectors.position_quotes(case=case, party_slug=party, issue_slug=issue)
    context = {"case": case, "quotes": quotes, "asked": bool(party and issue)}
    if partial_wanted(request):
        return render(request, "web/positions.html#quotes", context)
    context["matrix"] = selectors.case_positions(case=case)
    return render(request, "web/positions.html", context)


def _tag_form(request: HttpRequest) -> str:
    """The analyst tagging form's template name when the user may tag and it exists, else ""."""
    if not can_review(request.user):
        return ""
    try:
        return select_template([TAG_FORM_TEMPLATE]).template.name
    except TemplateDoesNotExist:
        return ""


@require_safe
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.article_page(article_id=pk)
    tag_form = _tag_form(request)
    context = {
        "page": page,
        "article": page.article,
        "can_review": bool(tag_form),
        "tag_form_template": tag_form,
    }
    return render(request, "web/article.html", context)


@require_safe
def party_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "web/party.html", {"page": selectors.party_page(slug=slug)})


@require_safe
def claim_detail(request: HttpRequest, slug: str, claim: str) -> HttpResponse:
    page = selectors.claim_page(case_slug=slug, claim_slug=claim)
    return render(request, "web/claim.html", {"page": page, "case": page.case})


@require_safe
def issue_detail(request: HttpRequest, slug: str, issue: str) -> HttpResponse:
    page = selectors.issue_page(case_slug=slug, issue_slug=issue)
    return render(request, "web/issue.html", {"page": page, "case": page.case})


@require_safe
def issue_across(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "web/issue_across.html", {"page": selectors.issue_across(slug=slug)})


@require_safe
def clause_detail(request: HttpRequest, document: str, ref: str) -> HttpResponse:
    page = selectors.clause_page(
        document_slug=document, ref=ref, old=request.GET.get("old"), new=request.GET.get("new")
    )
    return render(request, "web/clause.html", {"page": page})


def _wants_json(request: HttpRequest) -> bool:
    if request.GET.get("format") == "json":
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


@require_safe
def clause_in_force(request: HttpRequest, pk: int) -> HttpResponse:
    """The clause's text in force on ?date=YYYY-MM-DD and its difference to the current text."""
    clause = get_object_or_404(Clause.objects.select_related("document"), pk=pk)
    raw = request.GET.get("date", "")
    try:
        on = dt.date.fromisoformat(raw) if raw else dt.date.today()
    except ValueError:
        message = f"date: {raw!r} is not a date (YYYY-MM-DD)"
        if _wants_json(request):
            return JsonResponse({"detail": message}, status=400)
        return HttpResponseBadRequest(message)
    data = clause_in_force_data(clause=clause, on=on)
    data["url"] = reverse("web:clause-in-force", args=[clause.pk])
    response = (
        JsonResponse(data)
        if _wants_json(request)
        else render(request, "web/clause_in_force.html", {"clause": clause, "d": data})
    )
    response["Vary"] = "Accept"
    return response
