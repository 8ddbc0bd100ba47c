"""Ingesting one source: a feed URL, a feed file, an OPML file, an article file or a directory.

After storing, the created and updated articles are clustered into stories and handed to every
hook in settings.TRACKER_AFTER_INGEST (linking, then the search index), so a caller that gets
the report back has articles that are stored, cleaned, clustered and linked.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from tracker.cases.models import Case
from tracker.core.fetch import FetchError
from tracker.core.hooks import hooks_of
from tracker.news.feeds import feed_add, feed_entries_store, feed_refresh
from tracker.news.files import (
    ARTICLE_SUFFIXES,
    ArticleFileError,
    article_file_read,
    article_files,
)
from tracker.news.models import Article, Feed
from tracker.news.opml import OutlineFeed, looks_like_opml, opml_parse, opml_render
from tracker.news.parse import FeedError, ParsedFeed, feed_parse
from tracker.news.store import IngestReport, Item, Progress, articles_store, link_normalise
from tracker.news.stories import articles_cluster

logger = logging.getLogger(__name__)

FILE_SOURCE_KEY = "files"
ANALYZE_AFTER = (
    1000  # articles stored by one ingest after which PostgreSQL's statistics are renewed
)
ANALYZE_TABLES = (
    "news_article",
    "news_article_cases",
    "linking_link",
    "linking_evidence",
    "linking_membership",
)
# Articles per queued clustering/linking/indexing task (ingest --defer). Small enough that a
# feed's batches share out evenly among workers (the last batch of an uneven share runs alone);
# at 100 a batch costs no more CPU per article than at 200.
AFTER_INGEST_BATCH = 100
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf", ".json", ".opml", ".feed"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _cases(case: Case | None) -> list[Case]:
    return [case] if case is not None else []


def _read_capped(path: Path) -> bytes:
    cap = max(settings.TRACKER_FETCH_MAX_BYTES, 64 * 1024 * 1024)
    if path.stat().st_size > cap:
        raise FeedError(f"{path} is larger than {cap} bytes")
    return path.read_bytes()


def opml_ingest(
    *, data: bytes, case: Case | None, progress: Progress | None = None, full_text: bool = False
) -> IngestReport:
    """Add every feed of an OPML file (with the case) and fetch each."""
    report = IngestReport()
    for outline in opml_parse(data=data):
        if not outline.url.lower().startswith(("http://", "https://")):
            report.error(outline.url, "only http and https feed URLs can be added")
            continue
        feed = feed_add(
            url=outline.url,
            title=outline.title,
            site_url=outline.site_url,
            cases=_cases(case),
            full_text=full_text,
        )
        report.merge(feed_refresh(feed=feed, cases=_cases(case), progress=progress))
    return report


def feed_file_ingest(
    *, path: Path, data: bytes, case: Case | None, progress: Progress | None = None
) -> IngestReport:
    report = IngestReport()
    parsed: ParsedFeed = feed_parse(data=data)
    if not parsed.entries and parsed.bozo:
        raise FeedError(f"no entries could be read: {parsed.bozo}")
    # A feed file is keyed by the feed it is a copy of (its link), else by its name.
    where = link_normalise(parsed.link) if parsed.link else path.name
    feed = Feed.objects.filter(url=parsed.link).first() if parsed.link else None
    if feed is not None:
        feed_entries_store(
            feed=feed, parsed=parsed, cases=_cases(case), report=report, progress=progress
        )
        return report
    articles_store(
        source_key=f"feedfile:{where}".replace("\x00", ""),
        items=[Item(entry=e, original=e.content) for e in parsed.entries],
        report=report,
        source_name=parsed.title,
        cases=_cases(case),
        progress=progress,
    )
    return report


def article_files_ingest(
    *, paths: Iterable[Path], case: Case | None, progress: Progress | None = None
) -> IngestReport:
    report = IngestReport()
    items = []
    for path in paths:
        try:
            entry, original = article_file_read(path=path)
        except (ArticleFileError, OSError) as exc:
            report.error(str(path), str(exc))
            continue
        kind = "text/html" if path.suffix.lower() in {".html", ".htm", ".xhtml"} else "text/plain"
        items.append(Item(entry=entry, original=original, original_type=kind))
    articles_store(
        source_key=FILE_SOURCE_KEY,
        items=items,
        report=report,
        cases=_cases(case),
        progress=progress,
    )
    return report


def path_ingest(
    *, path: Path, case: Case | None, progress: Progress | None = None, full_text: bool = False
) -> IngestReport:
    if path.is_dir():
        report = article_files_ingest(
            paths=article_files(directory=path), case=case, progress=progress
        )
        for other in sorted(p for p in path.rglob("*") if p.suffix.lower() in FEED_SUFFIXES):
            try:
                report.merge(
                    path_ingest(path=other, case=case, progress=progress, full_text=full_text)
                )
            except (FeedError, FetchError, OSError) as exc:
                report.error(str(other), str(exc))
        return report
    if path.suffix.lower() in ARTICLE_SUFFIXES:
        report = article_files_ingest(paths=[path], case=case, progress=progress)
        return report
    data = _read_capped(path)
    if path.suffix.lower() == ".opml" or looks_like_opml(data):
        return opml_ingest(data=data, case=case, progress=progress, full_text=full_text)
    return feed_file_ingest(path=path, data=data, case=case, progress=progress)


def _dispatch(
    *, source: str, case: Case | None, progress: Progress | None, full_text: bool
) -> IngestReport:
    if _SCHEME.match(source):
        if not source.lower().startswith(("http://", "https://")):
            raise FetchError(f"only http and https URLs can be fetched, not {source!r}")
        feed = feed_add(url=source, cases=_cases(case), full_text=full_text)
        return feed_refresh(feed=feed, cases=_cases(case), progress=progress)
    path = Path(source).expanduser()
    if not path.exists():
        raise FileNotFoundError(f"no such file or directory: {source}")
    return path_ingest(path=path, case=case, progress=progress, full_text=full_text)


def source_ingest(
    *,
    source: str,
    case: Case | None = None,
    progress: Progress | None = None,
    stage: Callable[[str], None] | None = None,
    full_text: bool = False,
    defer: bool = False,
) -> IngestReport:
    """Ingest one source, then cluster and run the after-ingest hooks. Never raises for bad input.

    `progress` hears of every entry stored; `stage` of each step after that (clustering, each
    hook), which on a big input take as long as storing. `full_text` turns on Feed.fetch_full_text
    for the feeds a URL or OPML source adds. With `defer`, the articles are only stored: their
    clustering, linking and indexing are queued as tasks in batches (`report.queued` of them)."""
    try:
        report = _dispatch(source=source, case=case, progress=progress, full_text=full_text)
    except (FeedError, FetchError, ArticleFileError, OSError, ValueError) as exc:
        report = IngestReport()
        report.error(source, str(exc) or type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - one bad source never stops the others
        logger.exception("ingesting %s failed", source)
        report = IngestReport()
        report.error(source, f"internal error: {type(exc).__name__}: {exc}")
    report.sources = 1
    if defer:
        articles_after_ingest_queue(report=report)
    else:
        articles_after_ingest(report=report, stage=stage)
    return report


def articles_after_ingest(
    *, report: IngestReport, stage: Callable[[str], None] | None = None
) -> None:
    """Cluster new and changed articles, run every TRACKER_AFTER_INGEST hook, count stories.

    Unchanged articles that never got a story or were never linked are taken too: a run killed
    after storing them (a worker lost mid-task) leaves them so, and the re-run finishes them.
    """
    articles_finish(article_ids=_ids_to_finish(report=report), report=report, stage=stage)
    report.stories = stories_count(report=report)


def _ids_to_finish(*, report: IngestReport) -> list[int]:
    """The report's new and changed articles, and its unchanged ones left unfinished."""
    unfinished = []
    if report.unchanged:
        unfinished = list(
            Article.objects.filter(pk__in=list(report.unchanged))
            .filter(Q(story__isnull=True) | Q(linked_at__isnull=True))
            .values_list("pk", flat=True)
        )
    return list(dict.fromkeys([*report.changed_ids, *unfinished]))


def articles_after_ingest_queue(*, report: IngestReport) -> None:
    """`ingest --defer`: queue the clustering, linking and indexing of the report's articles as
    `articles_finish_task`s of AFTER_INGEST_BATCH ids, sent once the storing transaction commits
    (any worker takes any batch; each is idempotent). `report.queued` counts the articles.

    Batches run in parallel, clustering included: it takes no global lock (a lock per time
    window would not help, as the batches of one ingest are the same days' news); stories two
    workers start for one event at once are merged (tracker.news.stories)."""
    from tracker.news.tasks import articles_finish_task  # tasks import this module

    ids = _ids_to_finish(report=report)
    report.queued = 0
    for start in range(0, len(ids), AFTER_INGEST_BATCH):
        batch = ids[start : start + AFTER_INGEST_BATCH]
        try:
            articles_finish_task.delay_on_commit(batch)
        except Exception as exc:  # noqa: BLE001 - kombu's errors vary by transport
            # The articles are stored, unlinked: an ingest of the same source without --defer
            # (or a later fetch of the feed) finishes them.
            report.error("queue", f"could not queue the rest: {type(exc).__name__}: {exc}")
            break
        report.queued += len(batch)
    report.stories = stories_count(report=report)


def articles_finish(
    *,
    article_ids: list[int],
    report: IngestReport,
    stage: Callable[[str], None] | None = None,
) -> None:
    """Cluster these articles and run every TRACKER_AFTER_INGEST hook on them; mark finished
    (`linked_at`) the articles every step ran for, and only those: an article a step failed for
    (indexing after its linking, say) is unmarked, so a re-run of its ingest takes it again.

    A step that fails is run again on each half of the batch, down to the articles it fails
    for, so one bad article never costs the rest their step; the failures are logged and
    reported in `report.errors` (one entry per step), not raised. A database that went away
    (OperationalError, InterfaceError, a deadlock among them) is raised: the task retries the
    whole batch, which is idempotent."""
    ids = list(article_ids)
    if not ids:
        return
    steps: list[tuple[str, Callable[..., object]]] = [("clustering", articles_cluster)]
    steps += hooks_of("TRACKER_AFTER_INGEST")
    failed: set[int] = set()
    for name, step in steps:
        if stage:
            label = name.rsplit(".", 1)[-1].replace("_", " ")
            stage(
                f"clustering {len(ids)} articles"
                if step is articles_cluster
                else f"{label}: {len(ids)} articles"
            )
        errors = _step_run(step, ids, name=name)
        if errors:
            _step_report(report, name=name, errors=errors, whole=len(errors) == len(ids))
            failed |= set(errors)
    done = [pk for pk in ids if pk not in failed]
    Article.objects.filter(pk__in=done).update(linked_at=timezone.now())
    if failed:
        Article.objects.filter(pk__in=failed, linked_at__isnull=False).update(linked_at=None)


def _step_run(step: Callable[..., object], ids: list[int], *, name: str) -> dict[int, Exception]:
    """Run one after-ingest step on `ids`, halving the batch on failure (see articles_finish);
    returns the error of each article it failed for. Inside a transaction the step gets a
    savepoint, so a failed statement does not leave the transaction unusable for the halves."""
    try:
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            step(article_ids=ids)
        return {}
    except (OperationalError, InterfaceError):
        raise
    except Exception as exc:  # noqa: BLE001 - stored articles stay; the run reports it
        if len(ids) == 1:
            logger.exception("after-ingest step %s failed for article %s", name, ids[0])
            return {ids[0]: exc}
    half = len(ids) // 2
    return {**_step_run(step, ids[:half], name=name), **_step_run(step, ids[half:], name=name)}


def _step_report(
    report: IngestReport, *, name: str, errors: dict[int, Exception], whole: bool
) -> None:
    """One entry for a step's failures: the first error, and which articles unless all."""
    exc = next(iter(errors.values()))
    which = "" if whole else f" for article {', '.join(map(str, sorted(errors)))}"
    report.error(name, f"after-ingest step failed{which}: {type(exc).__name__}: {exc}")


def articles_edited(*, article_ids: list[int]) -> None:
    """After articles' title or text changed outside ingest (the admin): cluster, link and index
    them again, as ingest does for an updated entry."""
    report = IngestReport()
    report.updated = list(article_ids)
    articles_after_ingest(report=report)


def statistics_refresh(*, report: IngestReport) -> bool:
    """After a bulk load (ANALYZE_AFTER articles or more created or updated), ANALYZE the
    tables the pages read on PostgreSQL, so the planner does not wait for autovacuum to learn
    the tables grew tenfold. True when it ran."""
    if connection.vendor != "postgresql" or len(report.changed_ids) < ANALYZE_AFTER:
        return False
    with connection.cursor() as cursor:
        for table in ANALYZE_TABLES:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return True


def stories_count(*, report: IngestReport) -> int:
    """How many stories the report's articles (new, changed or unchanged) belong to."""
    ids = set(report.changed_ids) | set(report.unchanged)
    if not ids:
        return 0
    return (
        Article.objects.filter(pk__in=ids, story__isnull=False)
        .values("story_id")
        .distinct()
        .count()
    )


def feed_ingest(*, feed: Feed, raise_retryable: bool = False) -> IngestReport:
    """Refresh one feed, then cluster and run the after-ingest hooks (the task's service)."""
    report = feed_refresh(feed=feed, raise_retryable=raise_retryable)
    report.sources = 1
    articles_after_ingest(report=report)
    return report


def feeds_opml(*, feeds: Iterable[Feed]) -> bytes:
    return opml_render(
        feeds=[OutlineFeed(url=f.url, title=f.title, site_url=f.site_url) for f in feeds]
    )
