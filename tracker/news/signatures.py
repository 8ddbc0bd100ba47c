"""Text signatures for story clustering: content words, their hashes and lead dates.

Pure functions. A signature holds what clustering compares (`tracker.news.storyindex`): the
content words (stop words dropped, lightly stemmed, crc32-hashed) of the title and of the first
TERMS_CHARS characters of the text, the day the lead names (`lead_date`: "today", "yesterday",
"on Thursday", "April 30" resolved against the publication date; without one, only a date with
its year) and the weekday it names (`lead_weekday`), the names its headline is about
(`names_of`), the acts of a dispute its headline and its opening sentence report (`acts_of`), and
how much of a commentary the piece is (`tracker.news.commentary`). `signature_bytes` stores it with a
versioned header and a digest of the text (to skip unchanged articles), so the pool of a
clustering run is read without its texts.

Until MH6 a signature was a MinHash of the lead's word shingles; outlets retelling one event in
their own words share few shingles, so similarity now weighs shared terms by their rarity.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tracker.core.asking import COURT_REQUEST
from tracker.core.dates import MONTHS, WEEKDAYS, dateline_end, day_or_none, month_number

LEAD_CHARS = 600
TEXT_CHARS = 2500  # what the text key digests

_HEADER = b"MH15"  # bump when the features change: stale signatures are then recomputed
_KEY_BYTES = 8
_WORD = re.compile(r"\w+")
_STOP_WORDS = """a an the and or but nor of to in on at for from by with as is are was were be been being
    it its this that these those he she they them his her their our we you i me my not no yes
    said says say told tell had has have do did does done will would could should may might must
    can than then so such into over under after before about which who whom whose what when where
    while also more most other some any each all both one two up out off just only very own same
    s t ll re ve d m if because there here how why new"""
_STOP = frozenset(_STOP_WORDS.split())
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s", "ly")


def words_of(text: str) -> list[str]:
    """Lower-cased word tokens after Unicode normalisation (curly quotes and all)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """The word less its first matching suffix; "" for a one-letter word (no feature)."""
    if len(word) < 2:
        return ""
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def features_of(text: str) -> set[str]:
    """The content words of a text, stop words dropped and lightly stemmed."""
    features = set(map(_stem, set(words_of(text)) - _STOP))  # map: no Python frame per word
    features.discard("")
    return features


def text_key(text: str) -> bytes:
    """A short digest of a text (its first TEXT_CHARS), to tell an unchanged one cheaply."""
    return hashlib.blake2b(text[:TEXT_CHARS].encode(), digest_size=_KEY_BYTES).digest()


TERMS_CHARS = 600  # the lead whose terms (with the title's) weigh in story similarity
_NO_WEEKDAY = 255


@dataclass(frozen=True)
class Terms:
    """The hashed content words of a title and of its lead (crc32 of each stemmed word)."""

    title: frozenset[int] = frozenset()
    lead: frozenset[int] = frozenset()


def _hashed(words: set[str]) -> frozenset[int]:
    return frozenset(zlib.crc32(w.encode()) for w in words)


def terms_of(*, title: str, text: str) -> Terms:
    return Terms(title=_hashed(features_of(title)), lead=_hashed(features_of(text[:TERMS_CHARS])))


# A capitalised word inside a sentence (after a lower-case word, a digit or a comma): a name.
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z0-9,;:%)'’]\s)[A-Z][\w'’.&-]*")
# Common nouns written in capitals: "AI" is in every headline about the disputes ("Meta's AI
# copyright win", "Stability AI"), a chief executive's "CEO" in many; they name nobody.
_COMMON_CAPITALS = ("ai", "agi", "api", "ceo", "cto", "ip")
_NOT_NAMES = frozenset((*WEEKDAYS, *MONTHS, *_COMMON_CAPITALS))
# How much of the text is read for the headline's names: a lead may name its subject only at a
# sentence's start ("Perplexity told a judge ...") and inside a sentence a paragraph or two on.
NAMES_CHARS = 1200


MAX_NAMES = 8  # names kept per headline (hashes, smallest first)


def names_of(*, title: str, text: str) -> tuple[int, ...]:
    """The names a headline is about, hashed (crc32, at most MAX_NAMES): the headline's words
    that the lead writes as names, capitalised inside a sentence ("Amazon", "Anthropic", "X";
    headline case capitalises every word, so the lead decides: its first NAMES_CHARS). Empty
    when none."""
    lead = unicodedata.normalize("NFKC", text[:NAMES_CHARS])
    capitals = " ".join(_MID_SENTENCE_CAPITAL.findall(lead))
    names = (_name_words(capitals) & _name_words(title)) - _NOT_NAMES
    return tuple(sorted(zlib.crc32(name.encode()) for name in names)[:MAX_NAMES])


def _name_words(text: str) -> set[str]:
    """Content words as `features_of` has them, and one-letter names too ("X", "Meta's X")."""
    words = set(words_of(text)) - _STOP
    return {word if len(word) < 2 else _stem(word) for word in words} - {""}


# Between a filing verb and "suit": another filing made in the suit ("files motion to dismiss
# lawsuit", "files appeal of lawsuit ruling", "file brief supporting lawsuit"), or a preposition
_NOT_SUIT_WORD = (
    r"(?:motions?|briefs?|appeals?|response|answer|reply|objections?|notice|"
    r"to|in|for|of|on|over|against|with)"
)
# The act of a dispute a headline reports (a suit filed, a dismissal, an appeal...). Two
# headlines that each name acts, none in common, report two events of one dispute, however
# many names and words their stories share. The headline only: a lead recalls earlier acts.
ACTS: tuple[tuple[str, str], ...] = (
    (
        "suit",
        rf"\b(?:sue[sd]?|suing|fil(?:es?|ed|ing)\s+(?:(?!{_NOT_SUIT_WORD}\s)[\w'’-]+\s+){{0,3}}?"
        r"(?:lawsuit|suit)"
        r"|takes?\s+\S+(?:\s+\S+)?\s+to\s+court)\b",
    ),
    ("dismissal", r"\b(?:dismiss(?:es|ed|al)?|throws?\s+out|threw\s+out|toss(?:es|ed)?)\b"),
    ("appeal", r"\bappeal(?:s|ed)?\b"),
    ("removal", r"\b(?:remov(?:es|ed|al)|moves?\s+.{0,40}\bto\s+federal\s+court)\b"),
    (
        "remand",
        r"\bremand(?:s|ed)?\b|\b(?:back|return(?:s|ed)?)\s+to\s+(?:\S+\s+){0,3}?(?:state|superior)"
        r"\s+court\b",
    ),
    ("counterclaim", r"\b(?:counter-?su(?:es|ed|e|ing)|counterclaims?|sues\s+back)\b"),
    ("testimony", r"\b(?:testif(?:y|ies|ied)|testimony|cross-examin\w*|witness\s+stand)\b"),
    (
        "trial",
        r"\b(?:trial\s+(?:opens|opened|begins|began|starts|started)"
        r"|opening\s+statements?|jury\s+selection)\b",
    ),
    ("settlement", r"\bsettle(?:s|d|ment)?\b"),
    ("verdict", r"\bverdicts?\b"),
    ("injunction", r"\binjunctions?\b"),
    (
        "withdrawal",
        r"\b(?:drops?|dropped|dropping|withdr[ae]ws?|withdrawn)\s+(?:\S+\s+){0,4}?"
        r"(?:lawsuit|suit|case|claims?)\b",
    ),
)
_ACTS = tuple((1 << n, re.compile(pattern)) for n, (_, pattern) in enumerate(ACTS))
# The act asked of a court rather than done: "asked a judge to throw out", "seeks to dismiss",
# "urges the appeals court to". A motion and the ruling on it are two developments that name the
# same act; REQUESTED marks the asking (with the acts asked for).
REQUESTED = 1 << 15
_REQUEST = re.compile(rf"\b(?:{COURT_REQUEST})")


def acts_of(title: str) -> int:
    """The acts (`ACTS`) a headline names, one bit each (0: none), with REQUESTED when they are
    asked of a court."""
    words = unicodedata.normalize("NFKC", title).casefold()
    acts = sum(bit for bit, pattern in _ACTS if pattern.search(words))
    return acts | REQUESTED if acts and _REQUEST.search(words) else acts


def signature_bytes(
    *,
    key: bytes = b"",
    day: dt.date | None = None,
    weekday: int | None = None,
    terms: Terms = Terms(),
    names: tuple[int, ...] = (),
    acts: int = 0,
    opening_acts: int = 0,
    commentary: int = 0,
) -> bytes:
    """Header, `text_key` of the text (zeros when not given), the lead day (proleptic ordinal, 0
    when unknown), the lead weekday (255 when unknown), the headline's names (`names_of`,
    MAX_NAMES uint32, 0 for none), its acts and those of the opening sentence (`acts_of`, uint16
    each), its commentary markers
    (`tracker.news.commentary.commentary_of`, one byte), the counts of title and lead terms
    (uint16 each) and the terms (little-endian uint32 each)."""
    key = key.ljust(_KEY_BYTES, b"\0")[:_KEY_BYTES]
    ordinal = (day.toordinal() if day else 0).to_bytes(4, "little")
    wd = bytes([_NO_WEEKDAY if weekday is None else weekday])
    wd += np.array((*names, *[0] * MAX_NAMES)[:MAX_NAMES], dtype="<u4").tobytes()
    wd += acts.to_bytes(2, "little") + opening_acts.to_bytes(2, "little") + bytes([commentary])
    title, lead = sorted(terms.title), sorted(terms.lead)
    counts = np.array([len(title), len(lead)], dtype="<u2").tobytes()
    hashed = np.array(title + lead, dtype="<u4").tobytes()
    return _HEADER + key + ordinal + wd + counts + hashed


@dataclass(frozen=True)
class Stored:
    """A parsed signature: text key, lead day, lead weekday, terms, headline names, the acts of
    the headline and of the opening sentence, and the piece's commentary markers."""

    key: bytes
    day: dt.date | None
    weekday: int | None = None
    terms: Terms = Terms()
    names: tuple[int, ...] = ()
    acts: int = 0
    opening_acts: int = 0
    commentary: int = 0


_WEEKDAY_AT = len(_HEADER) + _KEY_BYTES + 4
_ACTS_AT = _WEEKDAY_AT + 1 + 4 * MAX_NAMES
_OPENING_ACTS_AT = _ACTS_AT + 2
_COMMENTARY_AT = _OPENING_ACTS_AT + 2
_TERMS_AT = _COMMENTARY_AT + 1


def signature_parse(data: bytes | memoryview | None) -> Stored | None:
    """What `signature_bytes` stored, or None for a missing or stale signature."""
    if data is None:
        return None
    data = bytes(data)
    if not data.startswith(_HEADER) or len(data) < _TERMS_AT + 4:
        return None
    n_title, n_lead = np.frombuffer(data[_TERMS_AT : _TERMS_AT + 4], dtype="<u2").tolist()
    if len(data) != _TERMS_AT + 4 + 4 * (n_title + n_lead):
        return None
    ordinal = int.from_bytes(data[_WEEKDAY_AT - 4 : _WEEKDAY_AT], "little")
    hashed = np.frombuffer(data[_TERMS_AT + 4 :], dtype="<u4").tolist()
    return Stored(
        key=data[len(_HEADER) : len(_HEADER) + _KEY_BYTES],
        day=dt.date.fromordinal(ordinal) if ordinal else None,
        weekday=None if data[_WEEKDAY_AT] == _NO_WEEKDAY else data[_WEEKDAY_AT],
        terms=Terms(title=frozenset(hashed[:n_title]), lead=frozenset(hashed[n_title:])),
        names=tuple(
            n for n in np.frombuffer(data[_WEEKDAY_AT + 1 : _ACTS_AT], "<u4").tolist() if n
        ),
        acts=int.from_bytes(data[_ACTS_AT:_OPENING_ACTS_AT], "little"),
        opening_acts=int.from_bytes(data[_OPENING_ACTS_AT:_COMMENTARY_AT], "little"),
        commentary=data[_COMMENTARY_AT],
    )


def signature_key(data: bytes | memoryview | None) -> bytes | None:
    """The `text_key` stored in a signature, or None for a missing or stale signature."""
    stored = signature_parse(data)
    return stored.key if stored else None


def lead_weekday(text: str) -> int | None:
    """The first weekday the opening of `text` names (0 = Monday), e.g. "filed on Wednesday"."""
    for word in words_of(text[:LEAD_CHARS]):
        if word in WEEKDAYS:
            return WEEKDAYS.index(word)
    return None


def lead_date(
    text: str, *, published: dt.date | None, seen: dt.date | None = None
) -> dt.date | None:
    """The first day the opening of `text` (a wire's dateline left out: `_undated`) names:
    today, yesterday, a weekday, or "April 30", resolved against the publication date; without
    one, only a date with its year ("June 4, 2025", "4 June 2025") or, given when the article
    was first `seen`, a weekday with its date ("Wednesday, June 4": the latest such day before
    it was seen)."""
    words = words_of(_undated(text[:LEAD_CHARS]))
    if published is None:
        return _absolute_date(words) or (_weekday_date(words, seen=seen) if seen else None)
    for i, word in enumerate(words):
        if word == "today":
            return published
        if word == "yesterday":
            return published - dt.timedelta(days=1)
        if word in WEEKDAYS:
            back = (published.weekday() - WEEKDAYS.index(word)) % 7
            return published - dt.timedelta(days=back)
        if word in MONTHS and i + 1 < len(words) and words[i + 1].isdigit():
            day = _month_day(words[i : i + 3], published=published)
            if day is not None:
                return day
    return None


def _undated(lead: str) -> str:
    """The lead less a wire's dateline opening a paragraph ("SAN FRANCISCO, March 9 (Wire) -"):
    its date is the day the piece was written, not that of the development it reports ("In a
    filing late last week")."""
    return "\n".join(line[dateline_end(line) :] for line in lead.split("\n"))


WEEKDAY_YEARS = 6  # years back a weekday with its date is looked for (its cycle is 5 to 11)


def _weekday_date(words: Sequence[str], *, seen: dt.date) -> dt.date | None:
    """The day of the first "Wednesday, June 4" among `words`: the latest June 4 that was a
    Wednesday, at most WEEKDAY_YEARS years before `seen` and not after it."""
    for i, word in enumerate(words[:-2]):
        if word not in WEEKDAYS or words[i + 1] not in MONTHS or not words[i + 2].isdigit():
            continue
        month, day = month_number(words[i + 1]), int(words[i + 2])
        for year in range(seen.year, seen.year - WEEKDAY_YEARS, -1):
            found = day_or_none(year, month, day)
            if found is not None and found <= seen and found.weekday() == WEEKDAYS.index(word):
                return found
    return None


def _day_year(day: str, year: str) -> bool:
    return day.isdigit() and len(day) <= 2 and year.isdigit() and len(year) == 4


def _absolute_date(words: Sequence[str]) -> dt.date | None:
    """The first "Month D YYYY" or "D Month YYYY" among `words`."""
    for i, word in enumerate(words):
        if word not in MONTHS:
            continue
        for day, year in ((i + 1, i + 2), (i - 1, i + 1)):
            if 0 <= day < len(words) and year < len(words) and _day_year(words[day], words[year]):
                try:  # int() too: a digit str.isdigit() accepts may not parse ("²")
                    return dt.date(int(words[year]), month_number(word), int(words[day]))
                except ValueError:
                    continue
    return None


def _month_day(words: Sequence[str], *, published: dt.date) -> dt.date | None:
    month, day = month_number(words[0]), int(words[1])
    year = int(words[2]) if len(words) > 2 and len(words[2]) == 4 and words[2].isdigit() else None
    found = day_or_none(year or published.year, month, day)
    if found is None:
        return None
    if year is None and found > published:
        found = found.replace(year=published.year - 1)
    return found
