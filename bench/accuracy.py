"""Accuracy on the real-news corpus, per target, beside the link service's speed and main before
issue 14 (commit b067c3e).

    .venv/bin/python bench/accuracy.py [--service 2000] [--misses] [--json-out FILE]

1. The corpus (tests/fixtures/realnews): every case file loaded, every article ingested through
   the real ingest service in one run, scored against the gold labels; the same harness as
   tests/linking/test_realnews.py (tests/linking/realnews.py, realnews_score.py).
2. The link service: bench/link.py's measurement (`articles_link` over generated articles and
   1,000 aliases), in a transaction rolled back before the corpus is ingested.
3. Baseline: the same figures measured by this script on a checkout of b067c3e with the corpus
   and harness copied in, kept in bench/accuracy_baseline.json (see its "how" key).

Prints a table (target, goal, b067c3e, now, goal met) and one RESULT line per figure.
"""

# bench-timeout: 600
from __future__ import annotations

import argparse
import json
import random
import tempfile
from pathlib import Path

import _bench
from _bench import note, result

BASELINE = Path(__file__).resolve().parent / "accuracy_baseline.json"


def link_speed(count: int) -> float:
    """bench/link.py's service measurement, rolled back so the corpus run starts clean."""
    from django.db import transaction

    from bench.link import articles, bench_service, names
    from tracker.linking.matcher import matcher_invalidate

    rng = random.Random(42)
    aliases = names(1_000, rng)
    texts = articles(count, aliases, rng)
    with transaction.atomic():
        rate = bench_service(texts, aliases)
        transaction.set_rollback(True)
    matcher_invalidate()
    return rate


def corpus_figures(*, misses: bool) -> dict[str, float]:
    from django.db import transaction

    from tests.linking.realnews import corpus_ingest, corpus_read
    from tests.linking.realnews_score import corpus_score
    from tracker.linking.matcher import matcher_invalidate

    corpus = corpus_read()
    with transaction.atomic(), tempfile.TemporaryDirectory() as tmp:
        matcher_invalidate()
        ingested = corpus_ingest(corpus, tmp=Path(tmp))
        scores = corpus_score(corpus, ingested.ids)
        transaction.set_rollback(True)
    matcher_invalidate()
    print(scores.table())
    if misses:
        print(scores.misses())
    figures = scores.figures()
    figures["articles"] = len(ingested.ids)
    return figures


def _met(value: float, goal: float | None, lower: bool) -> str:
    if goal is None:
        return ""
    return "yes" if (value <= goal if lower else value >= goal) else "no"


def report(now: dict[str, float], base: dict[str, float]) -> None:
    from tests.linking.test_realnews import TARGETS

    rows = [f"{'figure':22} {'goal':>6} {'b067c3e':>8} {'now':>7}  met"]
    figures: list[tuple[str, float, str | None]] = []
    for name, target in TARGETS.items():
        goal = "" if target.goal is None else f"{target.goal:g}"
        old = base.get(name)
        old_s = "" if old is None else f"{old:.3f}"
        met = _met(now[name], target.goal, target.lower_is_better)
        rows.append(f"{name:22} {goal:>6} {old_s:>8} {now[name]:7.3f}  {met}")
        slug = name.replace(".", "_").replace(" ", "_")
        if old is not None:
            figures.append((f"accuracy_{slug}_b067c3e", old, None))
        figures.append((f"accuracy_{slug}", now[name], None if old is None else figures[-1][0]))
    speed, old_speed = now["link_service_articles_per_s"], base.get("link_service_articles_per_s")
    old_s = "" if old_speed is None else f"{old_speed:.0f}"
    met = _met(speed, 1000, False)
    rows.append(f"{'link service /s':22} {'1000':>6} {old_s:>8} {speed:7.0f}  {met}")
    print("\n".join(rows))
    for name, value, baseline in figures:
        result(name, round(value, 3), baseline=baseline)
    base_name = None
    if old_speed is not None:
        base_name = "accuracy_link_service_b067c3e_articles_per_s"
        result(base_name, round(old_speed), "articles/s")
    result("accuracy_link_service_articles_per_s", round(speed), "articles/s", baseline=base_name)
    if base and base.get("articles") != now["articles"]:
        note("the corpus changed since the baseline: run bench/make_accuracy_baseline.py again")
    note(
        f"real-news corpus: {now['articles']:.0f} articles ingested and scored; b067c3e: "
        f"{base.get('articles', 0):.0f} articles, from {BASELINE.name} (bench/make_accuracy_baseline.py)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--service", type=int, default=2_000, help="articles for the link speed")
    parser.add_argument("--misses", action="store_true", help="print every miss")
    parser.add_argument("--json-out", help="write today's figures to this file (for a baseline)")
    args = parser.parse_args()
    with _bench.test_database(label="accuracy"):
        now = corpus_figures(misses=args.misses)
        now["link_service_articles_per_s"] = link_speed(args.service)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(now, indent=1, sort_keys=True) + "\n")
    base = json.loads(BASELINE.read_text())["figures"] if BASELINE.exists() else {}
    report(now, base)


if __name__ == "__main__":
    main()
