"""Events in articles: which known events an article reports, and new events to suggest.

A sentence is read once (`Sentence`): its stems, the kinds of event its verbs say (filing,
ruling, testimony...: eventwords.verbs, in the many words reporting uses for each), its main
verb (the first after an opening "After the verdict," clause), whether a pronoun or "the
company" stands for the party who acted, its dates (a dateline's left out; "since 2023" is how
long, not when, and "until June", "published before 2021", "dated May 2" bound a period or
date a document), whether it is page furniture (byline, caption, timestamp) or speaks of the
future. Furniture reports nothing. The headline is read as the article's lead
(`headline_events`), unless it announces ("Musk to testify").

A sentence reports a known event (`match`) when they share meaning, counted on "core" stems:
the event's title and keywords without the words every report of the dispute uses (party names,
"court", "lawsuit"...). A keyword counts only for its telling words, and one naming a year
("2023 ruling") only in a sentence naming that year; an amount ("$97.4 billion") of the title
counts as a keyword.
Nothing matches an event that began after the article (a day's grace), nor one whose act the
sentence contradicts: reports call a suit, a motion and a dropped claim all "filed", and a
dismissal, a certification and an approved settlement all a ruling, so a title's first verb says
its act (eventwords.verb_act: "moves to dismiss" is a motion) and a sentence whose verbs of the
event's kind all say another act ("Musk dropped his suit" is no suing) does not report it.
A date told of the future dates nothing (`Sentence.planned`: "a trial set for May 12"), unless
an event verb comes between ("said it would appeal, and refiled in August": August is the
refiling's).
- Dated: a date of the sentence overlaps the event's, at the event's precision or coarser (a day
  inside a month event is suggested as an event of its own; "last week" holding the event's day
  dates it), and a keyword of the event is found, or two core stems and a third of the
  event's, or the event's kind (or its very day) and one core stem.
- Undated: no date of the sentence contradicts the event (an explicit date elsewhere does; a
  guessed year does not), the event is not after the article (its date is the upper bound), the
  sentence does not speak of the future before its event verb, names or refers to a party the
  event's title names (or any of the case's when it names none), its main verb is not of
  another kind (a statement, or an act of reporting, may retell any), and a filing or appeal
  it tells was not made by another party (the names before its verb, unless passive: "Microsoft
  asked the court to..." is not "OpenAI moves to dismiss"); a sentence with no event verb, or
  only someone's word ("Midjourney says..."), reports only when it retells the title (three
  core stems and half of them) or, for the latter, holds a keyword phrase of it ("a 2023
  opinion") or the event has no kind of its own; else a keyword with the kind or another core
  stem (or, for an event of no kind, a keyword phrase: "went out of business"), or the kind
  with two core stems and a third of the event's, or three core stems and half; the kind (not a
  mere statement) with one core stem in the lead (the first two sentences and the headline,
  which tell the news) or when the event is the article's news (at most RECENT_DAYS before it).
- By date and kind alone: a sentence naming or referring to a party, with a verb of one kind
  and a date at which the case has exactly one event of that kind ("It brought the claim in
  January 2023").
A sentence reports the event it tells best, any other one of its dates dates ("in November",
the very day), and any it names by a dated noun phrase ("the objection to the March order":
the order, and the ruling on the objection). Confidence: 0.5 + 0.4 x agreement (+0.1 for the
same day) when dated; 0.35 + 0.4 x agreement undated, +0.05 for the article's news (an event
of the days before it: of two events a sentence tells alike, the one it reports).

A new event is suggested, for the case an article is filed under, from a sentence that reports
no known event, says something happened in a dispute (its main verb an event verb: filed, ruled,
testified...) and dates it to a day or a month (a year alone, "founded in 2015", is background).
An act of reporting is not an event of the case: a main verb telling how a party answered the
reporter ("declined to comment", "pointed reporters on Friday to its blog post", "told
reporters", "said in an interview") suggests nothing, and its day does not date what was said.
Nor is a development told with a party of another case and not of this one ("a ruling on
Monday in a similar case against Anthropic"), nor a company's business told in passing: a
party's word about a merger, a purchase or its results, or a date in a relative clause the verb
is not in ("Thomson Reuters, which agreed in June 2023 to buy Casetext, has said..."). The date taken is the sentence's most precise date
that does not modify a noun ("the December 27, 2023 complaint" names a document, not when the
sentence's event happened) and comes before any talk of the future ("calling off a trial that
had been set to begin on May 12"); an explicit date beats a weekday (dates.py drops "Thursday"
before "April 30, 2026"). Confidence 0.3, +0.1 with a party named, +0.1 for an exact day. A
candidate that is a known or suggested event (`same_event`) merges into it (suggestions.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from tracker.core.dates import dateline_end
from tracker.linking.dates import DateMention, dates_find, overlaps, period
from tracker.linking.eventwords import (
    content,
    future_at,
    is_caption,
    is_certain,
    is_furniture,
    keyword_stems,
    main_clause_at,
    stems,
    verb_act,
    verbs,
    years,
)

__all__ = [
    "Candidate",
    "began_after",
    "EventInfo",
    "event_candidates",
    "events_reported",
    "headline_events",
    "keyword_stems",
    "same_event",
    "stems",
]

_LEAD = re.compile(
    r"^(?:(?:moreover|however|meanwhile|additionally|ultimately|in fact|instead|also),\s+)",
    re.IGNORECASE,
)
_MODIFIER_BEFORE = re.compile(r"(?:\b(?:the|its|his|her|their|a|an)|'s|\u2019s)\s+$", re.IGNORECASE)
_MODIFIER_AFTER = re.compile(r"^,?\s+[a-z][a-z-]+")
_NOT_NOUN = frozenset(
    [
        "and",
        "or",
        "to",
        "that",
        "when",
        "as",
        "at",
        "in",
        "on",
        "by",
        "for",
        "with",
        "was",
        "were",
        "is",
        "of",
    ]
)
TITLE_MAX = 200
# Kinds of verb that tell what someone said (or would not say), which may retell any event.
_WORDS = ("statement", "reporting")
_RANK = {"day": 0, "month": 1, "year": 2}
RECENT_DAYS = 7  # an event this many days before the article is the news it reports
RECENT_BONUS = 0.05  # what being the article's news adds to an undated sentence's confidence
DATED_BY_KIND = 0.55  # the confidence of `_dated_by_kind`
TOLD_MARGIN = (
    0.15  # how much weaker than an event it names by date the event a sentence tells may be
)
# Who did it, when the sentence does not name them: a pronoun or "the company" before the verb;
# "a judge ruled in June" recalls the case's judge in passing.
_REFERENCE = re.compile(
    r"\b(?:it|its|he|his|she|her|they|their|the\s+(?:company|firm|start-?up|agency|paper|"
    r"newspaper|publisher|lab|platform|site|plaintiffs?|defendants?|lawsuit|suit|case)|"
    r"(?:the|a)\s+(?:federal\s+)?judge)\b",
    re.IGNORECASE,
)
REFERENCE_REACH = 40  # characters before the verb a pronoun standing for its subject is in
_NAME = re.compile(r"\b[A-Z][\w.&'’-]*")  # a name between the pronoun and the verb: its subject
# ", which ...," / ", who ...,": a relative clause telling background about a name.
_ASIDE = re.compile(r",\s*(?:which|who)\b[^,;]*(?:,|$)", re.IGNORECASE)
# A company's business (a merger, a purchase, funding, results), told with a verb of speech: the
# background of an article, not an act of its dispute ("a merger with Shutterstock, announced
# in January"). A bid's own words ("offer to buy") are kept: a bid can be what the case is about.
_BUSINESS = re.compile(
    r"\b(?:merg(?:er|ers|e|ed|ing)|acqui(?:sition|sitions|re|res|red|ring)|bought|buys|"
    r"purchas(?:e|es|ed|ing)|stake|funding|raised\s+\$|investment|valuation|ipo|earnings|"
    r"revenue|profits?|quarterly|hired|hires|appointed)\b",
    re.IGNORECASE,
)
_KINDLESS = frozenset(["other", "statement"])  # events no verb of their own kind tells
_PARTY_ACTS = frozenset(["filing", "appeal"])  # acts a party makes, named as its subject
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_SPEECH = frozenset(["said", "says", "announced", "wrote", "published", "posted"])
# A date that bounds a period ("since 2023", "works published before 2021", "data gathered
# through June 2024", "a deadline of March 3") or belongs to a document ("a letter dated May 2"):
# not when the sentence's event happened.
_SINCE = re.compile(
    r"\b(?:since|until|till|through|before|prior\s+to|up\s+to|as\s+of|no\s+later\s+than|"
    r"deadline\s+of|cutoff\s+of|dated|(?:published|written|posted|created)\s+(?:in|before|after))"
    r"\s+(?:(?:the|early|late|mid|end|start|beginning|spring|summer|autumn|fall|winter|of|in)"
    r"\s+){0,3}$",
    re.IGNORECASE,
)


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
    keywords: tuple[frozenset[str], ...] = ()  # the stems (and years) of each keyword
    names: frozenset[str] = frozenset()  # stems of the case's party names: not meaning

    @property
    def range(self) -> tuple[dt.date, dt.date]:
        return period(self.date, self.precision)

    @cached_property
    def telling(self) -> tuple[frozenset[str], ...]:
        """The keywords that say which event: a keyword of words every report of the dispute
        uses ("lawsuit") or of party names alone tells nothing."""
        told = (content(k) - self.names for k in self.keywords)
        return tuple(k for k in told if k)

    @cached_property
    def actor(self) -> frozenset[str]:
        """The party names before its title's first event verb: who did it ("OpenAI moves to
        dismiss": OpenAI); empty when the title names none there."""
        found = verbs(self.title)
        if not found or _PASSIVE.search(self.title, 0, found[0][2]):
            return frozenset()  # "OpenAI is ordered to...": OpenAI did not act
        return stems(self.title[: found[0][2]]) & self.names

    @cached_property
    def act(self) -> str | None:
        """What its title's first verb says was filed or ruled ("moves to dismiss": a motion),
        or, when that verb does not say ("files"), the next of its kind ("files an amended
        complaint": an amendment); None when the title tells the event by a verb of another
        kind only ("dismisses the Delaware case to refile" for a filing)."""
        found = verbs(self.title)
        if not found:
            return None
        kind = found[0][0]
        if kind != self.kind and self.kind != "other":
            kind = self.kind  # its act is told by a verb of the event's kind, if any
        said = (verb_act(k, verb) for k, verb, _ in found if k == kind)
        return next((act for act in said if act is not None), None)

    @cached_property
    def core(self) -> frozenset[str]:
        words = self.stems.union(*self.keywords) if self.keywords else self.stems
        return content(words) - self.names


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


class Sentence:
    """What the matching needs to know of one sentence, each worked out when first asked."""

    def __init__(self, text: str, span: tuple[int, int], dates: list[DateMention]) -> None:
        self.source = text
        self.span = span
        self.skip = dateline_end(text[span[0] : min(span[1], span[0] + 120)])
        self.dates = [d for d in dates if d.start >= span[0] + self.skip]
        self.caption_above = False  # set when a photo credit follows on the same line
        self.lead = False  # one of the article's first two sentences: the news it reports

    @cached_property
    def text(self) -> str:
        return self.source[self.span[0] + self.skip : self.span[1]]

    @cached_property
    def furniture(self) -> bool:
        return self.caption_above or is_furniture(self.source[self.span[0] : self.span[1]])

    @cached_property
    def stems(self) -> frozenset[str]:
        return stems(self.text)

    @cached_property
    def words(self) -> frozenset[str]:
        """Its stems and the years it names: what an event's keywords are looked for in."""
        found = years(self.text)
        return self.stems | found if found else self.stems

    @cached_property
    def verbs(self) -> list[tuple[str, str, int]]:
        return verbs(self.text)

    @cached_property
    def kinds(self) -> list[tuple[str, str]]:
        return [(kind, verb) for kind, verb, _ in self.verbs]

    @cached_property
    def main_verb(self) -> tuple[str, int] | None:
        """The kind and offset of the main clause's first event verb ("After the verdict, he
        appealed": the appeal; "Musk, who sued in 2024, testified": the testimony), else of the
        sentence's first."""
        if not self.verbs:
            return None
        opening = main_clause_at(self.text)
        outside = [v for v in self.verbs if not any(lo <= v[2] < hi for lo, hi in self.asides)]
        kind, _, at = next((v for v in outside if v[2] >= opening), (outside or self.verbs)[0])
        return kind, at

    @cached_property
    def main_act(self) -> str | None:
        """What its main verb says was filed or ruled, if it says."""
        if self.main_verb is None:
            return None
        kind, verb, _ = next(v for v in self.verbs if v[2] == self.main_verb[1])
        return verb_act(kind, verb)

    def other_act(self, kind: str, act: str) -> bool:
        """Its verbs of a kind all say another act than `act` ("Musk dropped his suit" is no
        suing); a verb that does not say ("filed") may be any."""
        said = [verb_act(k, verb) for k, verb, _ in self.verbs if k == kind]
        return bool(said) and None not in said and act not in said

    @cached_property
    def subject(self) -> frozenset[str] | None:
        """The stems before the main verb in its main clause (who acted), or None when the verb
        is passive ("OpenAI was sued by the Times") or there is none."""
        if self.main_verb is None:
            return None
        verb = self.main_verb[1]
        if _PASSIVE.search(self.text, max(0, verb - 20), verb):
            return None
        opening = main_clause_at(self.text)  # past the verb when it is the opening clause's
        return stems(self.text[opening if opening <= verb else 0 : verb])

    @cached_property
    def kind_set(self) -> set[str]:
        return {kind for kind, _ in self.kinds}

    @cached_property
    def future_from(self) -> int | None:
        """Where the sentence starts speaking of the future (an offset in the text), or None."""
        at = future_at(self.text)
        return None if at is None else self.span[0] + self.skip + at

    @cached_property
    def speaks_of_future(self) -> bool:
        """The future comes before any event verb ("will testify"; not "ruled, dimming hopes
        that courts would...")."""
        if self.future_from is None:
            return False
        return not self.verbs or self.future_from < self.span[0] + self.skip + self.verbs[0][2]

    @cached_property
    def planned(self) -> set[int]:
        """Dates told of the future ("calling off a trial that had been set to begin on May
        12"): when something was to happen, not when it did. A date after an event verb that
        follows the future is that verb's ("said it would appeal, and it refiled in August")."""
        if self.future_from is None:
            return set()
        base = self.span[0] + self.skip
        verbs = [base + at for _, _, at in self.verbs if base + at >= self.future_from]
        return {
            id(d)
            for d in self.dates
            if d.start >= self.future_from and not any(at < d.start for at in verbs)
        }

    @cached_property
    def asides(self) -> list[tuple[int, int]]:
        """Spans (in the text) of its non-restrictive relative clauses (", which agreed in June
        2023 to buy Casetext,", ", who sued in February,"): background about whom the sentence
        is about, not its news."""
        return [m.span() for m in _ASIDE.finditer(self.text)]

    @cached_property
    def modifiers(self) -> set[int]:
        return {id(d) for d in self.dates if _is_modifier(self.source, d)}

    @cached_property
    def since(self) -> set[int]:
        """Dates that bound a period ("pursued in Delaware since 2023", "books published before
        2021", "until June") or date a document ("a letter dated May 2"): not the event's."""
        return {
            id(d) for d in self.dates if _SINCE.search(self.source[max(0, d.start - 30) : d.start])
        }

    @cached_property
    def refers(self) -> bool:
        """A pronoun or a description ("it", "the company") before the first event verb: the
        sentence tells what a party named earlier did."""
        if self.main_verb is None:
            return False
        verb = self.main_verb[1]
        start = max(main_clause_at(self.text), verb - REFERENCE_REACH)
        found = list(_REFERENCE.finditer(self.text, start, verb))
        return bool(found) and _NAME.search(self.text, found[-1].end(), verb) is None

    @cached_property
    def guessed(self) -> set[int]:
        return {
            id(d) for d in self.dates if d.relative and not is_certain(self.source[d.start : d.end])
        }


def _is_modifier(text: str, date: DateMention) -> bool:
    """ "the December 27, 2023 complaint": a date naming a thing rather than dating the event."""
    if not _MODIFIER_BEFORE.search(text[max(0, date.start - 8) : date.start]):
        return False
    after = _MODIFIER_AFTER.match(text[date.end : date.end + 30])
    return after is not None and after.group().split()[-1] not in _NOT_NOUN


def _is_week(date: DateMention) -> bool:
    return date.lo != date.hi and date.precision == "day"


def finer(precision: str, than: str) -> bool:
    """A day is finer than a month: "on April 27" does not date "April 2026" as a whole."""
    return _RANK.get(precision, 0) < _RANK.get(than, 0)


def _contradicts(date: DateMention, event: EventInfo, guessed: bool) -> bool:
    """A date other than the event's: the sentence is about something else. A month or day
    whose year was guessed ("in March", "March 4") far from the event is no proof."""
    if overlaps((date.lo, date.hi), event.range):
        return False
    return not guessed or abs((date.lo - event.date).days) < 45


@dataclass(frozen=True)
class Shared:
    """What a sentence and an event have in common."""

    common: int  # core stems
    share: float  # of the event's core stems
    keyword: bool  # a keyword of the event, or an amount ("$97.4 billion") of its title
    kind: bool  # the sentence has a verb of the event's kind
    besides: int = 0  # core stems beside those of the keyword found
    phrase: bool = False  # a keyword of two or more telling stems ("shut down", "gave up")

    @property
    def agreement(self) -> float:
        return min(1.0, self.share + (0.3 if self.keyword else 0.0) + (0.2 if self.kind else 0.0))


def _shared(sentence: Sentence, event: EventInfo) -> Shared:
    core = event.core
    found = sentence.words & core
    keywords = [k for k in event.telling if k <= sentence.words]
    amount = any(word[:1].isdigit() for word in found)
    return Shared(
        common=len(found),
        share=len(found) / len(core) if core else 0.0,
        keyword=bool(keywords) or amount,
        kind=event.kind != "other" and event.kind in sentence.kind_set,
        besides=len(found.difference(*keywords)) if keywords else len(found),
        phrase=any(len(k) >= 2 for k in keywords),
    )


def _dating(sentence: Sentence, event: EventInfo) -> list[DateMention]:
    """The sentence's dates that date the event: overlapping it, at its precision or coarser
    (a week "last week" holding its day counts)."""
    return [
        d
        for d in sentence.dates
        if id(d) not in sentence.since
        and id(d) not in sentence.planned
        and overlaps((d.lo, d.hi), event.range)
        and (_is_week(d) or not finer(d.precision, event.precision))
    ]


def _dated(sentence: Sentence, event: EventInfo, dated: list[DateMention], shared: Shared):
    """The confidence a dated sentence reports the event, or None."""
    exact = event.precision == "day" and any(d.lo == d.hi == event.date for d in dated)
    if (
        shared.keyword
        or (shared.common >= 2 and shared.share >= 1 / 3)
        or ((shared.kind or exact) and shared.common >= 1)
    ):
        return round(min(0.99, 0.5 + 0.4 * shared.agreement + (0.1 if exact else 0.0)), 3)
    return None


def _undated_allowed(sentence: Sentence, event: EventInfo, published: dt.date | None) -> bool:
    """No date of the sentence contradicts the event, it is not after the article, the sentence
    does not speak of the future, it names (or refers to) the event's party, and its main verb
    is not of another kind."""
    if any(
        _contradicts(d, event, id(d) in sentence.guessed)
        for d in sentence.dates
        if id(d) not in sentence.modifiers
        and id(d) not in sentence.since
        and id(d) not in sentence.planned
    ):
        return False
    if sentence.speaks_of_future or (published is not None and event.date > published):
        return False
    if sentence.main_verb and sentence.main_verb[0] not in (event.kind, *_WORDS):
        return False  # its main verb tells another kind of event
    if _other_actor(sentence, event):
        return False
    named = event.stems & event.names or event.names  # the parties its title names, else any
    return not named or bool(sentence.stems & named) or sentence.refers


def _other_actor(sentence: Sentence, event: EventInfo) -> bool:
    """The sentence tells a filing or an appeal, the event's kind, made by another party
    ("Microsoft asked the court to..." is not "OpenAI moves to dismiss"). A court's acts are
    told with the party ordered first, so rulings are left alone."""
    if (
        event.kind not in _PARTY_ACTS
        or not event.actor
        or sentence.main_verb is None
        or sentence.main_verb[0] != event.kind
    ):
        return False
    if event.act is not None and sentence.main_act != event.act:
        return False  # the main verb tells another act; the event's is told elsewhere
    subject = sentence.subject
    if subject is None:
        return False
    actors = subject & event.names
    return bool(actors) and actors.isdisjoint(event.actor)


def began_after(event: EventInfo, published: dt.date | None) -> bool:
    """The event begins after the article's day (a day's grace for time zones)."""
    return published is not None and event.range[0] > published + dt.timedelta(days=1)


def _recent(event: EventInfo, published: dt.date | None) -> bool:
    """The event happened in the days just before the article: the news it reports."""
    return published is not None and 0 <= (published - event.date).days <= RECENT_DAYS


def _undated(sentence: Sentence, event: EventInfo, shared: Shared, published: dt.date | None):
    """The confidence an undated sentence reports the event, or None."""
    if not _undated_allowed(sentence, event, published):
        return None
    if (not shared.keyword and not shared.kind) or not sentence.verbs:
        # a sentence with no event verb says nothing happened, unless it retells the title
        return _retold(shared)
    told_otherwise = shared.kind or shared.phrase or event.kind in _KINDLESS
    if not told_otherwise and sentence.kind_set <= set(_WORDS):
        # only someone's word ("Midjourney says the studios cannot complain"): a one-word
        # keyword of the event in passing is not a report of it; its title retold, or a
        # phrase of it ("a 2023 opinion in which Bibas said..."), is
        return _retold(shared)
    told = shared.kind and event.kind != "statement"
    # an event of no kind ("announces it will shut down") is told by its own phrase alone
    unkind = event.kind == "other" and shared.phrase
    if (
        (shared.keyword and (shared.kind or shared.besides >= 1 or unkind))
        or (shared.kind and shared.common >= 2 and shared.share >= 1 / 3)
        or (shared.common >= 3 and shared.share >= 0.5)
        or (told and shared.common >= 1 and (sentence.lead or _recent(event, published)))
    ):
        # of two events it tells alike, an undated sentence tells the article's news
        news = RECENT_BONUS if _recent(event, published) else 0.0
        return round(0.35 + 0.4 * shared.agreement + news, 3)
    return None


def _retold(shared: Shared) -> float | None:
    """Most of the event's title retold in other order."""
    if shared.common >= 3 and shared.share >= 0.5:
        return round(0.35 + 0.4 * shared.agreement, 3)
    return None


def match(sentence: Sentence, event: EventInfo, published: dt.date | None) -> float | None:
    """The confidence that the sentence reports the event, or None (see the module docstring)."""
    if sentence.words.isdisjoint(event.core) or sentence.furniture:
        return None  # every way of matching needs a word in common (keywords are core words)
    if began_after(event, published):
        return None  # an article cannot report what had not begun when it was written
    shared = _shared(sentence, event)
    if not shared.common and not shared.keyword:
        return None  # every way of matching needs a word in common
    if event.act and sentence.other_act(event.kind, event.act):
        return None  # another act: a motion in the suit is not the suit
    dated = _dating(sentence, event)
    if dated:
        return _dated(sentence, event, dated, shared)
    if any(overlaps((d.lo, d.hi), event.range) for d in sentence.dates):
        return None  # dated finer than the event ("on April 27" in April): an event of its own
    return _undated(sentence, event, shared, published)


def _dated_by_kind(
    sentence: Sentence, events: list[EventInfo], published: dt.date | None
) -> EventInfo | None:
    """ "It brought the claim in January 2023": a sentence naming (or referring to) a party, with
    a verb of one kind and a date at which the case has exactly one event of that kind, reports
    it though it shares no word with its title."""
    if not sentence.dates or sentence.furniture or not sentence.kinds:
        return None  # (cheapest first: most sentences have no date)
    if sentence.speaks_of_future:
        return None
    found = [
        e
        for e in events
        if e.kind in sentence.kind_set
        and not began_after(e, published)
        and any(d.precision != "year" and not _is_week(d) for d in _dating(sentence, e))
    ]
    if len(found) != 1:
        return None
    event = found[0]
    named = event.stems & event.names or event.names
    return event if sentence.refers or not named or sentence.stems & named else None


def read(text: str, spans: list[tuple[int, int]], dates: list[DateMention]) -> list[Sentence]:
    """Every sentence of the text with its dates."""
    out: list[Sentence] = []
    index = 0
    for span in spans:
        mine = []
        while index < len(dates) and dates[index].start < span[1]:
            if dates[index].start >= span[0]:
                mine.append(dates[index])
            index += 1
        sentence = Sentence(text, span, mine)
        if out and is_caption(text, span):
            # "Musk leaves court on Tuesday. Photo: Lin Wu": a caption, back to the line start
            for before in reversed(out):
                if "\n" in text[before.span[1] : span[0]]:
                    break
                before.caption_above = True
                span = before.span
        sentence.lead = len(out) < 2
        out.append(sentence)
    return out


def byline_date(sentences: list[Sentence]) -> dt.date | None:
    """The day a page states for itself in its byline or timestamp ("May 1, 2026" under the
    author's name), for articles that came without a publication date."""
    for sentence in sentences[:8]:
        explicit = [d for d in sentence.dates if not d.relative and d.precision == "day"]
        short = len(sentence.text) <= 60 and not sentence.kinds
        if explicit and (sentence.furniture or short):
            return explicit[0].date
    return None


def _found(
    sentence: Sentence, published: dt.date | None, events: list[EventInfo]
) -> list[tuple[float, EventInfo]]:
    """The events a sentence reports with their confidence: the one it tells best, any other a
    date of the sentence dates (the very day, "in November"), and those it names by a dated
    noun phrase ("the objection to the March order": the order, and the ruling on it)."""
    found = [(c, e) for e in events if (c := match(sentence, e, published)) is not None]
    if not found:
        alone = _dated_by_kind(sentence, events, published)
        return [] if alone is None else [(DATED_BY_KIND, alone)]
    named = [(c, e) for c, e in found if _named_by_date(sentence, e)]
    told = [(c, e) for c, e in found if not _named_by_date(sentence, e)]
    top = max((c for c, _ in told), default=None)
    if named and top is not None and top < max(c for c, _ in named) - TOLD_MARGIN:
        top = None  # far weaker than the event it names: a stray word, not what it tells
    return named + [(c, e) for c, e in told if c == top or _dated_apart(sentence, e)]


def _dated_apart(sentence: Sentence, event: EventInfo) -> bool:
    """A date of the sentence dates the event on its own: a month or a day, or a year with a
    keyword or amount of the event ("the $97.4 billion takeover offer last year")."""
    dating = _dating(sentence, event)
    if any(d.precision != "year" for d in dating):
        return True
    return bool(dating) and _shared(sentence, event).keyword


def _named_by_date(sentence: Sentence, event: EventInfo) -> bool:
    """Dated only by dates naming a thing ("the March order"), not by when the sentence says
    something happened."""
    dating = _dating(sentence, event)
    return bool(dating) and all(id(d) in sentence.modifiers for d in dating)


def events_reported(
    sentences: list[Sentence], published: dt.date | None, events: list[EventInfo]
) -> tuple[list[tuple[EventInfo, float, tuple[int, int]]], set[int]]:
    """Known events the sentences report, (event, confidence, span) best per event, and the
    indexes of the sentences that report one."""
    best: dict[int, tuple[EventInfo, float, tuple[int, int]]] = {}
    reporting: set[int] = set()
    if not events:
        return [], reporting
    for index, sentence in enumerate(sentences):
        found = _found(sentence, published, events)
        if found:
            reporting.add(index)
        for confidence, event in found:
            held = best.get(id(event))
            if held is None or held[1] < confidence:
                best[id(event)] = (event, confidence, sentence.span)
    return list(best.values()), reporting


# "Musk to testify", "Getty set to appeal": a headline telling what is to come.
_HEADLINE_PLAN = re.compile(r"\b(?:to|will|may|could|set\s+to|plans\s+to)\s+$", re.IGNORECASE)


def headline_events(
    title: str, published: dt.date | None, events: list[EventInfo]
) -> list[tuple[EventInfo, float]]:
    """Known events a headline reports ("Getty Images Drops Delaware Suit, Refiles in
    California"), read as the article's lead: its dates resolved against the article's date,
    nothing it announces ("Musk to testify")."""
    if not title or not events:
        return []
    sentence = Sentence(title, (0, len(title)), dates_find(title, published))
    sentence.lead = True
    if sentence.main_verb and _HEADLINE_PLAN.search(title, 0, sentence.main_verb[1]):
        return []
    return [(event, confidence) for confidence, event in _found(sentence, published, events)]


def _title(sentence: str) -> str:
    title = _LEAD.sub("", " ".join(sentence.split())).strip()
    title = title[:1].upper() + title[1:]
    if len(title) > TITLE_MAX:
        cut = title.rfind(" ", 0, TITLE_MAX - 1)
        title = title[: cut if cut > 0 else TITLE_MAX - 1].rstrip(",;:") + "…"
    return title


def _event_verb(sentence: Sentence) -> tuple[str, str, int] | None:
    """The verb that tells a new event: the sentence's first that is not an act of reporting.
    None when its main verb is one: "Anthropic pointed reporters on Friday to its blog post",
    "a spokesperson told reporters on Monday that it had appealed" date the reporting."""
    if sentence.main_verb is None or sentence.main_verb[0] == "reporting":
        return None
    main = sentence.main_verb[1]
    return next((v for v in sentence.verbs if v[2] >= main and v[0] != "reporting"), None)


def _event_date(
    sentence: Sentence, published: dt.date | None, verb_at: int = 0
) -> DateMention | None:
    """The sentence's most precise date that dates its verb (at `verb_at` in its text): not a
    modifier ("the March order"), a week, a date after the article or after the sentence starts
    speaking of the future ("a trial set for May 12", "was set to continue on Wednesday"), nor
    one in a relative clause the verb is not in ("Thomson Reuters, which agreed in June 2023 to
    buy Casetext, has said...")."""
    base = sentence.span[0] + sentence.skip
    asides = [(base + lo, base + hi) for lo, hi in sentence.asides]
    verb = base + verb_at
    usable = [
        d
        for d in sentence.dates
        if not _is_week(d)
        and id(d) not in sentence.modifiers
        and id(d) not in sentence.since
        and (sentence.future_from is None or d.start < sentence.future_from)
        and not any(lo <= d.start < hi and not lo <= verb < hi for lo, hi in asides)
        and not (published is not None and d.lo > published + dt.timedelta(days=1))
    ]
    if not usable:
        return None
    return min(usable, key=lambda d: (_RANK.get(d.precision, 0), d.start))


def _business(sentence: Sentence) -> bool:
    """A company's business (a merger, a purchase, results) told only by verbs of speech; a
    relative clause about whom the sentence is about does not count ("Microsoft, which holds a
    stake in OpenAI, said on Monday it would fight the suit" is its word on the dispute)."""
    said = [verb for kind, verb, _ in sentence.verbs if kind == "statement"]
    if not said or any(verb not in _SPEECH for verb in said):
        return False
    text, cut = sentence.text, 0
    parts = []
    for lo, hi in sentence.asides:
        parts.append(text[cut:lo])
        cut = hi
    parts.append(text[cut:])
    return _BUSINESS.search(" ".join(parts)) is not None


def _tells_another_case(sentence: Sentence, strangers: list[int]) -> bool:
    """The sentence names a party of another case (at `strangers`) outside its asides: ", which
    also supplies Initech," is background about whom the sentence is about, not its news."""
    base = sentence.span[0] + sentence.skip
    asides = [(base + lo, base + hi) for lo, hi in sentence.asides]
    return any(
        sentence.span[0] <= at < sentence.span[1] and not any(lo <= at < hi for lo, hi in asides)
        for at in strangers
    )


def event_candidates(
    sentences: list[Sentence],
    published: dt.date | None,
    case_id: int,
    party_starts: list[int],
    reporting: set[int] = frozenset(),  # type: ignore[assignment]
    strangers: list[int] = (),  # type: ignore[assignment]
) -> list[Candidate]:
    """New events the sentences may report for a case (see the module docstring); a sentence
    naming a party of another case and not of this one (at `strangers`) tells of that case
    ("a ruling on Monday in a similar case against Anthropic")."""
    found: list[Candidate] = []
    for index, sentence in enumerate(sentences):
        if index in reporting or not sentence.dates or sentence.furniture:
            continue
        if _tells_another_case(sentence, strangers):
            continue
        verb = _event_verb(sentence)
        if verb is None:
            continue  # no event verb, or an act of reporting
        date = _event_date(sentence, published, verb[2])
        if date is None or date.precision == "year":
            continue  # "OpenAI released GPT-5 on Thursday", "founded in 2015": not the dispute's
        start, end = sentence.span
        named = any(start <= p < end for p in party_starts)
        if verb[0] == "statement" and (not named or _business(sentence)):
            continue  # someone's word, but no party of the case's; or a company's business
        confidence = 0.3 + (0.1 if named else 0)
        confidence += 0.0 if date.relative or date.precision != "day" else 0.1
        found.append(
            Candidate(
                case_id=case_id,
                date=date.date,
                precision=date.precision,
                kind=verb[0],
                title=_title(sentence.text),
                start=start + sentence.skip,
                end=end,
                confidence=round(confidence, 3),
                stems=sentence.stems,
            )
        )
    return found


def same_event(candidate: Candidate, event: EventInfo) -> bool:
    """A candidate is an existing event (known or suggested): same case, overlapping dates, and
    alike: a keyword of the event, titles sharing two core stems and a third of the event's (or
    40% of all their stems), or the same kind with a core stem; on the very same day, the same
    kind or three shared stems are enough. A candidate finer than the event ("April 27" in
    "April 2026") is not it: it dates the event better, and is suggested as such."""
    if candidate.case_id != event.case_id:
        return False
    if not overlaps(period(candidate.date, candidate.precision), event.range):
        return False
    core = event.core
    common = len(candidate.stems & core)
    share = common / len(core) if core else 0.0
    kind = candidate.kind == event.kind != "other"
    keyword = any(k <= candidate.stems for k in event.telling)
    if finer(candidate.precision, event.precision):
        return False  # a day inside a month event dates it better: a suggestion of its own
    same_day = candidate.precision == event.precision == "day" and candidate.date == event.date
    if same_day and (kind or len(candidate.stems & event.stems) >= 3):
        return True
    union = len(candidate.stems | event.stems) or 1
    return (
        keyword
        or (common >= 2 and share >= 1 / 3)
        or (kind and common >= 1)
        or len(candidate.stems & event.stems) / union >= 0.4
    )
