"""Keyset paging of the review queue ("Show more").

A cursor names the last row shown by its place in the queue's order: `0.87_<created_at>_123`
(confidence order) or `<created_at>_123` (newest first). The next page holds the rows after it,
read from the same index as the first page (`after`): the thousandth row costs what the first
does, and rows reviewed meanwhile neither repeat nor push unseen ones past the page. A cursor
that does not parse is ignored (the queue starts from the top); it is never an error page.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from django.db.models import F, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleLessThan

# Every queue order is descending on these fields, which end with the id (a total order): an
# index on (status, *fields) (or (status, target_type, *fields), (case, status, *fields)...) gives
# a page by reading as many index entries as the page shows (migrations linking 0003/0011, cases
# 0007).
ORDER_FIELDS = {"confidence": ("confidence", "created_at", "id"), "newest": ("created_at", "id")}
_SEP = "_"
_MAX_LENGTH = 100
_BIGINT = 2**63 - 1


def _confidence(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _moment(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(text)
    return value


def _pk(text: str) -> int:
    value = int(text)
    if not 0 < value <= _BIGINT:
        raise ValueError(text)
    return value


_PARSE = {"confidence": _confidence, "created_at": _moment, "id": _pk}


def cursor_of(row: Mapping[str, Any], *, order: str) -> str:
    """The cursor naming `row`'s place in the queue's `order` (a queue row: tracker.review.rows)."""
    values = (row[name] for name in ORDER_FIELDS[order])
    return _SEP.join(v.isoformat() if isinstance(v, dt.datetime) else repr(v) for v in values)


def cursor_values(text: str, *, order: str) -> tuple | None:
    """The order values a cursor names, or None when it names none in `order`."""
    fields = ORDER_FIELDS[order]
    parts = (text or "").split(_SEP)
    if len(text or "") > _MAX_LENGTH or len(parts) != len(fields):
        return None
    try:
        return tuple(_PARSE[name](part) for name, part in zip(fields, parts, strict=True))
    except (ValueError, OverflowError):
        return None


def after(queryset: QuerySet, *, order: str, values: tuple | None) -> QuerySet:
    """The rows of `queryset` after the cursor's `values` in `order` (all of them for None).

    Written as one row comparison, `(confidence, created_at, id) < (%s, %s, %s)`, which
    PostgreSQL reads as a range of the queue's index (an OR of the columns would be a filter)."""
    if values is None:
        return queryset
    columns = Tuple(*(F(name) for name in ORDER_FIELDS[order]))
    return queryset.filter(TupleLessThan(columns, values))
