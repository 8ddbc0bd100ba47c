"""Review reads: the queue, an item's history, the choices for tagging an article."""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import connections, models
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from tracker.cases.models import Case, Claim, Clause, Event, Issue, Party, ReviewStatus
from tracker.linking.membership import case_article_ids
from tracker.linking.models import TARGET_TYPES, Evidence, Link, Position
from tracker.news.models import Article
from tracker.review import rows
from tracker.review.cursor import ORDER_FIELDS, after, cursor_of, cursor_values

QUEUE_SHOW = ("all", "links", "positions", "events")
QUEUE_ORDERS = ("confidence", "newest")
# "stale": links and positions, whatever their review, whose quote is gone from the article
# after an edit; they wait here for an analyst to look again.
QUEUE_STATUSES = (*ReviewStatus.values, "stale", "any")
HISTORY_SKIP = {"id", "created_at", "updated_at", "version"}
QUEUE_STEP = (
    50  # rows of each kind per page; "Show more" gives the next ones (tracker.review.cursor)
)
COUNT_MAX = 1000  # waiting items counted no further (shown "1,000+")


@dataclass(frozen=True)
class QueueFilters:
    case: Case | None = None
    show: str = "all"
    target: str = ""
    order: str = "confidence"
    status: str = "suggested"
    after: tuple | None = None  # a "Show more" page: the rows after these order values
    shown: int = 0  # rows of the kind shown before that page (for "100 of 1,000+")

    def shows(self, kind: str) -> bool:
        return self.show in ("all", kind)


def queue_filters(*, params: Any) -> QueueFilters:
    """Filters from GET parameters; anything unknown falls back to the default."""

    def pick(name: str, allowed: tuple[str, ...], default: str) -> str:
        value = params.get(name, default)
        return value if value in allowed else default

    slug = params.get("case", "")
    case = Case.objects.filter(slug=slug).first() if slug else None
    show, order = pick("show", QUEUE_SHOW, "all"), pick("order", QUEUE_ORDERS, "confidence")
    # a cursor continues one kind of row: it means nothing when all kinds are shown
    values = cursor_values(params.get("after", ""), order=order) if show != "all" else None
    shown = params.get("shown", "")
    return QueueFilters(
        case=case,
        show=show,
        target=pick("target", ("", *TARGET_TYPES), ""),
        order=order,
        status=pick("status", QUEUE_STATUSES, "suggested"),
        after=values,
        shown=min(int(shown), 10**9) if values and shown.isdecimal() else 0,
    )


def _status(queryset: QuerySet, status: str) -> QuerySet:
    if status == "stale":
        has_stale = any(f.name == "stale" for f in queryset.model._meta.get_fields())
        return queryset.filter(stale=True) if has_stale else queryset.none()
    return queryset if status == "any" else queryset.filter(status=status)


REPORTS_SHOWN = 3  # an event's newest reports named in its row


def _ordered(queryset: QuerySet, order: str) -> QuerySet:
    return queryset.order_by(*(f"-{name}" for name in ORDER_FIELDS[order]))


def queue_links(*, filters: QueueFilters) -> QuerySet[Link]:
    queryset = _status(Link.objects.all(), filters.status)
    if filters.case is not None:
        # the links on the case's articles (linking.membership: filed under it, or linked to it,
        # its claims, issues or events), a semi-join on its membership rows (the links' order
        # stays the index's)
        queryset = queryset.filter(article_id__in=case_article_ids(case=filters.case))
    if filters.target:
        queryset = queryset.filter(target_type=filters.target)
    return _ordered(queryset, filters.order)


def queue_positions(*, filters: QueueFilters) -> QuerySet[Position]:
    queryset = _status(Position.objects.all(), filters.status)
    if filters.case is not None:
        queryset = queryset.filter(issue__case=filters.case)
    return _ordered(queryset, filters.order)


def queue_events(*, filters: QueueFilters) -> QuerySet[Event]:
    queryset = _status(Event.objects.all(), filters.status)
    if filters.case is not None:
        queryset = queryset.filter(case=filters.case)
    return _ordered(queryset, filters.order)


# A row shows its article's title, outlet and date, never its text: the wide columns stay unread.
_ARTICLE_WIDE = ("original", "html", "text", "minhash")


def _article_narrow(queryset: QuerySet, path: str = "article") -> QuerySet:
    return queryset.defer(*(f"{path}__{name}" for name in _ARTICLE_WIDE))


def links_for_rows(queryset: QuerySet[Link]) -> QuerySet[Link]:
    """Links as an article's tagging page lists them, in a constant number of queries (the
    queue reads its rows with links_for_queue and links_attach).

    The targets are prefetched (one query per kind of target on the page), not joined: joining
    the seven small tables too made PostgreSQL spend ~60 ms planning each page (at 100k links,
    on a loaded machine) for a query that runs in 1 ms.
    """
    queryset = queryset.select_related("article", "reviewed_by").prefetch_related(
        *TARGET_TYPES,
        "clause__document",
        Prefetch("evidence", queryset=Evidence.objects.order_by("start")),
    )
    return _article_narrow(queryset)


def links_for_queue(queryset: QuerySet[Link]) -> QuerySet[Link]:
    """Links with their articles (narrow) and reviewers; `links_attach` reads the rest."""
    return _article_narrow(queryset.select_related("article", "reviewed_by"))


def links_attach(links: list[Link]) -> list[Link]:
    """Set each link's target (one query per kind of target among them, a clause with its
    document) and its `quotes`, the (prefix, exact, suffix, start) of its evidence in text
    order (one query for all): links_for_rows' prefetches without their per-lookup machinery,
    which cost a queue page of 50 links as much CPU as reading the links themselves."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for link in links:
        wanted[link.target_type].add(getattr(link, f"{link.target_type}_id"))
    for kind, ids in wanted.items():
        field = Link._meta.get_field(kind)
        read = field.related_model._default_manager
        found = (read.select_related("document") if kind == "clause" else read).in_bulk(ids)
        for link in links:
            if link.target_type == kind:
                field.set_cached_value(link, found.get(getattr(link, field.attname)))
    quotes: dict[int, list[tuple]] = defaultdict(list)
    evidence = Evidence.objects.filter(link__in=[link.pk for link in links])
    for link_id, *quote in evidence.order_by("link_id", "start").values_list(
        "link_id", "prefix", "exact", "suffix", "start"
    ):
        quotes[link_id].append(quote)
    for link in links:
        link.quotes = quotes[link.pk]
    return links


def positions_for_rows(queryset: QuerySet[Position]) -> QuerySet[Position]:
    queryset = queryset.select_related("party", "issue__case", "article", "reviewed_by")
    return _article_narrow(queryset)


def events_for_rows(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """Events with the ids of their REPORTS_SHOWN newest reports (the links to them from the
    latest articles), each read from the index (event, -article): an event reported by 10,000
    articles costs what one reported by three does. `reports_attach` reads those links."""
    newest = Link.objects.filter(event=OuterRef("pk")).order_by("-article_id").values("pk")
    reports = {f"report_{i}": Subquery(newest[i : i + 1]) for i in range(REPORTS_SHOWN)}
    return queryset.select_related("case", "reviewed_by").annotate(**reports)


def reports_attach(events: list[Event]) -> list[Event]:
    """Set each event's `reports` (from events_for_rows): its newest links, with their articles'
    titles, in one query for all."""
    wanted = {e.pk: [getattr(e, f"report_{i}") for i in range(REPORTS_SHOWN)] for e in events}
    ids = [pk for pks in wanted.values() for pk in pks if pk is not None]
    found = _article_narrow(Link.objects.select_related("article")).in_bulk(ids)
    for event in events:
        event.reports = [found[pk] for pk in wanted[event.pk] if pk in found]
    return events


# Per kind of row: its queryset's reads, what is read for the rows once fetched, the row.
ROWS = {
    Link: (links_for_queue, links_attach, rows.link_row),
    Position: (positions_for_rows, None, rows.position_row),
    Event: (events_for_rows, reports_attach, rows.event_row),
}


def queue_rows(queryset: QuerySet, *, limit: int | None = None) -> list[rows.Row]:
    """The queue rows of `queryset` (its first `limit`), each as the dict its row shows
    (tracker.review.rows)."""
    read, attach, row = ROWS[queryset.model]
    found = list(read(queryset)[:limit])
    if attach is not None and found:
        attach(found)
    return [row(item) for item in found]


def _rows_by_id(model: type[models.Model], pks: list[int]) -> list[rows.Row]:
    found = {row["pk"]: row for row in queue_rows(model.objects.filter(pk__in=pks))} if pks else {}
    return [found[pk] for pk in pks if pk in found]


def queue_first(queryset: QuerySet, *, filters: QueueFilters, limit: int) -> list[int]:
    """The ids of the queue's first `limit` rows (queryset from queue_links & co.).

    A single status reads them from its index. "any" has no index ordering every status (one
    would double the indexes on links), so it merges each status's own first rows, each read
    from that status's index.
    """
    if filters.status != "any":
        return list(queryset.values_list("pk", flat=True)[:limit])
    fields = ORDER_FIELDS[filters.order]  # descending, ending with the id
    runs = [
        list(queryset.filter(status=status).values_list(*fields)[:limit])
        for status in ReviewStatus.values
    ]
    return [row[-1] for row in islice(heapq.merge(*runs, reverse=True), limit)]


class AtLeast(int):
    """A count that stopped at COUNT_MAX: compares as COUNT_MAX, shows as "1,000+"."""

    def __str__(self) -> str:
        return f"{int(self):,}+"


def bounded_count(queryset: QuerySet) -> int:
    """How many rows, counting no further than COUNT_MAX (then an AtLeast): a queue of 264,000
    suggestions costs what one of a thousand does."""
    n = queryset.order_by().values("pk")[: COUNT_MAX + 1].count()
    return AtLeast(COUNT_MAX) if n > COUNT_MAX else n


def bounded_counts(querysets: list[QuerySet]) -> list[int]:
    """bounded_count of each of `querysets`, all in one query: the queue page and every row it
    changes show three counts, and each query is a round trip that a loaded machine (its
    PostgreSQL backend waiting for a core) makes slow."""
    parts, params = [], []
    for queryset in querysets:
        bounded = queryset.order_by().values("pk")[: COUNT_MAX + 1]
        sql, args = bounded.query.sql_with_params()  # the ORM's SQL; every value a param
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) counted)")  # noqa: S608
        params.extend(args)
    with connections[querysets[0].db].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        found = cursor.fetchone()
    return [AtLeast(COUNT_MAX) if n > COUNT_MAX else n for n in found]


def queue_counts(*, case: Case | None = None) -> dict[str, int]:
    """How many suggestions wait, per kind (bounded: see bounded_count), in one query."""
    filters = QueueFilters(case=case)
    kinds = {
        "links": queue_links(filters=filters),
        "positions": queue_positions(filters=filters),
        "events": queue_events(filters=filters),
    }
    return dict(zip(kinds, bounded_counts(list(kinds.values())), strict=True))


def queue_page(*, filters: QueueFilters, counts: dict[str, int] | None = None) -> list[dict]:
    """A page of each kind of row shown (QUEUE_STEP rows, after the filters' cursor if any),
    each with its total and, when more rows follow, the cursor of its last row (`next`).

    `counts` (from `queue_counts` for the same case) saves counting again when the filters ask
    for exactly the waiting suggestions.
    """
    known = (counts or {}) if filters.status == "suggested" and not filters.target else {}
    sections: list[dict[str, Any]] = []
    for kind, title, model, query in (
        ("link", "Links", Link, queue_links),
        ("position", "Positions", Position, queue_positions),
        ("event", "Events", Event, queue_events),
    ):
        if not filters.shows(f"{kind}s") or (filters.target and kind != "link"):
            continue
        queryset = query(filters=filters)
        items = [] if known.get(f"{kind}s") == 0 else _page(model, queryset, filters=filters)
        more = len(items) > QUEUE_STEP
        items = items[:QUEUE_STEP]
        upto = filters.shown + len(items)
        total = len(items)
        if more or filters.after:
            counted = known.get(f"{kind}s")
            total = bounded_count(queryset) if counted is None else counted
            if total < upto + more:  # past COUNT_MAX (or rows added meanwhile)
                total = AtLeast(upto + more) if more else upto
        nxt = cursor_of(items[-1], order=filters.order) if more else ""
        sections.append(
            {
                "kind": kind,
                "title": title,
                "items": items,
                "total": total,
                "upto": upto,
                "next": nxt,
            }
        )
    return sections


def _page(model: type[models.Model], queryset: QuerySet, *, filters: QueueFilters) -> list:
    """The rows of a page (one more than shown, to know whether more follow)."""
    queryset = after(queryset, order=filters.order, values=filters.after)
    if filters.status == "any":
        return _rows_by_id(model, queue_first(queryset, filters=filters, limit=QUEUE_STEP + 1))
    return queue_rows(queryset, limit=QUEUE_STEP + 1)


def target_names(*, case: Case | None = None, limit: int = 300) -> list[str]:
    """Names an analyst can type to pick a target: parties, slugs, clause refs, event titles."""
    parties = Party.objects.all()
    claims, issues, events = Claim.objects.all(), Issue.objects.all(), Event.objects.all()
    if case is not None:
        parties = parties.filter(roles__case=case).distinct()
        claims, issues, events = (q.filter(case=case) for q in (claims, issues, events))
    clauses = Clause.objects.select_related("document")
    names = [
        *parties.values_list("name", flat=True)[:limit],
        *claims.values_list("slug", flat=True)[:limit],
        *issues.values_list("slug", flat=True)[:limit],
        *(f"{c.document.slug}#{c.ref}" for c in clauses[:limit]),
        *events.values_list("title", flat=True)[:limit],
    ]
    return sorted(set(names), key=str.lower)


def tag_choices(*, article: Article, limit: int = 500) -> dict[str, list]:
    """What an article's quote may be evidence of: the targets of the article's cases."""
    case_ids = list(article.cases.values_list("id", flat=True))
    parties = Party.objects.all()
    claims, issues = Claim.objects.select_related("case"), Issue.objects.select_related("case")
    clauses = Clause.objects.select_related("document")
    events = Event.objects.select_related("case")
    if case_ids:
        parties = parties.filter(roles__case__in=case_ids).distinct()
        claims, issues, events = (q.filter(case__in=case_ids) for q in (claims, issues, events))
        cases = Case.objects.filter(id__in=case_ids)
    else:
        cases = Case.objects.all()
    return {
        "party": list(parties[:limit]),
        "claim": list(claims[:limit]),
        "issue": list(issues[:limit]),
        "clause": list(clauses[:limit]),
        "event": list(events.order_by("date")[:limit]),
        "case": list(cases[:limit]),
    }


def article_links(*, article: Article) -> list[Link]:
    return list(links_for_rows(article.links.order_by("target_type", "id")))


# History ------------------------------------------------------------------------------------


def _fk_fields(model: type[models.Model]) -> dict[str, type[models.Model]]:
    return {
        f.name: f.related_model
        for f in model._meta.get_fields()
        if isinstance(f, models.ForeignKey) and f.concrete
    }


def _label(obj: models.Model) -> str:
    username = getattr(obj, "get_username", None)
    return username() if username else str(obj)


def history_of(obj: models.Model) -> list[dict[str, Any]]:
    """Every recorded change to `obj`, oldest first.

    Each entry: `who` (username or None for the system), `when`, `action` (created / changed /
    deleted), `reason`, `changes`: [{field, old, new}] with related objects shown by name, and
    for a creation `initial`: [{field, value}]. The API's names are there too: `user`, `at`,
    `kind`, and `from` / `to` in each change.
    """
    records = list(
        obj.history.select_related("history_user").order_by("history_date", "history_id")
    )
    fk_models = _fk_fields(type(obj))
    entries: list[dict[str, Any]] = []
    previous = None
    for record in records:
        initial, changes = [], []
        if previous is None:
            tracked = [f.name for f in record.tracked_fields if f.editable]
            initial = [
                {"field": name, "old": None, "new": getattr(record, _attname(record, name))}
                for name in sorted(tracked)
                if name not in HISTORY_SKIP
                and getattr(record, _attname(record, name)) not in (None, "", [], {})
            ]
        else:
            delta = record.diff_against(previous, excluded_fields=HISTORY_SKIP)
            changes = [{"field": c.field, "old": c.old, "new": c.new} for c in delta.changes]
        who = getattr(record.history_user, "username", None)
        action = {"+": "created", "~": "changed", "-": "deleted"}[record.history_type]
        entries.append(
            {
                "id": record.history_id,
                "who": who,
                "user": who,
                "when": record.history_date,
                "at": record.history_date,
                "action": action,
                "kind": action,
                "reason": record.history_change_reason or "",
                "changes": changes,
                "initial": initial,
            }
        )
        previous = record
    _name_related(entries, fk_models)
    for entry in entries:
        for change in entry["changes"]:
            change["from"], change["to"] = change["old"], change["new"]
        entry["initial"] = [{"field": c["field"], "value": c["new"]} for c in entry["initial"]]
    return entries


def _attname(record, name: str) -> str:
    field = record.instance_type._meta.get_field(name)
    return getattr(field, "attname", name)


def _name_related(entries: list[dict[str, Any]], fk_models: dict[str, type]) -> None:
    """Replace foreign-key ids by the related object's name, one query per related model."""
    wanted: dict[str, set] = defaultdict(set)
    for entry in entries:
        for change in [*entry["changes"], *entry["initial"]]:
            if change["field"] in fk_models:
                wanted[change["field"]] |= {v for v in (change["old"], change["new"]) if v}
    names: dict[str, dict] = {}
    for field_name, ids in wanted.items():
        found = fk_models[field_name]._default_manager.in_bulk(list(ids))
        names[field_name] = {pk: _label(o) for pk, o in found.items()}
    for entry in entries:
        for change in [*entry["changes"], *entry["initial"]]:
            known = names.get(change["field"])
            if known is None:
                continue
            for side in ("old", "new"):
                value = change[side]
                if value:
                    change[side] = known.get(value, f"#{value} (deleted)")
