"""Linking services. `articles_link` is the ingest hook (settings.TRACKER_AFTER_INGEST).

Articles are linked in batches of BATCH with a fixed number of queries per batch (bulk reads,
bulk_create, bulk_update, with their history rows), whatever the number of mentions.
Analysts win: a link or position that an analyst made (origin analyst) or reviewed (accepted,
rejected) is never changed or removed by relinking; only its evidence is re-anchored (`anchors.quote_find`) when the text
changed, and it is marked stale when its quote is gone. Suggested automatic links and positions
are replaced by what the current text supports, and removed when no longer found.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from tracker.cases.models import Event, Origin, ReviewStatus
from tracker.core.bulk import history_copy, rows_insert
from tracker.linking.analysis import (
    Analysis,
    Context,
    Wanted,
    article_analyse,
    combine,
)
from tracker.linking.anchors import quote_find, selector_for
from tracker.linking.context import linking_state
from tracker.linking.membership import memberships_refresh
from tracker.linking.models import TARGET_TYPES, Evidence, Link, Position
from tracker.linking.sides import (
    CAMP_RULE,
    SIDE_RULE,
    sides_framed,
    sides_known,
    sides_rebutted,
    sides_settle,
)
from tracker.linking.stances import Finding
from tracker.linking.stored import StoredLink, StoredQuote, links_loaded, links_stored
from tracker.linking.suggestions import events_suggest
from tracker.news.models import Article

logger = logging.getLogger(__name__)
BATCH = 200
PROTECTED = (ReviewStatus.ACCEPTED, ReviewStatus.REJECTED)
SUGGESTED, AUTO = ReviewStatus.SUGGESTED.value, Origin.AUTO.value
LINK_COLUMNS = ("article", "target_type", "status", "origin", "confidence", "reason", *TARGET_TYPES)
_TARGET_AT = {kind: at for at, kind in enumerate(TARGET_TYPES)}  # a new link row's target column
_NO_TARGETS = (None,) * len(TARGET_TYPES)
EVIDENCE_COLUMNS = ("link", "part", "exact", "prefix", "suffix", "start", "end")
# What the machine sets on its positions (_position_fields), rewritten when one changes.
POSITION_FIELDS = (
    "stance",
    "rule",
    "quote",
    "prefix",
    "suffix",
    "start",
    "end",
    "date",
    "confidence",
    "stale",
)
Parts = dict[str, str]  # an article's text and headline, by Evidence.part


def _batches(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    it = iter(ids)
    while chunk := list(islice(it, size)):
        yield chunk


def articles_link(article_ids: list[int]) -> None:
    """Link each article to the parties, claims, issues, clauses, events and cases it names."""
    ids = sorted({int(i) for i in article_ids})
    if not ids:
        return
    matcher, context = linking_state()
    with _collector_paused():
        for chunk in _batches(ids, BATCH):
            _link_batch(chunk, matcher=matcher, context=context)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while articles are linked: a batch allocates
    hundreds of thousands of objects (mentions, spans, rows), which set off a collection every
    few hundred allocations, and each full one walks every object of the process (the cached
    matcher and context too) to free the few hundred cycles a batch leaves. Reference
    counting still frees all the rest; the cycles go at the next collection after."""
    if not gc.isenabled():  # already off (a caller's, or a nested call)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def articles_relink(*, case_id: int | None = None, party_id: int | None = None) -> int:
    """Relink the articles of a case, or naming a party, or all; returns how many."""
    articles = Article.objects.all()
    if case_id is not None:
        # Its articles, and those whose link to it was rejected (a new alias may place them).
        articles = articles.filter(Q(memberships__case_id=case_id) | Q(links__case_id=case_id))
    if party_id is not None:
        # Articles linked to the party, or to (or ingested for) a case it takes part in.
        articles = articles.filter(
            Q(links__party_id=party_id)
            | Q(cases__roles__party_id=party_id)
            | Q(links__case__roles__party_id=party_id)
        )
    ids = sorted(set(articles.values_list("id", flat=True)))
    for chunk in _batches(ids, BATCH * 5):
        articles_link(chunk)
    return len(ids)


def _published(article: Article) -> dt.date | None:
    return article.published.date() if article.published else None


def _seen(article: Article) -> dt.date | None:
    """The local day the article was first seen, which only a page without a date needs
    (article_analyse): the time zone conversion is left out for every dated one."""
    if article.published or not article.created_at:
        return None
    return timezone.localdate(article.created_at)


@transaction.atomic
def _link_batch(ids: list[int], *, matcher, context: Context) -> None:
    articles = list(
        Article.objects.filter(id__in=ids).only(
            "id", "text", "title", "published", "story_id", "created_at"
        )
    )
    case_ids: dict[int, set[int]] = {}
    for article_id, case_id in Article.cases.through.objects.filter(article_id__in=ids).values_list(
        "article_id", "case_id"
    ):
        case_ids.setdefault(article_id, set()).add(case_id)
    analyses: dict[int, Analysis] = {}
    for article in list(articles):
        try:
            analyses[article.id] = article_analyse(
                text=article.text or "",
                title=article.title or "",
                published=_published(article),
                seen=_seen(article),
                case_ids=case_ids.get(article.id, set()),
                matcher=matcher,
                context=context,
            )
        except Exception:  # bad input must not stop the batch nor touch stored links
            logger.exception(
                "linking article %s failed; its links are left as they were", article.id
            )
            articles.remove(article)
    events_suggest(articles=articles, analyses=analyses, context=context)
    _links_reconcile(articles, analyses)
    _sides_apply(analyses, context)
    _positions_reconcile(articles, analyses)
    _suggested_events_confidence(
        {target for a in analyses.values() for kind, target in a.links if kind == "event"}
    )
    memberships_refresh(ids)


def _suggested_events_confidence(event_ids: set[int]) -> None:
    """A suggested event is as likely as its reports together make it (1 - prod(1 - c)), so
    one told by five outlets rises in the review queue above one told once. Reviewed events
    and those an analyst made keep theirs."""
    if not event_ids:
        return
    # Whole rows: their history copies every field, and a deferred one would be read back
    # with a query of its own per event and field.
    events = list(
        Event.objects.filter(id__in=event_ids, status=ReviewStatus.SUGGESTED, origin=Origin.AUTO)
    )
    if not events:
        return
    reports: dict[int, list[float]] = {}
    for event_id, confidence in (
        Link.objects.filter(event_id__in=[e.id for e in events])
        .exclude(status=ReviewStatus.REJECTED)
        .values_list("event_id", "confidence")
    ):
        reports.setdefault(event_id, []).append(confidence)
    changed = []
    for event in events:
        confidence = combine(reports.get(event.id, []))
        if confidence and confidence != event.confidence:
            event.confidence = confidence
            changed.append(event)
    if changed:
        bulk_update_with_history(changed, Event, ["confidence"])


def _reanchor(text: str, item: StoredQuote | Position, *, exact: str) -> bool:
    """Point the stored quote at the current text; False when it cannot be found."""
    start = item.start
    if start is not None and text[start : start + len(exact)] == exact:
        return True
    found = quote_find(text, exact, item.prefix, item.suffix, hint=start)
    if found is None:
        return False
    item.start, item.end = found["start"], found["end"]
    item.prefix, item.suffix = found["prefix"], found["suffix"]
    if isinstance(item, Position):
        item.quote = found["exact"]
    else:
        item.exact = found["exact"]
    return True


def _anchor_state(item: StoredQuote | Position) -> tuple:
    """What re-anchoring may change: a same-length edit moves no offset but changes the quote."""
    quote = item.quote if isinstance(item, Position) else item.exact
    return (item.start, item.end, quote, item.prefix, item.suffix)


@dataclass
class _LinkChanges:
    """What reconciling stored links with fresh analyses changes, gathered before any write."""

    drop_links: list[int] = field(default_factory=list)
    drop_evidence: list[int] = field(default_factory=list)
    update_links: list[StoredLink] = field(default_factory=list)
    moved_evidence: list[StoredQuote] = field(default_factory=list)
    new_links: list[tuple] = field(default_factory=list)  # rows of LINK_COLUMNS
    new_evidence: list[tuple] = field(default_factory=list)  # rows of EVIDENCE_COLUMNS


def _link_key(link: StoredLink) -> tuple[int, str, int]:
    return (link.article_id, link.target_type, link.target_id)


def _reviewed_keep(changes: _LinkChanges, link: StoredLink, parts: Parts) -> None:
    """An analyst's or reviewed link stays: its quotes follow the text (or the headline they
    are in); stale when one is lost."""
    evidence = link.evidence
    before = [_anchor_state(e) for e in evidence]
    found = [_reanchor(parts[e.part], e, exact=e.exact) for e in evidence]  # all, then all()
    changes.moved_evidence += [
        e for e, state in zip(evidence, before, strict=True) if _anchor_state(e) != state
    ]
    if link.stale == all(found):
        link.stale = not all(found)
        link.version += 1
        changes.update_links.append(link)


def _suggested_follow(
    changes: _LinkChanges, link: StoredLink, parts: Parts, wanted: Wanted | None
) -> None:
    """A machine suggestion follows the analysis: gone when unwanted, redone when it changed."""
    if wanted is None:
        changes.drop_links.append(link.id)
        return
    evidence = link.evidence
    spans = {(e.part, e.start, e.end) for e in evidence}
    intact = all(parts[e.part][e.start : e.end] == e.exact for e in evidence)
    same = link.confidence == wanted.confidence and link.reason == wanted.reason
    if intact and spans == _wanted_spans(wanted) and same:
        if link.stale:
            link.stale = False
            changes.update_links.append(link)
        return  # nothing changed
    changes.drop_evidence += [e.id for e in evidence]
    changes.new_evidence += _evidence_rows(link.id, parts, wanted)
    link.confidence, link.stale, link.reason = wanted.confidence, False, wanted.reason
    link.version += 1
    changes.update_links.append(link)


def _new_link_rows(analyses: dict[int, Analysis], have: set[tuple[int, str, int]]) -> list[tuple]:
    """Rows of LINK_COLUMNS for the wanted links with evidence not stored yet."""
    rows = []
    for article_id, analysis in analyses.items():
        for (kind, target_id), wanted in analysis.links.items():
            if (article_id, kind, target_id) in have or not (wanted.spans or wanted.title_spans):
                continue
            targets = list(_NO_TARGETS)
            targets[_TARGET_AT[kind]] = target_id
            row = (article_id, kind, SUGGESTED, AUTO, wanted.confidence, wanted.reason)
            rows.append((*row, *targets))
    return rows


def _moved_evidence_rows(moved: list[StoredQuote], existing: list[StoredQuote]) -> list[tuple]:
    """Moved quotes are rewritten (delete + insert: an in-place update could collide with the
    unique span of a sibling on the way); two quotes landing on one span become one."""
    kept = {(e.link_id, e.part, e.start, e.end) for e in existing if e not in moved}
    rows = []
    for e in moved:
        if (e.link_id, e.part, e.start, e.end) not in kept:
            kept.add((e.link_id, e.part, e.start, e.end))
            rows.append((e.link_id, e.part, e.exact, e.prefix, e.suffix, e.start, e.end))
    return rows


def _link_changes_write(
    changes: _LinkChanges,
    existing: list[StoredLink],
    parts: dict[int, Parts],
    analyses: dict[int, Analysis],
) -> None:
    if changes.drop_links:
        Link.objects.filter(id__in=changes.drop_links).delete()
    if changes.drop_evidence:
        Evidence.objects.filter(id__in=changes.drop_evidence).delete()
    if changes.update_links:
        fields = ["confidence", "stale", "version", "reason"]
        bulk_update_with_history(links_loaded(changes.update_links), Link, fields)
    rows = changes.new_evidence
    if changes.moved_evidence:
        Evidence.objects.filter(id__in=[e.id for e in changes.moved_evidence]).delete()
        stored = [e for link in existing for e in link.evidence]
        rows += _moved_evidence_rows(changes.moved_evidence, stored)
    # New links, their history and evidence: the bulk of a first ingest, so their rows are
    # written plainly (tracker.core.bulk) rather than through model instances.
    if changes.new_links:
        rows_insert(Link, LINK_COLUMNS, changes.new_links)
        created = _link_ids(list(analyses), skip={link.id for link in existing})
        history_copy(Link, sorted(created.values()))
        for key, link_id in created.items():
            rows += _evidence_rows(link_id, parts[key[0]], analyses[key[0]].links[key[1:]])
    rows_insert(Evidence, EVIDENCE_COLUMNS, rows)


def _links_reconcile(articles: list[Article], analyses: dict[int, Analysis]) -> None:
    """Bring the stored links of these articles in line with their analyses: reviewed and
    analysts' links keep their status and re-anchor their quotes; suggestions follow."""
    parts = {a.id: {"text": a.text or "", "title": a.title or ""} for a in articles}
    existing = links_stored(list(parts))
    changes = _LinkChanges()
    for link in existing:
        key = _link_key(link)
        if link.origin == Origin.ANALYST or link.status in PROTECTED:
            _reviewed_keep(changes, link, parts[link.article_id])
        else:
            wanted = analyses[link.article_id].links.get(key[1:])
            _suggested_follow(changes, link, parts[link.article_id], wanted)
    changes.new_links = _new_link_rows(analyses, {_link_key(link) for link in existing})
    _link_changes_write(changes, existing, parts, analyses)


def _link_ids(article_ids: list[int], *, skip: set[int]) -> dict[tuple[int, str, int], int]:
    """The links of these articles but `skip`, by (article id, target type, target id)."""
    rows = Link.objects.filter(article_id__in=article_ids).values_list(
        "id", "article_id", "target_type", *(f"{kind}_id" for kind in TARGET_TYPES)
    )
    return {
        (article_id, kind, targets[TARGET_TYPES.index(kind)]): link_id
        for link_id, article_id, kind, *targets in rows
        if link_id not in skip
    }


def _wanted_spans(wanted: Wanted) -> set[tuple[str, int, int]]:
    """(part, start, end) of every quote a link wants: in the text, then in the headline."""
    return {("text", *span) for span in wanted.spans} | {
        ("title", *span) for span in wanted.title_spans
    }


def _evidence_rows(link_id: int, parts: Parts, wanted: Wanted) -> list[tuple]:
    """The wanted spans of a link as rows of EVIDENCE_COLUMNS, quotes with their context."""
    rows = []
    for part, start, end in sorted(_wanted_spans(wanted)):
        quote = selector_for(parts[part], start, end)
        row = (quote["exact"], quote["prefix"], quote["suffix"], start, end)
        rows.append((link_id, part, *row))
    return rows


def _sides_apply(analyses: dict[int, Analysis], context: Context) -> None:
    """Settle statements with no cue by their party's side on the issue (sides.py): what the
    batch's other articles and the stored positions of other articles (not rejected, not
    settled this way themselves) agree on; a rebuttal also by its adversaries' side; a
    statement naming its issue itself, last, by its camp's side of the case's question."""
    pending = [f for analysis in analyses.values() for f in analysis.undecided]
    if not pending:
        return
    # the pairs whose camp matters: rebuttals and statements naming their issue
    rebuttals = [(f.party_id, f.issue_id, "") for f in pending if f.rebuts or f.named]
    stored = (
        Position.objects.filter(issue_id__in={f.issue_id for f in pending})
        .exclude(article_id__in=list(analyses))
        .exclude(status=ReviewStatus.REJECTED)
        .exclude(rule__contains=SIDE_RULE)
        .exclude(rule__contains=CAMP_RULE)
    )
    if not rebuttals:  # the adversaries' sides are needed for those pairs only
        stored = stored.filter(party_id__in={f.party_id for f in pending})
    counted = (
        stored.order_by().values_list("party_id", "issue_id", "stance").annotate(n=Count("id"))
    )
    stances = [(p, i, s) for p, i, s, n in counted for _ in range(n)]
    stances += [(f.party_id, f.issue_id, f.stance) for a in analyses.values() for f in a.positions]
    # a pair's camp depends on the pair alone: the rebuttals' extra pairs, which have no
    # stances, change nothing sides_known reads
    camps = _camps(context, [*stances, *rebuttals])
    sides = sides_known(stances, camps)
    rebutted = sides_rebutted(stances, camps) if rebuttals else {}
    uncontested = context.agreed | context.guessed  # no camp answers these questions
    contested = {pair: camp for pair, camp in camps.items() if pair[1] not in uncontested}
    framed = sides_framed(contested, context.framing, sides) if rebuttals else {}
    for analysis in analyses.values():
        found = analysis.positions
        analysis.positions += sides_settle(found, analysis.undecided, sides, rebutted, framed)


def _camps(context: Context, stances: list[tuple[int, int, str]]) -> dict[tuple[int, int], str]:
    """(party id, issue id) -> the party's side ("p" or "d") in the issue's case, if one."""
    camps = {}
    for party_id, issue_id, _ in stances:
        words = context.issue_words.get(issue_id)
        case = context.cases.get(words.case_id) if words else None
        side = case.sides.get(party_id, set()) if case else set()
        if len(side) == 1:
            camps[(party_id, issue_id)] = next(iter(side))
    return camps


def _position_fields(article: Article, finding: Finding) -> dict:
    selector = selector_for(article.text, finding.start, finding.end)
    return {
        "stance": finding.stance,
        "rule": finding.rule,
        "quote": selector["exact"],
        "prefix": selector["prefix"],
        "suffix": selector["suffix"],
        "start": selector["start"],
        "end": selector["end"],
        "date": _published(article),
        "confidence": round(min(0.9, 0.4 + 0.1 * finding.cues), 3),
        "stale": False,
    }


def _positions_reconcile(articles: list[Article], analyses: dict[int, Analysis]) -> None:
    by_id = {a.id: a for a in articles}
    findings = {
        (article_id, f.party_id, f.issue_id): f
        for article_id, analysis in analyses.items()
        for f in analysis.positions
    }
    done: set[tuple[int, int, int]] = set()
    drop: list[int] = []
    update: list[Position] = []
    for position in Position.objects.filter(article_id__in=by_id).order_by("id"):
        article = by_id[position.article_id]
        key = (position.article_id, position.party_id, position.issue_id)
        if position.origin == Origin.ANALYST or position.status in PROTECTED:
            done.add(key)  # an analyst's position on this pair stands
            if position.quote:
                before = _anchor_state(position)
                found = _reanchor(article.text or "", position, exact=position.quote)
                if position.stale == found or _anchor_state(position) != before:
                    position.stale = not found
                    position.version += 1
                    update.append(position)
            continue
        finding = findings.get(key)
        if finding is None or key in done:
            drop.append(position.id)
            continue
        done.add(key)
        fields = _position_fields(article, finding)
        if all(getattr(position, name) == value for name, value in fields.items()):
            continue  # as found before: no new version, no history row
        for name, value in fields.items():
            setattr(position, name, value)
        position.version += 1
        update.append(position)
    create = [
        Position(
            article_id=key[0],
            party_id=key[1],
            issue_id=key[2],
            status=ReviewStatus.SUGGESTED,
            origin=Origin.AUTO,
            **_position_fields(by_id[key[0]], finding),
        )
        for key, finding in findings.items()
        if key not in done
    ]
    if drop:
        Position.objects.filter(id__in=drop).delete()
    if update:
        bulk_update_with_history(update, Position, [*POSITION_FIELDS, "version"])
    bulk_create_with_history(create, Position)
