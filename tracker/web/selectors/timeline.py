"""The case timeline: events and coverage in date order, filtered, paged by a cursor."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from django.db.models import CharField, Count, Exists, F, OuterRef, QuerySet, Value
from django.db.models.functions import Coalesce, TruncDate, TruncWeek
from django.http import QueryDict

from tracker.cases.models import Case, CaseParty, Claim, Clause, Event, Issue, ReviewStatus
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


def _coverage(case: Case, filters: TimelineFilters, articles: QuerySet[Article]) -> QuerySet[Story]:
    """Stories with a matching article that no article of theirs ties to one of the case's events."""
    tied = Link.objects.filter(
        target_type="event", status__in=LIVE, event__case=case, article__story=OuterRef("pk")
    )
    stories = (
        Story.objects.filter(Exists(articles.filter(story=OuterRef("pk"))))
        .filter(~Exists(tied))
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


@dataclass
class Entry:
    kind: str  # "event" | "story"
    day: dt.date
    event: Event | None = None
    story: Story | None = None
    articles: list[Article] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        names: dict[str, None] = {}
        for article in self.articles:
            names.setdefault(outlet_name(article), None)
        return list(names)


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
    """One page of the timeline (events and untied stories by date); eight queries."""
    cursor = max(cursor, 0)
    articles = _matching_articles(case, filters)
    events = _events(case, filters, articles)
    stories = _coverage(case, filters, articles)
    rows_events = (
        events.annotate(k=Value("event", output_field=CharField()), d=F("date"), i=F("pk"))
        .values_list("k", "d", "i")
        .order_by()
    )
    rows_stories = (
        stories.annotate(
            k=Value("story", output_field=CharField()),
            d=F("day"),
            i=F("pk"),
        )
        .values_list("k", "d", "i")
        .order_by()
    )
    merged = rows_events.union(rows_stories, all=True).order_by("d", "k", "i")
    rows = list(merged[cursor : cursor + limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    event_ids = [i for k, _, i in rows if k == "event"]
    story_ids = [i for k, _, i in rows if k == "story"]
    event_map = Event.objects.in_bulk(event_ids)
    story_map = Story.objects.in_bulk(story_ids)
    reports: dict[int, list[Article]] = defaultdict(list)
    links = (
        Link.objects.filter(target_type="event", event_id__in=event_ids, status__in=LIVE)
        .select_related("article__story")
        .order_by("article__published", "article_id")
    )
    for link in links:
        link.article.outlet = outlet_name(link.article)
        reports[link.event_id].append(link.article)
    story_articles: dict[int, list[Article]] = defaultdict(list)
    for article in Article.objects.filter(story_id__in=story_ids).order_by("published", "id"):
        article.outlet = outlet_name(article)
        story_articles[article.story_id].append(article)
    entries = []
    for kind, day, pk in rows:
        day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
        if kind == "event" and pk in event_map:
            found = reports.get(pk, [])
            entries.append(
                Entry("event", day, event=event_map[pk], articles=found, reports=_group(found))
            )
        elif kind == "story" and pk in story_map:
            entries.append(
                Entry("story", day, story=story_map[pk], articles=story_articles.get(pk, []))
            )
    return Timeline(
        entries=entries,
        events_total=events.count(),
        stories_total=stories.count(),
        cursor=cursor,
        next_cursor=cursor + limit if more else None,
        chart=_chart(articles, filters),
        filters=filters,
    )


def _group(articles: list[Article]) -> list[Report]:
    by_story: dict[int | None, Report] = {}
    for article in articles:
        key = article.story_id or -article.pk
        if key not in by_story:
            title = article.story.title if article.story_id else article.title
            by_story[key] = Report(article.story_id, title, [])
        by_story[key].articles.append(article)
    return list(by_story.values())


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


def case_filter_options(*, case: Case) -> FilterOptions:
    """The case's parties with roles, claims, issues and clauses; four queries."""
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
    )
