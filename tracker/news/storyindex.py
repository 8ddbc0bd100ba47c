"""The story index: clustered articles in arrays, scored against a new article in one pass.

Outlets retell an event in their own words, so two reports of one story share few phrases but
the same rare terms (the parties, the court, the act: "remand", "counterclaims", "$97.4
billion"). An article is compared with the clustered articles near it in time by

    similarity = cosine of title and lead terms weighted by rarity (IDF over the pool)
                 + time proximity + DATE_WEIGHT * date agreement - strangers - other acts
                 - commentary

- terms: the content words of the title (counted TITLE_TF times) and of the lead; a term's
  weight is its IDF over the articles in the index, smoothed by PRIOR_DOCS documents that hold
  none of them, so a case's everyday vocabulary ("lawsuit", the parties) weighs less as the
  pool fills with its coverage and the words of one event weigh more;
- time proximity: two dated articles within SAME_DAYS of each other gain NEAR_BONUS, further
  apart they lose up to FAR_PENALTY (at WINDOW, beyond which they are never compared); an
  undated article is placed by when it was first seen, the latest it can have been published:
  it is compared with dated articles published before that (plus WINDOW) without bonus or
  penalty, and with undated ones seen within WINDOW;
- time and date confirm content, they do not stand in for it: their bonuses (not their
  penalties) count in proportion to the cosine up to CONTENT_FULL, so a company's other news on
  the day of its settlement, sharing the company's name and the day, stays apart;
- date agreement: +1 when both leads name the same day ("Thursday" resolved against the
  publication date, or a date with its year), -1 when different days; when only one side has a
  day, its weekday against the other's named weekday ("filed on Wednesday"): -1 when they
  differ, only +WEEKDAY_AGREE when they match (the same weekday a week apart matches too);
- strangers: NAMES_PENALTY off when both headlines name someone (`signatures.names_of`) and
  nobody in common: two companies' results on one day share a vocabulary, not a story;
- other acts: ACTS_PENALTY off when both headlines name an act of a dispute
  (`signatures.acts_of`: a suit, a dismissal, an appeal...) and none in common: the filing and
  the ruling on it share every name and most words, not the story; so do a motion and the
  ruling on it, which name one act, one asked of the court (`signatures.REQUESTED`), one done; OPENING_ACTS_PENALTY off,
  likewise, when both opening sentences name acts and none in common (the act the lead reports:
  "asked the judge to send the case back to state court" is not the removal it follows);
- commentary: COMMENTARY_PENALTY times the share of commentary markers
  (`tracker.news.commentary`) of the more opinionated side: an analysis, an opinion piece or an
  explainer is not the story of the report it discusses. A story counts as the plainest of its
  members (a story of reports stays one of reports when an analysis-minded retelling joins it).

A story scores the mix (1 - MAX_SHARE) * mean + MAX_SHARE * max of the similarity to its members
in the window: the mean keeps a story from drifting, the max lets a retelling join the member it
is closest to. Candidates are the stories of the MAX_CANDIDATES most similar articles.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import numpy as np

from tracker.news.commentary import COMMENTARY_MAX
from tracker.news.signatures import MAX_NAMES, REQUESTED, Terms

WINDOW = dt.timedelta(days=14)
TITLE_TF = 2.0
PRIOR_DOCS = 20
SAME_DAYS = 1.5
NEAR_BONUS = 0.1
FAR_PENALTY = 0.2
DATE_WEIGHT = 0.15
CONTENT_FULL = 0.1  # the cosine from which time proximity and date agreement count in full
WEEKDAY_AGREE = 0.5  # a weekday matching a day: one day in seven does by chance
NAMES_PENALTY = 0.15
ACTS_PENALTY = 0.15
OPENING_ACTS_PENALTY = 0.1  # less than the headline's: an opening sentence may recall an act
COMMENTARY_PENALTY = 0.45
MAX_SHARE = 0.5
THRESHOLD = 0.26
MAX_CANDIDATES = 32
REBUILD_SHARE = 8  # rows added one by one are built in when they reach 1/REBUILD_SHARE of the rest
_DAY = 86_400.0
PENDING = object()  # the story of an item added before it is clustered


@dataclass(frozen=True)
class Item:
    """What clustering needs to know about one article. `when` is its publication time, or when
    it was first seen (`dated` False); `day`/`weekday` what its lead names."""

    key: int
    terms: Terms
    day: dt.date | None
    when: dt.datetime | None = None
    dated: bool = True
    weekday: int | None = None
    names: tuple[int, ...] = ()  # the headline's names (signatures.names_of)
    acts: int = 0  # the acts the headline reports (signatures.acts_of)
    opening_acts: int = 0  # the acts its opening sentence reports (signatures.acts_of)
    commentary: int = 0  # commentary markers of the piece (commentary.commentary_of)


def term_weights(terms: Terms) -> dict[int, float]:
    weights = dict.fromkeys(terms.lead, 1.0)
    for term in terms.title:
        weights[term] = weights.get(term, 0.0) + TITLE_TF
    return weights


def _agreement(day_a: int, wd_a: int, day_b: np.ndarray, wd_b: np.ndarray) -> np.ndarray:
    """+1 / -1 / 0 date agreement of one item (day ordinal, weekday; 0 and -1 when unknown)
    with many."""
    both = (day_a != 0) & (day_b != 0)
    out = np.where(both, np.where(day_b == day_a, 1.0, -1.0), 0.0)
    one = ~both & ((day_a != 0) | (day_b != 0)) & (wd_a >= 0) & (wd_b >= 0)
    return np.where(one, np.where(wd_b == wd_a, WEEKDAY_AGREE, -1.0), out)


def _gated(timing: np.ndarray, cosine: np.ndarray) -> np.ndarray:
    """Time and date terms with their bonuses in proportion to the content shared (full from a
    cosine of CONTENT_FULL): the same day and a party in common confirm a story, they do not make
    one (a company's other news that day); a penalty (far apart, other days) counts in full."""
    return np.where(timing > 0, timing * np.minimum(cosine / CONTENT_FULL, 1.0), timing)


def _name_mask(names: tuple[int, ...]) -> int:
    """One bit of 64 per name: rows whose masks share no bit with the item's share no name."""
    mask = 0
    for name in names:
        mask |= 1 << (name % 64)
    return mask


def _strangers(item: Item, names: np.ndarray, masks: np.ndarray) -> np.ndarray:
    """1.0 where both headlines name someone and none in common (another company's news on the
    same day), else 0.0. `masks` (`_name_mask` of each row) spare the exact look-up for most."""
    if not item.names:
        return np.zeros(len(names))
    own = np.uint64(_name_mask(item.names))
    shared = np.zeros(len(names), dtype=bool)
    maybe = np.flatnonzero(masks & own)
    shared[maybe] = np.isin(names[maybe], np.array(item.names, dtype=np.uint32)).any(axis=1)
    return ((masks != 0) & ~shared).astype(float)


def _other_acts(acts: int, others: np.ndarray) -> np.ndarray:
    """1.0 where both headlines name acts of a dispute and none in common, or one asks a court
    for the act the other reports done (`signatures.REQUESTED`: the motion, then the ruling),
    else 0.0."""
    if not acts:
        return np.zeros(len(others))
    common = (others & (acts & ~REQUESTED)) != 0
    asked = ((others ^ acts) & REQUESTED) != 0
    return ((others != 0) & (~common | asked)).astype(float)


def _commentary_penalty(own: int, others: np.ndarray) -> np.ndarray:
    """COMMENTARY_PENALTY in proportion to the commentary markers of the more opinionated side:
    a report and an analysis of it, or two analyses, are not one story."""
    return COMMENTARY_PENALTY * np.maximum(others, own) / COMMENTARY_MAX


class TermIndex:
    """Weighted terms of rows for IDF cosines. Rows come in bulk (`extend`: arrays sorted by
    term, built in one vectorised pass) or one by one (`add`: compared by array membership
    until they are half as many as the built rows, then built in)."""

    def __init__(self) -> None:
        self._hashes: list[np.ndarray] = []
        self._tfs: list[np.ndarray] = []
        self._norms = np.ones(0)
        self._built = 0  # rows in the sorted arrays
        self._terms = np.zeros(0, dtype=np.int64)  # sorted distinct terms of the built rows
        self._starts = np.zeros(
            1, dtype=np.int64
        )  # postings of _terms[i]: [starts[i], starts[i+1])
        self._rows = np.zeros(0, dtype=np.int64)
        self._row_tfs = np.zeros(0)
        self._recent_df: Counter[int] = Counter()  # document frequencies in rows not built
        self._recent: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # hashes, tfs, rows
        self._pending_df = np.zeros(0, dtype=np.int64)  # per built term: pending rows holding it
        self._pending_n = 0

    def __len__(self) -> int:
        return len(self._hashes)

    def _append(self, weights: dict[int, float]) -> None:
        self._hashes.append(np.fromiter(weights.keys(), dtype=np.int64, count=len(weights)))
        self._tfs.append(np.fromiter(weights.values(), dtype=float, count=len(weights)))

    def extend(self, rows: list[dict[int, float]], *, pending: bool = False) -> None:
        """Add rows in bulk; `pending` rows count in no IDF until `settle`d (so a batch clustered
        in order sees the IDF of the articles before it, as one clustered one by one would)."""
        first = len(self._hashes)
        for weights in rows:
            self._append(weights)
        self._build()
        if pending:
            for row in range(first, len(self._hashes)):
                self._pending_df[self._positions(row)] += 1
            self._pending_n += len(self._hashes) - first

    def _positions(self, row: int) -> np.ndarray:
        return np.searchsorted(self._terms, self._hashes[row])

    def settle(self, row: int) -> None:
        """A pending row now counts in the IDF, its norm under the IDF of this moment."""
        if row < self._built and self._pending_n:
            self._pending_df[self._positions(row)] -= 1
            self._pending_n -= 1
            norm = float(np.sqrt(np.sum((self._tfs[row] * self.idf(self._hashes[row])) ** 2)))
            self._norms[row] = norm or 1.0

    def add(self, weights: dict[int, float]) -> None:
        row = len(self._hashes)
        self._append(weights)
        self._recent_df.update(weights.keys())
        self._recent = None
        if row + 1 - self._built > max(64, self._built // REBUILD_SHARE):
            self._build()
        else:
            ids, tfs = self._hashes[row], self._tfs[row]
            norm = float(np.sqrt(np.sum((tfs * self.idf(ids)) ** 2)))
            self._norms = np.append(self._norms, norm or 1.0)

    def _build(self) -> None:
        count = len(self._hashes)
        lengths = np.fromiter(map(len, self._hashes), dtype=np.int64, count=count)
        hashes = np.concatenate(self._hashes) if count else np.zeros(0, dtype=np.int64)
        tfs = np.concatenate(self._tfs) if count else np.zeros(0)
        owners = np.repeat(np.arange(count), lengths)
        self._terms, inverse = np.unique(hashes, return_inverse=True)
        order = np.argsort(inverse, kind="stable")
        df = np.bincount(inverse, minlength=len(self._terms))
        self._starts = np.concatenate([[0], np.cumsum(df)])
        self._rows, self._row_tfs = owners[order], tfs[order]
        self._built, self._recent, self._recent_df = count, None, Counter()
        idf = np.log((count + PRIOR_DOCS + 1) / (df + 1.0))
        squares = np.bincount(owners, weights=(tfs * idf[inverse]) ** 2, minlength=count)
        self._norms = np.where(squares > 0, np.sqrt(squares), 1.0)
        self._pending_df, self._pending_n = np.zeros(len(self._terms), dtype=np.int64), 0

    def _lookup(self, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions of `hashes` in the built terms, and which are there."""
        pos = np.searchsorted(self._terms, hashes)
        found = pos < len(self._terms)
        found[found] = self._terms[pos[found]] == hashes[found]
        return pos, found

    def _recent_dot(self, hashes: np.ndarray, scale: np.ndarray, count: int) -> np.ndarray:
        """Dot products of the query with the rows not built yet."""
        if self._recent is None:
            lengths = [len(h) for h in self._hashes[self._built :]]
            self._recent = (
                np.concatenate(self._hashes[self._built :]),
                np.concatenate(self._tfs[self._built :]),
                np.repeat(np.arange(self._built, count), lengths),
            )
        terms, tfs, rows = self._recent
        order = np.argsort(hashes)
        where = np.searchsorted(hashes, terms, sorter=order)
        where = np.minimum(where, len(hashes) - 1)
        match = hashes[order[where]] == terms if len(hashes) else np.zeros(len(terms), bool)
        weights = np.where(match, scale[order[where]] * tfs, 0.0) if len(hashes) else tfs * 0
        return np.bincount(rows, weights=weights, minlength=count)

    def idf(self, hashes: np.ndarray, *, extra: int = 0) -> np.ndarray:
        pos, found = self._lookup(hashes)
        df = np.where(found, self._starts[np.minimum(pos + 1, len(self._starts) - 1)], 0)
        df = df - np.where(found, self._starts[np.minimum(pos, len(self._starts) - 1)], 0)
        if self._pending_n:
            df = df - np.where(found, self._pending_df[np.minimum(pos, len(self._terms) - 1)], 0)
        if self._recent_df:
            get = self._recent_df.get
            df = df + np.fromiter((get(h, 0) for h in hashes.tolist()), np.int64, len(hashes))
        df = df + extra
        n = len(self._hashes) - self._pending_n
        return np.log((n + extra + PRIOR_DOCS + 1) / (df + 1.0))

    def cosines(self, weights: dict[int, float], *, extra: int) -> np.ndarray:
        """Cosine of `weights` with every row; `extra` is 1 when the item is not a row (its own
        terms then count in the IDF as they would once added)."""
        count = len(self._hashes)
        hashes = np.fromiter(weights.keys(), dtype=np.int64, count=len(weights))
        tfs = np.fromiter(weights.values(), dtype=float, count=len(weights))
        idf = self.idf(hashes, extra=extra)
        scale = tfs * idf * idf
        pos, found = self._lookup(hashes)
        first, last = self._starts[pos[found]], self._starts[pos[found] + 1]
        lengths = last - first
        # every posting of the found terms, gathered at once: start of its term + offset in it
        offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        at = np.repeat(first, lengths) + offsets
        weights_at = np.repeat(scale[found], lengths) * self._row_tfs[at]
        dot = np.bincount(self._rows[at], weights=weights_at, minlength=count).astype(float)
        if self._built < count:
            dot += self._recent_dot(hashes, scale, count)
        own = float(np.sqrt(np.sum((tfs * idf) ** 2))) or 1.0
        return dot / (own * self._norms[:count])


class StoryIndex:
    """Clustered items by story: times, dates and story codes in arrays, their terms in a
    `TermIndex`."""

    def __init__(self) -> None:
        self._row_of: dict[int, int] = {}
        self._stories: list[object] = []
        self._code_of: dict[object, int] = {}
        self._times = np.empty(64)  # POSIX seconds, NaN when unknown
        self._dated = np.zeros(64, dtype=bool)
        self._days = np.zeros(64, dtype=np.int64)  # lead day ordinal, 0 when unknown
        self._weekdays = np.full(64, -1, dtype=np.int64)
        self._codes = np.zeros(64, dtype=np.int64)
        self._names = np.zeros((64, MAX_NAMES), dtype=np.uint32)  # 0: no name
        self._name_masks = np.zeros(64, dtype=np.uint64)
        self._acts = np.zeros(64, dtype=np.int64)
        self._opening_acts = np.zeros(64, dtype=np.int64)
        self._commentary = np.zeros(64, dtype=np.int64)
        self._terms = TermIndex()

    def __len__(self) -> int:
        return len(self._row_of)

    def row(self, key: int) -> int | None:
        return self._row_of.get(key)

    def _grow(self) -> None:
        for name in (
            "_times",
            "_dated",
            "_days",
            "_weekdays",
            "_codes",
            "_names",
            "_name_masks",
            "_acts",
            "_opening_acts",
            "_commentary",
        ):
            array = getattr(self, name)
            setattr(self, name, np.concatenate([array, np.zeros_like(array)]))

    def _code(self, story: object) -> int:
        if story is PENDING:
            return -1
        code = self._code_of.setdefault(story, len(self._stories))
        if code == len(self._stories):
            self._stories.append(story)
        return code

    def _place(self, item: Item, story: object) -> bool:
        """Put everything but the terms of `item` in a new row; False when it is there already."""
        if item.key in self._row_of:
            return False
        row = len(self._row_of)
        if row == len(self._times):
            self._grow()
        code = self._code(story)
        self._times[row] = item.when.timestamp() if item.when else np.nan
        self._dated[row] = item.dated and item.when is not None
        self._days[row] = item.day.toordinal() if item.day else 0
        self._weekdays[row] = -1 if item.weekday is None else item.weekday
        self._codes[row] = code
        self._names[row] = (*item.names, *[0] * MAX_NAMES)[:MAX_NAMES]
        self._name_masks[row] = _name_mask(item.names)
        self._acts[row] = item.acts
        self._opening_acts[row] = item.opening_acts
        self._commentary[row] = item.commentary
        self._row_of[item.key] = row
        return True

    def add(self, item: Item, story: object) -> None:
        if self._place(item, story):
            self._terms.add(term_weights(item.terms))

    def assign(self, key: int, story: object) -> None:
        """Give the row of `key`, added with the story PENDING, its story."""
        row = self._row_of[key]
        if self._codes[row] < 0:
            self._codes[row] = self._code(story)
            self._terms.settle(row)

    def extend(self, pairs: list[tuple[Item, object]]) -> None:
        """Add many (item, story) pairs at once: the pool of a clustering run, or its batch with
        the story PENDING (such rows weigh in the IDF but are no candidates until assigned)."""
        rows = [term_weights(i.terms) for i, story in pairs if self._place(i, story)]
        self._terms.extend(rows, pending=any(story is PENDING for _, story in pairs))

    def _near(self, item: Item, count: int) -> np.ndarray:
        """The rows `item` may be compared with (see the module docstring)."""
        if item.when is None:
            return np.ones(count, dtype=bool)
        t, span = item.when.timestamp(), WINDOW.total_seconds()
        times, dated = self._times[:count], self._dated[:count]
        close = ~(np.abs(times - t) > span)
        if item.dated:  # an undated row was published before it was first seen
            return np.where(dated, close, ~(t > times + span))
        return np.where(dated, ~(times > t + span), close)

    def scores(self, item: Item, *, kinds: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """(rows near `item`, the similarity of `item` to each of them); without `kinds`, before
        the commentary penalty (`best` takes it off per story)."""
        count = len(self._row_of)
        near = self._near(item, count)
        own = self._row_of.get(item.key)
        alone = own is None or self._codes[own] < 0  # not (yet) counted in the IDF
        near &= self._codes[:count] >= 0
        if own is not None:
            near[own] = False
        rows = np.flatnonzero(near)
        if not rows.size:
            return rows, np.zeros(0)
        weights = term_weights(item.terms)
        cosine = self._terms.cosines(weights, extra=1 if alone else 0)[rows]
        timing = np.zeros(rows.size)
        if item.dated and item.when is not None:
            gap = np.abs(self._times[rows] - item.when.timestamp()) / _DAY
            timing = np.where(gap <= SAME_DAYS, NEAR_BONUS, -FAR_PENALTY * gap / WINDOW.days)
            timing = np.where(self._dated[rows], timing, 0.0)
        day = item.day.toordinal() if item.day else 0
        weekday = -1 if item.weekday is None else item.weekday
        timing += DATE_WEIGHT * _agreement(day, weekday, self._days[rows], self._weekdays[rows])
        score = cosine + _gated(timing, cosine)
        score -= NAMES_PENALTY * _strangers(item, self._names[rows], self._name_masks[rows])
        score -= ACTS_PENALTY * _other_acts(item.acts, self._acts[rows])
        score -= OPENING_ACTS_PENALTY * _other_acts(item.opening_acts, self._opening_acts[rows])
        if kinds:
            score -= _commentary_penalty(item.commentary, self._commentary[rows])
        return rows, score

    def best(self, item: Item, *, among: set | None = None) -> tuple[object | None, float]:
        """The story `item` fits best and its score, or (None, 0.0) when none reaches THRESHOLD;
        with `among`, only those stories are candidates."""
        rows, score = self.scores(item, kinds=False)
        if among is not None:
            codes = [self._code_of[story] for story in among if story in self._code_of]
            keep = np.isin(self._codes[rows], codes)
            rows, score = rows[keep], score[keep]
        if not rows.size:
            return None, 0.0
        top = np.arange(rows.size)
        if rows.size > MAX_CANDIDATES:
            top = np.argpartition(-score, MAX_CANDIDATES - 1)[:MAX_CANDIDATES]
        codes = np.unique(self._codes[rows[top]])
        members = np.flatnonzero(np.isin(self._codes[rows], codes))
        owners = np.searchsorted(codes, self._codes[rows[members]])
        counts = np.bincount(owners, minlength=len(codes))
        means = np.bincount(owners, weights=score[members], minlength=len(codes)) / counts
        highest = np.full(len(codes), -np.inf)
        np.maximum.at(highest, owners, score[members])
        mixed = (1 - MAX_SHARE) * means + MAX_SHARE * highest
        plainest = np.full(len(codes), COMMENTARY_MAX)  # the story's kind: its plainest report
        np.minimum.at(plainest, owners, self._commentary[rows[members]])
        mixed -= _commentary_penalty(item.commentary, plainest)
        n = int(np.argmax(mixed))
        if mixed[n] < THRESHOLD:
            return None, 0.0
        return self._stories[int(codes[n])], float(mixed[n])
