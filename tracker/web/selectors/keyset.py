"""Keyset (cursor) paging over the timeline's rows, ordered by (date, kind, id).

A cursor names the last row of a page: `2026-04-30.event.17`. The next page holds the rows
after it in the page's order, so a page costs the same at the end of a long timeline as at its
start (no OFFSET), and rows added meanwhile neither repeat nor go missing. A cursor that does not
parse is reported as invalid and the timeline starts from the top; it is never an error page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet

KINDS = ("docket", "event", "related", "status", "story")  # row kinds, tie-break order
_CURSOR = re.compile(r"^(\d{4}-\d{2}-\d{2})\.([a-z]+)\.(\d{1,18})$")


@dataclass(frozen=True, order=True)
class Key:
    """A timeline row's place: its day, kind and id."""

    day: dt.date
    kind: str
    pk: int

    def encode(self) -> str:
        return f"{self.day.isoformat()}.{self.kind}.{self.pk}"

    @classmethod
    def decode(cls, value: str | None) -> Key | None:
        """The key a cursor names, or None when it is not one (any malformed text)."""
        match = _CURSOR.match((value or "").strip())
        if not match or match[2] not in KINDS:
            return None
        try:
            return cls(dt.date.fromisoformat(match[1]), match[2], int(match[3]))
        except ValueError:
            return None

    @classmethod
    def of(cls, kind: str, day: object, pk: int) -> Key:
        """A key from a row as the database returns it (SQLite may give the date as text)."""
        if isinstance(day, dt.datetime):
            day = day.date()
        elif not isinstance(day, dt.date):
            day = dt.date.fromisoformat(str(day)[:10])
        return cls(day, kind, pk)


def after(
    queryset: QuerySet, *, kind: str, date: str, key: Key | None, newest: bool, inclusive=False
) -> QuerySet:
    """The rows of one kind that come after `key` in the timeline's order (newest first or
    oldest first), `key` itself too when `inclusive`. Each kind is its own branch of the
    timeline's UNION, so the condition is written per branch and each branch keeps its index."""
    if key is None:
        return queryset
    beyond = "lt" if newest else "gt"
    later_day = Q(**{f"{date}__{beyond}": key.day})
    same_day = Q(**{date: key.day})
    if kind == key.kind:
        pk = Q(**{f"pk__{beyond}{'e' if inclusive else ''}": key.pk})
        return queryset.filter(later_day | (same_day & pk))
    if (kind > key.kind) != newest:  # this kind sorts after the key's kind on the same day
        return queryset.filter(later_day | same_day)
    return queryset.filter(later_day)
