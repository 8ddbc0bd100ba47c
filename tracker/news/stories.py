"""Stories: articles from different outlets that report the same event.

A story is what an editor would call one: a development (the same event, the same days) as the
outlets report it. An analysis, an opinion piece, an explainer or a roundup that discusses it is
a story of its own (`tracker.news.commentary`).

Each article gets a signature (`tracker.news.signatures`), stored in `Article.minhash`: the
hashed content words of its title and lead, the day and weekday its lead names, the names and
acts its headline reports, the acts its opening sentence reports and its commentary markers. An
article is compared with the clustered articles near it in time (at most POOL_LIMIT of them) in
a `tracker.news.storyindex.StoryIndex`, which says how: terms weighted by rarity over the pool,
time proximity (an undated article placed by when it was first seen), date agreement, other
names, other acts and commentary. The article joins the best story scoring at least THRESHOLD,
or starts one.

Why no MinHashLSH: the index would be rebuilt from the window on every call; an inverted index
of terms over the pool is as cheap to build and reads the rare words directly.

Everything but `articles_cluster` (and its helpers) is pure. Clustering is deterministic
(articles in order of publication, undated last) and idempotent: an article that has a story
and whose signature did not change keeps its story.

Concurrency: no global lock. A batch reads its pool as a snapshot, then locks the rows of the
stories it joins or leaves (in id order: no deadlock) while it writes. Two workers clustering
the same days at once may each start a story for one event; after its commit each batch looks
for articles it did not see and merges such stories into the lower id (`_stories_reconcile`),
so the workers converge. On SQLite transactions take the write lock when they begin, so
clustering runs take turns and the merge finds nothing to do.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from django.db import OperationalError, transaction
from django.db.models import F, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from tracker.core.bulk import rows_update
from tracker.core.hooks import hooks_call
from tracker.news.commentary import commentary_of, opening_of
from tracker.news.models import Article, Story
from tracker.news.signatures import (
    acts_of,
    features_of,
    lead_date,
    lead_weekday,
    names_of,
    signature_bytes,
    signature_key,
    signature_parse,
    terms_of,
    text_key,
)
from tracker.news.storyindex import PENDING, THRESHOLD, WINDOW, Item, StoryIndex

__all__ = [
    "THRESHOLD",
    "WINDOW",
    "Item",
    "StoryIndex",
    "articles_cluster",
    "cluster_items",
    "item_of",
    "signature_bytes",
    "features_of",
    "similarity",
    "stories_refresh",
]

POOL_LIMIT = 20_000  # most recent clustered articles loaded from the window
ATTEMPTS = 5  # clustering runs of one batch when a story it read was merged away meanwhile


def item_of(
    *,
    key: int,
    title: str,
    text: str,
    published: dt.datetime | None,
    when: dt.datetime | None = None,
) -> Item:
    """Relative dates resolve against `published` only; `when` (default: `published`) places the
    item in time, e.g. an undated article at the time it was first seen."""
    seen = (when or published).date() if (when or published) else None
    day = lead_date(text, published=published.date() if published else None, seen=seen)
    return Item(
        key=key,
        terms=terms_of(title=title, text=text),
        day=day,
        when=when or published,
        dated=published is not None,
        weekday=day.weekday() if day else lead_weekday(text),
        names=names_of(title=title, text=text),
        acts=acts_of(title),
        opening_acts=acts_of(opening_of(text)),
        commentary=commentary_of(
            title=title, text=text, published=published.date() if published else None
        ),
    )


def similarity(a: Item, b: Item, *, index: StoryIndex | None = None) -> float:
    """The similarity of `a` to `b` as `index` (holding `b`) scores it; 0.0 when they are never
    compared (too far apart in time). Without an index, IDF is that of `b` alone."""
    if index is None:
        index = StoryIndex()
        index.add(b, "b")
    rows, scores = index.scores(a)
    where = np.flatnonzero(rows == index.row(b.key))
    return float(scores[where[0]]) if where.size else 0.0


def cluster_items(items: Iterable[Item], *, index: StoryIndex | None = None) -> dict[int, object]:
    """Assign each item (in the given order) to a story of `index` or to a new one.

    New stories are keys `("new", n)`; existing ones keep whatever key `index` holds them under.
    """
    index = StoryIndex() if index is None else index  # an empty index is falsy (len 0)
    items = list(items)
    index.extend([(item, PENDING) for item in items])  # one build of the terms for the batch
    assigned: dict[int, object] = {}
    for n, item in enumerate(items):
        story, _score = index.best(item)
        if story is None:
            story = ("new", n)
        index.assign(item.key, story)
        assigned[item.key] = story
    return assigned


def articles_cluster(*, article_ids: list[int]) -> None:
    """Give each of these articles a story, comparing them with clustered articles near in time.

    Stores each article's signature in `Article.minhash`; creates stories as needed (title from
    the earliest article, `first_published` the earliest publication) and refreshes the stories
    that gained or lost articles. An article that has a story and an unchanged signature keeps it.

    No global lock: batches cluster concurrently (see `_cluster_once` and `_stories_reconcile`);
    a run that finds a story it read merged away meanwhile starts again, ATTEMPTS times at most.
    """
    for _ in range(ATTEMPTS):
        if _cluster_once(article_ids=article_ids):
            return
    raise StoriesBusy(f"stories kept changing under {len(article_ids)} articles; retry later")


class StoriesBusy(OperationalError):
    """Concurrent merges kept moving the stories a batch read (an OperationalError, so a task
    retries it as it retries a deadlock)."""


def _cluster_once(*, article_ids: list[int]) -> bool:
    """One clustering run: the pool is read without a lock (a snapshot), the stories it joins
    are locked in id order and written; False when one of them vanished meanwhile (nothing of
    the batch written). After the commit, stories started at the same time by another worker
    for the same event are merged (`_stories_reconcile`)."""
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
        return True
    articles = [a for a, _ in todo]
    with transaction.atomic():
        index = _pool_index(articles=articles)
        assigned = cluster_items([item for _, item in todo], index=index)
        created = _stories_apply(todo=articles, assigned=assigned)
    if created is None:
        return False
    _stories_reconcile(index=index, todo=todo, created=created)
    return True


def _text_key(article: Article) -> bytes:
    """What the signature reads: publication date, title and text."""
    published = article.published.isoformat() if article.published else ""
    return text_key(f"{published}\n{article.title}\n{article.text or article.title}")


def _signature(article: Article, *, key: bytes) -> tuple[Item, bytes]:
    """The article's clustering item and its signature as stored, with `key`, its _text_key."""
    item = item_of(
        key=article.id,
        title=article.title,
        text=article.text or article.title,
        published=article.published,
        when=_when(article),
    )
    data = signature_bytes(
        key=key,
        day=item.day,
        weekday=item.weekday,
        terms=item.terms,
        names=item.names,
        acts=item.acts,
        opening_acts=item.opening_acts,
        commentary=item.commentary,
    )
    return item, data


def _when(article: Article) -> dt.datetime:
    return article.published or article.created_at or timezone.now()


def _pool_rows(*, articles: Sequence[Article]) -> QuerySet[Article]:
    """The clustered articles the pool of `articles` is read from, latest first (see
    `_pool_index`); `when` is the time each is placed at."""
    times = [_when(a) for a in articles]
    span = (min(times) - WINDOW, max(times) + WINDOW)
    window = Q(published__range=span) | Q(published__isnull=True, created_at__range=span)
    if any(a.published is None for a in articles):
        window |= Q(published__lte=span[1])
    return (
        Article.objects.annotate(when=Coalesce("published", "created_at"))
        .filter(window)
        .filter(story__isnull=False, minhash__isnull=False)
        .exclude(id__in=[a.id for a in articles])
        .order_by("-when", "-id")
    )


def _pool_index(*, articles: Sequence[Article]) -> StoryIndex:
    """An index of the clustered articles published (or, undated, first seen) within WINDOW of
    any of `articles`; for an undated one among them, also every article published before it
    was first seen (its own publication may be any time before that), the latest POOL_LIMIT.

    A signature of an older format (stored before the features changed) is computed again
    from the article's text and saved, so an upgrade needs no separate pass."""
    rows = _pool_rows(articles=articles).values_list(
        "id", "published", "when", "minhash", "story_id"
    )[:POOL_LIMIT]
    index = StoryIndex()
    index.extend(_pool_pairs(list(reversed(rows))))
    return index


def _pool_pairs(rows: Sequence[tuple]) -> list[tuple[Item, int]]:
    """(item, story id) of pool rows (id, published, when, signature, story id); a signature of
    an older format is computed again and saved."""
    fresh = _signatures_renew([key for key, _, _, data, _ in rows if signature_parse(data) is None])
    pairs = []
    for key, published, when, data, story_id in rows:
        stored = signature_parse(fresh.get(key, data))
        if stored is not None:
            item = Item(
                key=key,
                terms=stored.terms,
                day=stored.day,
                when=when,
                dated=published is not None,
                weekday=stored.weekday,
                names=stored.names,
                acts=stored.acts,
                opening_acts=stored.opening_acts,
                commentary=stored.commentary,
            )
            pairs.append((item, story_id))
    return pairs


def _signatures_renew(ids: list[int]) -> dict[int, bytes]:
    """Compute and save the signatures of these articles; returns them by article id."""
    if not ids:
        return {}
    renewed = list(  # locked in id order: two workers renewing the same rows never deadlock
        Article.objects.filter(id__in=ids)
        .only("id", "title", "text", "published", "created_at", "minhash", "story_id")
        .order_by("id")
        .select_for_update(of=("self",))
    )
    for article in renewed:
        article.minhash = _signature(article, key=_text_key(article))[1]
    _articles_save(renewed)
    return {a.id: a.minhash for a in renewed}


def _stories_apply(
    *, todo: Sequence[Article], assigned: dict[int, object]
) -> dict[int, list[int]] | None:
    """Write the batch's stories: lock the stories it joins or leaves, create the new ones, save
    the articles, refresh the stories. Returns the new stories' ids with their articles' ids, or
    None, having written nothing, when a story read from the pool was merged away since."""
    touched = {a.story_id for a in todo if a.story_id is not None}
    was = {a.id: a.story_id for a in todo if a.story_id is not None}
    if not _stories_lock(touched | {key for key in assigned.values() if isinstance(key, int)}):
        return None
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
    moved = [a.id for a in todo if a.id in was and was[a.id] != a.story_id]
    if moved:  # what copies their story (linking's rows) follows, before a story goes
        hooks_call("TRACKER_ON_STORIES_MOVED", article_ids=moved)
    stories_refresh(story_ids=touched)
    return {story_ids[key]: [a.id for a in groups[key]] for key in new_keys}


def _stories_lock(story_ids: Iterable[int], *, merge: bool = False) -> bool:
    """Lock these stories' rows in id order, so two writers never deadlock: FOR NO KEY UPDATE
    to add or remove articles (two batches joining one story take turns from here to their
    commit), FOR UPDATE to merge (`merge`: waits for those batches; they wait for it). False
    when one of them no longer exists. SQLite has no row locks: its writers take turns anyway."""
    ids = sorted(set(story_ids))
    if not ids:
        return True
    rows = Story.objects.filter(id__in=ids).order_by("id").select_for_update(no_key=not merge)
    return len(rows.values_list("id", flat=True)) == len(ids)


def _stories_reconcile(
    *, index: StoryIndex, todo: Sequence[tuple[Article, Item]], created: dict[int, list[int]]
) -> None:
    """Merge the stories this batch started with those another worker clustered for the same
    event at the same time (an idempotent merge in place of a global lock).

    The batch read its pool without a lock, so articles another worker clustered meanwhile were
    no candidates. Once committed, the window's articles the pool did not hold are read; when
    a member of a story this batch started fits one of their stories (`StoryIndex.best`, as
    clustering decides, with the pool's weights), the two become one. Of two concurrent runs,
    the one that reconciles later sees the other's commit (each commits before reconciling),
    and merges go to the lower story id, so workers converge; a merge made already is a no-op.
    """
    if not created:
        return
    articles = [a for a, _ in todo]
    rows = _pool_rows(articles=articles).values_list("id", "story_id")[:POOL_LIMIT]
    unseen = {key: story for key, story in rows if index.row(key) is None}
    others = set(unseen.values()) - set(created)
    if not others:
        return
    fresh = _pool_rows(articles=articles).filter(id__in=list(unseen))
    index.extend(
        _pool_pairs(list(fresh.values_list("id", "published", "when", "minhash", "story_id")))
    )
    items = {a.id: item for a, item in todo}
    anchor = {story: key for key, story in unseen.items()}  # an article of each other story
    pairs = []
    for story_id, members in created.items():
        for key in members:
            match, _score = index.best(items[key], among=others)
            if match is not None:
                pairs.append((story_id, match))
                anchor[story_id] = key
    for group in _groups(pairs):
        _stories_join(anchors={anchor[story] for story in group})


def _groups(pairs: Iterable[tuple[int, int]]) -> list[set[int]]:
    """The connected groups of these pairs (union-find)."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[int, set[int]] = defaultdict(set)
    for x in list(parent):
        groups[root(x)].add(x)
    return list(groups.values())


def _stories_join(*, anchors: set[int]) -> None:
    """Put the stories of these articles together in the lowest story id. The stories are locked
    in id order and read again under the lock; when a merge moved one meanwhile, start over."""
    for _ in range(ATTEMPTS):
        with transaction.atomic():
            stories = _stories_of(anchors)
            if len(stories) < 2:
                return
            if not _stories_lock(stories, merge=True) or _stories_of(anchors) != stories:
                continue
            moved = Article.objects.filter(story_id__in=stories[1:])
            article_ids = list(moved.values_list("id", flat=True))
            moved.update(story_id=stories[0])
            hooks_call("TRACKER_ON_STORIES_MOVED", article_ids=article_ids)
            stories_refresh(story_ids=stories)
            return
    raise StoriesBusy(f"stories of articles {sorted(anchors)} kept changing; retry later")


def _stories_of(article_ids: Iterable[int]) -> list[int]:
    ids = Article.objects.filter(id__in=list(article_ids), story__isnull=False)
    return sorted(set(ids.values_list("story_id", flat=True)))


def _articles_save(articles: Sequence[Article]) -> None:
    """Write signature and story of each article (tracker.core.bulk.rows_update: bulk_update's
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
