"""Feeds: adding, fetching one feed into articles, health and scheduling.

After a fetch the feed is scheduled by how often it publishes (half the mean gap between its
recent entries, between MIN_INTERVAL and MAX_INTERVAL). A failure counts in `error_count`, keeps
the message in `last_error` and backs off exponentially; after DISABLE_AFTER failures in a row the
feed is disabled. HTTP 410 mutes it; a permanent redirect updates its URL.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from tracker.cases.models import Case
from tracker.cases.services import editor_save
from tracker.core.fetch import FetchError, FetchGone, FetchResult, url_fetch
from tracker.core.versioning import related_add
from tracker.news.clean import title_clean
from tracker.news.fulltext import FullText, entries_complete
from tracker.news.models import Feed
from tracker.news.parse import FeedError, NotAFeedError, ParsedFeed, feed_parse
from tracker.news.store import IngestReport, Item, Progress, articles_store

logger = logging.getLogger(__name__)

MIN_INTERVAL = 10 * 60
MAX_INTERVAL = 24 * 3600
DEFAULT_INTERVAL = 3600
BACKOFF_BASE = 5 * 60
DISABLE_AFTER = 10
CLAIM_LEASE = dt.timedelta(minutes=15)
DUE_STATUSES = (Feed.Status.ACTIVE, Feed.Status.BACKOFF)


def feed_add(
    *,
    url: str,
    title: str = "",
    site_url: str = "",
    cases: Iterable[Case] = (),
    full_text: bool = False,
) -> Feed:
    """Get or create the feed for url and add it to cases; `full_text` turns on fetching the
    pages of summary-only entries (it never turns it off)."""
    feed, created = Feed.objects.get_or_create(
        url=url.strip(),
        defaults={"title": title[:500], "site_url": site_url[:2000], "fetch_full_text": full_text},
    )
    changed = []
    if not created and title and not feed.title:
        feed.title = title[:500]
        changed.append("title")
    if full_text and not feed.fetch_full_text:
        feed.fetch_full_text = True
        changed.append("fetch_full_text")
    if changed:
        feed_save(feed, update_fields=changed)
    related_add(feed, "cases", [c for c in cases if c is not None])
    return feed


def _full_text_follow(feed: Feed, stored: bool | None) -> set[str]:
    """Turning full text on opens a backlog and forgets the validators, so the next fetch reads
    the whole feed and completes stored summaries; turning it off closes the backlog. `stored`
    is the value before this write (None for a new feed). Returns the fields it set."""
    if feed.fetch_full_text and stored is False:
        feed.full_text_backlog = True
        feed.etag = feed.last_modified = ""
        return {"full_text_backlog", "etag", "last_modified"}
    if not feed.fetch_full_text and feed.full_text_backlog:
        feed.full_text_backlog = False
        return {"full_text_backlog"}
    return set()


def _stored_full_text(feed: Feed) -> bool | None:
    if feed.pk is None:
        return None
    return Feed.objects.filter(pk=feed.pk).values_list("fetch_full_text", flat=True).first()


def feed_save(feed: Feed, *, update_fields: Iterable[str] | None = None) -> Feed:
    """Save a change to a feed's settings (the admin, `ingest --full-text`), following a change
    of its full-text setting (`_full_text_follow`)."""
    extra = _full_text_follow(feed, _stored_full_text(feed))
    feed.save(update_fields=None if update_fields is None else {*update_fields, *extra})
    return feed


def feed_edit(*, feed: Feed, values: dict, user=None, expected_version: int | None = None) -> Feed:
    """An editor's new or changed feed (the API), as cases.services.editor_save (locked on
    `expected_version`), following a change of its full-text setting."""
    stored = _stored_full_text(feed)
    return editor_save(
        obj=feed,
        values=values,
        user=user,
        before_save=lambda f: _full_text_follow(f, stored),
        expected_version=expected_version,
    )


def interval_for(*, feed: Feed, parsed: ParsedFeed | None, new_entries: int) -> int:
    """Seconds until the next fetch, from how often the feed publishes."""
    dates = sorted(
        (e.published for e in (parsed.entries if parsed else []) if e.published), reverse=True
    )[:20]
    if len(dates) >= 2 and dates[0] > dates[-1]:
        mean_gap = (dates[0] - dates[-1]).total_seconds() / (len(dates) - 1)
        seconds = int(mean_gap / 2)
    elif new_entries:
        seconds = DEFAULT_INTERVAL
    else:
        seconds = int((feed.interval_seconds or DEFAULT_INTERVAL) * 1.5)
    return max(MIN_INTERVAL, min(MAX_INTERVAL, seconds))


def feed_error_record(*, feed: Feed, message: str, gone: bool = False) -> None:
    """Count a failure: back off exponentially, disable after DISABLE_AFTER, mute when gone."""
    now = timezone.now()
    feed.error_count += 1
    feed.last_error = message[:2000]
    feed.last_fetched_at = now
    if gone:
        feed.status = Feed.Status.MUTED
        feed.next_fetch_at = None
    elif feed.error_count >= DISABLE_AFTER:
        feed.status = Feed.Status.DISABLED
        feed.next_fetch_at = None
    else:
        feed.status = Feed.Status.BACKOFF
        delay = min(MAX_INTERVAL, BACKOFF_BASE * 2 ** (feed.error_count - 1))
        feed.next_fetch_at = now + dt.timedelta(seconds=delay)
    feed.save(
        update_fields=["error_count", "last_error", "last_fetched_at", "status", "next_fetch_at"]
    )


def _feed_success(*, feed: Feed, parsed: ParsedFeed | None, new_entries: int, note: str) -> None:
    now = timezone.now()
    feed.interval_seconds = interval_for(feed=feed, parsed=parsed, new_entries=new_entries)
    feed.status = Feed.Status.ACTIVE
    feed.error_count = 0
    feed.last_error = note[:2000]
    feed.last_fetched_at = feed.last_success_at = now
    feed.next_fetch_at = now + dt.timedelta(seconds=feed.interval_seconds)
    if parsed is not None:
        feed.title = feed.title or title_clean(parsed.title)[:500]
        feed.site_url = feed.site_url or parsed.link.replace("\x00", "")[:2000]
    feed.save()


def _move(feed: Feed, url: str) -> bool:
    """Point the feed at url unless another feed already has it."""
    if not url or url == feed.url or Feed.objects.filter(url=url).exclude(pk=feed.pk).exists():
        return False
    Feed.objects.filter(pk=feed.pk).update(url=url)
    feed.url = url
    return True


def feed_refresh(
    *,
    feed: Feed,
    cases: Iterable[Case] = (),
    raise_retryable: bool = False,
    progress: Progress | None = None,
) -> IngestReport:
    """Fetch, parse and store one feed; every failure is recorded on the feed and in the report.

    With raise_retryable, a network failure is re-raised after it is recorded (for task retries).
    """
    report = IngestReport()
    fetched = _fetch_parsed(feed, report, raise_retryable=raise_retryable)
    if fetched is not None:
        _parsed_store(feed, *fetched, cases=cases, report=report, progress=progress)
    return report


def _failed(feed: Feed, report: IngestReport, message: str, *, gone: bool = False) -> None:
    feed_error_record(feed=feed, message=message, gone=gone)
    report.error(feed.url, message)


def _fetch_parsed(
    feed: Feed, report: IngestReport, *, raise_retryable: bool
) -> tuple[FetchResult, ParsedFeed] | None:
    """The feed fetched and parsed (following an HTML page to the feed it names, once); None
    when there is nothing to store: not modified, or a failure recorded on the feed."""
    for attempt in range(2):  # a second go only when an HTML page names its feed
        try:
            result = url_fetch(url=feed.url, etag=feed.etag, last_modified=feed.last_modified)
        except FetchGone as exc:
            return _failed(feed, report, str(exc), gone=True)
        except FetchError as exc:
            _failed(feed, report, str(exc))
            if raise_retryable and exc.retryable:
                raise
            return None
        _move(feed, result.permanent_url)
        if result.not_modified:
            _feed_success(feed=feed, parsed=None, new_entries=0, note="")
            return None
        try:
            return result, feed_parse(
                data=result.body, url=result.url, content_type=result.content_type
            )
        except NotAFeedError as exc:
            if attempt == 0 and exc.feed_url and _move(feed, exc.feed_url):
                feed.etag = feed.last_modified = ""
                continue
            return _failed(feed, report, str(exc))
        except FeedError as exc:
            return _failed(feed, report, str(exc))
    return None


def _parsed_store(
    feed: Feed,
    result: FetchResult,
    parsed: ParsedFeed,
    *,
    cases: Iterable[Case],
    report: IngestReport,
    progress: Progress | None,
) -> None:
    """Store the entries (their pages first, for a full-text feed) and record the fetch."""
    full = FullText()
    if feed.fetch_full_text:
        full = entries_complete(
            source_key=f"feed:{feed.pk}", entries=parsed.entries, backlog=feed.full_text_backlog
        )
    feed_entries_store(
        feed=feed, parsed=parsed, cases=cases, report=report, progress=progress, pages=full.pages
    )
    feed.etag, feed.last_modified = result.etag[:500], result.last_modified[:100]
    if full.deferred:  # stored with their summary for now: the next fetch reads the feed again
        feed.etag = feed.last_modified = ""
    if feed.full_text_backlog != bool(full.deferred):
        feed.full_text_backlog = bool(full.deferred)
        Feed.objects.filter(pk=feed.pk).update(full_text_backlog=feed.full_text_backlog)
    if parsed.bozo and not parsed.entries:
        feed.save(update_fields=["etag", "last_modified"])
        _failed(feed, report, f"no entries could be read: {parsed.bozo}")
        return
    problems = f"parsed with problems: {parsed.bozo}" if parsed.bozo else ""
    note = "; ".join(part for part in (problems, full.note) if part)
    _feed_success(feed=feed, parsed=parsed, new_entries=len(report.created), note=note)


def feed_entries_store(
    *,
    feed: Feed,
    parsed: ParsedFeed,
    cases: Iterable[Case],
    report: IngestReport,
    progress: Progress | None = None,
    pages: dict[int, str] | None = None,
) -> None:
    """Store a parsed feed's entries; `pages` are the fetched pages of entries completed from
    them (fulltext), by position, kept as those articles' originals."""
    pages = pages or {}
    all_cases = list({c.pk: c for c in [*cases, *feed.cases.all()] if c is not None}.values())
    items = [
        Item(entry=e, original=pages[n], original_type="text/html")
        if n in pages
        else Item(entry=e, original=e.content)
        for n, e in enumerate(parsed.entries)
    ]
    articles_store(
        source_key=f"feed:{feed.pk}",
        items=items,
        report=report,
        feed=feed,
        source_name=feed.title or parsed.title,
        cases=all_cases,
        progress=progress,
    )


def feeds_claim_due(*, limit: int = 100, now: dt.datetime | None = None) -> list[int]:
    """Claim due feeds with a conditional UPDATE each, so no two workers fetch one at once.

    A claimed feed's next_fetch_at moves CLAIM_LEASE ahead; the fetch sets the real one. If the
    worker dies, the feed is due again when the lease ends.
    """
    now = now or timezone.now()
    due = (
        Feed.objects.filter(status__in=DUE_STATUSES)
        .filter(Q(next_fetch_at__isnull=True) | Q(next_fetch_at__lte=now))
        .order_by(F("next_fetch_at").asc(nulls_first=True), "pk")
        .values_list("pk", "next_fetch_at")[:limit]
    )
    claimed = []
    for pk, when in list(due):
        rows = Feed.objects.filter(pk=pk, status__in=DUE_STATUSES)
        rows = (
            rows.filter(next_fetch_at__isnull=True)
            if when is None
            else rows.filter(next_fetch_at=when)
        )
        with transaction.atomic():
            if rows.update(next_fetch_at=now + CLAIM_LEASE):
                claimed.append(pk)
    return claimed
