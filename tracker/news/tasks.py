"""Celery tasks for feeds: thin, idempotent, retried on network errors."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from tracker.core.fetch import FetchNetworkError
from tracker.news.feeds import feeds_claim_due
from tracker.news.models import Article, Feed
from tracker.news.services import articles_finish, feed_ingest
from tracker.news.store import IngestReport

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,  # idempotent: entries upsert by identity, so a redelivery changes nothing
    # Network errors, and a database that went away mid-ingest (restart, failover): the
    # redelivered fetch upserts by identity, so retrying loses and doubles nothing.
    autoretry_for=(FetchNetworkError, OperationalError, InterfaceError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=120,
    time_limit=180,
)
def feed_fetch(feed_id: int) -> dict:
    """Fetch one feed and ingest its entries (then cluster and link them)."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        return {"feed": feed_id, "skipped": "no such feed"}
    if feed.status in (Feed.Status.MUTED, Feed.Status.DISABLED):
        return {"feed": feed_id, "skipped": feed.status}
    return feed_ingest(feed=feed, raise_retryable=True).as_json()


@shared_task(soft_time_limit=50, time_limit=60)
def feeds_due(limit: int = 200) -> list[int]:
    """Queued by beat each minute: claim the due feeds and queue a fetch for each."""
    claimed = feeds_claim_due(limit=limit)
    for feed_id in claimed:
        feed_fetch.delay(feed_id)
    if claimed:
        logger.info("queued %d due feeds", len(claimed))
    return claimed


@shared_task(
    acks_late=True,  # idempotent: clustering keeps an unchanged article's story, links upsert
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=30,
    max_retries=3,
    soft_time_limit=600,
    time_limit=900,
)
def articles_finish_task(article_ids: list[int]) -> dict:
    """Queued by `ingest --defer`: cluster, link and index one batch of stored articles (ids
    deleted since are skipped)."""
    ids = list(Article.objects.filter(pk__in=article_ids).values_list("pk", flat=True))
    report = IngestReport()
    articles_finish(article_ids=ids, report=report)
    return {"articles": len(ids), "errors": report.errors}
