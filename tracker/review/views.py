"""Review pages: the queue, per-item actions, bulk actions, manual tagging, history.

Thin: each view checks the role, calls a service, and renders a page, or the changed row for an
htmx request. Everything works without JavaScript too (plain POST forms that redirect back).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, trigger_client_event

from tracker.cases import models as cases
from tracker.core.htmx import partial_wanted
from tracker.linking.models import Link, Position, TargetType
from tracker.news.models import Article
from tracker.review import selectors, services
from tracker.review.forms import TagForm
from tracker.review.roles import can_review, role_of

REVIEWABLE: dict[str, type[Model]] = {"link": Link, "position": Position, "event": cases.Event}
HISTORY_KINDS: dict[str, type[Model]] = {
    **REVIEWABLE,
    "case": cases.Case,
    "party": cases.Party,
    "caseparty": cases.CaseParty,
    "claim": cases.Claim,
    "issue": cases.Issue,
    "document": cases.Document,
    "clause": cases.Clause,
    "clauseversion": cases.ClauseVersion,
}
TARGET_CHOICES = list(TargetType.choices)
DONE = {"accepted": "Accepted", "rejected": "Rejected", "suggested": "Back in the queue"}


def _login_redirect(request: HttpRequest) -> HttpResponse:
    if request.htmx:
        back = request.headers.get("HX-Current-URL") or request.get_full_path()
        return HttpResponseClientRedirect(f"{reverse('login')}?next={back}")
    return redirect_to_login(request.get_full_path())


def reviewer_required(view: Callable) -> Callable:
    """Anonymous users go to the login page; users below analyst get 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return _login_redirect(request)
        if not can_review(request.user):
            raise PermissionDenied("Only analysts and editors may review.")
        return view(request, *args, **kwargs)

    return wrapped


def reader_required(view: Callable) -> Callable:
    """Any user with a role (viewer and above)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return _login_redirect(request)
        if role_of(request.user) is None:
            raise PermissionDenied("Your account has no role yet.")
        return view(request, *args, **kwargs)

    return wrapped


def _next(request: HttpRequest, default: str) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def _counts_for(url: str) -> dict[str, int]:
    """The waiting counts for the queue page at `url` (its case filter)."""
    params = QueryDict(urlsplit(url).query)
    return selectors.queue_counts(case=selectors.queue_filters(params=params).case)


def _row(kind: str, pk: int) -> dict:
    """The queue row of one item, as the queue shows it (tracker.review.rows)."""
    found = selectors.queue_rows(REVIEWABLE[kind].objects.filter(pk=pk))
    if not found:
        raise REVIEWABLE[kind].DoesNotExist(f"No {kind} {pk}.")
    return found[0]


def _row_response(
    request: HttpRequest, *, kind: str, item: Model, message: str, level: str, status: int = 200
) -> HttpResponse:
    """The changed row (htmx) and the counts out of band; a page without JavaScript."""
    back = _next(request, reverse("review:queue"))
    context = {
        "kind": kind,
        "item": _row(kind, item.pk),
        "message": message,
        "level": level,
        "next": back,
        "counts": _counts_for(back),
        "target_types": TARGET_CHOICES,
        "oob": True,
    }
    if request.htmx:
        return render(request, "review/queue.html#row-response", context, status=status)
    if status == 200:
        messages.success(request, message)
        return redirect(context["next"])
    return render(request, "review/problem.html", context, status=status)


@require_safe
@reviewer_required
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def queue(request: HttpRequest) -> HttpResponse:
    filters = selectors.queue_filters(params=request.GET)
    counts = selectors.queue_counts(case=filters.case)
    sections = selectors.queue_page(filters=filters, counts=counts)
    for section in sections:
        section["more_url"] = _more_url(request.GET, section)
    context = {
        "filters": filters,
        "sections": sections,
        "counts": counts,
        "cases": cases.Case.objects.order_by("title"),
        "target_names": selectors.target_names(case=filters.case),
        "target_types": TARGET_CHOICES,
        "statuses": selectors.QUEUE_STATUSES,
        "next": request.get_full_path(),
        "oob": partial_wanted(request),
    }
    template = "review/queue.html#queue" if partial_wanted(request) else "review/queue.html"
    return render(request, template, context)


def _more_url(params: QueryDict, section: dict) -> str:
    """The next page of a section's rows ("Show more"): the same filters, that kind only, after
    its last row."""
    if not section["next"]:
        return ""
    more = params.copy()
    more.pop("limit", None)  # the paging before cursors, in old links
    more["show"], more["after"] = f"{section['kind']}s", section["next"]
    more["shown"] = str(section["upto"])
    return "?" + more.urlencode()


def _row_change(
    request: HttpRequest,
    *,
    kind: str,
    item: Model,
    change: Callable[[], Model],
    done: Callable[[Model], str],
) -> HttpResponse:
    """Run a review service's `change` of `item` and answer with its row: `done(changed)`,
    the message, on success, the current row on a conflict (409), the service's
    message on invalid input (400)."""
    try:
        item = change()
    except services.Conflict as conflict:
        item, message, level, status = conflict.current, conflict.message, "conflict", 409
    except ValidationError as error:
        message, level, status = " ".join(error.messages), "error", 400
    else:
        message, level, status = done(item), "ok", 200
    return _row_response(request, kind=kind, item=item, message=message, level=level, status=status)


@require_POST
@reviewer_required
def review_item(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in REVIEWABLE:
        raise Http404("Nothing to review there.")
    item = get_object_or_404(REVIEWABLE[kind], pk=pk)
    status = request.POST.get("status", "")
    return _row_change(
        request,
        kind=kind,
        item=item,
        change=lambda: services.item_review(
            obj=item, user=request.user, status=status, expected_version=request.POST.get("version")
        ),
        done=lambda _item: f"{DONE[status]}.",
    )


@require_POST
@reviewer_required
def retarget(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(Link.objects.select_related("article"), pk=pk)
    return _row_change(
        request,
        kind="link",
        item=link,
        change=lambda: services.link_retarget(
            link=link,
            user=request.user,
            target_type=request.POST.get("target_type", ""),
            target=request.POST.get("target", ""),
            expected_version=request.POST.get("version"),
        ),
        done=lambda link: f"Now linked to {link.target_type} {link.target_label}, accepted.",
    )


def _parse_items(values: list[str]) -> list[tuple[str, int, str]] | None:
    """(kind, id, version as read) for each `kind:id[:version]`; None when one is malformed."""
    items = []
    for value in values[:500]:
        kind, _, rest = value.partition(":")
        pk, _, version = rest.partition(":")
        if kind not in REVIEWABLE or not (pk.isdigit() and len(pk) <= 18):
            return None
        if version and not (version.isdigit() and len(version) <= 18):
            return None
        items.append((kind, int(pk), version))
    return items


@require_POST
@reviewer_required
def bulk(request: HttpRequest) -> HttpResponse:
    status = request.POST.get("status", "")
    back = _next(request, reverse("review:queue"))
    parsed = _parse_items(request.POST.getlist("items"))
    if parsed is None:
        return HttpResponseBadRequest("items: each is kind:id:version as the queue gave it")
    if status not in services.STATUSES or not parsed:
        message = "Select some items first." if not parsed else "Pick accept or reject."
        if request.htmx:
            return render(request, "review/queue.html#bulk-message", {"message": message})
        messages.error(request, message)
        return redirect(back)
    objects = {
        kind: REVIEWABLE[kind].objects.in_bulk([pk for k, pk, _ in parsed if k == kind])
        for kind in REVIEWABLE
    }
    work = [(objects[k][pk], v or None) for k, pk, v in parsed if pk in objects[k]]
    result = services.bulk_review(items=work, user=request.user, status=status)
    summary = f"{DONE[status]}: {len(result.done)}."
    if result.conflicts:
        summary += f" {len(result.conflicts)} changed meanwhile by someone else; review again."
    if not request.htmx:
        (messages.warning if result.conflicts else messages.success)(request, summary)
        return redirect(back)
    rows = [
        {"kind": kind, "item": item, "message": message, "level": level}
        for kind, item, message, level in [
            *((_kind_of(o), o, f"{DONE[status]}.", "ok") for o in result.done),
            *((_kind_of(c.current), c.current, c.message, "conflict") for c in result.conflicts),
        ]
    ]
    context = {
        "rows": _rows_read(rows),
        "message": summary,
        "counts": _counts_for(back),
        "oob": True,
    }
    context.update(next=back, target_types=TARGET_CHOICES)
    return render(request, "review/bulk_response.html", context)


def _rows_read(rows: list[dict]) -> list[dict]:
    """The rows with each item as its queue row shows it (tracker.review.rows), read once per
    kind (not once per row); an item deleted meanwhile has no row left to show."""
    fresh: dict[tuple[str, int], dict] = {}
    for kind, model in REVIEWABLE.items():
        pks = [row["item"].pk for row in rows if row["kind"] == kind]
        if pks:
            found = selectors.queue_rows(model.objects.filter(pk__in=pks))
            fresh.update(((kind, item["pk"]), item) for item in found)
    return [
        {**row, "item": fresh[row["kind"], row["item"].pk]}
        for row in rows
        if (row["kind"], row["item"].pk) in fresh
    ]


def _kind_of(obj: Model) -> str:
    return {Link: "link", Position: "position", cases.Event: "event"}[type(obj)]


@require_http_methods(["GET", "HEAD", "POST"])
@reviewer_required
def tag(request: HttpRequest, pk: int) -> HttpResponse:
    """Tag a quote of an article. GET: the article with the form (also usable without JS)."""
    article = get_object_or_404(Article, pk=pk)
    context = {"article": article, "next": _next(request, request.get_full_path())}
    if request.method in ("GET", "HEAD"):
        context["tag_form"] = TagForm()
        context["links"] = selectors.article_links(article=article)
        return render(request, "review/tag.html", context)
    form = TagForm(request.POST)
    saved = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["kind"] == "link":
                target_type, ident = data["target"]
                target = int(ident) if ident.isdigit() else ident
                saved = services.link_create(
                    article=article,
                    target_type=target_type,
                    target=target,
                    quotes=[data["quote"]],
                    contexts=[(data["prefix"], data["suffix"])],
                    user=request.user,
                )
            else:
                saved = services.position_create(
                    article=article,
                    party=int(data["party"]) if data["party"].isdigit() else data["party"],
                    issue=int(data["issue"]) if data["issue"].isdigit() else data["issue"],
                    stance=data["stance"],
                    quote=data["quote"],
                    prefix=data["prefix"],
                    suffix=data["suffix"],
                    user=request.user,
                )
        except ValidationError as error:
            _form_errors(form, error)
    if saved is not None:
        message = _saved_message(saved)
        if request.htmx:
            context.update(
                tag_form=TagForm(), tag_message=message, saved=saved, saved_kind=_kind_of(saved)
            )
            response = render(request, "review/tag_form.html", context)
            # the article page may listen for this to refresh its highlights and link list
            return trigger_client_event(
                response, "review:tagged", {"kind": _kind_of(saved), "id": saved.pk}
            )
        messages.success(request, message)
        return redirect(context["next"])
    context["tag_form"] = form
    if request.htmx:
        return render(request, "review/tag_form.html", context, status=422)
    context["links"] = selectors.article_links(article=article)
    return render(request, "review/tag.html", context, status=400)


def _form_errors(form: TagForm, error: ValidationError) -> None:
    """Show a service's error by the field it names (the API's "evidence" is the quote)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, problems in error.error_dict.items():
        field = {"evidence": "quote"}.get(name, name)
        form.add_error(field if field in form.fields else None, problems)


def _saved_message(saved: Model) -> str:
    if isinstance(saved, Link):
        return f"Saved: evidence of {saved.target_type} “{saved.target_label}”."
    return f"Saved: {saved.party} {saved.stance} “{saved.issue}”."


@require_safe
@reader_required
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = HISTORY_KINDS.get(kind)
    if model is None:
        raise Http404("No history for that kind of item.")
    obj = get_object_or_404(model, pk=pk)
    context = {"obj": obj, "kind": kind, "entries": selectors.history_of(obj)}
    template = "review/history.html#entries" if partial_wanted(request) else "review/history.html"
    return render(request, template, context)
