"""A case's outgoing feeds: Atom (accepted events and the articles linked to the case) and
iCalendar (accepted events as all-day events).

Month- and year-precision events start on the first day of their period, span it (DTEND is
exclusive), and say in the description how precise the date is. UIDs are stable:
`event-<id>@<case slug>.tracker`.
"""

from __future__ import annotations

import datetime as dt
import re

import icalendar
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape
from django.utils.http import http_date
from django.views.decorators.http import conditional_page, require_safe

from tracker.cases.models import Case, Event, ReviewStatus
from tracker.linking.membership import LIVE, REVIEWED, case_articles
from tracker.news.models import Article
from tracker.review.roles import can_read

FEED_ITEMS = 50

# Characters XML 1.0 cannot carry (C0 controls but tab, newline and return; lone surrogates;
# U+FFFE/U+FFFF), and the C0/C1 controls iCalendar text may not carry (RFC 5545 CONTROL).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NOT_ICAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str | None) -> str:
    """Untrusted text made writable in XML: characters XML cannot hold are dropped."""
    return _NOT_XML.sub("", value or "")


def html_summary(value: str | None) -> str:
    """Atom's <summary type="html"> holds HTML: untrusted text is escaped into it, not pasted."""
    return escape(xml_text(value))


def ical_text(value: str | None) -> str:
    return _NOT_ICAL.sub("", value or "")


def tag_uri(specific: str) -> str:
    """An RFC 4151 tag URI under this site's authority (TRACKER_TAG_AUTHORITY: host,date)."""
    return f"tag:{settings.TRACKER_TAG_AUTHORITY}:{specific}"


def _case_url(request: HttpRequest, case: Case) -> str:
    return request.build_absolute_uri(case.get_absolute_url())


def _readable_case(request: HttpRequest, slug: str) -> Case:
    if not can_read(request.user):
        raise PermissionDenied("log in with a reading role to read this case")
    return get_object_or_404(Case, slug=slug)


def _shown(request: HttpRequest) -> tuple[str, ...]:
    """Accepted items only, as the case page shows readers; ?unreviewed=1 adds suggestions."""
    if request.GET.get("unreviewed") == "1":
        return LIVE
    return REVIEWED


def _period_end(event: Event) -> dt.date:
    """The day after the event's period (iCalendar's exclusive DTEND for all-day events)."""
    start = event.period_start
    if event.precision == Event.Precision.YEAR:
        return dt.date(start.year + 1, 1, 1)
    if event.precision == Event.Precision.MONTH:
        return dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start + dt.timedelta(days=1)


def _ical_end(event: Event) -> dt.date | None:
    """DTEND, or None past the last representable date (an all-day DTSTART alone is one day)."""
    try:
        return _period_end(event)
    except (OverflowError, ValueError):
        return None


def _article_link(request: HttpRequest, article: Article) -> str:
    """The article's own address when it is an http(s) URL, else its page here."""
    url = xml_text(article.url)
    if url.lower().startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(reverse("web:article", args=[article.pk]))


class AtomFeed(feedgenerator.Atom1Feed):
    """The feed's <updated> is its entries' last change (Django's would take the newest of
    `published` too, and an event's date may lie ahead)."""

    def latest_post_date(self) -> dt.datetime:
        return self.feed["updated"]


def _event_items(case: Case, case_url: str, shown: tuple[str, ...]) -> list[dict]:
    events = Event.objects.filter(case=case, status__in=shown).order_by("-updated_at", "-id")
    return [
        {
            "title": xml_text(f"{event.date_display}: {event.title}"),
            "link": f"{case_url}?at=event-{event.pk}",
            "description": html_summary(event.description or event.title),
            "unique_id": tag_uri(f"case:{case.slug}:event:{event.pk}"),
            # When it happened (the first day of its period); `updated`: the last change.
            "pubdate": dt.datetime.combine(event.period_start, dt.time(), dt.UTC),
            "updateddate": event.updated_at,
            "categories": ["event", event.kind]
            + (["unreviewed"] if event.status != ReviewStatus.ACCEPTED else []),
        }
        for event in events[:FEED_ITEMS]
    ]


def _article_items(request: HttpRequest, case: Case, shown: tuple[str, ...]) -> list[dict]:
    articles = (
        case_articles(case=case, statuses=shown)
        .order_by("-published", "-id")
        .only("id", "url", "title", "source", "author", "published", "created_at", "updated_at")
    )
    return [
        {
            "title": xml_text(article.title),
            "link": _article_link(request, article),
            "description": html_summary(
                f"{article.source}: {article.title}" if article.source else ""
            ),
            "unique_id": tag_uri(f"article:{article.pk}"),
            "pubdate": article.published or article.created_at,
            "updateddate": article.updated_at,
            "author_name": xml_text(article.author or article.source) or None,
            "categories": ["article"],
        }
        for article in articles[:FEED_ITEMS]
    ]


# ETag (a digest of the body) and Last-Modified, and a 304 to a client that has them.
@conditional_page
@require_safe
def case_feed_atom(request: HttpRequest, slug: str) -> HttpResponse:
    """Atom: the case's latest accepted events and the articles linked to it."""
    case = _readable_case(request, slug)
    case_url = _case_url(request, case)
    feed = AtomFeed(
        title=xml_text(f"{case.title}: tracker"),
        link=case_url,
        description=xml_text(case.summary or f"News and events in {case.title}"),
        feed_url=request.build_absolute_uri(),
        feed_guid=tag_uri(f"case:{case.slug}"),
        language="en",
        author_name=xml_text(settings.TRACKER_SITE_NAME),
        author_link=request.build_absolute_uri("/"),
    )
    shown = _shown(request)
    items = _event_items(case, case_url, shown) + _article_items(request, case, shown)
    items.sort(key=lambda item: item["updateddate"], reverse=True)
    items = items[:FEED_ITEMS]
    for item in items:
        feed.add_item(**item)
    feed.feed["updated"] = max([case.updated_at, *(item["updateddate"] for item in items)])
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    response["Last-Modified"] = http_date(feed.feed["updated"].timestamp())
    return response


@conditional_page
@require_safe
def case_events_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """iCalendar: the case's accepted events as all-day events."""
    case = _readable_case(request, slug)
    case_url = _case_url(request, case)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//tracker//case events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", ical_text(case.title))
    events = Event.objects.filter(case=case, status__in=_shown(request)).order_by("date", "id")
    last = case.updated_at
    for event in events.iterator(chunk_size=500):
        last = max(last, event.updated_at)
        vevent = icalendar.Event()
        vevent.add("uid", f"event-{event.pk}@{case.slug}.tracker")
        # The record's last change: stable across requests, so clients see no false updates.
        vevent.add("dtstamp", event.updated_at)
        vevent.add("last-modified", event.updated_at)
        vevent.add("dtstart", event.period_start)
        end = _ical_end(event)
        if end is not None:
            vevent.add("dtend", end)
        unreviewed = event.status != ReviewStatus.ACCEPTED
        title = ical_text(event.title)
        vevent.add("summary", f"(unreviewed) {title}" if unreviewed else title)
        notes = []
        if event.precision != Event.Precision.DAY:
            notes.append(
                f"Date known to the {event.precision} only ({event.date_display}); "
                f"shown as the whole {event.precision}."
            )
        if event.description:
            notes.append(ical_text(event.description))
        if notes:
            vevent.add("description", "\n\n".join(notes))
        vevent.add("categories", [event.get_kind_display()])
        vevent.add("x-tracker-precision", event.precision)
        vevent.add("url", f"{case_url}?at=event-{event.pk}")
        vevent.add("transp", "TRANSPARENT")
        cal.add_component(vevent)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{case.slug}.ics"'
    response["Last-Modified"] = http_date(last.timestamp())
    return response
