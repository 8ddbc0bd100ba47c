"""Clustering without a global lock: batches cluster at the same time and converge.

Each batch reads its pool without a lock, writes under row locks on the stories it touches, then
merges the stories it started with those another worker started for the same event meanwhile
(tracker.news.stories._stories_reconcile). The threaded test needs PostgreSQL: SQLite takes
its write lock when a transaction begins (transaction_mode IMMEDIATE), so its clustering runs
take turns and there is never anything to merge; the simulated test runs on both.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from tests.factories import ArticleFactory
from tracker.news import stories
from tracker.news.models import Article, Story

# Six events, each in words of its own, told four times; the retellings share the event's names
# and facts, not their sentences.
EVENTS = [
    ("Velmora harbour", "dredging permit", "Judge Okafor", "sediment plume"),
    ("Quillan Robotics", "patent on gripper arms", "Marsh County jury", "royalty award"),
    ("Ostrava Mining", "tailings dam", "environment ministry", "evacuation order"),
    ("Brightfern Bank", "overdraft fees", "consumer regulator", "refund scheme"),
    ("Kestrel Airlines", "pilot rostering", "labour tribunal", "strike ballot"),
    ("Halden University", "admissions algorithm", "data protection office", "audit findings"),
]
TELLINGS = [
    "{0} lost its fight over the {1} on Tuesday when {2} ruled against it. The {3} was at the "
    "heart of the case, and lawyers for {0} said they would study the decision.",
    "In a ruling on Tuesday, {2} sided against {0} in the long dispute over the {1}. Critics had "
    "pointed to the {3}; {0} said it was disappointed.",
    "{2} decided on Tuesday that {0} must answer for the {1}. The {3} figured in every hearing, "
    "and {0} is weighing an appeal.",
    "Tuesday's decision by {2} goes against {0} on the {1}, after months of argument about the "
    "{3}. A spokesperson for {0} declined to comment further.",
]


def _articles() -> tuple[list[int], list[int], dict[int, int]]:
    """Two batches, each holding two retellings of every event; {article id: event number}."""
    first, second, labels = [], [], {}
    for n, event in enumerate(EVENTS):
        day = dt.datetime(2026, 3, 2 + 3 * n, 9, tzinfo=dt.UTC)
        for k, telling in enumerate(TELLINGS):
            article = ArticleFactory(
                title=f"{event[2]} rules against {event[0]} over the {event[1]}",
                text=telling.format(*event),
                published=day + dt.timedelta(hours=k),
            )
            (first if k % 2 == 0 else second).append(article.id)
            labels[article.id] = n
    return first, second, labels


def _partition(labels: dict[int, int]) -> set[frozenset[int]]:
    by_story: dict[int | None, set[int]] = {}
    for article_id, story_id in Article.objects.values_list("id", "story_id"):
        by_story.setdefault(story_id, set()).add(labels[article_id])
    assert None not in by_story, "an article was left without a story"
    return {frozenset(events) for events in by_story.values()}


def _one_story_per_event(labels: dict[int, int]) -> None:
    partition = _partition(labels)
    assert partition == {frozenset([n]) for n in range(len(EVENTS))}, partition
    assert Story.objects.count() == len(EVENTS)  # none split, none left empty


@pytest.mark.django_db
def test_the_events_make_one_story_each_when_clustered_in_one_batch():
    first, second, labels = _articles()
    stories.articles_cluster(article_ids=first + second)
    _one_story_per_event(labels)


@pytest.mark.django_db
def test_a_batch_that_did_not_see_another_merges_the_stories_it_started(monkeypatch):
    """As if the second batch read its pool before the first committed: its snapshot leaves the
    first batch's articles out, so it starts a story per event again; the reconcile step, which
    reads the window after the commit, finds the first batch's stories and merges them."""
    first, second, labels = _articles()
    stories.articles_cluster(article_ids=first)
    before = dict(Article.objects.filter(id__in=first).values_list("id", "story_id"))
    real_pool_index = stories._pool_index

    def snapshot_without_first(*, articles):
        index = real_pool_index(articles=articles)
        assert all(index.row(key) is not None for key in first)  # the real pool sees them
        blind = stories.StoryIndex()
        blind.extend([])
        return blind

    monkeypatch.setattr(stories, "_pool_index", snapshot_without_first)
    stories.articles_cluster(article_ids=second)
    _one_story_per_event(labels)
    # Merged into the lower id: the first batch's stories stay, the second's are gone.
    assert dict(Article.objects.filter(id__in=first).values_list("id", "story_id")) == before
    monkeypatch.undo()
    stories.articles_cluster(article_ids=first + second)  # a redelivered batch changes nothing
    assert dict(Article.objects.filter(id__in=first).values_list("id", "story_id")) == before
    _one_story_per_event(labels)


@pytest.mark.django_db
def test_merging_is_idempotent_and_goes_to_the_lowest_story():
    first, second, labels = _articles()
    stories.articles_cluster(article_ids=first)
    a, b = first[0], first[2]  # two events: joining them is wrong, but shows the mechanics
    low, high = sorted(Article.objects.filter(id__in=[a, b]).values_list("story_id", flat=True))
    stories._stories_join(anchors={a, b})
    stories._stories_join(anchors={a, b})
    assert set(Article.objects.filter(id__in=[a, b]).values_list("story_id", flat=True)) == {low}
    assert not Story.objects.filter(id=high).exists()


def _concurrently(monkeypatch, batches: list[list[int]]) -> None:
    """Cluster each batch in a thread of its own; every thread reads its pool before any writes.
    Fails on an error (a deadlock is one) or a thread still running after two minutes."""
    all_read = threading.Barrier(len(batches), timeout=60)
    real_cluster_items = stories.cluster_items

    def cluster_items_then_wait(items, *, index=None):
        assigned = real_cluster_items(items, index=index)
        all_read.wait()  # each has its snapshot; none has written
        return assigned

    monkeypatch.setattr(stories, "cluster_items", cluster_items_then_wait)
    errors: list[BaseException] = []

    def run(ids: list[int]) -> None:
        try:
            stories.articles_cluster(article_ids=ids)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(ids,)) for ids in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    monkeypatch.undo()
    assert not any(thread.is_alive() for thread in threads), "clustering hung"
    assert not errors, errors


def _needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite begins each clustering transaction with its write lock (IMMEDIATE), so two "
            "batches take turns and cannot both read before either writes"
        )


@pytest.mark.django_db(transaction=True)
def test_two_batches_clustered_at_once_converge_without_deadlock(monkeypatch):
    """Both workers read their pools (empty) before either writes, each starts a story per event,
    and the later one to commit merges: one story per event, on PostgreSQL."""
    _needs_postgresql()
    first, second, labels = _articles()
    _concurrently(monkeypatch, [first, second])
    _one_story_per_event(labels)


@pytest.mark.django_db(transaction=True)
def test_batches_joining_the_same_stories_at_once_take_turns_without_deadlock(monkeypatch):
    """Stories exist; two batches of further retellings (in opposite orders) join them at once:
    the story rows are locked in id order, so one waits for the other and both land."""
    _needs_postgresql()
    first, second, labels = _articles()
    stories.articles_cluster(article_ids=first + second)
    later: list[list[int]] = [[], []]
    for n, event in enumerate(EVENTS):
        day = dt.datetime(2026, 3, 2 + 3 * n, 15, tzinfo=dt.UTC)
        for k, telling in enumerate(TELLINGS):
            article = ArticleFactory(
                title=f"{event[0]} loses before {event[2]}: the {event[1]} ruling",
                text=telling.format(*event),
                published=day + dt.timedelta(hours=k),
            )
            later[k % 2].append(article.id)
            labels[article.id] = n
    _concurrently(monkeypatch, [later[0], list(reversed(later[1]))])
    _one_story_per_event(labels)
