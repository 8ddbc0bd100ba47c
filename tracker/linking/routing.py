"""Which case an article is about: evidence per case, the cases it is filed under, and why.

An article is about a dispute, not about its parties: two of a case's parties in a product story
("Microsoft puts OpenAI's model in Word") do not make it news of their lawsuit. A case is filed
when a principal party (plaintiff or defendant side) is named and the article speaks of the
dispute:
- the case's title is named ("Musk v. OpenAI"): enough alone where the article covers it;
- a known event of the case is reported (events.py) with the other side named, a claim
  keyword or a legal word near a party: one side told in an event's generic words ("chats
  used to train Claude" against "Authors sue Anthropic over books used to train Claude") is
  the party's news, not its lawsuit's;
- legal words near a principal party: lawsuit, sued, suit, trial, jury, judge, ruling,
  complaint, court, filing, settlement... within LEGAL_WINDOW characters of its name in its
  paragraph: two of them, or one with both sides named or a claim keyword; on an opinion page
  a word of their quarrel joining the two sides in a sentence ("its fight with Dow Jones")
  counts as one (_quarrel).
Either way one side alone is not enough: the article names the case's other side, a claim
keyword or the case's judge too, or its headline or lead tells the case's suit; one side in the
words of a suit with nothing else of the case ("a judge ruled that Meta holds no monopoly", "a
Delaware judge voided Musk's pay package") is that party's other dispute, but at the case's own
moment (Moment): the article reports its news (a known event of the week before: "Musk withdrew
his state-court suit on Tuesday"), or the case is on trial and a trial's words are near the
side ("OpenAI's lawyers told the jury"): a reader knows which trial a party is in that week.
A lawsuit between other parties is not the case, however many legal words it has: when the
article says someone outside the case's plaintiff side sued its defendant ("Amazon has sued
Perplexity"), or its plaintiff sued someone outside its defendant side, and never that the case's
own sides sued each other, only the title, both sides named or a claim keyword of the case file
it (suit_is_another).
Keywords of the case's claims add to the evidence but file nothing alone, even with both sides
named ("filed copyright takedown notices" is not the copyright suit), nor does an issue's keyword
("transformative").
An article is about a case it covers, not one it names in passing (routes_covering): the
headline or the lead's first sentence tells the case's suit, or its evidence is in the lead
paragraph (the first of LEAD_MIN characters or naming a party: a writer's note above is not
the lead) or in two paragraphs or more; a product launch recalling the maker's lawsuit in its
last paragraph, or a round-up giving another of the plaintiff's suits one paragraph, is not
filed under it. The suit the headline or the lead tells decides too (suits.lead_suit): "New York
Times sues Perplexity" is not Reddit's suit against Perplexity, whatever a round-up of
Perplexity's other suits says further down; only the case's title files it then.
Of several cases between the same parties (a principal shared: Musk v. OpenAI and xAI v.
OpenAI), the one whose own evidence the article gives first wins (routes_foremost): the
headline telling its suit or naming it, then the earliest paragraph naming its title or short
caption ("xAI v. OpenAI": matcher.Matcher._captions), a claim, an event, its judge, or a principal party
the other case lacks; "Elon Musk's company" names xAI's owner, not Musk's suit, and a party
the case only countersued (xAI in Musk's) does not sue in it (suits.sides_suing). The other
case, recalled further down ("He is also suing the company..."), is background.
With several cases filed, the best wins (the highest score: title, events, claims, the case's
own parties named, its other parties named, such as its judge, legal words, and 1.5 more when
the lead paragraph names its title, a claim, an event or its judge: the judge ruling in the lead
outweighs another suit of the defendant recalled below); another is kept
only when its title is named too, or when nothing tells them apart (a tie). Every case
link carries a reason that says which of these made it.

Confidence of the case link: 1 - prod(1 - w) over its pieces of evidence (title 0.9, each side
0.45, each claim keyword 0.35, each event reported 0.3, legal words 0.3, ingested for the case
0.2), capped at 0.99. A headline or lead telling the case's suit adds 1.5 to the score.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from tracker.linking.matcher import Mention
from tracker.linking.suits import Headline, lead_suit, suit_is_another
from tracker.linking.suitwords import SUE

LEGAL_WINDOW = 160  # characters either side of a party's name
NO_HEADLINE = Headline()
NO_PARTY = -1  # in Route.paragraphs: evidence naming no party (the title, a claim, an event)
HEADLINE = -1  # in Route.paragraphs: the headline (or the lead's first sentence) tells the suit
# Every alternative of _LEGAL starts with one of these letters: the lookahead rejects a word
# at its first letter instead of trying thirty alternatives at every word boundary.
_LEGAL_FIRST = "acdfijlmoprstvw"
_LEGAL = re.compile(
    rf"\b(?=[{_LEGAL_FIRST}])"
    rf"(?:lawsuits?|{SUE}|suits?|trial|jury|jurors?|judge|judges|ruling|ruled|"
    r"complaint|court|courts|courtroom|filings?|settlements?|settled|verdict|appeal(?:s|ed)?|"
    r"injunction|witness\s+stand|on\s+the\s+stand|"
    r"counterclaims?|countersued|litigation|plaintiffs?|defendants?|lawyers?|attorneys?|"
    r"testif(?:y|ied|ies)|testimony|dismiss(?:ed|al)?|motion|damages|infringement)\b"
)
_BREAK = re.compile("\n")
# The legal words that tell a suit in a headline (routing._headline_legal).
_SUIT_WORD = re.compile(
    r"\b(?:sue[sd]?|suing|(?:law)?suits?|court|judge|jury|trial|ruling|rules|verdict|"
    r"settle(?:s|d|ment)?|appeals?|injunction|complaint|countersue[sd]?|litigation|"
    r"testif(?:y|ies|ied)|testimony|under\s+oath)\b",
    re.IGNORECASE,
)
_LEGAL_WORDS = ("su", "trial", "jur", "judge", "rul", "complaint", "court", "fil", "settle")
_LEGAL_MORE = ("verdict", "appeal", "injunction", "counterclaim", "litigation", "plaintiff")
_LEGAL_LAST = ("defendant", "lawyer", "attorney", "testi", "dismiss", "motion", "damages", "stand")
_LEGAL_ANY = _LEGAL_WORDS + _LEGAL_MORE + _LEGAL_LAST + ("infring",)
# The legal words a trial is told in ("told the jury", "testified", "took the stand").
_TRIAL = ("trial", "jur", "verdict", "testi", "stand")


@dataclass(frozen=True)
class Moment:
    """The case's own time at the article's date: `news`, a known event of the week before is
    reported (analysis._news); `on_trial`, its trial is under way (analysis._on_trial)."""

    news: bool = False
    on_trial: bool = False


@dataclass
class Route:
    """The evidence that an article is about one case."""

    case_id: int
    signals: list[tuple[float, tuple[int, int]]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0
    titled: bool = False
    # the headline, or the suit its lead tells, is the case's (lead_suit, _headline_legal)
    lead: bool = False
    # paragraph index -> what in it speaks of the case: principal party ids with a legal word
    # near them, NO_PARTY for the case's title, a claim keyword, an event reported or its
    # judge named; HEADLINE -> {NO_PARTY} when the headline names the case or the headline or
    # the lead's first sentence tells its suit (suits.lead_suit)
    paragraphs: dict[int, set[int]] = field(default_factory=dict)
    principals: frozenset[int] = frozenset()
    # a known event of the case from the days just before the article is reported: the case's
    # news is the article's news, wherever it tells it (routes_covering)
    news: bool = False
    # the lead paragraph: the first naming a party (a writer's note or a dateline line above)
    lead_paragraph: int = 0

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)[:300]


def legal_spans(text: str, around: list[int] | None = None) -> list[tuple[int, int, str]]:
    """Every legal word of the text: (start, end, word); with `around`, only those starting
    within LEGAL_WINDOW characters of one of its offsets (the only ones `_legal_near` keeps
    of the offsets of party mentions), read in those windows only."""
    low = text.lower()
    if not any(w in low for w in _LEGAL_ANY):
        return []
    if around is None:
        return [(m.start(), m.end(), m.group()) for m in _LEGAL.finditer(low)]
    found = []
    # A scan from inside the text finds what a whole scan finds from there: `\b` reads the
    # character before it, and no legal word starts inside another.
    for low_end, high_end in _windows(around, LEGAL_WINDOW):
        for m in _LEGAL.finditer(low, low_end):
            if m.start() > high_end:
                break
            found.append((m.start(), m.end(), m.group()))
    return found


def _windows(offsets: list[int], reach: int) -> list[tuple[int, int]]:
    """[offset - reach, offset + reach] for each offset, overlapping ones merged, in order."""
    merged: list[tuple[int, int]] = []
    for at in sorted(set(offsets)):
        low_end, high_end = max(0, at - reach), at + reach
        if merged and low_end <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], high_end)
        else:
            merged.append((low_end, high_end))
    return merged


def case_route(
    *,
    case_id: int,
    sides: dict[int, set[str]],
    names: dict[int, str],
    others: frozenset[int] = frozenset(),
    judges: frozenset[int] = frozenset(),
    parties: list[Mention],
    claims: list[Mention],
    titles: list[Mention],
    events: list[tuple[str, tuple[int, int]]],
    legal: list[tuple[int, int, str]],
    text: str,
    headline: Headline = NO_HEADLINE,
    sued_only: frozenset[int] = frozenset(),
    moment: Moment = Moment(),
) -> Route | None:
    """The route to one case, or None when the article is not about it (module docstring).
    `names`: each party's name, for the reason; `others`: the case's parties that are not a
    side, `judges` among them; `sued_only`: suits.sides_suing; `events`: the titles and spans
    of the case's events reported; `legal`: the text's legal words; `moment`: the case's own
    time (its news reported, its trial under way)."""
    first, count = _principals(parties, sides)
    route = Route(case_id=case_id, principals=frozenset(first), news=moment.news)
    headlined = any(t.target_id == case_id for t in headline.titles)
    if titles or headlined:
        route.titled = True
        if titles:
            route.signals.append((0.9, (titles[0].start, titles[0].end)))
        route.reasons.append("names the case")
        route.score += 3.0
    if not first and not route.titled:
        return None
    pair = _pair(first, sides)
    principals = [m for m in parties if m.target_id in first]
    # none near a side: on an opinion page, both sides joined in "its fight with the Post"
    near = _legal_near(principals, legal, text) or _quarrel(text, principals, sides, pair)
    own_claims = {c.target_id: c for c in claims if case_id in c.case_ids}
    roles = {"sides": sides, "others": others, "sued_only": sued_only}
    lead = lead_suit(text=text, parties=parties, headline=headline, **roles)
    if lead == "another" and not route.titled:
        return None
    judged = any(m.target_id in judges for m in parties)
    other = pair is not None or bool(own_claims)
    if not (route.titled or _spoken(other, judged, lead, near, (bool(events), moment))):
        return None
    if not (route.titled or other or judged or lead == "own"):
        route.reasons.append("reports its news" if moment.news else "told during its trial")
    route.lead = lead == "own" or _headline_legal(headline, sides, case_id)
    if not (route.titled or pair or own_claims) and suit_is_another(
        text=text, parties=parties, sides=sides, sued_only=sued_only
    ):
        return None
    _sides_say(route, pair, first, count, names)
    _evidence_say(route, list(own_claims.values()), events, near)
    evidence = [*titles, *own_claims.values(), *(m for m in parties if m.target_id in judges)]
    spans = [(m.start, m.end) for m in evidence] + [span for _, span in events]
    _where(route, text, (principals, parties), near, spans, headlined or lead == "own")
    _score(route, count, len(own_claims), len(events), len(near), parties, others, names)
    return route


def _spoken(
    other: bool,
    judged: bool,
    lead: str | None,
    near: list[tuple[int, int, str]],
    told: tuple[bool, Moment],
) -> bool:
    """The article speaks of the case, not of one side's other dispute (case_route): `other`,
    its other side or a claim of it named; `judged`, its judge named; `near`, the legal words
    near a side; `told`: a known event of it reported, and the case's moment.

    One side in words of a suit, with nothing else of the case, is that party's other dispute
    (Meta's antitrust trial, Musk's pay ruling), unless it is told at the case's own moment
    (_timely). One side named with a single legal word ("a settlement with the FTC" in an
    earnings report) is too little: both sides, a claim, or a second legal word. An event told
    in the dispute's words ("conversations with Claude can be used to train its models"
    retells "Authors sue Anthropic over books used to train Claude") with one side named and
    nothing legal near it is a party's news."""
    events, moment = told
    if lead == "own":
        return True
    if not (other or judged):
        return _timely(near, moment)
    return (bool(near) and (other or len(near) >= 2)) or (events and (other or bool(near)))


def _timely(near: list[tuple[int, int, str]], moment: Moment) -> bool:
    """One side alone in words of a suit is its case's at the case's own moment: the article
    reports the case's news (a known event of the week before: "Musk withdrew his state-court
    suit on Tuesday"), or the case is on trial and the words near the side are a trial's ("the
    company's lawyers told the jury"): a reader knows which trial a party is in that week."""
    if not near:
        return False
    return moment.news or (moment.on_trial and any(w in word for *_, word in near for w in _TRIAL))


def _where(
    route: Route,
    text: str,
    named: tuple[list[Mention], list[Mention]],
    near: list[tuple[int, int, str]],
    spans: list[tuple[int, int]],
    headlined: bool,
) -> None:
    """Where the article speaks of the case (Route.paragraphs): `named` holds the principal
    parties' mentions and all the parties', so that an owner ("Elon Musk's company") is left
    out; `headlined`: the headline names the case or the lead tells its suit."""
    principals, parties = named
    route.paragraphs = _paragraphs(text, _not_owners(principals, parties, text), near, spans)
    if parties:
        route.lead_paragraph = _lead_paragraph(text, min(m.start for m in parties))
    if headlined:
        route.paragraphs[HEADLINE] = {NO_PARTY}


def _score(
    route: Route,
    count: dict[int, int],
    claims: int,
    events: int,
    near: int,
    parties: list[Mention],
    others: frozenset[int],
    names: dict[int, str],
) -> None:
    """The route's score (module docstring), and the reason naming the case's other parties."""
    own_others = {m.target_id for m in parties if m.target_id in others}
    if own_others:
        route.reasons.append(
            "also names: " + ", ".join(sorted(names.get(pid, "?") for pid in own_others)[:3])
        )
    if route.lead:
        route.reasons.append("the headline or lead tells its suit")
    route.score += (
        sum(min(3, n) for n in count.values()) * 0.5
        + claims
        + 1.5 * events
        + min(3, near) * 0.5
        + 0.5 * len(own_others)
        + (1.5 if route.lead else 0.0)
        + (1.5 if NO_PARTY in route.paragraphs.get(0, ()) else 0.0)
    )


def _pair(first: dict[int, Mention], sides: dict[int, set[str]]) -> tuple[Mention, Mention] | None:
    """A plaintiff and a defendant of the case named, if any."""
    plaintiffs = [m for pid, m in first.items() if "p" in sides[pid]]
    defendants = [m for pid, m in first.items() if "d" in sides[pid]]
    return next(((a, b) for a in plaintiffs for b in defendants if a is not b), None)


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


# A word of a quarrel joining a case's two sides ("its fight with Dow Jones", "the battle
# between the Times and OpenAI"): their dispute, told without a legal word.
_QUARREL = re.compile(
    r"\b(?:fight|battle|dispute|feud|clash|standoff|showdown|quarrel|war)s?\s+"
    r"(?:with|against|between)\s+",
    re.IGNORECASE,
)
QUARREL_REACH = 80  # characters of its sentence, before the word or after the side it names


def _quarrel(
    text: str, principals: list[Mention], sides: dict[int, set[str]], pair: object
) -> list[tuple[int, int, str]]:
    """The words of a quarrel directly naming one side of the case ("fight with Dow Jones")
    with the other side named within QUARREL_REACH characters of it in the same sentence
    ("Perplexity's best line in its fight with Dow Jones"); none unless both sides are named
    (`pair`)."""
    found: list[tuple[int, int, str]] = []
    if pair is None:
        return found
    for m in _QUARREL.finditer(text):
        named = next((p for p in principals if m.end() <= p.start <= m.end() + 4), None)
        if named is None:
            continue
        low, high = m.start() - QUARREL_REACH, named.end + QUARREL_REACH
        for other in principals:
            if low <= other.start < high and other is not named and _opposed(named, other, sides):
                between = text[min(other.end, m.start()) : max(other.start, named.end)]
                if not any(stop in between for stop in ".;\n"):
                    found.append((m.start(), m.end(), m.group().split()[0].lower()))
                    break
    return found


def _opposed(one: Mention, other: Mention, sides: dict[int, set[str]]) -> bool:
    """A plaintiff and a defendant."""
    a, b = sides[one.target_id], sides[other.target_id]
    return ("p" in a and "d" in b) or ("d" in a and "p" in b)


LEAD_MIN = 100  # characters: a shorter line above the first naming a party may be no lead


def _lead_paragraph(text: str, named: int) -> int:
    """The lead paragraph: the first naming a party (at `named`) or of LEAD_MIN characters or
    more or with a legal word ("Here is where the lawsuits stand"); a short line above it
    with none (a writer's note: "The writer teaches media economics") is not the lead."""
    at, index = 0, 0
    while (end := text.find("\n", at)) != -1 and end < named and end - at < LEAD_MIN:
        if _LEGAL.search(text[at:end].lower()):
            break
        at, index = end + 1, index + 1
    return index


def _paragraphs(
    text: str,
    principals: list[Mention],
    near: list[tuple[int, int, str]],
    spans: list[tuple[int, int]],
) -> dict[int, set[int]]:
    """Where the article speaks of the case, paragraph by paragraph: the principal parties with
    a legal word near them in the paragraph, NO_PARTY for other evidence (`spans`)."""
    breaks = [found.start() for found in _BREAK.finditer(text)]
    out: dict[int, set[int]] = {}
    for start, _ in spans:
        out.setdefault(bisect_left(breaks, start), set()).add(NO_PARTY)
    for start, _, _ in near:
        paragraph = bisect_left(breaks, start)
        for mention in principals:
            close = abs(mention.start - start) <= LEGAL_WINDOW
            if close and bisect_left(breaks, mention.start) == paragraph:
                out.setdefault(paragraph, set()).add(mention.target_id)
    return out


# "Musk's xAI", "Elon Musk's artificial intelligence startup xAI", "Elon Musk's company": the
# possessive names the owner of another party, not a party of the dispute acting in it.
_OWNED = ("company", "startup", "start-up", "firm", "venture", "lab")
_OWNER = re.compile(rf"['’]s\s+(?:(?:[\w-]+\s+){{0,3}}?(?:{'|'.join(_OWNED)})\b|(?=\S))")


def _not_owners(mentions: list[Mention], parties: list[Mention], text: str) -> list[Mention]:
    """The mentions that do not name the owner of another party or of a company (`_OWNER`):
    "Elon Musk's company" in a report on xAI's suit is xAI, not Musk's own suit."""
    starts = {m.start for m in parties}
    out = []
    for mention in mentions:
        owned = _OWNER.match(text, mention.end)
        if owned is None or (
            not owned.group().rstrip().endswith(_OWNED) and owned.end() not in starts
        ):
            out.append(mention)
    return out


def _headline_legal(headline: Headline, sides: dict[int, set[str]], case_id: int) -> bool:
    """The headline tells the case: its title, or a principal party with a word of a suit
    ("X sues Y over Z", "Judge tosses X's lawsuit"); "lawyers" or "legal" in a headline about
    a party's sales are not one."""
    if any(t.target_id == case_id for t in headline.titles):
        return True
    named = any(m.target_id in sides for m in headline.parties)
    return named and _SUIT_WORD.search(headline.text) is not None


def routes_best(routes: list[Route]) -> list[Route]:
    """The best route, and any other whose case is named by its title, among the routes whose
    case the article covers (routes_covering)."""
    routes = routes_foremost(routes_covering(routes))
    if not routes:
        return []
    best = max(r.score for r in routes)
    return [r for r in routes if r.score == best or r.titled]


def routes_covering(routes: list[Route]) -> list[Route]:
    """The routes whose case the article is about, not one it names in passing (a product
    launch recalling the maker's lawsuit in its last paragraph, a round-up of several suits
    giving one of them a paragraph): the headline or lead tells the case's suit, or its
    evidence is in the lead paragraph, or in two paragraphs or more, or it reports an event of
    the case from the days just before it (`Route.news`: "Google calls distillation theft" two
    days after Musk's testimony, which it tells in its second paragraph). A principal party that
    several routes share ("Reddit" in a round-up of Reddit's suits) tells none of them apart:
    a paragraph counts for a case when it names the case's own parties near legal words, its
    title, a claim or an event; when no case has anything of its own named anywhere (two
    suits against one defendant) each is judged by its shared parties. A case with nothing of
    its own, beside one that has ("OpenAI" in a digest of xAI's suit, whose last item recalls
    Musk's), is not covered: the shared parties are the other case's."""
    own = _own_paragraphs(routes)
    anyone = any(own.values())
    covering = []
    for route in routes:
        # nothing of its own named anywhere, nor in any case: shared parties are all that tells
        counted = own[route.case_id] or (set() if anyone else set(route.paragraphs))
        lead = 0 in counted or route.lead_paragraph in counted
        if route.lead or route.news or lead or len(counted) >= 2:
            covering.append(route)
    return covering


def _own_paragraphs(routes: list[Route]) -> dict[int, set[int]]:
    """Case id -> the paragraphs (and HEADLINE) where the article names something of the
    case's own: its title, a claim, an event, its judge, or a principal party that no other
    route shares near legal words."""
    seen = Counter(pid for route in routes for pid in route.principals)
    shared = {pid for pid, n in seen.items() if n > 1}
    return {
        route.case_id: {
            p for p, what in route.paragraphs.items() if NO_PARTY in what or what - shared
        }
        for route in routes
    }


def routes_foremost(routes: list[Route]) -> list[Route]:
    """Of cases between the same parties (sharing a principal party named), the ones whose own
    evidence comes first: the headline (`HEADLINE`), then the earliest paragraph naming the
    case, its claim, its event, its judge, or one of its own principal parties near legal
    words (not a shared one). A report on xAI's trade secrets suit that recalls Musk's own suit
    against OpenAI in a later paragraph ("He is also suing the company...", "His main case
    against OpenAI goes to trial in April") is about xAI's, whatever that paragraph adds to
    Musk's score, and even when it names Musk's case by its title."""
    first = {case_id: min(own, default=None) for case_id, own in _own_paragraphs(routes).items()}
    return [
        route
        for route in routes
        if not any(
            other is not route
            and other.principals & route.principals
            and first[other.case_id] is not None
            and (first[route.case_id] is None or first[other.case_id] < first[route.case_id])
            for other in routes
        )
    ]


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
