"""The timeline's entries: one page of (kind, day, id) rows loaded in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Value, Window
from django.db.models.functions import NullIf, RowNumber

from tracker.cases.models import ClaimStatus, Event, ReviewStatus
from tracker.cases.selectors import RelatedCase
from tracker.linking.membership import LIVE, coverage_cached, reviewed_only
from tracker.linking.models import EventReport, EventTally
from tracker.news.models import Article, Story
from tracker.sources.models import DocketEntry
from tracker.sources.selectors import event_docket_entries
from tracker.web.text import safe_href

from .keyset import Key

LOADED_PER_ENTRY = 24  # articles loaded per event or story on a page
BODY_FIELDS = ("original", "html", "text", "minhash")  # never shown on the timeline
REPORTS_SHOWN = 8  # stories listed under an event; the page must not grow with the coverage
ARTICLES_SHOWN = 6  # articles listed per story


@dataclass
class Report:
    """A story as it reports an event: its articles that are linked to the event."""

    story_id: int | None
    title: str
    articles: list[Article]
    more: int = 0  # further articles of the story not listed


@dataclass(frozen=True)
class Counts:
    articles: int = 0
    outlets: int = 0
    stories: int = 0
    reviewed: int = 0  # articles whose link an analyst accepted (events only)


@dataclass
class Entry:
    kind: str  # "event" | "story" | "status" (of a claim) | "related" (another case's event)
    # | "docket" (a docket entry: a primary source)
    day: dt.date
    key: Key
    event: Event | None = None
    story: Story | None = None
    statuses: list[ClaimStatus] = field(default_factory=list)  # one step, one or more claims
    relation: RelatedCase | None = None
    articles: list[Article] = field(default_factory=list)  # the first LOADED_PER_ENTRY
    reports: list[Report] = field(default_factory=list)
    counts: Counts | None = None  # of all the articles, loaded or not
    reviewed: bool = True  # False for a machine suggestion nobody has accepted yet
    docket_entry: DocketEntry | None = None
    primary: list[DocketEntry] = field(default_factory=list)  # an event's docket entries

    @property
    def anchor(self) -> str:
        """The entry's element id, for links (#event-17) and ?at=."""
        prefix = {"status": "claim-status", "related": "related-event"}.get(self.kind, self.kind)
        pk = self.statuses[0].pk if self.kind == "status" else self.key.pk
        return f"{prefix}-{pk}"

    @property
    def date_iso(self) -> str:
        """ISO 8601 at the known precision: 2026, 2026-04 or 2026-04-30."""
        if self.event is not None:
            return self.event.date_iso
        precision = self.statuses[0].precision if self.statuses else "day"
        if precision == "year":
            return f"{self.day:%Y}"
        if precision == "month":
            return f"{self.day:%Y-%m}"
        return self.day.isoformat()

    @property
    def source_url(self) -> str:
        """The entry's own source as a link (http or https only; anything else is dropped)."""
        if self.event is not None:
            return safe_href(self.event.source_url)
        return safe_href(self.statuses[0].source_url) if self.statuses else ""

    @property
    def source_host(self) -> str:
        """The site a source link goes to (courtlistener.com), to name it."""
        return (urlsplit(self.source_url).hostname or "").removeprefix("www.") or "source"


def outlet_name(article: Article) -> str:
    if article.source:
        return article.source
    host = urlsplit(article.url or "").hostname or ""
    return host.removeprefix("www.") or "Unknown outlet"


@dataclass
class Tally:
    """An event's counts, and the articles shown under it (the first LOADED_PER_ENTRY)."""

    counts: Counts
    article_ids: list[int]


def _counts(queryset: QuerySet, key: str) -> dict[int, Counts]:
    """Articles, outlets (named sources; one when none is named) and stories per `key`."""
    rows = (
        queryset.order_by()
        .values(key)
        .annotate(
            n=Count("id", distinct=True),
            outlets=Count(NullIf(F("source"), Value("")), distinct=True),
            stories=Count("story", distinct=True),
            loose=Count("id", distinct=True, filter=Q(story__isnull=True)),
        )
    )
    return {
        row[key]: Counts(row["n"], max(row["outlets"], 1), row["stories"] + row["loose"])
        for row in rows
    }


def _first(queryset: QuerySet, partition: str, *order: str) -> QuerySet:
    """At most LOADED_PER_ENTRY rows per `partition`, in `order` (a window function)."""
    ranked = queryset.annotate(
        rank=Window(RowNumber(), partition_by=[F(partition)], order_by=[F(o).asc() for o in order])
    )
    return ranked.filter(rank__lte=LOADED_PER_ENTRY)


def _first_reports(event_ids: list[int], reports: QuerySet) -> list[tuple[int, int]]:
    """(event id, article id) of the first LOADED_PER_ENTRY reports of each event by date
    (undated last), each event's in that order: on PostgreSQL one short index range per event
    (UNION ALL of LIMITs), however many reports an event has; elsewhere a window over the
    events' reports. Neither says in which order its rows come: they are sorted here."""
    order = ("published", "article_id")
    columns = ("event_id", "article_id", "published")
    if not connection.features.supports_slicing_ordering_in_compound or len(event_ids) < 2:
        rows = _first(reports, "event_id", *order).values_list(*columns)
    else:
        each = [
            reports.filter(event_id=pk).order_by(*order).values_list(*columns)[:LOADED_PER_ENTRY]
            for pk in event_ids
        ]
        rows = each[0].union(*each[1:], all=True)
    ranked = sorted(rows, key=lambda row: (row[0], row[2] is None, row[2] or 0, row[1]))
    return [(event_id, article_id) for event_id, article_id, _ in ranked]


def _event_tallies(event_ids: list[int], statuses: tuple[str, ...]) -> dict[int, Tally]:
    """For each event, the counts of all the articles reporting it (its `EventTally`, kept on
    write) and the ids of the first LOADED_PER_ENTRY (by date, from `EventReport`'s index): two
    queries that read what the page shows, never links joined to articles."""
    reports = EventReport.objects.filter(event_id__in=event_ids)
    tallies = {pk: Tally(Counts(), []) for pk in event_ids}
    if reviewed_only(statuses):  # the accepted links alone: counted from the reports
        reports = reports.filter(accepted=True)
        for pk, counts in _counts(reports, "event_id").items():
            tallies[pk].counts = replace(counts, reviewed=counts.articles)
    else:
        for tally in EventTally.objects.filter(event_id__in=event_ids, articles__gt=0):
            tallies[tally.event_id].counts = Counts(
                tally.articles,
                max(tally.outlets, 1),
                tally.stories + tally.loose,
                tally.reviewed,
            )
    for event_id, article_id in _first_reports(event_ids, reports):
        tallies[event_id].article_ids.append(article_id)
    return tallies


def _event_reports(
    event_ids: list[int], statuses: tuple[str, ...], coverage: tuple[int, int] | None
):
    """The first articles reporting each event, and the counts of all of them; the tallies
    cached per event under the case's coverage version when `coverage` (case id, version)."""
    reports: dict[int, list[Article]] = defaultdict(list)
    if not event_ids:
        return reports, {}
    if coverage is None:
        tallies = _event_tallies(event_ids, statuses)
    else:
        tallies = coverage_cached(
            case=coverage[0],
            version=coverage[1],
            name=f"timeline.reports:{sorted(event_ids)}:{statuses}",
            compute=lambda: _event_tallies(event_ids, statuses),
        )
    articles = (
        Article.objects.select_related("story")
        .defer(*BODY_FIELDS)
        .in_bulk({pk for tally in tallies.values() for pk in tally.article_ids})
    )
    for event_id, tally in tallies.items():
        for pk in tally.article_ids:
            if pk in articles:
                articles[pk].outlet = outlet_name(articles[pk])
                reports[event_id].append(articles[pk])
    return reports, {pk: tally.counts for pk, tally in tallies.items()}


def _story_articles(story_ids: list[int]):
    found: dict[int, list[Article]] = defaultdict(list)
    if not story_ids:
        return found, {}
    rows = Article.objects.filter(story_id__in=story_ids)
    counts = _counts(rows, "story_id")
    first = _first(rows, "story_id", "published", "id").defer(*BODY_FIELDS)
    for article in sorted(first, key=lambda a: a.rank):
        article.outlet = outlet_name(article)
        found[article.story_id].append(article)
    return found, counts


def entries_load(
    *,
    page: list[Key],
    relations: dict[int, RelatedCase],
    statuses: tuple[str, ...] = LIVE,
    reviewed_stories: set[int] | None = None,
    coverage: tuple[int, int] | None = None,
) -> list[Entry]:
    """The entries of a page of keys, with their articles: counted in full, loaded only up to
    LOADED_PER_ENTRY each, so the page costs the same for an event told once and one told by
    five hundred outlets. `reviewed_stories`: when given, the stories not in it are marked as
    reached only through suggestions. `coverage` (case id, coverage version): cache what counts
    each event's whole coverage under it."""
    ids: dict[str, list[int]] = defaultdict(list)
    for key in page:
        ids[key.kind].append(key.pk)
    event_map = Event.objects.in_bulk(ids["event"])
    story_map = Story.objects.in_bulk(ids["story"])
    status_map = ClaimStatus.objects.select_related("claim").in_bulk(ids["status"])
    other_map = Event.objects.select_related("case").in_bulk(ids["related"])
    docket_map = DocketEntry.objects.in_bulk(ids["docket"])
    primary = event_docket_entries(event_ids=ids["event"]) if ids["event"] else {}
    reports, event_counts = _event_reports(ids["event"], statuses, coverage)
    story_articles, story_counts = _story_articles(ids["story"])
    entries: list[Entry] = []
    for key in page:
        pk = key.pk
        if key.kind == "event" and pk in event_map:
            event, found = event_map[pk], reports.get(pk, [])
            counts = event_counts.get(pk, Counts())
            entries.append(_event_entry(key, event, found, counts, primary.get(pk, [])))
        elif key.kind == "docket" and pk in docket_map:
            entries.append(Entry("docket", key.day, key, docket_entry=docket_map[pk]))
        elif key.kind == "story" and pk in story_map:
            story = Entry("story", key.day, key, story=story_map[pk])
            story.articles = story_articles.get(pk, [])
            story.counts = story_counts.get(pk, Counts())
            story.reviewed = reviewed_stories is None or pk in reviewed_stories
            entries.append(story)
        elif key.kind == "status" and pk in status_map:
            status = status_map[pk]
            last = entries[-1] if entries else None
            if last and last.kind == "status" and _same_step(last.statuses[0], status):
                last.statuses.append(status)  # one card: three claims pleaded in one complaint
            else:
                entries.append(Entry("status", key.day, key, statuses=[status]))
        elif key.kind == "related" and pk in other_map:
            event = other_map[pk]
            relation = relations.get(event.case_id)
            entries.append(Entry("related", key.day, key, event=event, relation=relation))
    return entries


def _event_entry(key: Key, event: Event, found: list[Article], counts: Counts, primary) -> Entry:
    return Entry(
        "event",
        key.day,
        key,
        event=event,
        articles=found,
        reports=_group(found),
        counts=counts,
        reviewed=event.status == ReviewStatus.ACCEPTED,
        primary=primary,
    )


def _same_step(a: ClaimStatus, b: ClaimStatus) -> bool:
    """Statuses that read as one procedural step: same day, status, note and source."""
    return (a.date, a.status, a.note, a.source_url) == (b.date, b.status, b.note, b.source_url)


def _group(articles: list[Article]) -> list[Report]:
    """The event's reports by story, the first REPORTS_SHOWN stories with at most ARTICLES_SHOWN
    articles each listed (the counts above the list say how many there are in all)."""
    by_story: dict[int | None, Report] = {}
    for article in articles:
        key = article.story_id or -article.pk
        if key not in by_story:
            title = article.story.title if article.story_id else article.title
            by_story[key] = Report(article.story_id, title, [])
        report = by_story[key]
        if len(report.articles) < ARTICLES_SHOWN:
            report.articles.append(article)
        else:
            report.more += 1
    return list(by_story.values())[:REPORTS_SHOWN]
