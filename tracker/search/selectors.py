"""Search: ranked articles (full text, title above body), events and parties (by name).

`search(q=..., case=None, kind=None, limit=20, offset=0)` returns one ranked list: on the first
page, the parties and events whose names match come first (few, and the most specific answer),
then the articles by rank. Offsets run over that combined list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.safestring import SafeString

from tracker.cases.models import Case, Claim, Clause, Event, Issue, Party, ReviewStatus
from tracker.linking.membership import LIVE, REVIEWED, case_article_ids
from tracker.news.models import Article

from . import backends
from .query import Query, highlight_words, mark_snippet, query_parse

KINDS = ("article", "event", "party", "claim", "issue", "clause")
NAMED_MAX = 10  # parties and events shown ahead of the articles


@dataclass
class Hit:
    kind: str
    pk: int
    url: str
    title: SafeString
    snippet: SafeString
    date: dt.date | dt.datetime | None = None
    source: str = ""
    case: str = ""
    rank: float = 0.0
    reviewed: bool = True  # False for a machine suggestion (an event nobody accepted yet)


@dataclass
class SearchResults:
    q: str
    query: Query
    hits: list[Hit] = field(default_factory=list)
    offset: int = 0
    limit: int = 20
    has_more: bool = False

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.has_more else None


def _named(query: Query, field_names: tuple[str, ...]) -> Q:
    """Every positive group matches (any of its terms) in one of the fields; no excluded term."""
    condition = Q()
    for group in query.groups:
        either = Q()
        for term in group:
            phrase = " ".join(term.words)
            for name in field_names:
                either |= Q(**{f"{name}__icontains": phrase})
        condition &= either
    for term in query.excluded:
        for name in field_names:
            condition &= ~Q(**{f"{name}__icontains": " ".join(term.words)})
    return condition


def _parties(query: Query, case: Case | None) -> list[Hit]:
    parties = Party.objects.filter(_named(query, ("name", "aliases__name", "description")))
    if case is not None:
        parties = parties.filter(roles__case=case)
    words = query.words()
    return [
        Hit(
            kind="party",
            pk=p.pk,
            url=p.get_absolute_url(),
            title=highlight_words(p.name, words),
            snippet=highlight_words(p.description[:300], words),
            source=p.get_kind_display(),
        )
        for p in parties.distinct().order_by("name")[:NAMED_MAX]
    ]


def _case_topics(model: type[Claim] | type[Issue], kind: str):
    """The search of a case's claims or issues (the two are searched alike) by title and text."""

    def find(query: Query, case: Case | None) -> list[Hit]:
        found = model.objects.filter(_named(query, ("title", "description")))
        found = found.filter(case=case) if case is not None else found
        words = query.words()
        return [
            Hit(
                kind=kind,
                pk=obj.pk,
                url=obj.get_absolute_url(),
                title=highlight_words(obj.title, words),
                snippet=highlight_words(obj.description[:300], words),
                case=obj.case.title,
            )
            for obj in found.select_related("case").order_by("title", "pk")[:NAMED_MAX]
        ]

    return find


_claims = _case_topics(Claim, "claim")
_issues = _case_topics(Issue, "issue")


def _clauses(query: Query, case: Case | None) -> list[Hit]:
    """Terms clauses by title, document or the wording of any of their versions."""
    fields = ("title", "document__title", "versions__text")
    clauses = Clause.objects.filter(_named(query, fields)).select_related("document")
    clauses = clauses.filter(document__cases=case) if case is not None else clauses
    words = query.words()
    return [
        Hit(
            kind="clause",
            pk=c.pk,
            url=c.get_absolute_url(),
            title=highlight_words(c.title, words),
            snippet=highlight_words(c.document.title, words),
            source="Terms clause",
        )
        for c in clauses.distinct().order_by("title", "pk")[:NAMED_MAX]
    ]


def _events(
    query: Query,
    case: Case | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    statuses: tuple[str, ...] = REVIEWED,
) -> list[Hit]:
    events = Event.objects.filter(status__in=statuses)
    events = events.filter(_named(query, ("title", "description")))
    if case is not None:
        events = events.filter(case=case)
    if date_from:
        events = events.filter(date__gte=date_from)
    if date_to:
        events = events.filter(date__lte=date_to)
    words = query.words()
    return [
        Hit(
            kind="event",
            pk=e.pk,
            url=e.get_absolute_url(),
            title=highlight_words(e.title, words),
            snippet=highlight_words(e.description[:300], words),
            date=e.date,
            source=e.date_display,
            case=e.case.title,
            reviewed=e.status == ReviewStatus.ACCEPTED,
        )
        for e in events.select_related("case").order_by("-date", "pk")[:NAMED_MAX]
    ]


def _articles(query: Query, within: QuerySet | None, limit: int, offset: int) -> list[Hit]:
    if limit <= 0:
        return []
    run = backends.postgres_search if connection.vendor == "postgresql" else backends.sqlite_search
    rows = run(query, within, limit, offset)
    shown = Article.objects.only("id", "title", "published", "source")
    articles = shown.in_bulk([r[0] for r in rows])
    hits = []
    for pk, rank, title, snippet in rows:
        article = articles.get(pk)
        if article is None:
            continue
        hits.append(
            Hit(
                kind="article",
                pk=pk,
                url=article.get_absolute_url(),
                title=mark_snippet(title or article.title),
                snippet=mark_snippet(snippet),
                date=article.published,
                source=article.source,
                rank=rank,
            )
        )
    return hits


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight of `day` in the current time zone (where `published__date` would cut it)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _article_ids(
    case: Case | None,
    statuses: tuple[str, ...],
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> QuerySet | None:
    """The ids of the articles searched, as a subquery (None: every article). A case's are its
    memberships, which carry the article's date: its index orders and dates them, so the
    article rows are never read to scope a search. Dates bound `published` as a range."""
    if case is None and not (date_from or date_to):
        return None
    ids = (
        case_article_ids(case=case, statuses=statuses)
        if case is not None
        else Article.objects.values("pk")
    )
    if date_from:
        ids = ids.filter(published__gte=_day_start(date_from))
    if date_to:
        ids = ids.filter(published__lt=_day_start(date_to + dt.timedelta(days=1)))
    return ids


def search(
    *,
    q: str,
    case: Case | str | None = None,
    kind: str | None = None,
    limit: int = 20,
    offset: int = 0,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    unreviewed: bool = False,
) -> SearchResults:
    """Ranked results for the user's query; a fixed number of queries, whatever the data.
    Reviewed only by default, as the case page shows readers: accepted or case-file events,
    and within a case the articles filed under it or linked by an accepted link;
    `unreviewed` adds the machine's suggestions (each hit says whether it is reviewed)."""
    statuses = LIVE if unreviewed else REVIEWED
    if isinstance(case, str):  # a slug
        case = Case.objects.filter(slug=case).first() or Case(pk=-1, slug=case)
    limit = max(1, min(int(limit), 100))
    offset = max(0, int(offset))
    query = query_parse(q)
    results = SearchResults(q=q, query=query, offset=offset, limit=limit)
    if query.empty or (kind and kind not in KINDS):
        return results
    named: list[Hit] = []
    if kind in (None, "party"):
        named += _parties(query, case)
    for name, find in (("claim", _claims), ("issue", _issues), ("clause", _clauses)):
        if kind in (None, name):
            named += find(query, case)
    if kind in (None, "event"):
        named += _events(query, case, date_from, date_to, statuses)
    hits = named[offset : offset + limit + 1]
    if kind in (None, "article"):
        within = _article_ids(case, statuses, date_from, date_to)
        want = limit + 1 - len(hits)
        hits += _articles(query, within, want, max(0, offset - len(named)))
    results.has_more = len(hits) > limit
    results.hits = hits[:limit]
    return results


def article_ids_matching(q: str) -> RawSQL | None:
    """The ids of the articles whose title or text matches `q` as /search/ reads it (words,
    "phrases", OR, -word, word*), every match and unranked, as a subquery for `pk__in=`:
    the full-text index's, not a substring scan of every article's text. None when `q` has
    no word to look for."""
    found = backends.matching_sql(query_parse(q))
    return RawSQL(*found) if found else None  # noqa: S611 - constant SQL, the query bound
