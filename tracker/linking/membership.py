"""The articles of a case: one definition, recorded once (`Membership`), kept here.

An article belongs to a case when it was filed under the case (ingested for it), or when a link
that is not rejected ties it to the case itself or to one of the case's claims, issues or events:
targets that belong to that case alone. A link to a party or a terms clause does not place an
article in a case, since parties and clauses are shared between cases; an article that names only
a party of several cases belongs to none of them unless it was filed under one.

A membership is `reviewed` (what readers see by default) when the article was filed under the
case, or one of those links is accepted. With the suggestions (`LIVE`), every membership counts.

The rows are kept by `memberships_refresh`, which the linking service calls after each batch
(ingest, relink) and the review services call after each change to a link (accept, reject, undo,
add, re-target). Every page, the API, search, exports and feeds read them through
`case_articles` / `case_article_ids`: one indexed lookup.

Each change to a case's memberships bumps its `CoverageVersion`, so aggregates of the case's
coverage can be cached under (case, version) and never be served stale.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import Count, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from tracker.cases.models import Case, Event, ReviewStatus
from tracker.core.bulk import rows_insert, rows_update
from tracker.news.models import Article

from .casecounts import case_counts_change, case_counts_recount
from .involvement import involvements_sync, involvements_wanted
from .models import CoverageVersion, EventReport, Link, Membership
from .tallies import tallies_change, tallies_recount

LIVE = (ReviewStatus.ACCEPTED, ReviewStatus.SUGGESTED)  # not rejected
REVIEWED = (ReviewStatus.ACCEPTED,)  # what readers see by default: no machine suggestion
CASE_TARGETS = ("case", "claim", "issue", "event")  # targets that belong to one case alone
BATCH = 1000
COVERAGE_TTL = 600  # seconds an aggregate stays cached (a version bump retires it at once)
T = TypeVar("T")
CaseRef = Case | int | str | OuterRef


def reviewed_only(statuses: Iterable[str]) -> bool:
    """Whether `statuses` (LIVE or REVIEWED, as pages pass them) leaves the suggestions out."""
    return ReviewStatus.SUGGESTED not in tuple(statuses)


def case_memberships(*, case: CaseRef, statuses: Iterable[str] = LIVE) -> QuerySet[Membership]:
    """The case's membership rows: all (`LIVE`), or the reviewed ones (`REVIEWED`). `case` is
    a Case, its id (or an OuterRef to one) or its slug (as the API names cases)."""
    lookup = "case__slug" if isinstance(case, str) else "case"
    rows = Membership.objects.filter(**{lookup: case})
    return rows.filter(reviewed=True) if reviewed_only(statuses) else rows


def case_article_ids(*, case: CaseRef, statuses: Iterable[str] = LIVE) -> QuerySet:
    """The ids of the case's articles, as a subquery (`pk__in=`)."""
    return case_memberships(case=case, statuses=statuses).values("article_id")


def case_articles(*, case: CaseRef, statuses: Iterable[str] = LIVE) -> QuerySet[Article]:
    """The case's articles (see the module's docstring for which)."""
    return Article.objects.filter(pk__in=case_article_ids(case=case, statuses=statuses))


def case_target_q(case: CaseRef, prefix: str = "") -> Q:
    """Links (or, with `prefix` "link__", rows reached through a link) whose target belongs to
    the case alone: the case, its claims, issues or events."""
    lookup = "__slug" if isinstance(case, str) else ""
    q = Q(**{f"{prefix}case{lookup}": case})
    for kind in ("claim", "issue", "event"):
        q |= Q(**{f"{prefix}{kind}__case{lookup}": case})
    return q


# a membership's values
FIELDS = ("reviewed", "published", "story", "tied", "tied_live", "source", "links")
REPORT_FIELDS = ("accepted", "published", "story", "source")  # an event report's values


def _reasons(article_ids: list[int]) -> tuple[dict[tuple, tuple], dict[tuple, tuple]]:
    """The rows these articles should have, from their filings, links and the events those
    link to: (case id, article id) -> the membership's FIELDS, and (event id, article id) ->
    the event report's REPORT_FIELDS. Each (case, event, article, status, event status) is
    read once, however many links repeat it, and each article's copied values once."""
    articles = {
        pk: values
        for pk, *values in Article.objects.filter(pk__in=article_ids).values_list(
            "pk", "published", "story_id", "source"
        )
    }
    accepted = dict(
        Link.objects.filter(article_id__in=article_ids, status=ReviewStatus.ACCEPTED)
        .order_by()
        .values("article_id")
        .annotate(n=Count("id"))
        .values_list("article_id", "n")
    )
    filed = Article.cases.through.objects.filter(article_id__in=article_ids)
    reasons = {pair: [True, False, False] for pair in filed.values_list("case_id", "article_id")}
    reports = {}
    links = (
        Link.objects.filter(
            article_id__in=article_ids, status__in=LIVE, target_type__in=CASE_TARGETS
        )
        .annotate(
            of_case=Coalesce(
                F("case_id"), F("claim__case_id"), F("issue__case_id"), F("event__case_id")
            )
        )
        .values_list("of_case", "article_id", "status", "event_id", "event__status")
        .order_by()
        .distinct()
    )
    for case_id, article_id, status, event_id, event_status in links:
        if case_id is None or article_id not in articles:  # an event being deleted
            continue
        found = reasons.setdefault((case_id, article_id), [False, False, False])
        found[0] = found[0] or status == ReviewStatus.ACCEPTED
        found[1] = found[1] or event_status == ReviewStatus.ACCEPTED
        found[2] = found[2] or event_status in LIVE
        if event_id is not None:
            reports[(event_id, article_id)] = (
                status == ReviewStatus.ACCEPTED,
                *articles[article_id],
            )
    members = {
        (case_id, article_id): (
            reviewed,
            *articles[article_id][:2],
            tied,
            tied_live,
            articles[article_id][2] or "",
            accepted.get(article_id, 0),
        )
        for (case_id, article_id), (reviewed, tied, tied_live) in reasons.items()
        if article_id in articles
    }
    return members, reports


def _rows_sync(
    model: type[models.Model], keys: tuple[str, str], fields: tuple[str, ...], article_ids, wanted
) -> dict[tuple, tuple]:
    """Make `model`'s rows of these articles `wanted` ((owner id, article id) -> values of
    `fields`); returns the rows there were, (owner id, article id) -> (pk, *values).

    Reads the stored rows as plain values and writes only the difference: the rows no longer
    wanted in one DELETE, the missing ones in one INSERT per chunk (`rows_insert`, skipping a
    row another writer stored meanwhile), the stale ones in one UPDATE per chunk."""
    columns = [model._meta.get_field(name).attname for name in (*keys, *fields)]
    have = {
        (owner, article_id): (pk, *values)
        for pk, owner, article_id, *values in model.objects.filter(
            article_id__in=article_ids
        ).values_list("id", *columns)
    }
    gone = [row[0] for key, row in have.items() if key not in wanted]
    if gone:
        model.objects.filter(pk__in=gone).delete()
    new = [(*key, *values) for key, values in wanted.items() if key not in have]
    if new:
        rows_insert(model, (*keys, *fields), new, ignore_conflicts=True)
    at = fields.index("published")
    adapt = connection.ops.adapt_datetimefield_value
    stale = [
        (have[key][0], *values[:at], adapt(values[at]) if values[at] else None, *values[at + 1 :])
        for key, values in wanted.items()
        if key in have and tuple(have[key][1:]) != tuple(values)
    ]
    rows_update(model, list(fields), stale)
    return have


Totals = dict[int, list[int]]  # case id -> changes of (reviewed memberships, their links)


def _totals_delta(old: Mapping[tuple, tuple], new: Mapping[tuple, tuple]) -> Totals:
    """For each case of these membership rows (FIELDS' values), what going from `old` to `new`
    changes in its reviewed memberships and their articles' accepted links."""
    delta: Totals = defaultdict(lambda: [0, 0])
    for rows, sign in ((old, -1), (new, 1)):
        for (case_id, _), values in rows.items():
            reviewed, links = bool(values[0]), values[FIELDS.index("links")]
            delta[case_id][0] += sign * reviewed
            delta[case_id][1] += sign * links * reviewed
    return delta


def _totals_merge(into: Totals, delta: Totals) -> None:
    for case_id, change in delta.items():
        found = into[case_id]
        found[0] += change[0]
        found[1] += change[1]


def _refresh_batch(article_ids: list[int]) -> Totals:
    """Make the memberships and event reports of these articles what their filings, links,
    events, dates, stories and outlets say; returns, for each case they belong or belonged to,
    the change in its reviewed memberships and their links.

    The articles' rows are locked first, in id order: of two writers refreshing one article,
    the later reads the rows the earlier wrote (otherwise both would read none, both count it
    once more, and the second insert would be skipped as a conflict). FOR NO KEY UPDATE: rows
    that refer to the articles (links, memberships) can still be written meanwhile."""
    if connection.features.has_select_for_update:  # SQLite's writers take turns anyway
        locked = Article.objects.filter(pk__in=article_ids).order_by("pk")
        list(locked.select_for_update(no_key=True).values_list("pk", flat=True))
    wanted, reports = _reasons(article_ids)
    have = _rows_sync(Membership, ("case", "article"), FIELDS, article_ids, wanted)
    old = {key: row[1:] for key, row in have.items()}
    case_counts_change(old, wanted)
    had = _rows_sync(EventReport, ("event", "article"), REPORT_FIELDS, article_ids, reports)
    tallies_change({key: row[1:] for key, row in had.items()}, reports, article_ids)
    reviewed = {key: values[0] for key, values in wanted.items()}
    involvements_sync(article_ids, involvements_wanted(article_ids, reviewed))
    return _totals_delta(old, wanted)


def memberships_refresh(article_ids: Iterable[int]) -> set[int]:
    """Record which cases these articles belong to, after their filings or links changed (a
    few queries per thousand articles). Bumps the coverage version of every case they belong
    or belonged to (their links may have changed what its timeline counts); returns those."""
    ids = sorted({int(pk) for pk in article_ids})
    delta: Totals = defaultdict(lambda: [0, 0])
    with transaction.atomic():
        for start in range(0, len(ids), BATCH):
            _totals_merge(delta, _refresh_batch(ids[start : start + BATCH]))
        coverage_changed(case_ids=delta)
        _totals_add(delta)
    return set(delta)


def _totals_add(delta: Totals) -> None:
    """Add each case's change in reviewed memberships and their links to its counts (its
    CoverageVersion row, which `coverage_changed` made sure of)."""
    for case_id, (articles, links) in sorted(delta.items()):
        if articles or links:
            CoverageVersion.objects.filter(case_id=case_id).update(
                articles=F("articles") + articles, links=F("links") + links
            )


TIES = ("tied", "tied_live")  # what an event's status decides in its articles' rows


def _ties_changed(event_ids: list[int]) -> list[tuple]:
    """The memberships, in the events' cases, of the articles linked to these events whose
    ties to events are not what the events' statuses say now: (pk, case id, article id,
    FIELDS as stored, tied and tied_live as they should be). Two flat reads (the rows, the
    articles' live event links in those cases), matched here."""
    cases = Event.objects.filter(pk__in=event_ids).values("case_id")
    linked = Link.objects.filter(event_id__in=event_ids, status__in=LIVE)
    article_ids = linked.values("article_id")
    ties: dict[tuple[int, int], list[bool]] = defaultdict(lambda: [False, False])
    links = Link.objects.filter(
        article_id__in=article_ids, status__in=LIVE, target_type="event", event__case_id__in=cases
    ).values_list("event__case_id", "article_id", "event__status")
    for case_id, article_id, status in links.order_by():
        found = ties[(case_id, article_id)]
        found[0] = found[0] or status == ReviewStatus.ACCEPTED
        found[1] = found[1] or status in LIVE
    rows = Membership.objects.filter(case_id__in=cases, article_id__in=article_ids)
    changed = []
    at = 3 + FIELDS.index("tied")
    for row in rows.order_by().values_list("pk", "case_id", "article_id", *map(_column, FIELDS)):
        now = ties.get((row[1], row[2]), (False, False))
        if tuple(row[at : at + 2]) != tuple(now):
            changed.append((*row, *now))
    return changed


def event_memberships_refresh(event_ids: Iterable[int]) -> set[int]:
    """These events' status changed: of their articles' rows, only the ties to events can
    change (a membership, its review, its event reports and involvements do not depend on an
    event's status), and only some: the articles are locked (as `memberships_refresh` does),
    the rows read with what their ties should be, and only the rows whose ties differ, and
    their stories' counters, written. Bumps and returns the events' cases."""
    event_ids = sorted({int(pk) for pk in event_ids})
    with transaction.atomic():
        if connection.features.has_select_for_update:
            linked = Link.objects.filter(event_id__in=event_ids, status__in=LIVE)
            locked = Article.objects.filter(pk__in=linked.values("article_id")).order_by("pk")
            list(locked.select_for_update(no_key=True).values_list("pk", flat=True))
        found = _ties_changed(event_ids)
        at = len(FIELDS) + 3  # the stored values, then the ties as they should be
        old = {(row[1], row[2]): row[3:at] for row in found}
        new = {
            (row[1], row[2]): tuple(
                row[at + TIES.index(name)] if name in TIES else value
                for name, value in zip(FIELDS, row[3:at], strict=True)
            )
            for row in found
        }
        case_counts_change(old, new)
        rows_update(Membership, list(TIES), [(row[0], *row[at:]) for row in found])
        cases = set(Event.objects.filter(pk__in=event_ids).values_list("case_id", flat=True))
        coverage_changed(case_ids=cases)  # the timeline counts events by status
    return cases


def memberships_held(article_id: int) -> tuple[dict[tuple, tuple], dict[tuple, tuple]]:
    """What an article about to be deleted counts for: its memberships and its event reports,
    for `memberships_forget` once it is gone."""
    held = []
    for model, fields in ((Membership, FIELDS), (EventReport, REPORT_FIELDS)):
        owner = "case_id" if model is Membership else "event_id"
        rows = model.objects.filter(article_id=article_id).values_list(
            owner, "article_id", *(_column(name) for name in fields)
        )
        held.append({(key, pk): tuple(values) for key, pk, *values in rows})
    return held[0], held[1]


def memberships_forget(
    article_id: int, held: tuple[dict[tuple, tuple], dict[tuple, tuple]]
) -> None:
    """An article was deleted, and its rows with it: what it counted for (`memberships_held`)
    is taken off its cases' counts (plain sums); its events' tallies are counted again, since
    when several articles go at once (a queryset's or the admin's delete) the others' reports
    are gone before the first one's post_delete, and a change of the distinct stories or
    outlets read against them would be taken off once per article. The cases' versions go up."""
    members, reports = held
    delta = _totals_delta(members, {})
    with transaction.atomic():
        coverage_changed(case_ids=delta)
        _totals_add(delta)
        case_counts_change(members, {})
        tallies_recount(sorted({event_id for event_id, _ in reports}))


def _column(name: str) -> str:
    return "story_id" if name == "story" else name


def memberships_recount() -> tuple[int, int]:
    """Repair: record again every article that is or may be an article of a case (filed, linked
    to a target of one case, or recorded), each batch from its filings and links as the writes
    do; then count each case's reviewed memberships anew and bump every case's coverage
    version. Returns (articles read, cases whose count was wrong)."""
    filed = Article.cases.through.objects.values_list("article_id", flat=True)
    linked = Link.objects.filter(target_type__in=CASE_TARGETS).values_list("article_id", flat=True)
    recorded = Membership.objects.values_list("article_id", flat=True)
    ids = set(filed.order_by()) | set(linked.order_by().distinct()) | set(recorded.order_by())
    memberships_refresh(ids)
    tallies_recount()
    case_counts_recount()
    with transaction.atomic():
        case_ids = set(Case.objects.values_list("pk", flat=True))
        coverage_changed(case_ids=case_ids)
        wrong = 0
        for case_id, articles, links in case_totals_count(case_ids):
            wrong += (
                CoverageVersion.objects.filter(case_id=case_id)
                .exclude(articles=articles, links=links)
                .update(articles=articles, links=links)
            )
    return len(ids), wrong


def case_totals_count(case_ids: Iterable[int]) -> list[tuple[int, int, int]]:
    """(case id, reviewed memberships, their articles' accepted links) for each of these cases,
    counted from the memberships (what `CoverageVersion` keeps; a repair and a migration's
    backfill)."""
    rows = (
        Membership.objects.filter(reviewed=True)
        .order_by()
        .values("case_id")
        .annotate(n=Count("id"), links=Sum("links"))
        .values_list("case_id", "n", "links")
    )
    found = {case_id: (n, links or 0) for case_id, n, links in rows}
    return [(pk, *found.get(pk, (0, 0))) for pk in sorted(set(case_ids))]


def coverage_changed(*, case_ids: Iterable[int]) -> None:
    """Bump the coverage version of these cases (their memberships, links or reviewed events
    changed), so aggregates cached under the old version are no longer read."""
    case_ids = sorted(set(case_ids))
    if not case_ids:
        return
    bumped = CoverageVersion.objects.filter(case_id__in=case_ids).update(version=F("version") + 1)
    if bumped < len(case_ids):  # a case's first change: its row starts at 2 (0 meant none)
        CoverageVersion.objects.bulk_create(
            [CoverageVersion(case_id=pk, version=2) for pk in case_ids], ignore_conflicts=True
        )


def coverage_version(case: Case | int) -> int:
    """The case's coverage version (0 before its coverage ever changed)."""
    found = CoverageVersion.objects.filter(case=case).values_list("version", flat=True).first()
    return found or 0


def coverage_cached(
    *,
    case: Case | int,
    version: int,
    name: str,
    compute: Callable[[], T],
    ttl: int = COVERAGE_TTL,
) -> T:
    """`compute()` (an aggregate of the case's coverage: counts per event or week, a story
    list...) cached under (case, coverage version, name): computed once per change to the
    case's coverage, shared by every view of it. `name` says what and with which filters
    (and anything else the value depends on); `ttl`, at most how many seconds it is kept."""
    case_id = case.pk if isinstance(case, Case) else int(case)
    digest = hashlib.sha256(name.encode()).hexdigest()[:24]
    key = f"tracker:coverage:{case_id}:{version}:{digest}"
    found = cache.get(key)
    if found is not None:
        return found[0]
    value = compute()
    cache.set(key, (value,), ttl)
    return value
