"""Feeds over HTTP (a server on 127.0.0.1): health, scheduling and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import gzip
import time

import pytest
from django.utils import timezone

from tests.factories import CaseFactory, FeedFactory
from tests.news import samples
from tracker.news import feeds as feeds_mod
from tracker.news.feeds import feed_add, feed_error_record, feed_refresh, feeds_claim_due
from tracker.news.models import Article, Feed
from tracker.news.services import source_ingest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_hooks(settings):
    settings.TRACKER_AFTER_INGEST = []


def _feed_with_articles(server, allow_private) -> Feed:
    url = server.serve("/feed.xml", samples.feed_of(3))
    report = source_ingest(source=url, case=None)
    assert len(report.created) == 3 and not report.errors
    return Feed.objects.get(url=url)


def test_url_ingest_records_health_and_schedule(server, allow_private):
    feed = _feed_with_articles(server, allow_private)
    assert feed.status == Feed.Status.ACTIVE and feed.error_count == 0 and feed.last_error == ""
    assert feed.title == "Harbour Courts Weekly" and feed.site_url == "https://harbour.example/"
    assert feed.last_success_at and feed.next_fetch_at > timezone.now()
    assert feed.interval_seconds == 3 * 3600  # entries every 6 hours: poll every 3
    assert Article.objects.filter(feed=feed).count() == 3


def test_conditional_get_and_not_modified(server, allow_private):
    body = samples.feed_of(2)

    def etagged(h):
        if h.headers.get("If-None-Match") == '"abc"':
            h.send_response(304)
            h.end_headers()
            return
        h.send_response(200)
        h.send_header("ETag", '"abc"')
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    url = server.route("/etag.xml", etagged)
    feed = feed_add(url=url)
    assert len(feed_refresh(feed=feed).created) == 2
    feed.refresh_from_db()
    assert feed.etag == '"abc"'
    report = feed_refresh(feed=feed)
    assert report.created == [] and report.errors == []
    assert server.requests[-1]["headers"]["If-None-Match"] == '"abc"'
    feed.refresh_from_db()
    assert feed.status == Feed.Status.ACTIVE


def test_permanent_redirect_updates_the_url(server, allow_private):
    new = server.serve("/new.xml", samples.feed_of(1))

    def moved(h):
        h.send_response(301)
        h.send_header("Location", "/new.xml")
        h.end_headers()

    old = server.route("/old.xml", moved)
    feed = feed_add(url=old)
    feed_refresh(feed=feed)
    feed.refresh_from_db()
    assert feed.url == new


def test_html_page_that_names_its_feed_is_followed(server, allow_private):
    server.serve("/feed.xml", samples.feed_of(2))
    page = server.serve("/", samples.HTML_PAGE, content_type="text/html")
    feed = feed_add(url=page)
    report = feed_refresh(feed=feed)
    assert len(report.created) == 2
    feed.refresh_from_db()
    assert feed.url == server.url("/feed.xml")


def test_gone_mutes_the_feed(server, allow_private):
    feed = _feed_with_articles(server, allow_private)
    server.serve("/feed.xml", b"", status=410)
    report = feed_refresh(feed=feed)
    feed.refresh_from_db()
    assert feed.status == Feed.Status.MUTED and feed.next_fetch_at is None
    assert "410" in feed.last_error and "410" in report.errors[0]["error"]
    assert Article.objects.filter(feed=feed).count() == 3


def _slow(h):
    h.send_response(200)
    h.send_header("Content-Length", "100000")
    h.end_headers()
    for _ in range(40):
        h.wfile.write(b"<")
        h.wfile.flush()
        time.sleep(0.25)


def _loop_a(h):
    h.send_response(302)
    h.send_header("Location", "/loop-b")
    h.end_headers()


def _loop_b(h):
    h.send_response(302)
    h.send_header("Location", "/feed.xml")
    h.end_headers()


BAD = {
    "html": (
        lambda s: s.serve("/feed.xml", b"<html><body>hi</body></html>", content_type="text/html"),
        "this is an HTML page, not a feed",
    ),
    "empty": (lambda s: s.serve("/feed.xml", b""), "the feed is empty"),
    "truncated": (
        lambda s: s.serve("/feed.xml", b"<?xml version='1.0'?><rss><chan"),
        "no entries could be read",
    ),
    "wrong-encoding": (
        lambda s: s.serve(
            "/feed.xml",
            "<rss version='2.0'><channel><title>\u00e9t\u00e9</title>".encode("utf-16-le"),
        ),
        "not a feed",
    ),
    "huge": (
        lambda s: s.serve("/feed.xml", b"<rss>" + b" " * 2_000_000),
        "over the 1048576-byte limit",
    ),
    "entity-bomb": (
        lambda s: s.serve("/feed.xml", samples.BILLION_LAUGHS),
        "declares XML entities",
    ),
    "gzip-bomb": (
        lambda s: s.serve(
            "/feed.xml", gzip.compress(b" " * 30_000_000), headers={"Content-Encoding": "gzip"}
        ),
        "decompresses to more than",
    ),
    "slow": (lambda s: s.route("/feed.xml", _slow), "timed out"),
    "redirect-loop": (
        lambda s: (s.route("/feed.xml", _loop_a), s.route("/loop-b", _loop_b)),
        "redirect loop",
    ),
    "server-error": (lambda s: s.serve("/feed.xml", b"oops", status=500), "HTTP 500"),
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_input_is_recorded_and_loses_nothing(kind, server, allow_private):
    allow_private.TRACKER_FETCH_TIMEOUT = 2
    feed = _feed_with_articles(server, allow_private)
    before = {a.pk: a.text for a in Article.objects.all()}
    setup, message = BAD[kind]
    setup(server)
    report = feed_refresh(feed=feed)
    feed.refresh_from_db()
    assert len(report.errors) == 1 and message in report.errors[0]["error"]
    assert message in feed.last_error
    assert feed.error_count == 1 and feed.status == Feed.Status.BACKOFF
    assert feed.next_fetch_at > timezone.now() + dt.timedelta(minutes=4)
    assert {a.pk: a.text for a in Article.objects.all()} == before


def test_partly_broken_feed_keeps_entries_and_notes_why(server, allow_private):
    data = samples.feed_of(3)
    url = server.serve("/feed.xml", data[: data.index(b"<item><title>Toll hearing 2")])
    report = source_ingest(source=url, case=None)
    feed = Feed.objects.get(url=url)
    assert len(report.created) == 2 and not report.errors
    assert feed.status == Feed.Status.ACTIVE and feed.last_error.startswith("parsed with problems")


def test_refused_address_is_recorded(settings):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = False
    report = source_ingest(source="http://10.0.0.7/feed.xml", case=None)
    feed = Feed.objects.get(url="http://10.0.0.7/feed.xml")
    assert "a private address" in report.errors[0]["error"] and "private address" in feed.last_error
    assert feed.error_count == 1


def test_backoff_grows_then_disables():
    feed = FeedFactory()
    delays = []
    for _ in range(feeds_mod.DISABLE_AFTER - 1):
        before = timezone.now()
        feed_error_record(feed=feed, message="boom")
        delays.append((feed.next_fetch_at - before).total_seconds())
        assert feed.status == Feed.Status.BACKOFF
    assert all(b > a for a, b in zip(delays[:5], delays[1:6], strict=True))
    assert max(delays) <= feeds_mod.MAX_INTERVAL + 1
    feed_error_record(feed=feed, message="boom")
    assert feed.status == Feed.Status.DISABLED and feed.next_fetch_at is None


def test_interval_follows_publishing_rate():
    from tracker.news.parse import ParsedEntry, ParsedFeed

    feed = FeedFactory()
    start = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)

    def every(hours: float, n: int = 10) -> ParsedFeed:
        entries = [ParsedEntry(published=start + dt.timedelta(hours=hours * i)) for i in range(n)]
        return ParsedFeed(kind="rss20", entries=entries)

    assert (
        feeds_mod.interval_for(feed=feed, parsed=every(0.05), new_entries=1)
        == feeds_mod.MIN_INTERVAL
    )
    assert feeds_mod.interval_for(feed=feed, parsed=every(4), new_entries=1) == 2 * 3600
    assert (
        feeds_mod.interval_for(feed=feed, parsed=every(24 * 7), new_entries=1)
        == feeds_mod.MAX_INTERVAL
    )
    feed.interval_seconds = 3600
    assert feeds_mod.interval_for(feed=feed, parsed=None, new_entries=0) == 5400


def test_feed_cases_are_given_to_articles(server, allow_private):
    case = CaseFactory()
    url = server.serve("/feed.xml", samples.feed_of(2))
    feed_add(url=url, cases=[case])
    source_ingest(source=url, case=None)
    assert Article.objects.filter(cases=case).count() == 2


def test_due_feeds_are_claimed_once():
    now = timezone.now()
    due = [
        FeedFactory(next_fetch_at=None),
        FeedFactory(next_fetch_at=now - dt.timedelta(minutes=1)),
    ]
    FeedFactory(next_fetch_at=now + dt.timedelta(hours=1))
    FeedFactory(status=Feed.Status.MUTED, next_fetch_at=None)
    FeedFactory(status=Feed.Status.BACKOFF, next_fetch_at=now - dt.timedelta(seconds=5))
    claimed = feeds_claim_due(now=now)
    assert {due[i].pk for i in range(2)} < set(claimed) and len(claimed) == 3
    assert feeds_claim_due(now=now) == []  # a second worker finds nothing to claim
    later = now + feeds_mod.CLAIM_LEASE + dt.timedelta(seconds=1)
    assert sorted(feeds_claim_due(now=later)) == sorted(claimed)  # the lease ran out


def test_claim_race_has_one_winner():
    now = timezone.now()
    feed = FeedFactory(next_fetch_at=now - dt.timedelta(minutes=1))
    stale_view = feed.next_fetch_at
    assert feeds_claim_due(now=now) == [feed.pk]
    # Another worker read the row before the claim: its conditional UPDATE matches nothing.
    rows = Feed.objects.filter(pk=feed.pk, next_fetch_at=stale_view).update(next_fetch_at=now)
    assert rows == 0


def test_opml_file_adds_and_fetches_its_feeds(server, allow_private, tmp_path):
    case = CaseFactory()
    one = server.serve("/one.xml", samples.feed_of(2))
    two = server.serve("/two.xml", samples.ATOM, content_type="application/atom+xml")
    (tmp_path / "subs.opml").write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>s</title></head><body>'
        f'<outline type="rss" text="One" xmlUrl="{one}"/>'
        f'<outline type="rss" text="Two" xmlUrl="{two}"/>'
        '<outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>'
        "</body></opml>"
    )
    report = source_ingest(source=str(tmp_path / "subs.opml"), case=case)
    assert len(report.created) == 3
    assert report.errors == [
        {"source": "file:///etc/passwd", "error": "only http and https feed URLs can be added"}
    ]
    assert set(Feed.objects.filter(cases=case).values_list("url", flat=True)) == {one, two}
    assert Feed.objects.get(url=one).title == "One"
    assert Article.objects.filter(cases=case).count() == 3
