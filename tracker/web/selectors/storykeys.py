"""A case's coverage stories as timeline keys, packed for caching and keyset paging in memory.

The stories of a case's coverage that no shown event ties are the one timeline branch that grows
with the case (a quarter of its articles). They are read once per change to the case's coverage
(tracker.linking.membership.coverage_cached), as one sorted array of (day, id) packed into
integers: a cached copy of 25,000 stories is 200 kB that unpickles at memory speed, and a page
is two binary searches in it.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from .keyset import Key

SHIFT = 40  # bits for the story id; the day's ordinal sits above them
KIND = "story"


def _pack(ordinal: int, pk: int) -> int:
    return (ordinal << SHIFT) | pk


@dataclass(frozen=True)
class StoryKeys:
    packed: array  # ascending (day, id), each as day.toordinal() << SHIFT | id

    @classmethod
    def of(cls, rows: Iterable[tuple[object, int]]) -> StoryKeys:
        """From (day, story id) rows as the database returns them."""
        keys = (Key.of(KIND, day, pk) for day, pk in rows)
        return cls(array("q", sorted(_pack(k.day.toordinal(), k.pk) for k in keys)))

    def __len__(self) -> int:
        return len(self.packed)

    def _bounds(self, key: Key | None, newest: bool, inclusive: bool) -> tuple[int, int]:
        """The slice of `packed` that comes after `key` in the timeline's order (as
        keyset.after says for a SQL branch)."""
        packed, lo, hi = self.packed, 0, len(self.packed)
        if key is None:
            return lo, hi
        ordinal = key.day.toordinal()
        if key.kind == KIND:
            edge = _pack(ordinal, key.pk)
            if newest:
                return lo, (bisect_right if inclusive else bisect_left)(packed, edge)
            return (bisect_left if inclusive else bisect_right)(packed, edge), hi
        same_day = (key.kind < KIND) != newest  # stories that day come after the key's kind
        if newest:
            return lo, bisect_left(packed, _pack(ordinal + (1 if same_day else 0), 0))
        return bisect_left(packed, _pack(ordinal + (0 if same_day else 1), 0)), hi

    def after(
        self, *, key: Key | None, newest: bool, limit: int, inclusive: bool = False
    ) -> list[Key]:
        """Up to `limit` story keys after `key`, in the timeline's order."""
        lo, hi = self._bounds(key, newest, inclusive)
        if newest:
            chosen = self.packed[max(lo, hi - limit) : hi][::-1]
        else:
            chosen = self.packed[lo : min(hi, lo + limit)]
        mask = (1 << SHIFT) - 1
        return [Key(dt.date.fromordinal(v >> SHIFT), KIND, v & mask) for v in chosen]
