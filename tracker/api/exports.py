"""Exports: every matching article, link, position or event as CSV or NDJSON, streamed.

The matching ids are read once through one cursor, rows in chunks by primary key as plain
values, each chunk's evidence / links fetched in one more query, and written out chunk by chunk, so
memory stays flat however many rows match. NDJSON uses the API's field names; CSV has a header
row and neutralises cells that a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from tracker.cases.models import Event, ReviewStatus
from tracker.linking.models import (
    TARGET_LABEL_PATHS,
    TARGET_LABEL_VALUES,
    Evidence,
    Link,
    Position,
    target_label_join,
)
from tracker.news.models import Article

from . import filters

CHUNK = 2000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def iso(value: Any) -> Any:
    """Dates and datetimes as the API writes them (ISO 8601, UTC as Z)."""
    if isinstance(value, dt.datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def csv_safe(value: Any) -> Any:
    """Prefix a quote to text a spreadsheet would treat as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def keyset(
    qs: QuerySet, fields: Iterable[str], size: int | None = None, *, tuples: bool = False
) -> Iterator[list]:
    """The rows of `qs`, `size` at a time, by ascending id.

    The matching ids are read once, in id order, through one cursor (server-side on
    PostgreSQL, fetched `size` at a time); each chunk's rows are then read by primary key. The
    filter (a case's membership, say) is evaluated once, not once per chunk, so an export
    costs the same per row at any size, and memory holds one chunk. Rows are dicts, or tuples
    (faster) when `tuples`; `fields` must start with "id".
    """
    fields = list(fields)
    size = size or CHUNK
    rows = qs.model._base_manager.order_by("pk")
    rows = rows.values_list(*fields) if tuples else rows.values(*fields)
    chunk: list[int] = []
    last = None
    for pk in qs.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=size):
        if pk == last:  # a filter through a to-many join repeats an id
            continue
        last = pk
        chunk.append(pk)
        if len(chunk) == size:
            yield list(rows.filter(pk__in=chunk))
            chunk = []
    if chunk:
        yield list(rows.filter(pk__in=chunk))


# Link columns read for exports, in this order (tuples: see link_dict).
LINK_VALUES = (
    "id",
    "article_id",
    "target_type",
    *TARGET_LABEL_VALUES,
    "status",
    "origin",
    "confidence",
    "reason",
    "stale",
    "version",
    "reviewed_by__username",
    "reviewed_at",
)


def link_dict(row: tuple, evidence: dict[int, list[dict]], *, full: bool = True) -> dict:
    """A LINK_VALUES tuple as the API shows a link (nested in an article unless `full`)."""
    pk, article_id, kind = row[:3]
    labels = dict(zip(TARGET_LABEL_VALUES, row[3 : 3 + len(TARGET_LABEL_VALUES)], strict=True))
    (status, origin, confidence, reason, stale, version, reviewed_by,
     reviewed_at) = row[3 + len(TARGET_LABEL_VALUES) :]  # fmt: skip
    target = target_label_join([labels[path] for path in TARGET_LABEL_PATHS[kind]])
    out = {
        "id": pk,
        "target_type": kind,
        "target": target,
        "status": status,
        "origin": origin,
        "confidence": confidence,
        "reason": reason,
        "evidence": evidence.get(pk, []),
    }
    if full:
        out["article"] = article_id
        out["stale"] = stale
        out["version"] = version
        out["reviewed_by"] = reviewed_by
        out["reviewed_at"] = iso(reviewed_at)
    return out


def evidence_by_link(link_ids: list[int]) -> dict[int, list[dict]]:
    """The evidence of a batch of links (ids ascending), by link id, in one query.

    A dense batch is read by id range (cheaper than a 2,000-item IN list); quotes of links
    outside the batch are then skipped.
    """
    out: dict[int, list[dict]] = {pk: [] for pk in link_ids}
    if not link_ids:
        return out
    first, last = link_ids[0], link_ids[-1]
    qs = Evidence.objects.all()
    if last - first < 4 * len(link_ids):
        qs = qs.filter(link_id__gte=first, link_id__lte=last)
    else:
        qs = qs.filter(link_id__in=link_ids)
    rows = qs.order_by("link_id", "part", "start").values_list(
        "link_id", "part", "exact", "prefix", "suffix", "start", "end"
    )
    for link_id, part, exact, prefix, suffix, start, end in rows:
        quotes = out.get(link_id)
        if quotes is not None:
            quotes.append(
                {
                    "exact": exact,
                    "prefix": prefix,
                    "suffix": suffix,
                    "start": start,
                    "end": end,
                    "part": part,
                }
            )
    return out


def link_rows(qs: QuerySet) -> Iterator[list[dict]]:
    for batch in keyset(qs, LINK_VALUES, tuples=True):
        evidence = evidence_by_link([row[0] for row in batch])
        yield [link_dict(row, evidence) for row in batch]


def article_rows(qs: QuerySet) -> Iterator[list[dict]]:
    fields = ("id", "url", "title", "published", "source", "story_id", "author")
    # An article carries its links and their quotes: a quarter chunk holds as many rows.
    for batch in keyset(qs, fields, max(1, CHUNK // 4)):
        ids = [row["id"] for row in batch]
        links = list(
            Link.objects.filter(article_id__in=ids).order_by("id").values_list(*LINK_VALUES)
        )
        evidence = evidence_by_link([link[0] for link in links])
        by_article: dict[int, list[dict]] = defaultdict(list)
        for link in links:
            by_article[link[1]].append(link_dict(link, evidence, full=False))
        yield [
            {
                "id": row["id"],
                "url": row["url"],
                "title": row["title"],
                "published": iso(row["published"]),
                "source": row["source"],
                "story": row["story_id"],
                "author": row["author"],
                "links": by_article.get(row["id"], []),
            }
            for row in batch
        ]


# A position's export columns and the values each is read from, in order.
POSITION_COLUMNS = {
    "id": "id",
    "party": "party__name",
    "issue": "issue__slug",
    "case": "issue__case__slug",
    "stance": "stance",
    "status": "status",
    "origin": "origin",
    "confidence": "confidence",
    "rule": "rule",
    "quote": "quote",
    "article": "article_id",
    "date": "date",
}


def position_rows(qs: QuerySet) -> Iterator[list[dict]]:
    for batch in keyset(qs, tuple(POSITION_COLUMNS.values())):
        yield [
            {
                **{column: row[field] for column, field in POSITION_COLUMNS.items()},
                "date": iso(row["date"]),
            }
            for row in batch
        ]


def event_rows(qs: QuerySet) -> Iterator[list[dict]]:
    fields = (
        "id", "date", "precision", "kind", "title", "description", "source_url", "status",
        "case__slug", "origin",
    )  # fmt: skip
    for batch in keyset(qs, fields):
        reported: dict[int, list[int]] = defaultdict(list)
        links = (
            Link.objects.filter(event_id__in=[row["id"] for row in batch])
            .exclude(status=ReviewStatus.REJECTED)
            .order_by("article_id")
            .values_list("event_id", "article_id")
        )
        for event_id, article_id in links:
            reported[event_id].append(article_id)
        yield [_event_row(row, reported.get(row["id"], [])) for row in batch]


def _event_row(row: dict, articles: list[int]) -> dict:
    """An event as the API gives it, plus its span as ISO days (date_end inclusive)."""
    event = Event(date=row["date"], precision=row["precision"])
    return {
        "id": row["id"],
        "date": event.date_iso,
        "date_start": event.period_start.isoformat(),
        "date_end": event.period_last_day.isoformat(),
        "precision": row["precision"],
        "kind": row["kind"],
        "title": row["title"],
        "description": row["description"],
        "source_url": row["source_url"],
        "status": row["status"],
        "articles": articles,
        "case": row["case__slug"],
        "origin": row["origin"],
    }


def _quotes(row: dict) -> str:
    return " | ".join(e["exact"] for e in row["evidence"])


def _spans(row: dict) -> str:
    return " ".join(f"{e['start']}-{e['end']}" for e in row["evidence"])


def _article_links(row: dict) -> str:
    return "; ".join(f"{lk['target_type']}:{lk['target']}:{lk['status']}" for lk in row["links"])


@dataclass(frozen=True)
class Export:
    model: type
    filterset: type
    rows: Callable[[QuerySet], Iterator[list[dict]]]
    columns: tuple[str, ...]
    flatten: dict[str, Callable[[dict], Any]]


EXPORTS: dict[str, Export] = {
    "articles": Export(
        Article,
        filters.ArticleFilter,
        article_rows,
        ("id", "url", "title", "published", "source", "story", "author", "links"),
        {"links": _article_links},
    ),
    "links": Export(
        Link,
        filters.LinkFilter,
        link_rows,
        (
            "id",
            "article",
            "target_type",
            "target",
            "status",
            "origin",
            "confidence",
            "evidence",
            "evidence_spans",
            "stale",
            "version",
            "reviewed_by",
            "reviewed_at",
            "reason",
        ),  # fmt: skip
        {"evidence": _quotes, "evidence_spans": _spans},
    ),
    "positions": Export(
        Position,
        filters.PositionFilter,
        position_rows,
        tuple(POSITION_COLUMNS),
        {},
    ),
    "events": Export(
        Event,
        filters.EventFilter,
        event_rows,
        (
            "id",
            "date",
            "date_start",
            "date_end",
            "precision",
            "kind",
            "title",
            "description",
            "source_url",
            "status",
            "articles",
            "case",
            "origin",
        ),  # fmt: skip
        {"articles": lambda row: " ".join(str(pk) for pk in row["articles"])},
    ),
}


def ndjson_chunks(batches: Iterable[list[dict]]) -> Iterator[str]:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for batch in batches:
        yield "".join(dumps(row) + "\n" for row in batch)


def csv_chunks(export: Export, batches: Iterable[list[dict]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(export.columns)
    flatten = export.flatten
    for batch in batches:
        for row in batch:
            writer.writerow(
                [
                    csv_safe(flatten[col](row) if col in flatten else row[col])
                    for col in export.columns
                ]
            )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    tail = buffer.getvalue()
    if tail:
        yield tail


# Who reviewed or added what is shown to readers with a role only (as the history page).
PEOPLE_FIELDS = ("reviewed_by", "created_by")


def _without_people(batches: Iterable[list[dict]]) -> Iterator[list[dict]]:
    for batch in batches:
        for row in batch:
            for name in PEOPLE_FIELDS:
                if name in row:
                    row[name] = None
        yield batch


def export_stream(kind: str, fmt: str, qs: QuerySet, *, people: bool = True) -> Iterator[str]:
    """The body of an export: the chunks of text for `qs` (already filtered); without
    `people`, usernames are left out."""
    export = EXPORTS[kind]
    batches = export.rows(qs) if people else _without_people(export.rows(qs))
    return csv_chunks(export, batches) if fmt == "csv" else ndjson_chunks(batches)


CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson"}


def export_response(
    *, kind: str, fmt: str, qs: QuerySet, name: str, people: bool = True
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        export_stream(kind, fmt, qs, people=people), content_type=CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{name}-{kind}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
