"""Storing entries as articles: identity, cleaning in context, upserts that keep earlier versions.

An entry's identity is the SHA-256 of its source key (a feed, or "files") and its entry key: the
entry id, else its normalised link (utm_* parameters and fragment dropped), else a hash of its
content. Each entry is upserted in its own transaction, so a task killed midway and run again
neither loses nor doubles anything, and running the same input twice changes nothing.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import IntegrityError, transaction

from tracker.cases.models import Case
from tracker.core.bulk import rows_insert
from tracker.news.clean import (
    Body,
    Cleaned,
    body_clean,
    body_read,
    html_to_text,
    repeated_keys,
    text_body,
    title_clean,
)
from tracker.news.models import Article, ArticleVersion, Feed
from tracker.news.parse import ParsedEntry

logger = logging.getLogger(__name__)

TRACKING_PARAMS = {"fbclid", "gclid", "mc_cid", "mc_eid", "igshid", "ref_src"}
CONTEXT_ARTICLES = 50
STORE_CHUNK = 200  # stored articles of the same source compared for repeated lines

Progress = Callable[[int], None]


@dataclass
class IngestReport:
    sources: int = 0
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    touched: list[int] = field(default_factory=list)  # unchanged, but given a new case
    duplicates: int = 0
    stories: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    queued: int | None = None  # articles queued for clustering and linking (--defer)

    def error(self, source: str, message: str) -> None:
        self.errors.append({"source": source, "error": message})

    def merge(self, other: IngestReport) -> None:
        self.sources += other.sources
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.touched += other.touched
        self.duplicates += other.duplicates
        self.errors += other.errors
        if other.queued is not None:
            self.queued = (self.queued or 0) + other.queued

    @property
    def changed_ids(self) -> list[int]:
        return list(dict.fromkeys(self.created + self.updated + self.touched))

    def as_json(self) -> dict:
        summary = {
            "sources": self.sources,
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "duplicates": self.duplicates,
            "stories": self.stories,
            "errors": self.errors,
        }
        if self.queued is not None:
            summary["queued"] = self.queued
        return summary


def link_normalise(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no utm_* or click ids."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if port and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
    ]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def entry_key(entry: ParsedEntry) -> str:
    if entry.id:
        return f"id:{entry.id}".replace("\x00", "\ufffd")
    if entry.link:
        return f"url:{link_normalise(entry.link)}".replace("\x00", "\ufffd")
    digest = hashlib.sha256(f"{entry.title}\n{entry.content}".encode()).hexdigest()
    return f"hash:{digest}"


def identity_of(source_key: str, key: str) -> str:
    return hashlib.sha256(f"{source_key}\n{key}".encode()).hexdigest()


@dataclass
class Item:
    entry: ParsedEntry
    original: str
    original_type: str = ""


def entry_text(entry: ParsedEntry) -> str:
    """An entry's content as plain text (before cleaning)."""
    return entry.content if entry.content_type == "text/plain" else html_to_text(entry.content)


def _context_bodies(*, source_key: str, exclude: set[str]) -> list[Body]:
    """The latest articles stored from the source, read for lines that repeat across it."""
    rows = (
        Article.objects.filter(source_key=source_key)
        .exclude(identity__in=exclude)
        .order_by("-id")
        .values_list("original", "original_type")[:CONTEXT_ARTICLES]
    )
    return [text_body(o if t == "text/plain" else html_to_text(o)) for o, t in rows]


@dataclass
class _Prepared:
    identity: str
    item: Item
    title: str
    cleaned: Cleaned
    source_name: str


def articles_store(
    *,
    source_key: str,
    items: Sequence[Item],
    report: IngestReport,
    feed: Feed | None = None,
    source_name: str = "",
    cases: Iterable[Case] = (),
    progress: Progress | None = None,
) -> None:
    """Clean and upsert every item, counting outcomes into report.

    Items are stored in chunks of STORE_CHUNK, each in one transaction: new articles in bulk,
    changed ones one by one (each keeping an ArticleVersion). A run killed midway keeps every
    chunk it committed; running it again creates only the rest.
    """
    case_ids = sorted({c.pk for c in cases if c is not None})
    keyed = [(identity_of(source_key, entry_key(i.entry)), i) for i in items]
    batch = {ident for ident, _ in keyed}
    bodies = [
        body_read(
            content=i.entry.content,
            content_type=i.entry.content_type,
            base_url=i.entry.link or (feed.url if feed else ""),
        )
        for _, i in keyed
    ]
    repeated = repeated_keys(bodies + _context_bodies(source_key=source_key, exclude=batch))
    seen: set[str] = set()
    pending: list[_Prepared] = []
    for (ident, item), body in zip(keyed, bodies, strict=True):
        if ident in seen:
            report.duplicates += 1
            if progress:
                progress(1)
            continue
        seen.add(ident)
        title = title_clean(item.entry.title) or "(untitled)"
        cleaned = body_clean(body, title=title, repeated=repeated)
        pending.append(_Prepared(ident, item, title, cleaned, item.entry.source or source_name))
        if len(pending) >= STORE_CHUNK:
            _chunk_store(
                pending, source_key=source_key, feed=feed, case_ids=case_ids, report=report
            )
            if progress:
                progress(len(pending))
            pending = []
    if pending:
        _chunk_store(pending, source_key=source_key, feed=feed, case_ids=case_ids, report=report)
        if progress:
            progress(len(pending))


# The columns a new article is given; the rest take their defaults (no story, signature nor
# linked_at yet; created_at and updated_at now).
_NEW_COLUMNS = (
    "identity", "source_key", "entry_key", "feed_id", "source",
    "title", "url", "author", "published", "original", "original_type", "html", "text",
    "content_hash",
)  # fmt: skip


def articles_create(rows: list[dict]) -> list[int]:
    """Insert new articles, each a dict of _NEW_COLUMNS, as plain rows (tracker.core.bulk: no
    model instance nor bulk_create's per-value field machinery); their ids, in order."""
    rows_insert(Article, _NEW_COLUMNS, ([row[c] for c in _NEW_COLUMNS] for row in rows))
    ids = dict(
        Article.objects.filter(identity__in=[r["identity"] for r in rows]).values_list(
            "identity", "pk"
        )
    )
    return [ids[r["identity"]] for r in rows]


@dataclass
class _Sorted:
    """A chunk sorted against what is stored: new articles to insert, and stored ones to file."""

    new: list[dict] = field(default_factory=list)  # rows for articles_create
    new_prepared: list[_Prepared] = field(default_factory=list)
    cases_for: list[int] = field(default_factory=list)


def _chunk_store(
    chunk: list[_Prepared],
    *,
    source_key: str,
    feed: Feed | None,
    case_ids: list[int],
    report: IngestReport,
) -> None:
    """Store one chunk in one transaction: new articles in bulk, changed ones one by one."""
    where = {"source_key": source_key, "feed": feed, "case_ids": case_ids, "report": report}
    with transaction.atomic():
        known, twins = _chunk_stored(chunk)
        sorted_ = _chunk_sort(chunk, known, twins, where)
        created = _chunk_create(sorted_, where)
        report.created += created
        if case_ids:
            report.touched += _cases_bulk_add(
                created=created, stored=sorted_.cases_for, case_ids=case_ids
            )


def _chunk_stored(chunk: list[_Prepared]) -> tuple[dict, dict]:
    """The chunk's articles already stored (identity -> pk, hash, title), and the stored
    articles with the same text (hash -> pk)."""
    known = {
        ident: (pk, digest, title)
        for ident, pk, digest, title in Article.objects.filter(
            identity__in=[p.identity for p in chunk]
        ).values_list("identity", "pk", "content_hash", "title")
    }
    hashes = {p.cleaned.content_hash for p in chunk if p.cleaned.text}
    twins = dict(Article.objects.filter(content_hash__in=hashes).values_list("content_hash", "pk"))
    return known, twins


def _upsert(p: _Prepared, where: dict) -> None:
    article_upsert(
        identity=p.identity, item=p.item, title=p.title, cleaned=p.cleaned,
        source_name=p.source_name, **where,
    )  # fmt: skip


def _chunk_sort(chunk: list[_Prepared], known: dict, twins: dict, where: dict) -> _Sorted:
    """Unchanged articles are only filed, changed ones upserted at once, copies of a stored
    text counted as duplicates, and the rest made ready for one bulk insert."""
    out = _Sorted()
    report = where["report"]
    for p in chunk:
        if p.identity in known:
            pk, digest, title = known[p.identity]
            if digest == p.cleaned.content_hash and title == p.title[:1000]:
                report.unchanged.append(pk)
                out.cases_for.append(pk)
            else:
                _upsert(p, where)
            continue
        if p.cleaned.text and p.cleaned.content_hash in twins:
            report.duplicates += 1
            if twins[p.cleaned.content_hash] is not None:
                out.cases_for.append(twins[p.cleaned.content_hash])
            continue
        twins[p.cleaned.content_hash] = None  # a second copy in this chunk is a duplicate
        out.new_prepared.append(p)
        out.new.append(
            {
                "identity": p.identity,
                "source_key": where["source_key"],
                "entry_key": entry_key(p.item.entry),
                "feed_id": where["feed"].pk if where["feed"] is not None else None,
                "source": p.source_name.replace("\x00", "")[:300],
                **_fields(item=p.item, title=p.title, cleaned=p.cleaned),
            }
        )
    return out


def _chunk_create(sorted_: _Sorted, where: dict) -> list[int]:
    """Insert the new articles in bulk; when a concurrent run stored some of them meanwhile,
    go one by one (upsert), so none is lost or stored twice."""
    if not sorted_.new:
        return []
    try:
        with transaction.atomic():
            return articles_create(sorted_.new)
    except IntegrityError:
        for p in sorted_.new_prepared:
            _upsert(p, where)
        return []


def _cases_bulk_add(*, created: list[int], stored: list[int], case_ids: list[int]) -> list[int]:
    """Add the cases to the articles just created (which have none) and to stored ones; the
    ids of the stored articles that got a case they lacked."""
    through = Article.cases.through
    stored = list(dict.fromkeys(stored))
    have = set(
        through.objects.filter(article_id__in=stored, case_id__in=case_ids).values_list(
            "article_id", "case_id"
        )
        if stored
        else ()
    )
    added = [(a, c) for a in stored for c in case_ids if (a, c) not in have]
    rows = [(a, c) for a in created for c in case_ids] + added
    rows_insert(through, ("article_id", "case_id"), rows, ignore_conflicts=True)
    return list(dict.fromkeys(a for a, _ in added))


def _web_url(link: str) -> str:
    """An entry's link, kept only when it is http(s): anything else (javascript:, data:...)
    would reach API clients and pages as a live link."""
    link = link.replace("\x00", "").strip()[:2000]
    return link if urlsplit(link).scheme.lower() in {"http", "https"} else ""


def _fields(*, item: Item, title: str, cleaned: Cleaned) -> dict:
    e = item.entry
    return {
        "title": title[:1000],
        "url": _web_url(e.link),
        "author": e.author.replace("\x00", "")[:300],
        "published": e.published,
        "original": item.original.replace("\x00", "\ufffd"),  # PostgreSQL text holds no NUL
        "original_type": item.original_type or e.content_type,
        "html": cleaned.html,
        "text": cleaned.text,
        "content_hash": cleaned.content_hash,
    }


def _cases_add(article: Article, case_ids: list[int]) -> bool:
    if not case_ids:
        return False
    have = set(article.cases.values_list("pk", flat=True))
    missing = [pk for pk in case_ids if pk not in have]
    if missing:
        article.cases.add(*missing)
    return bool(missing)


def article_upsert(
    *,
    source_key: str,
    identity: str,
    item: Item,
    title: str,
    cleaned: Cleaned,
    feed: Feed | None,
    source_name: str,
    case_ids: list[int],
    report: IngestReport,
) -> None:
    """Create, update (keeping an ArticleVersion of the earlier state) or leave one article."""
    values = _fields(item=item, title=title, cleaned=cleaned)
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(identity=identity).first()
        if article is None:
            _article_new(
                identity=identity, source_key=source_key, item=item, source_name=source_name,
                values=values, feed=feed, case_ids=case_ids, report=report,
            )  # fmt: skip
        elif article.content_hash == cleaned.content_hash and article.title == values["title"]:
            if _cases_add(article, case_ids):
                report.touched.append(article.pk)
            report.unchanged.append(article.pk)
        else:
            _article_revise(article, values, feed)
            _cases_add(article, case_ids)
            report.updated.append(article.pk)


def _article_new(
    *,
    identity: str,
    source_key: str,
    item: Item,
    source_name: str,
    values: dict,
    feed: Feed | None,
    case_ids: list[int],
    report: IngestReport,
) -> None:
    """A new identity: a duplicate of a stored text is only filed; otherwise it is created."""
    twin = (
        Article.objects.filter(content_hash=values["content_hash"]).only("pk").first()
        if values["text"]
        else None
    )
    if twin is not None:
        report.duplicates += 1
        if _cases_add(twin, case_ids):
            report.touched.append(twin.pk)
        return
    try:
        with transaction.atomic():
            article = Article.objects.create(
                identity=identity,
                source_key=source_key,
                entry_key=entry_key(item.entry),
                feed=feed,
                source=source_name.replace("\x00", "")[:300],
                **values,
            )
    except IntegrityError:  # stored meanwhile by a concurrent run: it is there now
        report.unchanged.append(Article.objects.get(identity=identity).pk)
        return
    _cases_add(article, case_ids)
    report.created.append(article.pk)


def _article_revise(article: Article, values: dict, feed: Feed | None) -> None:
    """A changed article: keep its earlier state as an ArticleVersion, then store the new."""
    ArticleVersion.objects.create(
        article=article,
        title=article.title,
        original=article.original,
        html=article.html,
        text=article.text,
        content_hash=article.content_hash,
    )
    for name, value in values.items():
        if name == "published" and value is None:
            continue
        setattr(article, name, value)
    if feed is not None and article.feed_id is None:
        article.feed = feed
    article.save()
