"""Which case an article is about: evidence per case, the cases it is filed under, and why.

An article is about a dispute, not about its parties: two of a case's parties in a product story
("Microsoft puts OpenAI's model in Word") do not make it news of their lawsuit. A case is filed
when a principal party (plaintiff or defendant side) is named and the article speaks of the
dispute:
- the case's title is named ("Musk v. OpenAI"): enough alone;
- a known event of the case is reported (events.py) with the other side named, a claim
  keyword or a legal word near a party: one side told in an event's generic words ("chats
  used to train Claude" against "Authors sue Anthropic over books used to train Claude") is
  the party's news, not its lawsuit's;
- legal words near a principal party: lawsuit, sued, suit, trial, jury, judge, ruling,
  complaint, court, filing, settlement... within LEGAL_WINDOW characters of its name in its
  paragraph: two of them, or one with both sides named or a claim keyword.
A lawsuit between other parties is not the case, however many legal words it has: when the
article says someone outside the case's plaintiff side sued its defendant ("Amazon has sued
Perplexity"), or its plaintiff sued someone outside its defendant side, and never that the case's
own sides sued each other, only the title, both sides named or a claim keyword of the case file
it (suit_is_another).
Keywords of the case's claims add to the evidence but file nothing alone, even with both sides
named ("filed copyright takedown notices" is not the copyright suit), nor does an issue's keyword
("transformative").
With several cases filed, the best wins (the highest score: title, events, claims, the case's
own parties named, its other parties named, such as its judge, legal words); another is kept
only when its title is named too, or when nothing tells them apart (a tie). Every case
link carries a reason that says which of these made it.

Confidence of the case link: 1 - prod(1 - w) over its pieces of evidence (title 0.9, each side
0.45, each claim keyword 0.35, each event reported 0.3, legal words 0.3, ingested for the case
0.2), capped at 0.99.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from tracker.linking.matcher import Mention

LEGAL_WINDOW = 160  # characters either side of a party's name
# Every alternative of _LEGAL starts with one of these letters: the lookahead rejects a word
# at its first letter instead of trying thirty alternatives at every word boundary.
_LEGAL_FIRST = "acdfijlmoprstvw"
_LEGAL = re.compile(
    rf"\b(?=[{_LEGAL_FIRST}])"
    r"(?:lawsuits?|sued|sues|suing|suits?|trial|jury|jurors?|judge|judges|ruling|ruled|"
    r"complaint|court|courts|courtroom|filings?|settlements?|settled|verdict|appeal(?:s|ed)?|"
    r"injunction|witness\s+stand|on\s+the\s+stand|"
    r"counterclaims?|countersued|litigation|plaintiffs?|defendants?|lawyers?|attorneys?|"
    r"testif(?:y|ied|ies)|testimony|dismiss(?:ed|al)?|motion|damages|infringement)\b"
)
_BREAK = re.compile("\n")
_LEGAL_WORDS = ("su", "trial", "jur", "judge", "rul", "complaint", "court", "fil", "settle")
_LEGAL_MORE = ("verdict", "appeal", "injunction", "counterclaim", "litigation", "plaintiff")
_LEGAL_LAST = ("defendant", "lawyer", "attorney", "testi", "dismiss", "motion", "damages", "stand")
_LEGAL_ANY = _LEGAL_WORDS + _LEGAL_MORE + _LEGAL_LAST + ("infring",)


@dataclass
class Route:
    """The evidence that an article is about one case."""

    case_id: int
    signals: list[tuple[float, tuple[int, int]]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0
    titled: bool = False

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)[:300]


def legal_spans(text: str) -> list[tuple[int, int, str]]:
    """Every legal word of the text: (start, end, word)."""
    low = text.lower()
    if not any(w in low for w in _LEGAL_ANY):
        return []
    return [(m.start(), m.end(), m.group()) for m in _LEGAL.finditer(low)]


def case_route(
    *,
    case_id: int,
    sides: dict[int, set[str]],
    names: dict[int, str],
    others: frozenset[int] = frozenset(),
    parties: list[Mention],
    claims: list[Mention],
    titles: list[Mention],
    events: list[tuple[str, tuple[int, int]]],
    legal: list[tuple[int, int, str]],
    text: str,
) -> Route | None:
    """The route to one case, or None when the article is not about it (module docstring).

    `names` gives each party's name for the reason; `others` the case's parties that are not
    a side (its judge, a witness); `events` the titles and spans of the case's known events the
    article reports; `legal` the legal words of the text."""
    route = Route(case_id=case_id)
    first, count = _principals(parties, sides)
    if titles:
        route.titled = True
        route.signals.append((0.9, (titles[0].start, titles[0].end)))
        route.reasons.append("names the case")
        route.score += 3.0
    if not first and not route.titled:
        return None
    plaintiffs = [m for pid, m in first.items() if "p" in sides[pid]]
    defendants = [m for pid, m in first.items() if "d" in sides[pid]]
    pair = next(((a, b) for a in plaintiffs for b in defendants if a is not b), None)
    near = _legal_near([m for m in parties if m.target_id in first], legal, text)
    own_claims = {c.target_id: c for c in claims if case_id in c.case_ids}
    # One side named with a single legal word ("a settlement with the FTC" in an earnings
    # report) is too little: both sides, a claim, or a second legal word.
    spoken = bool(near) and (pair is not None or bool(own_claims) or len(near) >= 2)
    # An event told in the dispute's words ("conversations with Claude can be used to train its
    # models" retells "Authors sue Anthropic over books used to train Claude") with one side
    # named and nothing legal near it is a party's news, not its lawsuit's.
    told = bool(events) and (pair is not None or bool(own_claims) or bool(near))
    if not (route.titled or told or spoken):
        return None
    if not (route.titled or pair or own_claims) and suit_is_another(
        text=text, parties=parties, sides=sides
    ):
        return None
    _sides_say(route, pair, first, count, names)
    _evidence_say(route, list(own_claims.values()), events, near)
    own_others = {m.target_id for m in parties if m.target_id in others}
    if own_others:
        route.reasons.append(
            "also names: " + ", ".join(sorted(names.get(pid, "?") for pid in own_others)[:3])
        )
    route.score += (
        sum(min(3, count[pid]) for pid in first) * 0.5
        + len(own_claims)
        + 1.5 * len(events)
        + min(3, len(near)) * 0.5
        + 0.5 * len(own_others)
    )
    return route


def _principals(
    parties: list[Mention], sides: dict[int, set[str]]
) -> tuple[dict[int, Mention], dict[int, int]]:
    """The case's principal parties named: each one's first mention, and how often."""
    first: dict[int, Mention] = {}
    count: dict[int, int] = {}
    for mention in parties:
        if mention.target_id in sides:
            first.setdefault(mention.target_id, mention)
            count[mention.target_id] = count.get(mention.target_id, 0) + 1
    return first, count


def _sides_say(
    route: Route,
    pair: tuple[Mention, Mention] | None,
    first: dict[int, Mention],
    count: dict[int, int],
    names: dict[int, str],
) -> None:
    """Evidence and reason from the sides: both named, or the most named principal."""
    if pair is not None:
        route.signals += [(0.45, (m.start, m.end)) for m in pair]
        route.reasons.append(
            f"both sides: {names.get(pair[0].target_id, '?')} v. "
            f"{names.get(pair[1].target_id, '?')}"
        )
    elif first:
        principal = max(first.values(), key=lambda m: count[m.target_id])
        route.signals.append((0.45, (principal.start, principal.end)))
        route.reasons.append(f"party: {names.get(principal.target_id, '?')}")


def _evidence_say(
    route: Route,
    claims: list[Mention],
    events: list[tuple[str, tuple[int, int]]],
    near: list[tuple[int, int, str]],
) -> None:
    """Evidence and reasons from the case's claim keywords, events reported and legal words."""
    for claim in claims:
        route.signals.append((0.35, (claim.start, claim.end)))
    if claims:
        route.reasons.append(f"claim keywords: {len(claims)}")
    for title, span in events[:3]:
        route.signals.append((0.3, span))
        route.reasons.append(f"reports event: {title[:60]}")
    if near:
        route.signals.append((0.3, near[0][:2]))
        words = sorted({w for _, _, w in near})
        route.reasons.append("legal words near a party: " + ", ".join(words[:5]))


def _legal_near(
    mentions: list[Mention], legal: list[tuple[int, int, str]], text: str
) -> list[tuple[int, int, str]]:
    """The legal words within LEGAL_WINDOW characters of one of the mentions, in its paragraph."""
    if not mentions or not legal:
        return []
    # No line break between two offsets is the same count of line breaks before each.
    breaks = [found.start() for found in _BREAK.finditer(text)]
    starts = sorted({m.start for m in mentions})
    paragraphs = [bisect_left(breaks, start) for start in starts]
    near = []
    for word in legal:
        paragraph = bisect_left(breaks, word[0])
        low = bisect_left(starts, word[0] - LEGAL_WINDOW)
        high = bisect_right(starts, word[0] + LEGAL_WINDOW)
        if paragraph in paragraphs[low:high]:
            near.append(word)
    return near


# "Amazon has sued Perplexity", "X filed a lawsuit against Y": who sues whom, read from the
# capitalised names right before and right after the verb.
_SUIT = re.compile(
    r"(?:\s(?:has|have|had|is|are|was|were)(?:\s+now|\s+also)?)?\s+(?:sued|sues|suing|"
    r"(?:filed|brought)\s+(?:a\s+)?(?:lawsuit|suit|complaint)\s+against)\s+",
    re.IGNORECASE,
)
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w&.'-]*\s+)*[A-Z][\w&.'-]*)$")
_NAME_AFTER = re.compile(r"[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*)*")
# A capitalised word that opens a sentence without naming anyone: "Authors sued Anthropic".
_NOT_A_NAME = frozenset({"it", "he", "she", "they", "we", "who", "which", "that", "also"})


def suit_is_another(*, text: str, parties: list[Mention], sides: dict[int, set[str]]) -> bool:
    """The article's lawsuit is between other parties: someone not of the case's plaintiff
    side sues its defendant, or its plaintiff sues someone not of its defendant side, and no
    sentence has the case's own plaintiff suing its own defendant (or the reverse, a
    counterclaim)."""
    foreign = False
    for verb in _SUIT.finditer(text):
        suer = _NAME_BEFORE.search(text, max(0, verb.start() - 60), verb.start())
        sued = _NAME_AFTER.match(text, verb.end())
        if suer is None or sued is None or "\n" in text[suer.start() : verb.end()]:
            continue
        if suer.group().lower() in _NOT_A_NAME or _generic(text, suer):
            continue
        suer_sides = _sides_at(parties, sides, suer.span())
        sued_sides = _sides_at(parties, sides, sued.span())
        if ("p" in suer_sides and "d" in sued_sides) or ("d" in suer_sides and "p" in sued_sides):
            return False
        if ("d" in sued_sides and "p" not in suer_sides) or ("p" in suer_sides and not sued_sides):
            foreign = True
    return foreign


def _generic(text: str, name: re.Match) -> bool:
    """One plural word opening a sentence ("Authors", "Publishers") is a group, not a name."""
    before = text[: name.start()].rstrip()
    opens = not before or before[-1] in ".!?\n\"'"
    word = name.group()
    return opens and " " not in word and word.endswith("s") and not word.isupper()


def _sides_at(
    parties: list[Mention], sides: dict[int, set[str]], span: tuple[int, int]
) -> set[str]:
    """The case's sides of the principal parties named within the span."""
    found: set[str] = set()
    for mention in parties:
        if mention.target_id in sides and mention.start < span[1] and mention.end > span[0]:
            found |= sides[mention.target_id]
    return found


def routes_best(routes: list[Route]) -> list[Route]:
    """The best route, and any other whose case is named by its title."""
    if not routes:
        return []
    best = max(r.score for r in routes)
    return [r for r in routes if r.score == best or r.titled]


def topics_routed(
    mentions: list[Mention], own: set[int], stated: set[int] | None = None
) -> list[Mention]:
    """The claim and issue mentions that become links: those of the cases the article is about
    (`own`: filed under, or ingested for). A keyword that two cases share ("unjust enrichment",
    "privacy") links only the claim or issue of the article's own case, never the other's.
    An article about no case links no claim (a claim is a lawsuit's) and only the issues a
    party takes a position on (`stated`: issue ids): a keyword alone ("transformative", "data
    licensing" in an earnings report) is not the question."""
    if own:
        return [m for m in mentions if m.case_ids & own]
    return [m for m in mentions if m.kind == "issue" and m.target_id in (stated or ())]
