"""The case timeline: events and coverage, newest first (or oldest), filtered, paged by keyset.

What a reader sees by default is what a person stands behind: events from the case file or
accepted by an analyst, claim status changes, and the coverage of articles filed under the case
or linked by an accepted link. Machine suggestions are added, marked, with `unreviewed`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, TruncDate

from tracker.cases.models import (
    Case,
    CaseParty,
    Claim,
    ClaimStatus,
    Clause,
    Event,
    Issue,
    Party,
    ReviewStatus,
)
from tracker.cases.selectors import RelatedCase, case_relations
from tracker.linking.casecounts import truncated_week
from tracker.linking.membership import (
    LIVE,
    REVIEWED,
    case_memberships,
    coverage_cached,
    coverage_version,
    reviewed_only,
)
from tracker.linking.models import CaseStory, CaseWeek, Involvement, Link, Membership
from tracker.news.models import Article, Story
from tracker.sources.selectors import timeline_docket_entries
from tracker.web.text import Chart, weekly_chart

from .entries import Entry, entries_load
from .filters import TimelineFilters
from .keyset import Key, after
from .storykeys import StoryKeys

PAGE_SIZE = 20
CONTEXT = 2  # entries shown above the one a link (?at=) opens the timeline on


def _target_q(case: Case, filters: TimelineFilters, prefix: str = "") -> list[Q]:
    """One condition on links per target filter (all must hold)."""
    conditions = []
    if filters.party:
        conditions.append(Q(**{f"{prefix}party__slug": filters.party}))
    if filters.claim:
        conditions.append(
            Q(**{f"{prefix}claim__case": case, f"{prefix}claim__slug": filters.claim})
        )
    if filters.issue:
        conditions.append(
            Q(**{f"{prefix}issue__case": case, f"{prefix}issue__slug": filters.issue})
        )
    if filters.clause:
        doc, _, ref = filters.clause.partition(":")
        conditions.append(
            Q(**{f"{prefix}clause__document__slug": doc, f"{prefix}clause__ref": ref})
        )
    return conditions


def _matching(
    case: Case, filters: TimelineFilters, statuses: tuple[str, ...]
) -> QuerySet[Membership]:
    """The memberships of the case's articles (reached through links in `statuses`) that
    mention every target filtered on (a link that is not rejected: the quote is its evidence).
    The rows carry what the timeline counts (date, story, ties to events), so it never reads
    the wide article rows to count."""
    members = case_memberships(case=case, statuses=statuses)
    live = Link.objects.filter(article=OuterRef("article_id"), status__in=LIVE)
    for condition in _target_q(case, filters):
        members = members.filter(Exists(live.filter(condition)))
    return members


def _mentions(case: Case, filters: TimelineFilters) -> Q:
    """Events whose own title or description names the filtered party (or an alias of it)."""
    if not filters.party or filters.claim or filters.issue or filters.clause:
        return Q(pk__in=[])
    names: set[str] = set()
    for name, alias in Party.objects.filter(slug=filters.party).values_list(
        "name", "aliases__name"
    ):
        names.update(n for n in (name, alias) if n and len(n) >= 2)
    q = Q(pk__in=[])
    for name in names:
        q |= Q(title__icontains=name) | Q(description__icontains=name)
    return q


def _involved_ids(case: Case, filters: TimelineFilters, statuses: tuple[str, ...]) -> list[int]:
    """Events whose evidence involves every filtered target: in an article of the case, a quote
    that names the target lies near the quote that reports the event (the same sentence or the
    next), not merely somewhere in an article that reports it. Read from the involvements the
    writes keep (tracker.linking.involvement): one indexed read per target."""
    conditions = _target_q(case, filters)
    rows = Involvement.objects.filter(case=case).order_by()
    if reviewed_only(statuses):
        rows = rows.filter(reviewed=True)
    involved: set[int] | None = None
    for condition in conditions:
        found = set(rows.filter(condition).values_list("event_id", flat=True).distinct())
        involved = found if involved is None else involved & found
    return sorted(involved or ())


def _dated(queryset: QuerySet, filters: TimelineFilters, field_name: str = "date") -> QuerySet:
    if filters.date_from:
        queryset = queryset.filter(**{f"{field_name}__gte": filters.date_from})
    if filters.date_to:
        queryset = queryset.filter(**{f"{field_name}__lte": filters.date_to})
    return queryset


def _events(
    case: Case, filters: TimelineFilters, statuses: tuple[str, ...], involved: list[int]
) -> QuerySet[Event]:
    events = Event.objects.filter(case=case, status__in=statuses)
    if filters.targets_active:
        events = events.filter(Q(pk__in=involved) | _mentions(case, filters))
    return _dated(events, filters)


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


def _coverage(
    case: Case, filters: TimelineFilters, members: QuerySet[Membership], statuses: tuple[str, ...]
) -> QuerySet[Story]:
    """Stories with a matching article that no article of theirs ties to a shown event (an
    accepted one; with the suggestions, a suggested one too): read from the memberships'
    copies of story and ties alone (index `membership_story`), never from links or articles."""
    tie = "tied" if reviewed_only(statuses) else "tied_live"
    if filters.targets_active:
        # IN (subquery) rather than correlated EXISTS: each set is computed once, not per story.
        tied = Membership.objects.filter(case=case, story__isnull=False, **{tie: True})
        shown = Story.objects.filter(
            pk__in=members.filter(story__isnull=False).values("story_id")
        ).exclude(pk__in=tied.values("story_id"))
    else:  # the case's own story counters (`CaseStory`), kept on write
        counted = "reviewed" if reviewed_only(statuses) else "articles"
        untied = CaseStory.objects.filter(case=case, **{f"{counted}__gt": 0, tie: 0})
        shown = Story.objects.filter(pk__in=untied.values("story_id"))
    stories = shown.annotate(day=Coalesce(TruncDate("first_published"), TruncDate("created_at")))
    return _dated(stories, filters, "day")


def _scope(filters: TimelineFilters, statuses: tuple[str, ...]) -> str:
    """What a cached aggregate of the timeline depends on besides the case and its version."""
    dates = (filters.date_from, filters.date_to)
    return repr((filters.party, filters.claim, filters.issue, filters.clause, dates, statuses))


@dataclass
class Sources:
    """The querysets behind one view of the timeline, one per kind of row; the stories of the
    coverage (the branch that grows with the case) as cached keys."""

    members: QuerySet[Membership]
    events: QuerySet[Event]
    stories: StoryKeys
    statuses: QuerySet[ClaimStatus]
    others: QuerySet[Event]
    docket: QuerySet  # notable docket entries no shown event stands for (primary sources)
    relations: dict[int, RelatedCase] = field(default_factory=dict)

    @classmethod
    def of(
        cls, case: Case, filters: TimelineFilters, statuses: tuple[str, ...], version: int
    ) -> Sources:
        members = _matching(case, filters, statuses)
        relations = _relations(case, filters)
        others = Event.objects.filter(case_id__in=list(relations), status=ReviewStatus.ACCEPTED)
        scope = _scope(filters, statuses)
        involved = []
        if filters.targets_active:
            involved = coverage_cached(
                case=case,
                version=version,
                name=f"timeline.involved:{scope}",
                compute=lambda: _involved_ids(case, filters, statuses),
            )
        stories = coverage_cached(
            case=case,
            version=version,
            name=f"timeline.stories:{scope}",
            compute=lambda: StoryKeys.of(
                _coverage(case, filters, members, statuses).values_list("day", "pk")
            ),
        )
        return cls(
            members=members,
            events=_events(case, filters, statuses, involved),
            stories=stories,
            statuses=_statuses(case, filters),
            others=_dated(others, filters),
            docket=_dated(
                timeline_docket_entries(
                    case=case, statuses=statuses, narrowed=filters.targets_active
                ),
                filters,
                "date_filed",
            ),
            relations=relations,
        )

    def keys(
        self, *, key: Key | None, newest: bool, limit: int, inclusive: bool = False
    ) -> list[Key]:
        """Up to `limit` row keys after `key`, in the timeline's order: one UNION query over the
        rows a case has few of, merged with the cached story keys."""
        branches = [
            (self.events, "event", "date"),
            (self.others, "related", "date"),
            (self.statuses, "status", "date"),
            (self.docket, "docket", "date_filed"),
        ]
        rows = [
            after(qs, kind=kind, date=d, key=key, newest=newest, inclusive=inclusive)
            .annotate(k=Value(kind, output_field=CharField()), d=F(d), i=F("pk"))
            .values_list("k", "d", "i")
            .order_by()
            for qs, kind, d in branches
        ]
        # (an empty branch, e.g. no related cases asked for, drops out of the UNION)
        merged = rows[0].union(*rows[1:], all=True)
        order = ("-d", "-k", "-i") if newest else ("d", "k", "i")
        found = [Key.of(k, d, i) for k, d, i in merged.order_by(*order)[:limit]]
        found += self.stories.after(key=key, newest=newest, limit=limit, inclusive=inclusive)
        return sorted(found, reverse=newest)[:limit]


@dataclass
class Timeline:
    entries: list[Entry]
    events_total: int
    stories_total: int
    statuses_total: int
    cursor: Key | None
    next_cursor: str | None
    chart: Chart
    filters: TimelineFilters
    hidden: int = 0  # suggestions left out (readers), matching the same filters

    @property
    def next_query(self) -> str:
        return self.filters.query(cursor=self.next_cursor) if self.next_cursor else ""


def case_timeline(
    *,
    case: Case,
    filters: TimelineFilters,
    cursor: Key | None = None,
    limit: int = PAGE_SIZE,
    version: int | None = None,
) -> Timeline:
    """One page of the timeline after `cursor`: the case's events, stories of coverage no
    shown event ties, claim status changes and, on request, related cases' known events;
    a fixed number of queries whatever the page holds. What counts the whole coverage (the
    stories, the chart, the events a filter involves, the counts per event) is cached under
    the case's coverage version, which ingest and review bump (`version`: when the caller
    has just read it)."""
    version = coverage_version(case) if version is None else version
    sources = Sources.of(case, filters, filters.statuses, version)
    page = sources.keys(key=cursor, newest=filters.newest, limit=limit + 1)
    more = len(page) > limit
    page = page[:limit]
    entries = entries_load(
        page=page,
        relations=sources.relations,
        reviewed_stories=_reviewed_stories(case, filters, page),
        coverage=(case.pk, version),
    )
    return Timeline(
        entries=entries,
        events_total=sources.events.count(),
        stories_total=len(sources.stories),
        statuses_total=sources.statuses.count(),
        cursor=cursor,
        next_cursor=page[-1].encode() if more else None,
        chart=_chart(case, filters, sources, version),
        filters=filters,
        hidden=0 if filters.unreviewed else _hidden(case, filters, version, len(sources.stories)),
    )


def _reviewed_stories(case: Case, filters: TimelineFilters, page: list[Key]) -> set[int] | None:
    """With the suggestions shown, the page's stories that readers see too (None: all are)."""
    story_ids = [k.pk for k in page if k.kind == "story"]
    if not filters.unreviewed or not story_ids:
        return None
    reviewed = _matching(case, filters, REVIEWED).filter(story_id__in=story_ids)
    return set(reviewed.values_list("story_id", flat=True))


def _hidden(case: Case, filters: TimelineFilters, version: int, stories_shown: int) -> int:
    """How many more entries the same filters would show with the suggestions included."""
    everything = Sources.of(case, filters, LIVE, version)
    events = everything.events.filter(status=ReviewStatus.SUGGESTED).count()
    return events + max(len(everything.stories) - stories_shown, 0)


def _anchor_key(*, case: Case, anchor: str) -> tuple[Key, bool] | None:
    """The row an anchor (event-17, story-5, article-12) stands for in this case's timeline,
    and whether it is a suggestion. An article stands for the event it reports, else its story."""
    kind, _, pk = anchor.rpartition("-")
    if not pk.isdigit() or len(pk) > 18:
        return None
    pk_int = int(pk)
    if kind == "article":
        link = (
            Link.objects.filter(
                article_id=pk_int, target_type="event", event__case=case, status__in=LIVE
            )
            .select_related("event")
            .order_by("-event__status", "event__date", "event_id")  # accepted before suggested
            .first()
        )
        if link is not None:
            return Key(link.event.date, "event", link.event_id), link.event.status != "accepted"
        story = Article.objects.filter(pk=pk_int).values_list("story_id", flat=True).first()
        if not story:
            return None
        kind, pk_int = "story", story
    if kind == "event":
        event = Event.objects.filter(case=case, pk=pk_int, status__in=LIVE).first()
        return (Key(event.date, "event", event.pk), event.status != "accepted") if event else None
    if kind == "story":
        story = Story.objects.filter(pk=pk_int).annotate(
            day=Coalesce(TruncDate("first_published"), TruncDate("created_at"))
        )
        day = story.values_list("day", flat=True).first()
        return (Key.of("story", day, pk_int), False) if day else None
    return None


def timeline_locate(
    *, case: Case, filters: TimelineFilters, anchor: str
) -> tuple[TimelineFilters, Key | None, str] | None:
    """Where a link to an entry (?at=event-17) opens the timeline: the filters to use (the
    suggestions turned on when the entry is one), the cursor of the page that shows it with
    CONTEXT entries above it, and the element id to scroll to. None when the case has no such
    entry."""
    found = _anchor_key(case=case, anchor=anchor)
    if found is None:
        return None
    key, suggested = found
    if suggested and not filters.unreviewed:
        filters = replace(filters, unreviewed=True)
    sources = Sources.of(case, filters, filters.statuses, coverage_version(case))
    before = sources.keys(key=key, newest=not filters.newest, limit=CONTEXT + 1)
    cursor = before[CONTEXT] if len(before) > CONTEXT else None
    return filters, cursor, f"{key.kind}-{key.pk}"


def _chart(case: Case, filters: TimelineFilters, sources: Sources, version: int) -> Chart:
    counts = coverage_cached(
        case=case,
        version=version,
        name=f"timeline.weeks:{_scope(filters, filters.statuses)}",
        compute=lambda: _weekly_counts(case, sources.members, filters),
    )
    return weekly_chart(counts)


def _weekly_counts(
    case: Case, members: QuerySet[Membership], filters: TimelineFilters
) -> dict[dt.date, int]:
    """The matching articles per week of publication: the case's week counters (`CaseWeek`,
    kept on write) when nothing narrows the timeline, else from the memberships' copies of
    the date (index-only reads of `membership_reviewed` / `membership_published`)."""
    if not (filters.targets_active or filters.date_from or filters.date_to):
        counted = "reviewed" if reviewed_only(filters.statuses) else "articles"
        weeks = CaseWeek.objects.filter(case=case, **{f"{counted}__gt": 0})
        return dict(weeks.order_by("week").values_list("week", counted))
    dated = members.filter(published__isnull=False)
    if filters.date_from:
        dated = dated.filter(published__date__gte=filters.date_from)
    if filters.date_to:
        dated = dated.filter(published__date__lte=filters.date_to)
    weeks = (
        dated.annotate(week=truncated_week("published"))  # the weeks the counters keep
        .values("week")
        .annotate(n=Count("article_id"))
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
    return dict(counts)


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
