"""Ingest throughput: the whole pipeline against feedparser alone and the `reader` library.

A generated RSS feed of N_ENTRIES entries (~4 KB of HTML each, with boilerplate, shared topics and
names the demo case knows) is
  1. parsed by feedparser.parse alone (the baseline: the floor any feed pipeline stands on);
  2. ingested by tracker's `source_ingest` into a fresh SQLite database (parse, prescan, clean,
     dedupe, store, cluster into stories, link to the demo case, index for search);
  3. ingested again with `defer=True` (`ingest --defer`: parse, clean, store, queue the
     after-ingest batches) into the emptied tables;
  4. updated into SQLite by lemon24's `reader` (install it with bench/requirements.txt; skipped
     with a NOTE when it is missing).
Each figure is entries per second; ratios are against feedparser in the same run.
`tracker_defer_vs_reader_speed` is issue 17's figure (at least 1); `tracker_defer_vs_reader_cpu`
compares the CPU seconds instead (PostgreSQL's server process included), which a busy machine
disturbs less than wall time. Stage times
of step 2 are printed too. Run: `.venv/bin/python bench/ingest.py` (self-contained).
"""
# bench-timeout: 1200

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

N_ENTRIES = int(os.environ.get("BENCH_INGEST_ENTRIES", "3000"))

_TMP = Path(tempfile.mkdtemp(prefix="tracker-bench-ingest-"))
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.environ["DATABASE_URL"] = f"sqlite:///{_TMP / 'bench.sqlite3'}"
os.environ.setdefault("TRACKER_VAR_DIR", str(_TMP / "var"))
# `ingest --defer` queues its batches on a filesystem broker under TRACKER_VAR_DIR, never on a
# shared Redis whose workers would take them.
os.environ.pop("CELERY_BROKER_URL", None)

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bench  # noqa: E402  (puts the repository on sys.path)
from _bench import note, result  # noqa: E402
from _newsfeed import feed_generate, stories_quality  # noqa: E402


def _timed(module, name: str, stages: dict[str, float]) -> None:
    real = getattr(module, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            stages[name] = stages.get(name, 0.0) + time.perf_counter() - start

    setattr(module, name, wrapper)


def bench_feedparser(path: Path) -> float:
    import feedparser

    data = path.read_bytes()
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        parsed = feedparser.parse(data)
        best = min(best, time.perf_counter() - start)
    assert len(parsed.entries) == N_ENTRIES, len(parsed.entries)
    return best


def bench_tracker(path: Path) -> tuple[float, float, dict[str, float], dict]:
    from django.conf import settings
    from django.core.management import call_command

    call_command("loadcase", str(_bench.REPO / "tracker/demo/musk-v-openai.json"), verbosity=0)
    from tracker.cases.models import Case
    from tracker.news import services, store
    from tracker.news.models import Article

    stages: dict[str, float] = {}
    _timed(services, "articles_cluster", stages)
    _timed(store, "_chunk_store", stages)
    _timed(store, "body_read", stages)
    _timed(store, "body_clean", stages)
    _timed(services, "feed_parse", stages)
    import importlib

    for dotted in settings.TRACKER_AFTER_INGEST:
        module_name, attr = dotted.rsplit(".", 1)
        _timed(importlib.import_module(module_name), attr, stages)
    case = Case.objects.get(slug="musk-v-openai")
    start = time.perf_counter()
    report = services.source_ingest(source=str(path), case=case)
    first = time.perf_counter() - start
    first_stages = dict(stages)
    assert not report.errors, report.errors
    assert Article.objects.count() == N_ENTRIES, Article.objects.count()
    quality = stories_quality(Article.objects.values_list("title", "story_id"))
    start = time.perf_counter()
    again = services.source_ingest(source=str(path), case=case)
    second = time.perf_counter() - start
    assert not again.created and not again.updated
    return first, second, first_stages, {**report.as_json(), **quality}


def bench_defer(path: Path) -> tuple[float, float]:
    """`ingest --defer` of the same feed into emptied tables: parse, clean, store and queue the
    after-ingest batches (on a private filesystem broker; no worker takes them here). Seconds,
    and CPU seconds of this process and PostgreSQL's server process (`_bench.cpu_seconds`)."""
    from tracker.cases.models import Case
    from tracker.news import services
    from tracker.news.models import Article, Story

    Article.objects.all().delete()
    Story.objects.all().delete()
    case = Case.objects.get(slug="musk-v-openai")
    cpu, start = _bench.cpu_seconds(), time.perf_counter()
    report = services.source_ingest(source=str(path), case=case, defer=True)
    elapsed, cpu = time.perf_counter() - start, _bench.cpu_seconds() - cpu
    assert not report.errors, report.errors
    assert len(report.created) == report.queued == N_ENTRIES, report.as_json()
    return elapsed, cpu


def bench_reader(path: Path) -> tuple[float, float] | None:
    try:
        from reader import make_reader
    except ImportError:
        note("reader is not installed: .venv/bin/pip install -r bench/requirements.txt")
        return None
    db = _TMP / "reader.sqlite"
    reader = make_reader(str(db), feed_root=str(path.parent))
    reader.add_feed(f"file:{path.name}")
    cpu, start = time.process_time(), time.perf_counter()
    reader.update_feeds()  # SQLite, in this process: its CPU is all here
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    count = reader.get_entry_counts().total
    reader.close()
    assert count == N_ENTRIES, count
    return elapsed, cpu


def main() -> None:
    if os.environ["DATABASE_URL"].startswith("postgres"):
        with _bench.test_database(label="ingest"):
            run()
    else:
        _bench.django_setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        run()


def run() -> None:
    path = _TMP / "bench-feed.xml"
    size = feed_generate(path, n=N_ENTRIES)
    from django.db import connection

    note(
        f"{N_ENTRIES} entries, {size / N_ENTRIES / 1024:.1f} KB each on average "
        f"({size / 1e6:.1f} MB feed); database: {connection.vendor}"
    )
    parse_s = bench_feedparser(path)
    result("feedparser_parse_entries_per_s", N_ENTRIES / parse_s, "entries/s")
    first, second, stages, summary = bench_tracker(path)
    result(
        "tracker_ingest_entries_per_s",
        N_ENTRIES / first,
        "entries/s",
        baseline="feedparser_parse_entries_per_s",
        ratio=parse_s / first,
    )
    result(
        "tracker_reingest_unchanged_entries_per_s",
        N_ENTRIES / second,
        "entries/s",
        baseline="feedparser_parse_entries_per_s",
        ratio=parse_s / second,
    )
    note(f"first run: {summary} (stories expected: about {N_ENTRIES // 3})")
    note(
        "tracker stage seconds: "
        + ", ".join(f"{k}={v:.2f}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1]))
        + f", total={first:.2f}"
    )
    # Like for like with reader, which parses and stores: tracker's own parse, clean, dedupe
    # and store path, i.e. the whole run less clustering and the after-ingest hooks.
    after = sum(
        v
        for k, v in stages.items()
        if k not in ("feed_parse", "body_read", "body_clean", "_chunk_store")
    )
    store_path = first - after
    defer_s, defer_cpu = bench_defer(path)
    result(
        "tracker_ingest_defer_entries_per_s",
        N_ENTRIES / defer_s,
        "entries/s",
        baseline="feedparser_parse_entries_per_s",
        ratio=parse_s / defer_s,
    )
    reader = bench_reader(path)
    # The machine may be busy: measure the baseline again and keep the better of both.
    parse_s = min(parse_s, bench_feedparser(path))
    result("feedparser_parse_best_entries_per_s", N_ENTRIES / parse_s, "entries/s")
    result(
        "tracker_ingest_vs_best_parse",
        N_ENTRIES / first,
        "entries/s",
        baseline="feedparser_parse_best_entries_per_s",
        ratio=parse_s / first,
    )
    if reader is not None:
        reader_s, reader_cpu = reader
        result(
            "reader_update_entries_per_s",
            N_ENTRIES / reader_s,
            "entries/s",
            baseline="feedparser_parse_best_entries_per_s",
            ratio=parse_s / reader_s,
        )
        result(
            "tracker_vs_reader_speed",
            reader_s / first,
            "x",
            baseline="reader_update_entries_per_s",
            ratio=reader_s / first,  # the figure is itself the ratio of the two speeds
        )
        result(
            "tracker_defer_vs_reader_speed",
            reader_s / defer_s,
            "x",
            baseline="reader_update_entries_per_s",
            ratio=reader_s / defer_s,  # issue 17: `ingest --defer` at least reader's speed
        )
        result(
            "tracker_defer_vs_reader_cpu",
            reader_cpu / defer_cpu,
            "x",
            baseline="reader_update_entries_per_s",
            ratio=reader_cpu / defer_cpu,  # the same in CPU seconds: steadier on a busy machine
        )
        result(
            "tracker_parse_clean_store_entries_per_s",
            N_ENTRIES / store_path,
            "entries/s",
            baseline="reader_update_entries_per_s",
            ratio=reader_s / store_path,
        )


if __name__ == "__main__":
    main()
