"""Benchmark the linker: one-pass matcher vs a per-alias regex loop, and the whole service.

    .venv/bin/python bench/link.py [--articles 10000] [--aliases 1000] [--service 2000]

1. Matcher: 10,000 generated articles against 1,000 aliases (names and keywords), through
   `tracker.linking.matcher.Matcher.find` (one Aho-Corasick pass per article, boundaries and
   case checks included). Baseline, in the same run: one compiled `\\bALIAS\\b` regex per alias,
   searched over each article (on a sample of articles, the loop being slow). Prints articles/s
   for both and the ratio.
2. Service: `articles_link` on a fresh SQLite database (migrated under a temporary directory)
   with the same aliases in one case, writing links, evidence, positions and events; then
   relinking them all in one call, and in calls of SMALL articles (as an ingest of one feed).
"""

# bench-timeout: 400
from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._synth import SYLLABLES  # noqa: E402

WORDS = [
    "the",
    "court",
    "said",
    "a",
    "company",
    "model",
    "training",
    "data",
    "lawsuit",
    "filed",
    "judge",
    "trial",
    "jury",
    "testimony",
    "week",
    "market",
    "policy",
    "statement",
    "terms",
    "use",
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
    "issue",
    "practice",
    "standard",
    "legal",
    "report",
    "shares",
    "price",
]


SMALL = 20  # articles per call in the small-batch run, as one feed's ingest


def names(count: int, rng: random.Random) -> list[str]:
    out: set[str] = set()
    while len(out) < count:
        first = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        second = rng.choice(["Labs", "Capital", "Systems", "Group", "", "Holdings", "AI"])
        if rng.random() < 0.3:
            second = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
        out.add(f"{first} {second}".strip())
    return sorted(out)


def articles(count: int, aliases: list[str], rng: random.Random) -> list[str]:
    texts = []
    for _ in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(150, 300))]
        for _ in range(rng.randint(2, 6)):
            alias = rng.choice(aliases)
            words.insert(rng.randrange(len(words)), alias + rng.choice(["", "'s", "’s", ","]))
        sentence = " ".join(words)
        texts.append(sentence[:1].upper() + sentence[1:] + ".")
    return texts


def bench_matcher(texts: list[str], aliases: list[str], sample: int) -> tuple[float, float]:
    from tracker.linking.matcher import Matcher, Pattern, Target

    one = frozenset({1})
    patterns = [
        Pattern(alias, True, [Target("party", i, one, 0.5)]) for i, alias in enumerate(aliases)
    ]
    start = time.perf_counter()
    matcher = Matcher(patterns)
    build = time.perf_counter() - start
    start = time.perf_counter()
    found = sum(len(matcher.find(text)) for text in texts)
    fast = len(texts) / (time.perf_counter() - start)
    regexes = [re.compile(rf"\b{re.escape(alias)}\b") for alias in aliases]
    subset = texts[:sample]
    start = time.perf_counter()
    slow_found = 0
    for text in subset:
        for regex in regexes:
            slow_found += sum(1 for _ in regex.finditer(text))
    slow = len(subset) / (time.perf_counter() - start)
    print(f"automaton build: {build * 1000:.1f} ms for {len(aliases)} aliases")
    print(f"matcher:     {fast:10.0f} articles/s ({len(texts)} articles, {found} mentions)")
    print(f"regex loop:  {slow:10.0f} articles/s ({len(subset)} articles, {slow_found} mentions)")
    print(f"ratio:       {fast / slow:10.1f}x")
    print(f"RESULT link_regex_loop_articles_per_s={slow:.1f} articles/s")
    print(
        f"RESULT link_matcher_articles_per_s={fast:.0f} articles/s "
        f"baseline=link_regex_loop_articles_per_s ratio={fast / slow:.1f}"
    )
    print(f"NOTE matcher {fast / slow:.0f}x the per-alias regex loop ({len(aliases)} aliases)")
    return fast, slow


def bench_service(texts: list[str], aliases: list[str]) -> float:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import transaction

    from tests.factories import (
        AliasFactory,
        ArticleFactory,
        CaseFactory,
        CasePartyFactory,
        IssueFactory,
        PartyFactory,
    )
    from tracker.linking.models import Evidence, Link
    from tracker.linking.services import articles_link

    with transaction.atomic():
        case = CaseFactory(slug="bench")
        IssueFactory(case=case, keywords=["training data", "terms"])
        for i, alias in enumerate(aliases):
            if i % 2 == 0:
                party = PartyFactory(name=alias, slug=f"p{i}")
                CasePartyFactory(case=case, party=party, role="defendant" if i % 4 else "plaintiff")
            else:
                AliasFactory(party=party, name=alias)
        ids = [ArticleFactory(text=text).id for text in texts]
    start = time.perf_counter()
    articles_link(ids)
    elapsed = time.perf_counter() - start
    rate = len(ids) / elapsed
    print(
        f"service:     {rate:10.0f} articles/s on SQLite ({len(ids)} articles, "
        f"{Link.objects.count()} links, {Evidence.objects.count()} evidence rows, {elapsed:.1f} s)"
    )
    print(f"RESULT link_service_sqlite_articles_per_s={rate:.0f} articles/s")
    start = time.perf_counter()
    articles_link(ids)
    print(f"relink:      {len(ids) / (time.perf_counter() - start):10.0f} articles/s (no changes)")
    # An ingest links what one feed or one file brought: a call per few articles, each reading
    # the matcher and the context (cached while the case files stay as they are).
    start = time.perf_counter()
    for at in range(0, len(ids), SMALL):
        articles_link(ids[at : at + SMALL])
    small = len(ids) / (time.perf_counter() - start)
    print(f"relink by {SMALL}: {small:8.0f} articles/s (no changes, one call per {SMALL} articles)")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--aliases", type=int, default=1_000)
    parser.add_argument("--regex-sample", type=int, default=300)
    parser.add_argument("--service", type=int, default=2_000, help="articles for the service run")
    args = parser.parse_args()
    rng = random.Random(42)
    aliases = names(args.aliases, rng)
    texts = articles(args.articles, aliases, rng)
    tmp = tempfile.mkdtemp(prefix="tracker-bench-")
    os.environ["TRACKER_VAR_DIR"] = tmp
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings"
    import django

    django.setup()
    fast, slow = bench_matcher(texts, aliases, min(args.regex_sample, len(texts)))
    print(
        f"goal: matcher >= 5000 articles/s: {'met' if fast >= 5000 else 'NOT met'}; "
        f">= 10x regex loop: {'met' if fast >= 10 * slow else 'NOT met'}"
    )
    if args.service:
        bench_service(texts[: args.service], aliases)


if __name__ == "__main__":
    main()
