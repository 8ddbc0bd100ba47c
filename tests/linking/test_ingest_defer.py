"""`ingest --defer` stores and returns; the queued batches (task functions called directly) then
cluster, link and index exactly as an ingest without --defer does."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from tracker.linking.models import Link
from tracker.news import services, tasks
from tracker.news.models import Article
from tracker.search.selectors import search

pytestmark = pytest.mark.django_db

DEMO_FEED = Path(__file__).resolve().parents[2] / "tracker" / "demo" / "feed.xml"


@pytest.fixture
def queued(monkeypatch) -> list[list[int]]:
    """The batches ingest --defer queues (instead of a broker), in order."""
    sent: list[list[int]] = []
    monkeypatch.setattr(tasks.articles_finish_task, "delay_on_commit", sent.append)
    monkeypatch.setattr(services, "AFTER_INGEST_BATCH", 4)
    return sent


def _ingest(*args: str) -> dict:
    out = io.StringIO()
    call_command("ingest", "--json", *args, stdout=out)
    return json.loads(out.getvalue().strip().splitlines()[-1])


def _outcome() -> tuple[list, list, int]:
    """Stories by title, party links, articles marked finished (events and the links to them
    depend on what earlier runs suggested, so they are left out of the comparison)."""
    stories = sorted(
        Article.objects.values_list("title", "story__title").order_by("title", "story__title")
    )
    links = sorted(
        Link.objects.filter(target_type="party").values_list(
            "article__title", "party__name", "status", "confidence"
        )
    )
    return stories, links, Article.objects.filter(linked_at__isnull=False).count()


def _found(word: str) -> set[str]:
    return {hit.title for hit in search(q=word, kind="article", limit=100).hits}


def test_defer_stores_and_queues_batches(demo_case, queued):
    summary = _ingest("--defer", "--case", demo_case.slug, str(DEMO_FEED))
    stored = set(Article.objects.values_list("pk", flat=True))
    assert summary["created"] == len(stored) > 4 and not summary["errors"]
    assert summary["queued"] == len(stored)
    assert all(0 < len(batch) <= 4 for batch in queued)
    assert {pk for batch in queued for pk in batch} == stored
    # Nothing clustered, linked or indexed yet.
    assert not Article.objects.filter(story__isnull=False).exists()
    assert not Article.objects.filter(linked_at__isnull=False).exists()
    assert not Link.objects.exists()
    assert not _found(max(Article.objects.first().title.split(), key=len))


def test_the_queued_tasks_do_what_ingest_does_and_are_idempotent(demo_case, queued):
    _ingest("--case", demo_case.slug, str(DEMO_FEED))
    inline = _outcome()
    assert inline[1] and inline[2] == Article.objects.count()
    word = max(Article.objects.order_by("pk").first().title.split(), key=len)
    found = _found(word)
    assert found
    Article.objects.all().delete()

    _ingest("--defer", "--case", demo_case.slug, str(DEMO_FEED))
    for batch in queued:
        result = tasks.articles_finish_task(batch)
        assert result == {"articles": len(batch), "errors": []}
    assert _outcome() == inline
    assert _found(word) == found  # indexed
    links = sorted(Link.objects.values_list("id", "confidence"))
    stories = sorted(Article.objects.values_list("pk", "story_id"))
    for batch in reversed(queued):  # redelivered, in another order
        tasks.articles_finish_task(batch)
    assert sorted(Link.objects.values_list("id", "confidence")) == links
    assert sorted(Article.objects.values_list("pk", "story_id")) == stories


def test_a_batch_of_deleted_articles_is_skipped():
    assert tasks.articles_finish_task([987654, 987655]) == {"articles": 0, "errors": []}


def test_without_defer_there_is_no_queued_key(demo_case, queued):
    summary = _ingest("--case", demo_case.slug, str(DEMO_FEED))
    assert "queued" not in summary and not queued
    assert Article.objects.filter(linked_at__isnull=True).count() == 0


def test_a_bulk_ingest_renews_postgresql_statistics(monkeypatch):
    from django.db import connection

    from tracker.news.store import IngestReport

    monkeypatch.setattr(services, "ANALYZE_AFTER", 3)
    small, bulk = IngestReport(created=[1, 2]), IngestReport(created=[1, 2], updated=[3])
    assert services.statistics_refresh(report=small) is False
    assert services.statistics_refresh(report=bulk) is (connection.vendor == "postgresql")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'news_article' "
                "AND last_analyze IS NOT NULL"
            )
            assert cursor.fetchone()[0] == 1
