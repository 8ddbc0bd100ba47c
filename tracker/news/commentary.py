"""The kind of piece: a report of a development, or commentary on one.

An editor groups the outlets' reports of one development (the same event, the same days) into a
story. An opinion piece, an analysis, an explainer, a review of the year or a roundup discusses
a development without being a report of it, and is a story of its own, however many names and
words it shares with the reports. Nothing says so in a feed; the writing does:

- voice: the writer speaks in the first person ("I think", "my reading") outside quotations,
  or the headline speaks for the writers ("It still does not tell us", "What we know"); a kicker
  line above the text names the genre ("Analysis", "Opinion", "Newsletter");
- address: the opening sentence speaks to the reader ("if you run scrapers", "your week");
- headline: a question ("Who's against...?"), a headline opening on a question word ("What the
  ruling means", "The contract case: how..."), a genre word ("analysis", "explainer", "opinion"),
  a digest of several developments ("The week in...", "recap"; "wrap-up" and "briefing" only as
  the headline's label: "Trial wrap-up: ...", not "Closing arguments wrap up", "Judge sets
  briefing schedule"), or a span of time since the development ("one year in", "five months
  into"); a live blog is a report. "We" in a speaker's words ("Musk: We were misled") is not
  the writers';
- lookback: the opening sentence dates the development in the past ("filed last week", "two days
  after the judgment", "when Reddit sued in June"), or names a day well
  before the article's publication ("The May 9 order", in a piece published May 13);
- topic: the opening sentence is about the development as a thing ("Reddit's complaint ... is
  notable less for what it alleges", "The judge's order this week was a single page long")
  rather than a report of an act on a day ("A judge dismissed the suit on Thursday").

`commentary_of` counts those markers (voice counts two) up to COMMENTARY_MAX. One marker is weak
evidence (a news analysis may open on the ruling as a topic, a report may recall an earlier
filing); story similarity (`tracker.news.storyindex`) takes off a share of COMMENTARY_PENALTY per
marker, so a report that retells the development closely still joins its story.

The opening sentence is that of the first paragraph written as prose (a dek or a byline, which
ends without a full stop, is skipped), quotations removed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from tracker.core.dates import MONTH_NUMBERS, WEEKDAYS, day_or_none

COMMENTARY_MAX = 3
VOICE_CHARS = 1200  # how much of the text is read for the writer's voice and address
OPENING_WORDS = 45  # the opening sentence is read up to this many words
STALE_DAYS = 3  # a day named this long before publication is the past, not the news

# Quotations: straight and curly double quotes, curly single quotes, and straight single quotes
# that open after a non-letter and close before one (an apostrophe in "Musk's" does neither).
# A quotation left open runs to the end of its paragraph. Each pattern starts on its quotation
# mark, and each lookbehind follows it, so the regex engine skips to the marks.
_DOUBLE_QUOTED = re.compile(r"[\"“][^\"“”\n]*(?:[\"”]|$)", re.M)
_CURLY_QUOTED = re.compile(r"‘[^’\n]*(?:’|$)", re.M)
_SINGLE_QUOTED = re.compile(r"'(?<!\w')[^'\n]*'(?!\w)")
# "My"/"Me" with a capital only where a sentence starts: inside one it is a name ("Despicable
# Me", a film's title), not the writer.
_VOICE = re.compile(
    r"(?:I(?<![\w'’]I)(?:['’](?:m|ve|d|ll))?|m(?<![\w'’]m)(?:y|e|yself)"
    r"|M(?:(?<![^\n]M)|(?<=[.!?] M))(?:y|e|yself))(?![\w'’])"
)
# The development as the subject: "<name>'s [adjectives] ruling", "The May 9 order".
_EVENT_NOUNS = (
    "order|ruling|judgment|decision|opinion|verdict|lawsuit|suit|complaint|case|filing|motion"
    "|dismissal|withdrawal|retreat|admission|answer|testimony|settlement|appeal|move|bid"
)
_CAPITAL = r"[A-Z0-9][\w.&-]*"
_TOPIC = re.compile(
    rf"^(?:(?:The|the)\s+(?:{_CAPITAL}\s+){{0,3}}?(?:[\w.&-]+(?:['’]s|s['’])\s+)?"
    rf"|(?:{_CAPITAL}\s+){{0,3}}?{_CAPITAL}(?:['’]s|s['’])\s+)"
    rf"(?:[\w,.-]+\s+){{0,3}}?(?:{_EVENT_NOUNS})\b"
)
# The rest is read from lower-case word tokens (and "?", ":"), quicker than regexes over text.
_TOKEN = re.compile(r"\w+|[?:]")
_ADDRESS = frozenset(("you", "your", "yourself", "yours"))
_QUESTION_WORDS = frozenset(("what", "why", "how", "who"))
_MEANS = frozenset(("means", "mean"))
_GENRES = frozenset(
    ("analysis", "opinion", "commentary", "column", "editorial", "explainer", "explained")
    + ("takeaways", "lessons", "roundup", "newsletter", "digest", "recap")
)
# A digest of several developments (a weekly round-up, a recap): its own story too. A live blog
# is not: it reports one development as it happens. "This week" alone is a report's time.
_GENRE_PAIRS = frozenset((("week", "ahead"),))
# Digests named by words that are ordinary vocabulary too ("briefing schedule", "talks wrap up"):
# a genre only as the headline's label, at its start, next to its colon or after "the" there.
_LABEL_GENRES = (("briefing",), ("wrap", "up"))
_LABEL_ARTICLES = frozenset(("the", "a", "our"))
_GENRE_OPENINGS = frozenset((("the", "week", "in"), ("this", "week", "in")))
_KICKER_WORDS = _GENRES | {"news", ":", "briefing"}
# The writers speaking of themselves in the headline (quotations removed): "It still does not
# tell us", "What we know"; "US" (the country) is not "us".
_WRITERS = re.compile(
    r"(?<![\w'’])(?:[Ww]e|[Uu]s|[Oo]urs?|[Oo]urselves)(?:['’](?:re|ve|ll|d))?(?![\w'’])"
)
# A speaker's name and a colon: what follows is their words ("Musk: We were misled"), unless it
# opens on a question word ("Tolls: What we know" is the writers').
_SPEAKER = re.compile(
    r"^(?:[A-Z][\w.'’&-]*\s+){0,3}[A-Z][\w.'’&-]*\s*:(?!\s*(?:[Ww]hat|[Ww]hy|[Hh]ow|[Ww]ho)\b)"
)
_COUNTS = frozenset(
    ("a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    + ("several", "few")
)
_UNITS = frozenset(("day", "days", "week", "weeks", "month", "months", "year", "years"))
_SINCE_HEADLINE = frozenset(("in", "into", "on", "later"))  # "one year in", "five months into"
_SINCE_OPENING = frozenset(("after", "into", "on", "ago", "since"))  # "two days after"
_LAST = frozenset(("week", "month", "year", *WEEKDAYS))  # "last week", "last Wednesday"
_WHEN_ACTS = frozenset(("sued", "filed", "brought", "won", "lost", "ruled"))
_TODAY = frozenset(("today", "yesterday", "tonight"))
_WEEKDAY_SET = frozenset(WEEKDAYS)
_SENTENCE_END = re.compile(r"[.!?][\"”’']?$")
# A full stop after a lower-case letter or a digit, before a capital: "U.S. District", "Nov. 26",
# "X Corp. v. Bright Data" and "Mr. Musk" do not end a sentence.
_SENTENCE_BREAK = re.compile(
    r"[.!?](?<=[a-z0-9)][.!?])(?<!\bv\.)(?<!\bvs\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)"
    r"(?<!\bDr\.)(?<!\bSt\.)\s+(?=[A-Z])"
)


def commentary_of(*, title: str, text: str, published: dt.date | None = None) -> int:
    """How many commentary markers (see the module docstring) the piece shows, at most
    COMMENTARY_MAX: 0 for a plain report."""
    body = _prose(text[:VOICE_CHARS])
    count = 2 if _VOICE.search(body) or _kicker(body) else 0
    headline = _prose(title)
    writers = _WRITERS.search(headline) and not _SPEAKER.match(headline)
    count += 2 if writers else _headline_marks(_TOKEN.findall(headline.casefold()))
    opening = _opening(body)
    if opening:
        words = _TOKEN.findall(opening.casefold())
        count += 2 if _ADDRESS.intersection(words) else 0
        stale = _days_back(words, published=published)
        count += bool(stale or _looks_back(words))
        fresh = stale is False or _dated_today(words)
        count += bool(not fresh and _TOPIC.search(opening))
    return min(count, COMMENTARY_MAX)


def _headline_marks(words: list[str]) -> int:
    """2 for a genre the headline declares ("analysis", "explained", "what ... means"), 1 for
    a question, a question word opening it (or its part after a colon) or a span of time since
    ("one year in"), else 0."""
    if not words:
        return 0
    if _GENRES.intersection(words) or ("what" in words and _MEANS.intersection(words)):
        return 2
    if tuple(words[:3]) in _GENRE_OPENINGS or any(
        pair in _GENRE_PAIRS for pair in zip(words, words[1:], strict=False)
    ):
        return 2
    if _label_genre(words) or _digest_week(words):
        return 2
    if "?" in words or words[0] in _QUESTION_WORDS or _time_since(words, _SINCE_HEADLINE):
        return 1
    pairs = zip(words, words[1:], strict=False)
    return int(
        any(a == ":" and b in _QUESTION_WORDS or (a, b) == ("in", "review") for a, b in pairs)
    )


def _digest_week(words: list[str]) -> bool:
    """A digest named by its week further on in the headline: the part after its label ("Law
    Weekly: the week of March 2", "Ferry Notes: the week in shipping") or its closing "and the
    rest of the week in music"; not a report's time ("later in the week in Oakland", "trial set
    for the week of March 2", "to testify for the rest of the week in Oakland")."""
    for i in range(1, len(words) - 2):
        if words[i : i + 2] != ["the", "week"] or words[i + 2] not in ("of", "in"):
            continue
        month = words[i + 3 : i + 4] and words[i + 3] in MONTH_NUMBERS
        if words[i - 1] == ":" and (words[i + 2] == "in" or month):
            return True
        if words[i + 2] == "in" and words[max(0, i - 4) : i] == ["and", "the", "rest", "of"]:
            return True
    return False


def _label_genre(words: list[str]) -> bool:
    """A digest named as the headline's label (`_LABEL_GENRES`): "Briefing: ...", "Transport
    briefing: ...", "Toll trial: the wrap-up"; not "Judge sets briefing schedule"."""
    for label in _LABEL_GENRES:
        size = len(label)
        for i in range(len(words) - size + 1):
            if tuple(words[i : i + size]) != label:
                continue
            start = i - (i > 0 and words[i - 1] in _LABEL_ARTICLES)
            if start == 0 or words[start - 1] == ":" or words[i + size : i + size + 1] == [":"]:
                return True
    return False


def names_genre(text: str) -> bool:
    """Whether a short text names a genre of commentary ("Opinion", "News analysis")."""
    return bool(_GENRES.intersection(_TOKEN.findall(text.casefold())))


def _kicker(body: str) -> bool:
    """The text opens on a line that only names its genre ("Analysis", "NEWS ANALYSIS",
    "Opinion", "Newsletter"), as a kicker above the headline or the first paragraph."""
    first = body.lstrip().split("\n", 1)[0]
    words = _TOKEN.findall(first.casefold()) if len(first) <= 40 else []
    return bool(_GENRES.intersection(words)) and _KICKER_WORDS.issuperset(words)


def _time_since(words: list[str], after: frozenset[str]) -> bool:
    """A count, a unit of time and one of `after`: "two days after", "five months into"."""
    return any(
        words[i + 1] in _UNITS and words[i + 2] in after and (w in _COUNTS or w.isdigit())
        for i, w in enumerate(words[:-2])
    )


def _looks_back(words: list[str]) -> bool:
    """The opening dates the development in the past: "last week", "two days after", "When
    Reddit sued ...". Not "Thursday's settlement": a follow-up of the same days (the reactions
    to it) names the development so; only as the opening's topic does it mark commentary."""
    for i, word in enumerate(words[:-1]):
        if word == "last" and words[i + 1] in _LAST:
            return True
    if words[0] == "when" and _WHEN_ACTS.intersection(words[1:5]):
        return True
    return _time_since(words, _SINCE_OPENING)


def _dated_today(words: list[str]) -> bool:
    """A report's act on its day: "today", "yesterday", "on Thursday", "late Tuesday" (not
    "last Tuesday", "next Tuesday" or "Tuesday's")."""
    if _TODAY.intersection(words):
        return True
    return any(
        word in _WEEKDAY_SET
        and (i == 0 or words[i - 1] not in ("last", "next"))
        and words[i + 1 : i + 2] != ["s"]
        for i, word in enumerate(words)
    )


@functools.lru_cache(maxsize=64)
def _prose(head: str) -> str:
    """The head of a text (its first VOICE_CHARS) normalised, quotations removed; cached, as
    `commentary_of` and `opening_of` both read it."""
    text = unicodedata.normalize("NFKC", head)
    if '"' in text or "“" in text:
        text = _DOUBLE_QUOTED.sub(" ", text)
    if "‘" in text:
        text = _CURLY_QUOTED.sub(" ", text)
    if "'" in text:
        text = _SINGLE_QUOTED.sub(" ", text)
    return text


def opening_of(text: str) -> str:
    """The opening sentence of a text: the first sentence of its first paragraph written as
    prose (a dek or a byline, which ends without a full stop, is skipped), quotations removed,
    at most OPENING_WORDS words."""
    return _opening(_prose(text[:VOICE_CHARS]))


def _opening(text: str) -> str:
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if not _SENTENCE_END.search(paragraph[-3:]) or paragraph.count(" ") < 7:
            continue
        head = paragraph[: OPENING_WORDS * 12]
        end = _SENTENCE_BREAK.search(head)
        return " ".join(head[: end.start() + 1 if end else None].split()[:OPENING_WORDS])
    return ""


def _days_back(words: list[str], *, published: dt.date | None) -> bool | None:
    """Whether the first day the opening names ("May 9", "4 November": the latest such day not
    after the publication date) is at least STALE_DAYS before publication; None when it names
    none or the publication date is unknown."""
    if published is None:
        return None
    for i, word in enumerate(words[:-1]):
        if word in MONTH_NUMBERS and words[i + 1].isdigit():
            month, number = MONTH_NUMBERS[word], words[i + 1]
        elif word.isdigit() and words[i + 1] in MONTH_NUMBERS:
            month, number = MONTH_NUMBERS[words[i + 1]], word
        else:
            continue
        day = day_or_none(published.year, month, int(number)) if len(number) <= 2 else None
        if day is not None and day > published:
            day = day_or_none(published.year - 1, month, int(number))
        if day is not None:
            return (published - day).days >= STALE_DAYS
    return None
