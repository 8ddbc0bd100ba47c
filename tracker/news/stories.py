"""Stories: articles from different outlets that report the same event.

Each article gets a MinHash signature of the word shingles of its lead
(`tracker.news.signatures`), stored in `Article.minhash`. An article is compared only with the
clustered articles published (undated: stored) within `WINDOW` of it (at most POOL_LIMIT of
them): their signatures sit in one matrix, so estimating the Jaccard similarity with all of
them is one vectorised comparison. The MAX_CANDIDATES most similar, plus those whose lead
reports the same day, name the candidate stories; each candidate story scores the average
similarity of the article to its members in the window, where

    similarity = text Jaccard (MinHash estimate) + TITLE_WEIGHT * title Jaccard
                 + DATE_WEIGHT * date agreement

(`date agreement`: +1 when both leads report the same day, "yesterday" or "on Thursday"
resolved against the publication date, -1 when they report different days, 0 when either is
unknown). The article joins the best story scoring at least THRESHOLD, or starts one.

Why no MinHashLSH: the index would be rebuilt from the window on every call, and inserting a
signature into datasketch's MinHashLSH (64 bands) costs more than comparing it with every
signature in a window of thousands; LSH pays off with a persistent index (e.g. datasketch's
Redis storage) once windows hold far more articles than POOL_LIMIT.

Everything but `articles_cluster` (and its helpers) is pure. Clustering is deterministic (fixed
seed, articles in order of publication) and idempotent: an article that has a story and whose
signature did not change keeps its story.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction
from django.db.models import F, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from tracker.cases.bulk import rows_update
from tracker.news.models import Article, Story
from tracker.news.signatures import (
    NUM_PERM,
    features_of,
    lead_date,
    minhash_as,
    minhash_of,
    signature_bytes,
    signature_from_bytes,
    signature_key,
    signature_parse,
    text_key,
)

__all__ = [
    "Item",
    "StoryIndex",
    "articles_cluster",
    "cluster_items",
    "item_of",
    "minhash_of",
    "signature_bytes",
    "signature_from_bytes",
    "similarity",
    "stories_refresh",
]

WINDOW = dt.timedelta(days=14)
POOL_LIMIT = 20_000  # most recent clustered articles loaded from the window
TITLE_WEIGHT = 0.3
DATE_WEIGHT = 0.15
THRESHOLD = 0.2
LOCK_KEY = 0x73746F72696573  # pg_advisory_xact_lock key, "stories"
MAX_CANDIDATES = 32  # candidate articles (most similar text) whose stories are scored


@dataclass(frozen=True)
class Item:
    """What clustering needs to know about one article."""

    key: int
    signature: np.ndarray
    title: frozenset[str]
    day: dt.date | None
    when: dt.datetime | None = None


def item_of(
    *,
    key: int,
    title: str,
    text: str,
    published: dt.datetime | None,
    when: dt.datetime | None = None,
) -> Item:
    """Relative dates resolve against `published` only; `when` (default: `published`) places the
    item in time for the window, e.g. an undated article at the time it was stored."""
    return Item(
        key=key,
        signature=minhash_of(text).hashvalues,
        title=frozenset(features_of(title)),
        day=lead_date(text, published=published.date() if published else None),
        when=when or published,
    )


def similarity(a: Item, b: Item) -> float:
    """Text Jaccard (estimated) + TITLE_WEIGHT * title Jaccard + DATE_WEIGHT * date agreement."""
    text = float(np.count_nonzero(a.signature == b.signature)) / NUM_PERM
    return text + _title_and_date(a, b)


def _title_and_date(a: Item, b: Item) -> float:
    union = a.title | b.title
    title = len(a.title & b.title) / len(union) if union else 0.0
    date = 0 if a.day is None or b.day is None else (1 if a.day == b.day else -1)
    return TITLE_WEIGHT * title + DATE_WEIGHT * date


class StoryIndex:
    """Clustered items by story, everything the comparison reads in arrays (signatures, times,
    lead days, title sizes, story codes) and the title words in an inverted index, so scoring an
    item against thousands of members is a few vectorised operations."""

    def __init__(self) -> None:
        self._row_of: dict[int, int] = {}  # row of each item, by key
        self._stories: list[object] = []  # story key by code
        self._code_of: dict[object, int] = {}
        self._signatures = np.empty((64, NUM_PERM), dtype=np.uint32)
        self._times = np.empty(64)  # POSIX seconds, NaN when unknown
        self._days = np.zeros(64, dtype=np.int64)  # lead day as an ordinal, 0 when unknown
        self._title_sizes = np.zeros(64, dtype=np.int64)
        self._codes = np.zeros(64, dtype=np.int64)  # story code of each row
        self._title_rows: dict[str, list] = {}  # word -> [rows buffer, used length]

    def __len__(self) -> int:
        return len(self._row_of)

    def _grow(self) -> None:
        for name in ("_signatures", "_times", "_days", "_title_sizes", "_codes"):
            array = getattr(self, name)
            setattr(self, name, np.concatenate([array, np.zeros_like(array)]))

    def add(self, item: Item, story: object) -> None:
        if item.key in self._row_of:
            return
        row = len(self._row_of)
        if row == len(self._signatures):
            self._grow()
        code = self._code_of.setdefault(story, len(self._stories))
        if code == len(self._stories):
            self._stories.append(story)
        self._signatures[row] = item.signature
        self._times[row] = item.when.timestamp() if item.when else np.nan
        self._days[row] = item.day.toordinal() if item.day else 0
        self._title_sizes[row] = len(item.title)
        self._codes[row] = code
        for word in item.title:
            entry = self._title_rows.setdefault(word, [np.empty(8, dtype=np.int64), 0])
            if entry[1] == len(entry[0]):
                entry[0] = np.concatenate([entry[0], np.empty_like(entry[0])])
            entry[0][entry[1]] = row
            entry[1] += 1
        self._row_of[item.key] = row

    def _title_jaccard(self, item: Item, count: int) -> np.ndarray:
        shared = np.zeros(count)
        for word in item.title:
            entry = self._title_rows.get(word)
            if entry:
                shared[entry[0][: entry[1]]] += 1  # a word lists each row once
        union = self._title_sizes[:count] + len(item.title) - shared
        return np.divide(shared, union, out=np.zeros(count), where=union > 0)

    def best(self, item: Item) -> tuple[object | None, float]:
        """The story `item` fits best and its score, or (None, 0.0) when none reaches THRESHOLD.

        Among the items within WINDOW, the candidates are the MAX_CANDIDATES with the most
        similar signatures and those reporting the same day; a candidate's story scores the
        average similarity of `item` to its members within WINDOW.
        """
        count = len(self._row_of)
        if not count:
            return None, 0.0
        near = np.ones(count, dtype=bool)
        if item.when is not None:
            near = ~(np.abs(self._times[:count] - item.when.timestamp()) > WINDOW.total_seconds())
        own = self._row_of.get(item.key)
        if own is not None:
            near[own] = False
        rows = np.flatnonzero(near)
        text = np.zeros(count)
        text[rows] = np.count_nonzero(self._signatures[rows] == item.signature, axis=1) / NUM_PERM
        top = rows
        if len(rows) > MAX_CANDIDATES:  # the most similar, in no particular order
            top = rows[np.argpartition(-text[rows], MAX_CANDIDATES - 1)[:MAX_CANDIDATES]]
        day = item.day.toordinal() if item.day else 0
        if day:
            top = np.concatenate([top, np.flatnonzero(near & (self._days[:count] == day))])
        codes = np.unique(self._codes[top])  # the candidate stories, sorted
        members = np.flatnonzero(near & np.isin(self._codes[:count], codes))
        if not members.size:
            return None, 0.0
        days = self._days[members]
        agree = np.where(days == day, 1.0, -1.0) * ((days != 0) & (day != 0))
        score = (
            text[members]
            + TITLE_WEIGHT * self._title_jaccard(item, count)[members]
            + DATE_WEIGHT * agree
        )
        owners = np.searchsorted(codes, self._codes[members])
        counts = np.bincount(owners, minlength=len(codes))
        averages = np.bincount(owners, weights=score, minlength=len(codes)) / np.maximum(counts, 1)
        n = int(np.argmax(averages))
        if averages[n] < THRESHOLD:
            return None, 0.0
        return self._stories[int(codes[n])], float(averages[n])


def cluster_items(items: Iterable[Item], *, index: StoryIndex | None = None) -> dict[int, object]:
    """Assign each item (in the given order) to a story of `index` or to a new one.

    New stories are keys `("new", n)`; existing ones keep whatever key `index` holds them under.
    """
    index = index or StoryIndex()
    assigned: dict[int, object] = {}
    for n, item in enumerate(items):
        story, _score = index.best(item)
        if story is None:
            story = ("new", n)
        index.add(item, story)
        assigned[item.key] = story
    return assigned


def articles_cluster(*, article_ids: list[int]) -> None:
    """Give each of these articles a story, comparing them with clustered articles near in time.

    Stores each article's signature in `Article.minhash`; creates stories as needed (title from
    the earliest article, `first_published` the earliest publication) and refreshes the stories
    that gained or lost articles. An article that has a story and an unchanged signature keeps it.
    """
    batch = list(
        Article.objects.filter(id__in=article_ids)
        .only("id", "title", "text", "published", "created_at", "minhash", "story_id")
        .order_by(F("published").asc(nulls_last=True), "id")
    )
    todo: list[tuple[Article, Item]] = []
    for article in batch:
        key = _text_key(article)
        if article.story_id is not None and signature_key(article.minhash) == key:
            continue
        item, article.minhash = _signature(article, key=key)
        todo.append((article, item))
    if not todo:
        return
    with transaction.atomic():
        _cluster_lock()
        index = _pool_index(articles=[a for a, _ in todo])
        assigned = cluster_items([item for _, item in todo], index=index)
        _stories_apply(todo=[a for a, _ in todo], assigned=assigned)


def _text_key(article: Article) -> bytes:
    source = article.text or article.title
    return text_key(f"{article.published.isoformat() if article.published else ''}\n{source}")


def _signature(article: Article, *, key: bytes) -> tuple[Item, bytes]:
    """The article's clustering item and its signature as stored, with `key`, its _text_key."""
    item = item_of(
        key=article.id,
        title=article.title,
        text=article.text or article.title,
        published=article.published,
        when=_when(article),
    )
    data = signature_bytes(minhash_as(item.signature), key=key, day=item.day)
    return item, data


def _cluster_lock() -> None:
    """Serialise clustering across workers (PostgreSQL; SQLite serialises writers anyway), so two
    workers never start two stories for one event."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def _when(article: Article) -> dt.datetime:
    return article.published or article.created_at or timezone.now()


def _pool_index(*, articles: Sequence[Article]) -> StoryIndex:
    """An index of the clustered articles published (or, undated, stored) within WINDOW of any
    of `articles`.

    A signature of an older format (stored before the features changed) is computed again
    from the article's text and saved, so an upgrade needs no separate pass."""
    times = [_when(a) for a in articles]
    span = (min(times) - WINDOW, max(times) + WINDOW)
    rows = (
        Article.objects.annotate(when=Coalesce("published", "created_at"))
        .filter(Q(published__range=span) | Q(published__isnull=True, created_at__range=span))
        .filter(story__isnull=False, minhash__isnull=False)
        .exclude(id__in=[a.id for a in articles])
        .order_by("-when", "-id")
        .values_list("id", "title", "when", "minhash", "story_id")[:POOL_LIMIT]
    )
    pool = list(reversed(rows))
    fresh = _signatures_renew([key for key, _, _, data, _ in pool if signature_parse(data) is None])
    index = StoryIndex()
    for key, title, when, data, story_id in pool:
        stored = signature_parse(fresh.get(key, data))
        if stored is not None:
            title_features = frozenset(features_of(title))
            item = Item(key, stored.values, title_features, stored.day, when)
            index.add(item, story_id)
    return index


def _signatures_renew(ids: list[int]) -> dict[int, bytes]:
    """Compute and save the signatures of these articles; returns them by article id."""
    renewed = list(
        Article.objects.filter(id__in=ids).only(
            "id", "title", "text", "published", "created_at", "minhash", "story_id"
        )
    )
    for article in renewed:
        article.minhash = _signature(article, key=_text_key(article))[1]
    _articles_save(renewed)
    return {a.id: a.minhash for a in renewed}


def _stories_apply(*, todo: Sequence[Article], assigned: dict[int, object]) -> None:
    touched = {a.story_id for a in todo if a.story_id is not None}
    groups: dict[object, list[Article]] = defaultdict(list)
    for article in todo:
        groups[assigned[article.id]].append(article)
    new_keys = [key for key in groups if not isinstance(key, int)]
    created = Story.objects.bulk_create(
        [
            Story(title=groups[key][0].title[:1000], first_published=groups[key][0].published)
            for key in new_keys
        ]
    )
    story_ids = {key: story.id for key, story in zip(new_keys, created, strict=True)}
    for key, members in groups.items():
        story_id = story_ids.get(key, key)
        for article in members:
            article.story_id = story_id
        if isinstance(key, int):
            touched.add(key)
    _articles_save(todo)
    stories_refresh(story_ids=touched)


def _articles_save(articles: Sequence[Article]) -> None:
    """Write signature and story of each article (tracker.cases.bulk.rows_update: bulk_update's
    CASE WHEN expressions are much slower for hundreds of rows)."""
    rows_update(Article, ["minhash", "story"], [(a.id, a.minhash, a.story_id) for a in articles])


def stories_refresh(*, story_ids: Iterable[int]) -> None:
    """Recompute title and first_published of these stories; delete those left empty."""
    ids = sorted(set(story_ids))
    if not ids:
        return
    earliest = Article.objects.filter(story=OuterRef("pk")).order_by(
        F("published").asc(nulls_last=True), "id"
    )
    first = (
        Article.objects.filter(story=OuterRef("pk"))
        .values("story")
        .annotate(first=Min("published"))
        .values("first")
    )
    Story.objects.filter(id__in=ids, articles__isnull=True).delete()
    Story.objects.filter(id__in=ids).update(
        title=Subquery(earliest.values("title")[:1]),
        first_published=Subquery(first[:1]),
        updated_at=timezone.now(),
    )
