"""The case timeline: events and coverage in date order, filtered, paged by a cursor."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value, Window
from django.db.models.functions import Coalesce, NullIf, RowNumber, TruncDate, TruncWeek
from django.http import QueryDict

from tracker.cases.models import (
    Case,
    CaseParty,
    Claim,
    ClaimStatus,
    Clause,
    Event,
    Issue,
    ReviewStatus,
)
from tracker.cases.selectors import RelatedCase, case_relations
from tracker.linking.models import Link
from tracker.news.models import Article, Story
from tracker.search.scopes import LIVE, case_articles
from tracker.web.text import Chart, weekly_chart

PAGE_SIZE = 20


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def _slug(value: str | None) -> str:
    value = (value or "").strip()[:100]
    return value if value.replace("-", "").replace("_", "").isalnum() else ""


@dataclass(frozen=True)
class TimelineFilters:
    party: str = ""
    claim: str = ""
    issue: str = ""
    clause: str = ""  # "<document slug>:<clause ref>"
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    known: bool = False  # accepted events only (no suggestions)
    related: bool = False  # with the known events of related cases (appeals, parallel suits)

    @classmethod
    def from_query(cls, data: QueryDict) -> TimelineFilters:
        clause = (data.get("clause") or "").strip()[:201]
        doc, _, ref = clause.partition(":")
        return cls(
            party=_slug(data.get("party")),
            claim=_slug(data.get("claim")),
            issue=_slug(data.get("issue")),
            clause=f"{_slug(doc)}:{_slug(ref)}" if _slug(doc) and _slug(ref) else "",
            date_from=_date(data.get("from")),
            date_to=_date(data.get("to")),
            known=data.get("known") == "1",
            related=data.get("related") == "1",
        )

    def params(self) -> dict[str, str]:
        pairs = {
            "party": self.party,
            "claim": self.claim,
            "issue": self.issue,
            "clause": self.clause,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "known": "1" if self.known else "",
            "related": "1" if self.related else "",
        }
        return {k: v for k, v in pairs.items() if v}

    def query(self, **extra: object) -> str:
        params = self.params()
        params.update({k: str(v) for k, v in extra.items() if v not in (None, "")})
        return urlencode(params)

    @property
    def targets_active(self) -> bool:
        return bool(self.party or self.claim or self.issue or self.clause)

    @property
    def active(self) -> bool:
        return bool(self.params())


def _matching_articles(case: Case, filters: TimelineFilters) -> QuerySet[Article]:
    articles = case_articles(case=case)
    live = Link.objects.filter(article=OuterRef("pk"), status__in=LIVE)
    if filters.party:
        articles = articles.filter(Exists(live.filter(party__slug=filters.party)))
    if filters.claim:
        articles = articles.filter(Exists(live.filter(claim__case=case, claim__slug=filters.claim)))
    if filters.issue:
        articles = articles.filter(Exists(live.filter(issue__case=case, issue__slug=filters.issue)))
    if filters.clause:
        doc, _, ref = filters.clause.partition(":")
        articles = articles.filter(Exists(live.filter(clause__document__slug=doc, clause__ref=ref)))
    return articles


def _events(case: Case, filters: TimelineFilters, articles: QuerySet[Article]) -> QuerySet[Event]:
    events = Event.objects.filter(case=case, status__in=LIVE)
    if filters.known:
        events = events.filter(status=ReviewStatus.ACCEPTED)
    if filters.targets_active:
        reported = Link.objects.filter(
            event=OuterRef("pk"), status__in=LIVE, article__in=articles.values("pk")
        )
        events = events.filter(Exists(reported))
    if filters.date_from:
        events = events.filter(date__gte=filters.date_from)
    if filters.date_to:
        events = events.filter(date__lte=filters.date_to)
    return events


def _dated(queryset: QuerySet, filters: TimelineFilters) -> QuerySet:
    if filters.date_from:
        queryset = queryset.filter(date__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(date__lte=filters.date_to)
    return queryset


def _statuses(case: Case, filters: TimelineFilters) -> QuerySet[ClaimStatus]:
    """Where the case's claims stood when: those of the filtered claim, or of claims by or
    against the filtered party; none when filtering by issue or clause (a claim has neither)."""
    statuses = ClaimStatus.objects.filter(claim__case=case)
    if filters.issue or filters.clause:
        return statuses.none()
    if filters.claim:
        statuses = statuses.filter(claim__slug=filters.claim)
    if filters.party:
        party = Q(claim__by__slug=filters.party) | Q(claim__against__slug=filters.party)
        statuses = statuses.filter(pk__in=ClaimStatus.objects.filter(party).values("pk"))
    return _dated(statuses, filters)


def _relations(case: Case, filters: TimelineFilters) -> dict[int, RelatedCase]:
    """The related cases by id, when their events are asked for and no party, claim, issue or
    clause of this case narrows the timeline; else none."""
    if not filters.related or filters.targets_active:
        return {}
    return {r.case.pk: r for r in case_relations(case=case)}


def _coverage(case: Case, filters: TimelineFilters, articles: QuerySet[Article]) -> QuerySet[Story]:
    """Stories with a matching article that no article of theirs ties to one of the case's events."""
    # IN (subquery) rather than correlated EXISTS: each set is computed once, not per story.
    tied = Link.objects.filter(
        target_type="event", status__in=LIVE, event__case=case, article__story__isnull=False
    ).values("article__story_id")
    stories = (
        Story.objects.filter(pk__in=articles.filter(story__isnull=False).values("story_id"))
        .exclude(pk__in=tied)
        .annotate(day=Coalesce(TruncDate("first_published"), TruncDate("created_at")))
    )
    if filters.date_from:
        stories = stories.filter(day__gte=filters.date_from)
    if filters.date_to:
        stories = stories.filter(day__lte=filters.date_to)
    return stories


@dataclass
class Report:
    """A story as it reports an event: its articles that are linked to the event."""

    story_id: int | None
    title: str
    articles: list[Article]
    more: int = 0  # further articles of the story not listed


@dataclass
class Entry:
    kind: str  # "event" | "story" | "status" (of a claim) | "related" (another case's event)
    day: dt.date
    event: Event | None = None
    story: Story | None = None
    statuses: list[ClaimStatus] = field(default_factory=list)  # one step, one or more claims
    relation: RelatedCase | None = None
    articles: list[Article] = field(default_factory=list)  # the first LOADED_PER_ENTRY
    reports: list[Report] = field(default_factory=list)
    counts: Counts | None = None  # of all the articles, loaded or not


@dataclass(frozen=True)
class Counts:
    articles: int = 0
    outlets: int = 0
    stories: int = 0


def _counts(queryset: QuerySet, key: str, prefix: str) -> dict[int, Counts]:
    """Articles, outlets (named sources; one when none is named) and stories per `key`."""
    source = NullIf(F(f"{prefix}source"), Value(""))
    rows = (
        queryset.order_by()
        .values(key)
        .annotate(
            n=Count(f"{prefix}id", distinct=True),
            outlets=Count(source, distinct=True),
            stories=Count(f"{prefix}story", distinct=True),
            loose=Count(f"{prefix}id", distinct=True, filter=Q(**{f"{prefix}story__isnull": True})),
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


def outlet_name(article: Article) -> str:
    if article.source:
        return article.source
    host = urlsplit(article.url or "").hostname or ""
    return host.removeprefix("www.") or "Unknown outlet"


@dataclass
class Timeline:
    entries: list[Entry]
    events_total: int
    stories_total: int
    statuses_total: int
    cursor: int
    next_cursor: int | None
    chart: Chart
    filters: TimelineFilters

    @property
    def next_query(self) -> str:
        return self.filters.query(cursor=self.next_cursor) if self.next_cursor else ""


def case_timeline(
    *, case: Case, filters: TimelineFilters, cursor: int = 0, limit: int = PAGE_SIZE
) -> Timeline:
    """One page of the timeline in date order: the case's events, stories of coverage no event
    ties, claim status changes and, on request, related cases' known events; a fixed number of
    queries whatever the page holds."""
    cursor = max(cursor, 0)
    articles = _matching_articles(case, filters)
    events = _events(case, filters, articles)
    stories = _coverage(case, filters, articles)
    statuses = _statuses(case, filters)
    relations = _relations(case, filters)
    others = _dated(
        Event.objects.filter(case_id__in=list(relations), status=ReviewStatus.ACCEPTED), filters
    )

    def rows(queryset: QuerySet, kind: str, date: str = "date") -> QuerySet:
        return (
            queryset.annotate(k=Value(kind, output_field=CharField()), d=F(date), i=F("pk"))
            .values_list("k", "d", "i")
            .order_by()
        )

    rows_events = rows(events, "event")
    rows_stories = rows(stories, "story", date="day")
    # (an empty branch, e.g. no related cases asked for, drops out of the UNION)
    merged = rows_events.union(
        rows_stories, rows(statuses, "status"), rows(others, "related"), all=True
    )
    page = list(merged.order_by("d", "k", "i")[cursor : cursor + limit + 1])
    more = len(page) > limit
    page = page[:limit]
    event_ids = [i for k, _, i in page if k == "event"]
    story_ids = [i for k, _, i in page if k == "story"]
    event_map = Event.objects.in_bulk(event_ids)
    story_map = Story.objects.in_bulk(story_ids)
    status_ids = [i for k, _, i in page if k == "status"]
    status_map = ClaimStatus.objects.select_related("claim").in_bulk(status_ids)
    other_ids = [i for k, _, i in page if k == "related"]
    other_map = Event.objects.select_related("case").in_bulk(other_ids)
    # The articles of each entry: counted in full, loaded only up to LOADED_PER_ENTRY, so the
    # page costs the same for an event told once and one told by five hundred outlets.
    reports: dict[int, list[Article]] = defaultdict(list)
    event_links = Link.objects.filter(target_type="event", event_id__in=event_ids, status__in=LIVE)
    event_counts = _counts(event_links, "event_id", "article__") if event_ids else {}
    # The window runs over link ids only; the rows it keeps are then read with their articles.
    first = _first(event_links, "event_id", "article__published", "article_id").values("id")
    links = (
        Link.objects.filter(id__in=first)
        .select_related("article__story")
        .defer(*(f"article__{name}" for name in BODY_FIELDS))
        .order_by("event_id", "article__published", "article_id")
    )
    for link in links if event_ids else ():
        link.article.outlet = outlet_name(link.article)
        reports[link.event_id].append(link.article)
    story_articles: dict[int, list[Article]] = defaultdict(list)
    story_rows = Article.objects.filter(story_id__in=story_ids)
    story_counts = _counts(story_rows, "story_id", "") if story_ids else {}
    for article in (
        sorted(
            _first(story_rows, "story_id", "published", "id").defer(*BODY_FIELDS),
            key=lambda a: a.rank,
        )
        if story_ids
        else ()
    ):
        article.outlet = outlet_name(article)
        story_articles[article.story_id].append(article)
    entries = []
    for kind, day, pk in page:
        day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
        if kind == "event" and pk in event_map:
            found = reports.get(pk, [])
            entries.append(
                Entry(
                    "event",
                    day,
                    event=event_map[pk],
                    articles=found,
                    reports=_group(found),
                    counts=event_counts.get(pk, Counts()),
                )
            )
        elif kind == "story" and pk in story_map:
            entries.append(
                Entry(
                    "story",
                    day,
                    story=story_map[pk],
                    articles=story_articles.get(pk, []),
                    counts=story_counts.get(pk, Counts()),
                )
            )
        elif kind == "status" and pk in status_map:
            status = status_map[pk]
            last = entries[-1] if entries else None
            if last and last.kind == "status" and _same_step(last.statuses[0], status):
                last.statuses.append(status)  # one card: three claims pleaded in one complaint
            else:
                entries.append(Entry("status", day, statuses=[status]))
        elif kind == "related" and pk in other_map:
            event = other_map[pk]
            entries.append(
                Entry("related", day, event=event, relation=relations.get(event.case_id))
            )
    return Timeline(
        entries=entries,
        events_total=events.count(),
        stories_total=stories.count(),
        statuses_total=statuses.count(),
        cursor=cursor,
        next_cursor=cursor + limit if more else None,
        chart=_chart(articles, filters),
        filters=filters,
    )


def _same_step(a: ClaimStatus, b: ClaimStatus) -> bool:
    """Statuses that read as one procedural step: same day, status, note and source."""
    return (a.date, a.status, a.note, a.source_url) == (b.date, b.status, b.note, b.source_url)


LOADED_PER_ENTRY = 24  # articles loaded per event or story on a page
BODY_FIELDS = ("original", "html", "text", "minhash")  # never shown on the timeline
REPORTS_SHOWN = 8  # stories listed under an event; the page must not grow with the coverage
ARTICLES_SHOWN = 6  # articles listed per story


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


def _chart(articles: QuerySet[Article], filters: TimelineFilters) -> Chart:
    dated = articles.filter(published__isnull=False)
    if filters.date_from:
        dated = dated.filter(published__date__gte=filters.date_from)
    if filters.date_to:
        dated = dated.filter(published__date__lte=filters.date_to)
    weeks = (
        dated.annotate(week=TruncWeek("published"))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by("week")
    )
    counts: dict[dt.date, int] = defaultdict(int)
    for row in weeks:
        week = row["week"]
        if week is None:
            continue
        if isinstance(week, dt.datetime):
            week = week.date()
        elif not isinstance(week, dt.date):
            week = dt.date.fromisoformat(str(week)[:10])
        counts[week] += row["n"]
    return weekly_chart(dict(counts))


@dataclass
class FilterOptions:
    roles: list[CaseParty]
    parties: list[tuple[str, str]]
    claims: list[Claim]
    issues: list[Issue]
    clauses: list[Clause]
    related: list[RelatedCase] = field(default_factory=list)


def case_filter_options(*, case: Case) -> FilterOptions:
    """The case's parties with roles, claims, issues, clauses and related cases; six queries."""
    roles = list(CaseParty.objects.filter(case=case).select_related("party"))
    parties: dict[str, str] = {}
    for role in roles:
        parties.setdefault(role.party.slug, role.party.name)
    clauses = list(
        Clause.objects.filter(document__cases=case).select_related("document").distinct()
    )
    return FilterOptions(
        roles=roles,
        parties=sorted(parties.items(), key=lambda p: p[1].lower()),
        claims=list(Claim.objects.filter(case=case)),
        issues=list(Issue.objects.filter(case=case)),
        clauses=clauses,
        related=case_relations(case=case),
    )
