"""Events in articles: which known events an article reports, and new events to suggest.

An article reports a known event when a sentence carries a date whose range overlaps the event's
(`dates.overlaps`: "April 2026" matches 30 April 2026) at the same precision or a coarser one
(a day in April does not report "the trial, April 2026" as a whole; a week, "last week", is
too vague to match anything) and shares words with the event's title: at least two word stems
and a third of the title's. Confidence: 0.4 + 0.5 * (share of the title's stems found), + 0.1
when both are exact days. A date is required: an article that only echoes an event's words
without dating it is not taken to report it.

A new event is suggested from each other dated sentence of an article related to the case (an
absolute date, or "yesterday", "on Tuesday", "last month"; not a week, not a future date): the
past things an article dates are what a timeline wants. Its title is that sentence, trimmed; its
kind comes from a litigation verb ("testified" -> testimony, "filed" -> filing, "ruled" ->
ruling...), else "other". Confidence 0.2, + 0.1 with such a verb, + 0.1 when a party of the case
is named in the sentence, + 0.1 for an exact day. Candidates that are one event (`same_event`:
same case, overlapping dates, the candidate no finer than the event, titles sharing two stems
and a third of the event's, or 40% Jaccard) merge (see suggestions.py).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tracker.linking.dates import DateMention, overlaps, period

STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "into",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "it",
        "its",
        "his",
        "her",
        "their",
        "our",
        "your",
        "as",
        "about",
        "after",
        "before",
        "over",
        "under",
        "than",
        "then",
        "so",
        "such",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "not",
        "no",
    ]
)
_WORD = re.compile(r"[^\W\d_][\w-]*", re.UNICODE)
_EVENT_VERB = re.compile(
    r"\b(?P<verb>testif\w*|testimon\w*|told\s+(?:a|the)\s+(?:\w+\s+)?(?:court|jury|judge)|deposition|"
    r"filed|files|refiled|sued|sues|lawsuit|complaint|counterclaim\w*|withdr[ae]w\w*|"
    r"ruled|rules|ruling|denied|denies|granted|grants|dismissed|dismisses|ordered|"
    r"settled|settlement|appeal\w*|verdict|jury\s+found|hearing|trial\s+(?:opened|began|opens))\b",
    re.IGNORECASE,
)
_KINDS = [
    ("testimony", ("testif", "testimon", "told", "deposition")),
    (
        "filing",
        (
            "filed",
            "files",
            "refiled",
            "sued",
            "sues",
            "lawsuit",
            "complaint",
            "counterclaim",
            "withdr",
        ),
    ),
    (
        "ruling",
        ("ruled", "rules", "ruling", "denied", "denies", "granted", "grants", "dismiss", "ordered"),
    ),
    ("settlement", ("settle",)),
    ("appeal", ("appeal",)),
    ("verdict", ("verdict", "jury")),
    ("hearing", ("hearing", "trial")),
]
_LEAD = re.compile(
    r"^(?:(?:moreover|however|meanwhile|additionally|ultimately|in fact|instead|also),\s+)",
    re.IGNORECASE,
)
TITLE_MAX = 200


@functools.lru_cache(maxsize=4096)
def stems(text: str) -> frozenset[str]:
    """Content-word stems: lowercased, possessive dropped, first five letters.

    Cached (hence frozen): a sentence is stemmed for known events and for candidates."""
    out: set[str] = set()
    for word in _WORD.findall(text.replace("’", "'")):
        word = word.lower().split("'")[0]
        if word in STOP or len(word) < 2:
            continue
        out.add(word[:5])
    return frozenset(out)


@dataclass
class EventInfo:
    id: int | None
    case_id: int
    date: dt.date
    precision: str
    title: str
    status: str
    stems: frozenset[str] = field(default_factory=frozenset)
    kind: str = "other"

    @property
    def range(self) -> tuple[dt.date, dt.date]:
        return period(self.date, self.precision)


@dataclass
class Candidate:
    case_id: int
    date: dt.date
    precision: str
    kind: str
    title: str
    start: int
    end: int
    confidence: float
    stems: frozenset[str] = field(default_factory=frozenset)


def _share(sentence: set[str], title: set[str]) -> tuple[int, float]:
    common = len(sentence & title)
    return common, (common / len(title) if title else 0.0)


def events_reported(
    text: str,
    spans: list[tuple[int, int]],
    dates: list[DateMention],
    published: dt.date | None,
    events: list[EventInfo],
) -> list[tuple[EventInfo, float, tuple[int, int]]]:
    """Known events the text reports: (event, confidence, sentence span), best per event."""
    if not events:
        return []
    sentence_stems: dict[int, frozenset[str]] = {}  # only the sentences that hold a date
    best: dict[int, tuple[EventInfo, float, tuple[int, int]]] = {}

    def offer(event: EventInfo, confidence: float, span: tuple[int, int]) -> None:
        key = id(event)
        if key not in best or best[key][1] < confidence:
            best[key] = (event, round(min(confidence, 0.99), 3), span)

    for date in dates:
        if date.lo != date.hi and date.precision == "day":
            continue  # a week ("last week"): not a date an event can be matched on
        index = next((i for i, (s, e) in enumerate(spans) if s <= date.start < e), None)
        if index is None:
            continue
        for event in events:
            if not overlaps((date.lo, date.hi), event.range) or finer(
                date.precision, event.precision
            ):
                continue
            if index not in sentence_stems:
                sentence_stems[index] = stems(text[spans[index][0] : spans[index][1]])
            common, share = _share(sentence_stems[index], event.stems)
            if common >= 2 and share >= 1 / 3:
                exact = date.precision == event.precision == "day" and date.lo == date.hi
                offer(event, 0.4 + 0.5 * share + (0.1 if exact else 0.0), spans[index])
    return list(best.values())


_RANK = {"day": 0, "month": 1, "year": 2}


def finer(precision: str, than: str) -> bool:
    """A day is finer than a month: "on April 27" does not report "April 2026" as a whole."""
    return _RANK.get(precision, 0) < _RANK.get(than, 0)


def _kind(verb: str) -> str:
    verb = verb.lower()
    for kind, starts in _KINDS:
        if any(verb.startswith(s) for s in starts):
            return kind
    return "other"


def _title(sentence: str) -> str:
    title = _LEAD.sub("", " ".join(sentence.split())).strip()
    title = title[:1].upper() + title[1:]
    if len(title) > TITLE_MAX:
        cut = title.rfind(" ", 0, TITLE_MAX - 1)
        title = title[: cut if cut > 0 else TITLE_MAX - 1].rstrip(",;:") + "…"
    return title


def event_candidates(
    text: str,
    spans: list[tuple[int, int]],
    dates: list[DateMention],
    published: dt.date | None,
    case_id: int,
    party_starts: list[int],
) -> list[Candidate]:
    """New events the text may report for a case (see the module docstring).

    One per sentence: "testified on Wednesday about talks in 2017" reports Wednesday's
    testimony, not an event in 2017, so the sentence's most precise date is taken (the first
    of equals)."""
    found: list[Candidate] = []
    usable = [
        date
        for date in dates
        # not a week (too vague to date an event), nor a future date (scheduled, not happened)
        if not (date.lo != date.hi and date.precision == "day")
        and not (published is not None and date.lo > published + dt.timedelta(days=1))
    ]
    for date in _sentence_dates(usable, spans):
        span = next(((s, e) for s, e in spans if s <= date.start < e), None)
        if span is None:
            continue
        sentence = text[span[0] : span[1]]
        verb = _EVENT_VERB.search(sentence)
        named = any(span[0] <= p < span[1] for p in party_starts)
        confidence = 0.2 + (0.1 if verb else 0) + (0.1 if named else 0)
        confidence += 0.0 if date.relative or date.precision != "day" else 0.1
        found.append(
            Candidate(
                case_id=case_id,
                date=date.date,
                precision=date.precision,
                kind=_kind(verb.group("verb")) if verb else "other",
                title=_title(sentence),
                start=span[0],
                end=span[1],
                confidence=confidence,
                stems=stems(sentence),
            )
        )
    return found


def _sentence_dates(
    dates: list[DateMention], spans: Sequence[tuple[int, int]]
) -> list[DateMention]:
    """The most precise date of each sentence (dates outside every sentence are kept)."""
    best: dict[object, DateMention] = {}
    for n, date in enumerate(dates):
        index = bisect.bisect_right(spans, (date.start, float("inf"))) - 1
        inside = index >= 0 and spans[index][0] <= date.start < spans[index][1]
        key = index if inside else ("alone", n)
        held = best.get(key)
        if held is None or _RANK.get(date.precision, 0) < _RANK.get(held.precision, 0):
            best[key] = date
    return sorted(best.values(), key=lambda d: d.start)


def same_event(candidate: Candidate, event: EventInfo) -> bool:
    """A candidate is an existing event (known or suggested): same case, overlapping dates,
    and titles alike (a third of the event's stems found, or 40% Jaccard); on the very same
    day, the same kind of event or three shared stems are enough."""
    if candidate.case_id != event.case_id:
        return False
    if not overlaps(period(candidate.date, candidate.precision), event.range):
        return False
    if finer(candidate.precision, event.precision):
        return False
    common, share = _share(candidate.stems, event.stems)
    union = len(candidate.stems | event.stems) or 1
    same_day = candidate.precision == event.precision == "day" and candidate.date == event.date
    # The same day of the same case: the same kind of thing ("testimony") is one event.
    if same_day and (candidate.kind == event.kind != "other" or common >= 3):
        return True
    return (common >= 2 and share >= 1 / 3) or common / union >= 0.4
