"""Task functions called directly (no worker, no eager mode)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from tests.factories import FeedFactory
from tests.news import samples
from tracker.core.fetch import FetchNetworkError
from tracker.news import tasks
from tracker.news.models import Article, Feed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_hooks(settings):
    settings.TRACKER_AFTER_INGEST = []


def test_feed_fetch_is_idempotent(server, allow_private):
    url = server.serve("/feed.xml", samples.feed_of(3))
    feed = FeedFactory(url=url)
    first = tasks.feed_fetch(feed.pk)
    assert first["created"] == 3
    second = tasks.feed_fetch(feed.pk)  # a redelivered message
    assert second["created"] == 0 and second["unchanged"] == 3
    assert Article.objects.count() == 3


def test_feed_fetch_skips_missing_muted_and_disabled():
    assert tasks.feed_fetch(987654)["skipped"] == "no such feed"
    muted = FeedFactory(status=Feed.Status.MUTED)
    assert tasks.feed_fetch(muted.pk)["skipped"] == "muted"


def test_network_errors_are_recorded_then_raised_for_retry(allow_private):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    feed = FeedFactory(url=f"http://127.0.0.1:{port}/feed.xml")
    with pytest.raises(FetchNetworkError):
        tasks.feed_fetch(feed.pk)
    feed.refresh_from_db()
    assert feed.error_count == 1 and "network error" in feed.last_error


def test_feed_fetch_task_options():
    assert tasks.feed_fetch.acks_late is True
    assert FetchNetworkError in tasks.feed_fetch.autoretry_for
    assert tasks.feed_fetch.soft_time_limit < tasks.feed_fetch.time_limit
    schedule = django_settings.CELERY_BEAT_SCHEDULE["feeds-due"]
    assert schedule["task"] == tasks.feeds_due.name and schedule["schedule"] == 60.0


def test_feeds_due_queues_each_claimed_feed_once(monkeypatch):
    queued: list[int] = []
    monkeypatch.setattr(tasks.feed_fetch, "delay", queued.append)
    now = timezone.now()
    due = FeedFactory(next_fetch_at=now - dt.timedelta(minutes=2))
    FeedFactory(next_fetch_at=now + dt.timedelta(hours=2))
    assert tasks.feeds_due() == [due.pk]
    assert tasks.feeds_due() == []
    assert queued == [due.pk]
