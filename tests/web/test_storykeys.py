"""The cached story keys page exactly as the SQL branches do (tracker.web.selectors.keyset)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from tracker.web.selectors.keyset import KINDS, Key
from tracker.web.selectors.storykeys import StoryKeys


def _expected(keys: list[Key], key: Key | None, newest: bool, limit: int, inclusive: bool):
    """By definition: every story key that sorts after `key` in the page's order."""
    ordered = sorted(keys, reverse=newest)
    if key is None:
        return ordered[:limit]
    if newest:
        beyond = [k for k in ordered if k < key or (inclusive and k == key)]
    else:
        beyond = [k for k in ordered if k > key or (inclusive and k == key)]
    return beyond[:limit]


@pytest.mark.parametrize("seed", range(5))
def test_story_keys_page_like_the_keyset(seed):
    rng = random.Random(seed)
    start = dt.date(2025, 1, 1)
    rows = {
        (start + dt.timedelta(days=rng.randint(0, 30)), rng.randint(1, 10**6)) for _ in range(300)
    }
    stories = StoryKeys.of(rows)
    keys = [Key(day, "story", pk) for day, pk in rows]
    assert len(stories) == len(keys)
    probes = [None, *rng.sample(keys, 10)]
    probes += [
        Key(
            start + dt.timedelta(days=rng.randint(-1, 31)), rng.choice(KINDS), rng.randint(1, 10**6)
        )
        for _ in range(20)
    ]
    for key in probes:
        for newest in (True, False):
            for inclusive in (True, False):
                got = stories.after(key=key, newest=newest, limit=7, inclusive=inclusive)
                assert got == _expected(keys, key, newest, 7, inclusive), (key, newest, inclusive)


def test_rows_as_sqlite_gives_them():
    """SQLite returns dates as text; the keys are the same."""
    stories = StoryKeys.of([("2026-04-30", 5), (dt.date(2026, 4, 29), 9)])
    assert stories.after(key=None, newest=True, limit=5) == [
        Key(dt.date(2026, 4, 30), "story", 5),
        Key(dt.date(2026, 4, 29), "story", 9),
    ]
