"""After-ingest steps on a batch (tracker.news.services.articles_finish, the body of the queued
articles_finish_task): one article that breaks a step never costs the rest of the batch."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import OperationalError

from tests.factories import ArticleFactory
from tracker.news import services, tasks
from tracker.news.models import Article
from tracker.news.store import IngestReport
from tracker.search.services import articles_index

pytestmark = pytest.mark.django_db

RECORDER = "tests.news.test_finish.hook_recording"
BREAKING = "tests.news.test_finish.hook_breaking_on_bad"
_seen: list[int] = []
_bad: set[int] = set()


def hook_recording(*, article_ids: list[int]) -> None:
    """An after-ingest hook that notes the articles it finished."""
    _seen.extend(article_ids)


def hook_breaking_on_bad(*, article_ids: list[int]) -> None:
    """An after-ingest hook that fails on any call that includes a bad article."""
    if _bad & set(article_ids):
        raise ValueError("cannot read this article")
    _seen.extend(article_ids)


INDEX_BREAKING = "tests.news.test_finish.hook_index_breaking_on_bad"


def hook_index_breaking_on_bad(*, article_ids: list[int]) -> None:
    """The search index step, failing on any call that includes a bad article."""
    if _bad & set(article_ids):
        raise ValueError("the index is busy")
    articles_index(article_ids=article_ids)
    _seen.extend(article_ids)


@pytest.fixture
def batch(settings) -> list[int]:
    _seen.clear()
    _bad.clear()
    settings.TRACKER_AFTER_INGEST = [BREAKING, RECORDER]
    when = dt.datetime(2026, 4, 30, 12, tzinfo=dt.UTC)
    return [
        ArticleFactory(
            title=f"Hearing {n}: witness {n} questioned about outputs",
            text=f"The court heard witness number {n} on the training of model {n}.",
            published=when + dt.timedelta(hours=n),
        ).id
        for n in range(9)
    ]


def _linked(ids: list[int]) -> set[int]:
    return set(
        Article.objects.filter(pk__in=ids, linked_at__isnull=False).values_list("pk", flat=True)
    )


def test_a_hook_failing_on_one_article_finishes_the_rest(batch):
    bad = batch[5]
    _bad.add(bad)
    report = IngestReport()
    services.articles_finish(article_ids=batch, report=report)
    rest = set(batch) - {bad}
    assert set(_seen) == rest | set(batch)  # the breaking hook did the rest; the other did all
    assert _linked(batch) == rest  # the bad one is left for a re-run
    assert report.errors == [
        {
            "source": BREAKING,
            "error": f"after-ingest step failed for article {bad}: ValueError: cannot read this article",
        }
    ]
    assert not Article.objects.filter(pk__in=batch, story__isnull=True).exists()


def test_clustering_failing_on_one_article_clusters_the_rest(batch, monkeypatch):
    bad = batch[0]
    real = services.articles_cluster

    def cluster(*, article_ids):
        if bad in article_ids:
            raise ValueError("no signature")
        real(article_ids=article_ids)

    monkeypatch.setattr(services, "articles_cluster", cluster)
    result = tasks.articles_finish_task(batch)
    assert result["articles"] == len(batch)
    assert result["errors"] == [
        {
            "source": "clustering",
            "error": f"after-ingest step failed for article {bad}: ValueError: no signature",
        }
    ]
    unclustered = Article.objects.filter(pk__in=batch, story__isnull=True)
    assert list(unclustered.values_list("pk", flat=True)) == [bad]
    assert _linked(batch) == set(batch) - {bad}
    monkeypatch.undo()
    tasks.articles_finish_task(batch)  # redelivered, once the cause is gone: all finished
    assert _linked(batch) == set(batch)
    assert not Article.objects.filter(pk__in=batch, story__isnull=True).exists()


def test_a_database_error_is_raised_for_the_task_to_retry_and_nothing_is_marked(batch, monkeypatch):
    def gone(*, article_ids):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "articles_cluster", gone)
    with pytest.raises(OperationalError):
        services.articles_finish(article_ids=batch, report=IngestReport())
    assert not _linked(batch)
    assert not _seen  # not split into halves: the whole batch is retried


def test_an_article_whose_index_step_failed_after_linking_is_finished_by_a_re_run(batch, settings):
    """Linking ran for it, indexing did not: it is not finished, so the re-run of its ingest
    (the same articles, now unchanged) takes it again, and only it."""
    settings.TRACKER_AFTER_INGEST = ["tracker.linking.services.articles_link", INDEX_BREAKING]
    bad = batch[3]
    _bad.add(bad)
    first = IngestReport(created=list(batch))
    services.articles_after_ingest(report=first)
    assert _linked(batch) == set(batch) - {bad} and bad not in _seen
    assert [e["source"] for e in first.errors] == [INDEX_BREAKING]
    _seen.clear()
    _bad.clear()  # the index is back
    again = IngestReport(unchanged=list(batch))
    services.articles_after_ingest(report=again)
    assert not again.errors and _seen == [bad]
    assert _linked(batch) == set(batch)


def test_a_changed_article_whose_step_fails_is_no_longer_marked_finished(batch):
    services.articles_finish(article_ids=batch, report=IngestReport())
    assert _linked(batch) == set(batch)
    bad = batch[2]
    _bad.add(bad)  # its new text breaks a step: the links and index of its old text are stale
    services.articles_finish(article_ids=[bad, batch[4]], report=IngestReport())
    assert _linked(batch) == set(batch) - {bad}
