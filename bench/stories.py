"""Benchmark story clustering: the service against a brute-force baseline, in the same run.

    .venv/bin/python bench/stories.py [--stories 600] [--per-story 5] [--days 60] [--batch 200]

Generates stories (an event vocabulary plus shared words), then articles that retell each story
with a third of the words replaced, published over `--days` days. Then:
1. signatures: `terms_of` (title and lead terms, hashed) per article (articles/s);
2. service: `articles_cluster` on a fresh SQLite database, batch by batch in publication order
   (articles/s, stories made, pairwise precision and recall against the generated stories);
3. baseline: each article compared with every earlier article by exact Jaccard of its feature
   set, no window and no LSH (articles/s on a sample), and the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._synth import SYLLABLES  # noqa: E402

COMMON = [
    "court",
    "judge",
    "jury",
    "trial",
    "lawsuit",
    "company",
    "model",
    "training",
    "data",
    "statement",
    "terms",
    "output",
    "rival",
    "system",
    "lab",
    "research",
    "investors",
    "board",
    "appeal",
    "ruling",
    "claims",
    "week",
    "market",
    "policy",
    "filing",
    "witness",
    "testimony",
    "lawyer",
    "counsel",
    "evidence",
    "motion",
    "hearing",
    "settlement",
    "damages",
    "contract",
    "platform",
    "users",
]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def corpus(stories: int, per_story: int, days: int, rng: random.Random):
    """Rows (story, title, text, published); common words follow Zipf's law, as in English."""
    start = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)
    lexicon = COMMON + sorted({word(rng) for _ in range(4000)})
    weights = [1 / rank for rank in range(1, len(lexicon) + 1)]

    def common(k: int) -> list[str]:
        return rng.choices(lexicon, weights=weights, k=k)

    rows = []
    for s in range(stories):
        vocab = [word(rng) for _ in range(25)]
        base = [rng.choice(vocab) if rng.random() < 0.3 else w for w in common(250)]
        title = [rng.choice(vocab) for _ in range(5)] + common(3)
        when = start + dt.timedelta(days=rng.uniform(0, days))
        for _ in range(rng.randint(max(1, per_story - 3), per_story + 3)):
            text = [w if rng.random() > 0.33 else common(1)[0] for w in base]
            rng.shuffle(text)
            head = " ".join(rng.sample(title, 6))
            published = when + dt.timedelta(hours=rng.uniform(0, 36))
            rows.append((s, head, " ".join(text) + ". Share this article.", published))
    rows.sort(key=lambda r: r[3])
    return rows


def pairwise(gold: list[int], found: list[int]) -> tuple[float, float]:
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(gold)), 2):
        g, f = gold[i] == gold[j], found[i] == found[j]
        tp += g and f
        fp += f and not g
        fn += g and not f
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def bench_signatures(rows) -> float:
    from tracker.news.signatures import terms_of

    start = time.perf_counter()
    for _, title, text, _ in rows:
        terms_of(title=title, text=text)
    rate = len(rows) / (time.perf_counter() - start)
    print(f"signatures:  {rate:10.0f} articles/s ({len(rows)} articles)")
    return rate


def bench_service(rows, batch: int) -> float:
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)
    from tests.factories import ArticleFactory
    from tracker.news.models import Article, Story
    from tracker.news.stories import articles_cluster

    with transaction.atomic():
        ids = [
            ArticleFactory(title=title, text=text, published=published).id
            for _, title, text, published in rows
        ]
    start = time.perf_counter()
    for i in range(0, len(ids), batch):
        articles_cluster(article_ids=ids[i : i + batch])
    elapsed = time.perf_counter() - start
    rate = len(ids) / elapsed
    story_of = dict(Article.objects.values_list("id", "story_id"))
    precision, recall = pairwise([r[0] for r in rows], [story_of[i] for i in ids])
    print(
        f"service:     {rate:10.0f} articles/s on SQLite ({len(ids)} articles in batches of "
        f"{batch}, {Story.objects.count()} stories for {len({r[0] for r in rows})} generated, "
        f"precision {precision:.3f} recall {recall:.3f}, {elapsed:.1f} s)"
    )
    start = time.perf_counter()
    for i in range(0, len(ids), batch):
        articles_cluster(article_ids=ids[i : i + batch])
    print(f"re-run:      {len(ids) / (time.perf_counter() - start):10.0f} articles/s (no changes)")
    return rate


def bench_baseline(rows, sample: int) -> float:
    from tracker.news.stories import THRESHOLD, features_of

    seen: list[tuple[set[str], int]] = []
    start = time.perf_counter()
    for n, (_, _, text, _) in enumerate(rows[:sample]):
        feats = features_of(text)
        best, best_score = n, THRESHOLD
        for other, story in seen:
            score = len(feats & other) / len(feats | other)
            if score >= best_score:
                best, best_score = story, score
        seen.append((feats, best))
    rate = sample / (time.perf_counter() - start)
    print(f"baseline:    {rate:10.0f} articles/s (all-pairs exact Jaccard, first {sample})")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=600)
    parser.add_argument("--per-story", type=int, default=5)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    rows = corpus(args.stories, args.per_story, args.days, random.Random(42))
    tmp = tempfile.mkdtemp(prefix="tracker-bench-")
    os.environ["TRACKER_VAR_DIR"] = tmp
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings"
    import django

    django.setup()
    bench_signatures(rows)
    rate = bench_service(rows, args.batch)
    slow = bench_baseline(rows, len(rows))
    print(f"ratio:       {rate / slow:10.1f}x service over baseline")
    print(f"goal: service >= 1000 articles/s: {'met' if rate >= 1000 else 'NOT met'}")


if __name__ == "__main__":
    main()
