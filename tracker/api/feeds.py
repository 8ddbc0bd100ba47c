"""A case's outgoing feeds: Atom (accepted events and the articles linked to the case) and
iCalendar (accepted events as all-day events).

Month- and year-precision events start on the first day of their period, span it (DTEND is
exclusive), and say in the description how precise the date is. UIDs are stable:
`event-<id>@<case slug>.tracker`.
"""

from __future__ import annotations

import datetime as dt

import icalendar
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import feedgenerator, timezone
from django.views.decorators.http import require_GET

from tracker.cases.models import Case, Event, ReviewStatus
from tracker.news.models import Article
from tracker.review.roles import can_read

from .selectors import case_article_ids

FEED_ITEMS = 50


def _case_url(request: HttpRequest, case: Case) -> str:
    try:
        path = reverse("web:case", kwargs={"slug": case.slug})
    except NoReverseMatch:
        path = f"/cases/{case.slug}/"
    return request.build_absolute_uri(path)


def _readable_case(request: HttpRequest, slug: str) -> Case:
    if not can_read(request.user):
        raise PermissionDenied("log in with a reading role to read this case")
    return get_object_or_404(Case, slug=slug)


def _shown(request: HttpRequest) -> tuple[str, ...]:
    """Accepted items only, as the case page shows readers; ?unreviewed=1 adds suggestions."""
    if request.GET.get("unreviewed") == "1":
        return (ReviewStatus.ACCEPTED, ReviewStatus.SUGGESTED)
    return (ReviewStatus.ACCEPTED,)


def _period_end(event: Event) -> dt.date:
    """The day after the event's period (iCalendar's exclusive DTEND for all-day events)."""
    start = event.date
    if event.precision == Event.Precision.YEAR:
        return dt.date(start.year + 1, 1, 1)
    if event.precision == Event.Precision.MONTH:
        return dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start + dt.timedelta(days=1)


@require_GET
def case_feed_atom(request: HttpRequest, slug: str) -> HttpResponse:
    """Atom: the case's latest accepted events and the articles linked to it."""
    case = _readable_case(request, slug)
    case_url = _case_url(request, case)
    feed = feedgenerator.Atom1Feed(
        title=f"{case.title}: tracker",
        link=case_url,
        description=case.summary or f"News and events in {case.title}",
        feed_url=request.build_absolute_uri(),
        feed_guid=f"tag:tracker,2026:case:{case.slug}",
        language="en",
    )
    shown = _shown(request)
    events = Event.objects.filter(case=case, status__in=shown).order_by("-updated_at", "-id")[
        :FEED_ITEMS
    ]
    articles = (
        Article.objects.filter(pk__in=case_article_ids(case.slug, statuses=shown))
        .order_by("-published", "-id")
        .only("id", "url", "title", "source", "author", "published", "created_at", "updated_at")[
            :FEED_ITEMS
        ]
    )
    items = []
    for event in events:
        items.append(
            {
                "title": f"{event.date_display}: {event.title}",
                "link": f"{case_url}?at=event-{event.pk}",
                "description": event.description or event.title,
                "unique_id": f"tag:tracker,2026:case:{case.slug}:event:{event.pk}",
                "pubdate": event.created_at,
                "updateddate": event.updated_at,
                "categories": ["event", event.kind]
                + (["unreviewed"] if event.status != ReviewStatus.ACCEPTED else []),
            }
        )
    for article in articles:
        items.append(
            {
                "title": article.title,
                "link": article.url or request.build_absolute_uri(f"/articles/{article.pk}/"),
                "description": f"{article.source}: {article.title}" if article.source else "",
                "unique_id": f"tag:tracker,2026:article:{article.pk}",
                "pubdate": article.published or article.created_at,
                "updateddate": article.updated_at,
                "author_name": article.author or article.source or None,
                "categories": ["article"],
            }
        )
    items.sort(key=lambda item: item["updateddate"], reverse=True)
    for item in items[:FEED_ITEMS]:
        feed.add_item(**item)
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


@require_GET
def case_events_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """iCalendar: the case's accepted events as all-day events."""
    case = _readable_case(request, slug)
    case_url = _case_url(request, case)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//tracker//case events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", case.title)
    stamp = timezone.now()
    events = Event.objects.filter(case=case, status__in=_shown(request)).order_by("date", "id")
    for event in events.iterator(chunk_size=500):
        vevent = icalendar.Event()
        vevent.add("uid", f"event-{event.pk}@{case.slug}.tracker")
        vevent.add("dtstamp", stamp)
        vevent.add("last-modified", event.updated_at)
        vevent.add("dtstart", event.date)
        vevent.add("dtend", _period_end(event))
        unreviewed = event.status != ReviewStatus.ACCEPTED
        vevent.add("summary", f"(unreviewed) {event.title}" if unreviewed else event.title)
        notes = []
        if event.precision != Event.Precision.DAY:
            notes.append(
                f"Date known to the {event.precision} only ({event.date_display}); "
                f"shown from the first day of the {event.precision}."
            )
        if event.description:
            notes.append(event.description)
        if notes:
            vevent.add("description", "\n\n".join(notes))
        vevent.add("categories", [event.get_kind_display()])
        vevent.add("x-tracker-precision", event.precision)
        vevent.add("url", f"{case_url}?at=event-{event.pk}")
        vevent.add("transp", "TRANSPARENT")
        cal.add_component(vevent)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{case.slug}.ics"'
    return response
