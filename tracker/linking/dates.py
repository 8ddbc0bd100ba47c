"""Dated statements in article text: absolute and relative dates, each with its precision.

Own regexes (dateparser is slow): "April 30, 2026", "30 April 2026", "2026-04-30", "April 30"
(year from the article), "April 2026", "in 2018"; and, resolved against the article's
publication date, "today", "yesterday", "this week", "last week", "on Tuesday", "this month",
"last month", "this year", "last year", "three days ago", "last June" (the latest June before
this month). "That April" after a date told with its year ("in February 2025 ... that April")
is in that year.

Each found date is a range `[lo, hi]` (a day, a week, a month or a year) plus the date and
precision to store (`date` is the first day of the period, as cases.Event expects). Two dates
"match within precision" when their ranges overlap.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

from tracker.core.dates import MONTHS, WEEKDAYS, YEAR, month_number, month_pattern

NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1}

_M = rf"(?P<month>{month_pattern(capitalised=True)})\.?"  # capitalised only
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = YEAR
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b{_Y}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("mdy", re.compile(rf"\b{_M}\s+{_D},?\s+{_Y}\b")),
    ("dmy", re.compile(rf"\b{_D}\s+(?:of\s+)?{_M},?\s+{_Y}\b")),
    ("my", re.compile(rf"\b{_M},?\s+{_Y}\b")),
    ("md", re.compile(rf"\b{_M}\s+{_D}\b(?!,?\s+\d)")),
    ("dm", re.compile(rf"\b{_D}\s+(?:of\s+)?{_M}\b(?!,?\s+\d)")),
    (
        "in_month",
        re.compile(
            rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?|[Ll]ast)\s+{_M}\b"
            r"(?!\s+[0-3]?\d\b)"
        ),
    ),
    (
        "in_month",  # a bare full month name ("Musk's February offer"), but never "May"
        re.compile(
            rf"\b(?P<month>{'|'.join(m.capitalize() for m in MONTHS if m != 'may')})\b"
            r"(?!\s+[0-3]?\d\b)(?!,?\s+(?:19|20)\d\d)"
        ),
    ),
    (
        "year",
        re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Ee]arly|[Ll]ate|of)\s+{_Y}\b(?!-)"),
    ),
    (
        "relative",  # matched in the lower-cased text (re.IGNORECASE made it 2x slower)
        re.compile(
            r"\b(?P<rel>today|yesterday|(?:earlier\s+|later\s+)?this\s+(?:week|month|year)|"
            r"last\s+(?:week|month|year)|(?:on\s+|last\s+)?(?P<wd>"
            rf"{'|'.join(WEEKDAYS)})|"
            r"(?P<n>\d+|one|two|three|four|five|six|seven|a)\s+days?\s+ago)\b"
        ),
    ),
]


_RELATIVE_ANY_CASE = re.compile(dict(_PATTERNS)["relative"].pattern, re.IGNORECASE)
_NEEDS = {
    "iso": "year",
    "mdy": "year",
    "dmy": "year",
    "my": "year",
    "year": "year",
    "md": "month",
    "dm": "month",
    "in_month": "month",
    "relative": "relative",
}
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
# What a pattern cannot match without (dates_find's cheap checks): a month's first three
# letters, in one scan (its alternatives are literals, so the engine skips to the capitals that
# may start one, where twelve `in` tests search the text twelve times), and relative words,
# looked for with `in` (much faster than a regex scan for lower-case letters).
_MONTH_START = re.compile("|".join(month[:3].capitalize() for month in MONTHS))
_RELATIVE_WORDS = ("today", "yesterday", "ago", *WEEKDAYS)
_RELATIVE_UNITS = ("week", "month", "year")


@dataclass(frozen=True)
class DateMention:
    date: dt.date  # first day of the period
    precision: str  # day | month | year
    lo: dt.date
    hi: dt.date
    start: int
    end: int
    relative: bool


def period(date: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """The range of days a date at a precision covers."""
    if precision == "year":
        return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    if precision == "month":
        last = calendar.monthrange(date.year, date.month)[1]
        return date.replace(day=1), date.replace(day=last)
    return date, date


def overlaps(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _guess_year(month: int, day: int, published: dt.date | None) -> int | None:
    """A date without a year is the latest one not well after publication."""
    if published is None:
        return None
    year = published.year
    try:
        if dt.date(year, month, day) > published + dt.timedelta(days=31):
            year -= 1
    except ValueError:
        return None
    return year


def _make(date: dt.date, precision: str, start: int, end: int, relative: bool) -> DateMention:
    lo, hi = period(date, precision)
    return DateMention(
        date=lo, precision=precision, lo=lo, hi=hi, start=start, end=end, relative=relative
    )


def _relative(m: re.Match[str], published: dt.date) -> DateMention | None:
    rel = " ".join(m.group("rel").lower().split())
    start, end = m.start(), m.end()
    if rel == "today":
        return _make(published, "day", start, end, True)
    if rel == "yesterday":
        return _make(published - dt.timedelta(days=1), "day", start, end, True)
    if rel.endswith("ago"):
        count = m.group("n").lower()
        days = NUMBERS.get(count) or int(count)
        return _make(published - dt.timedelta(days=days), "day", start, end, True)
    if m.group("wd"):
        target = WEEKDAYS.index(m.group("wd").lower())
        back = (published.weekday() - target) % 7
        if rel.startswith("last"):  # "last Wednesday": that day of the week before
            back = published.weekday() + 7 - target
        return _make(published - dt.timedelta(days=back), "day", start, end, True)
    unit = rel.split()[-1]
    last = rel.startswith("last")
    # "later this month" is still to come: the whole period, not what has happened of it
    bound = published if not rel.startswith("later") else None
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday() + (7 if last else 0))
        return _bounded(
            DateMention(monday, "day", monday, monday + dt.timedelta(days=6), start, end, True),
            bound,
        )
    if unit == "month":
        first = published.replace(day=1)
        if last:
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return _bounded(_make(first, "month", start, end, True), bound)
    year = published.year - (1 if last else 0)
    return _bounded(_make(dt.date(year, 1, 1), "year", start, end, True), bound)


def _bounded(date: DateMention, published: dt.date | None) -> DateMention:
    """ "Earlier this month", "this year": what has happened of it, up to the article's day
    (`published`; None: "later this month", the whole of it)."""
    return replace(date, hi=min(date.hi, published)) if published else date


def dates_find(text: str, published: dt.date | None = None) -> list[DateMention]:
    """Every date mentioned in text, earliest in the text first; overlapping finds keep the
    first pattern (the most specific)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    # Cheap checks first: most patterns need a year, a month name or a relative word.
    low = text.lower()
    has = {
        "year": _ANY_YEAR.search(text) is not None,
        "month": _MONTH_START.search(text) is not None,
        "relative": published is not None
        and (
            any(word in low for word in _RELATIVE_WORDS)
            or (("this" in low or "last" in low) and any(u in low for u in _RELATIVE_UNITS))
        ),
    }
    # The relative pattern reads the lower-cased text, unless a character's lower case is
    # longer (offsets would shift): then the text, ignoring case.
    same_offsets = len(low) == len(text)
    for kind, pattern in _PATTERNS:
        if not has[_NEEDS[kind]]:
            continue
        subject = text
        if kind == "relative":
            pattern, subject = (pattern, low) if same_offsets else (_RELATIVE_ANY_CASE, text)
        for m in pattern.finditer(subject):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _parse(kind, m, published)
            if mention is not None:
                found.append(mention)
                taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    if len(found) > 1 and "that" in low:
        found = _anchored(text, found)
    return _weekdays_dropped(text, found) if has["relative"] and len(found) > 1 else found


def _anchored(text: str, found: list[DateMention]) -> list[DateMention]:
    """ "Ruled in February 2025 and sent the case up that April": a month (or day) after "that"
    is in the year of the explicit date told before it (the first such month from that date),
    not the latest one before publication."""
    out = list(found)
    for n, date in enumerate(found):
        before = out[n - 1] if n else None
        if before is None or before.relative or not date.relative or date.precision == "year":
            continue
        if not _THAT.search(text, max(0, date.start - 10), date.start):
            continue
        year = before.date.year + ((date.date.month, date.date.day) < (before.date.month, 1))
        try:
            day = date.date.replace(year=year)
        except ValueError:
            continue
        out[n] = _make(day, date.precision, date.start, date.end, True)
    return out


_LAST = re.compile(r"\blast\s+$", re.IGNORECASE)
_THAT = re.compile(r"\bthat\s+(?:same\s+)?$", re.IGNORECASE)
_GLUE = re.compile(r"[\s,(]{0,4}")


def _weekdays_dropped(text: str, found: list[DateMention]) -> list[DateMention]:
    """A weekday that names an explicit date beside it ("Thursday, April 30, 2026", "April 30
    (Thursday)") is that date: the weekday, resolved against the publication, is dropped."""
    drop: set[int] = set()
    for n, date in enumerate(found):
        if not date.relative or date.precision != "day" or date.lo != date.hi:
            continue
        if text[date.start : date.end].lower().split()[-1] not in WEEKDAYS:
            continue
        for other in found[max(0, n - 1) : n] + found[n + 1 : n + 2]:
            if other.precision != "day" or (other.relative and other.lo == date.lo):
                continue
            gap = (date.end, other.start) if other.start >= date.end else (other.end, date.start)
            if _GLUE.fullmatch(text, *gap):
                drop.add(n)
    return [d for n, d in enumerate(found) if n not in drop] if drop else found


def _parse(kind: str, m: re.Match[str], published: dt.date | None) -> DateMention | None:
    groups = m.groupdict()
    try:
        if kind == "relative":
            return _relative(m, published) if published else None
        if kind == "year":
            year = int(groups["year"])
            return _make(dt.date(year, 1, 1), "year", m.start("year"), m.end(), False)
        month = int(groups["mnum"]) if groups.get("mnum") else month_number(groups["month"])
        if kind == "in_month":
            if published is None:
                return None
            # a month told without a year is the latest one not well after the article's day
            # ("The trial begins in July" in June is this July; "In August" in May, last August)
            year = _guess_year(month, 1, published)
            if _LAST.search(m.string, max(0, m.start("month") - 6), m.start("month")):
                # "last June" in June 2026 is June 2025; "last March" in June 2026, March 2026
                year = published.year - (1 if month >= published.month else 0)
            start = m.start("month")
            return _make(dt.date(year or published.year, month, 1), "month", start, m.end(), True)
        if kind == "my":
            return _make(dt.date(int(groups["year"]), month, 1), "month", m.start(), m.end(), False)
        day = int(groups["day"])
        if kind in {"md", "dm"}:
            year = _guess_year(month, day, published)
            if year is None:
                return None
            return _make(dt.date(year, month, day), "day", m.start(), m.end(), True)
        return _make(dt.date(int(groups["year"]), month, day), "day", m.start(), m.end(), False)
    except ValueError:
        return None


_ABBREV = {
    "mr",
    "ms",
    "mrs",
    "dr",
    "inc",
    "corp",
    "co",
    "ltd",
    "st",
    "v",
    "vs",
    "jr",
    "sr",
    "gen",
    "u.s",
    "e.g",
    "i.e",
    "jan",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
    # places and courts in legal reporting: "N.D. Cal.", "Oakland, Calif.", "9th Cir."
    "cal",
    "calif",
    "n.d",
    "s.d",
    "e.d",
    "w.d",
    "d.c",
    "cir",
    "ct",
    "supp",
    "del",
    "mass",
    "wash",
    "sen",
    "rep",
    "gov",
    "a.m",
    "p.m",
}
# A run of stops (and closing quotes) before a space or a capital, or a run of newlines. Written
# to start with one character class, which lets the regex engine skip ahead to candidates
# (the same pattern as an alternation tried both branches at every character, 6x slower).
_END = re.compile(r"[.!?\n](?:(?<=\n)\n*|[.!?]*[\"'”’)]*(?=\s|[A-Z“\"]))")


_LAST_WORD = re.compile(r"([\w.]+)$")
# A word no surname is, opening the next sentence: "Musk's X. In a filing" ends at "X." (an
# initial is followed by a name: "J. Smith").
_STARTER = re.compile(
    r"\s+(?:In|The|A|An|It|Its|He|His|She|Her|They|Their|We|But|And|On|At|For|This|That|"
    r"These|Those|After|Before|When|While|As|If|Some|Many|Last|Earlier|Later)\b"
)


def _initial(word: str) -> bool:
    return len(word) == 1 and word.isalpha()


@functools.lru_cache(maxsize=16)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans, tolerant of a missing space after the full stop ('said.He').

    Cached: one analysis asks for the spans of the same text several times."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        stop = m.start()
        # A stop after a word of five or more letters ends a sentence unless glued to initials:
        # no abbreviation is that long. Only shorter words need the checks below.
        if text[stop] == "." and not text[stop - 5 : stop].isalnum():
            # The word before the stop; abbreviations are short, so a short tail suffices
            # (searching the whole sentence for a `$`-anchored word is quadratic in its length).
            before = _LAST_WORD.search(text, max(start, stop - 40), stop)
            word = before.group(1).lower() if before else ""
            if word in _ABBREV or (_initial(word) and not _STARTER.match(text, m.end())):
                continue
            if word == "no" and text[m.end() : m.end() + 2].strip()[:1].isdigit():
                continue  # "No. 5"
        glued = m.end() < len(text) and not text[m.end()].isspace()
        if glued and text[m.end() - 1] == "." and text[stop - 1 : stop].isupper():
            continue  # "U.S.Army" style initials, not a sentence end
        end = m.end()
        _push(text, spans, start, end)
        start = end
    _push(text, spans, start, len(text))
    return tuple(spans)


def _push(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
