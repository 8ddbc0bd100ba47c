"""What one article says: the links, positions and events to suggest for it (no writes).

Which case an article is filed under (the case link) is decided by routing.py: a principal
party named where the article speaks of the dispute (the case's title, a known event of the case
reported, legal words near the party, or a claim keyword with both sides named); with several
cases, the best wins. The link keeps the reason. Claims and issues named in the headline link
too, with their quotes in the headline (Wanted.title_spans). An article is also read for a case's claims,
issues, clauses and positions (without a case link) when it was ingested for the case (Article.cases,
from its feed or `ingest --case`), or when it names any party of the case (commentators too)
together with a keyword of one of the case's claims or issues: "Google calls distillation theft"
belongs to the distillation issue of Musk v. OpenAI, though it is not about the lawsuit. A
commentator named without the case's topics relates the article to nothing. Events: known and
new ones for the cases it is filed under or was ingested for; none otherwise.

Confidence of a link: every mention is a piece of evidence with a probability of being right
(full name 0.7, alias 0.5, alias of three letters or fewer 0.3, keyword 0.35: matcher.P_*), and
the link's confidence is the chance that at least one is right, 1 - prod(1 - p), capped at 0.99.
For the case link, see routing.py (+0.2 when the article was ingested for the case).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, partial

from tracker.linking.claimphrases import Phrase, claims_told
from tracker.linking.dates import dates_find, sentences
from tracker.linking.events import (
    Candidate,
    EventInfo,
    Sentence,
    began_after,
    byline_date,
    event_candidates,
    events_reported,
    headline_events,
    read,
)
from tracker.linking.eventwords import stems
from tracker.linking.issuewords import (
    IssueWords,
    issue_named,
    issues_told,
    keyword_shared,
    keyword_told,
)
from tracker.linking.matcher import P_ALIAS, P_KEYWORD, Matcher, Mention
from tracker.linking.routing import Moment, case_route, legal_spans, routes_best, topics_routed
from tracker.linking.speakers import Collective
from tracker.linking.stances import Finding, issue_framing, positions_find
from tracker.linking.suits import Headline, headline_read

PLAINTIFF_SIDE = frozenset({"plaintiff", "counter-defendant"})
DEFENDANT_SIDE = frozenset({"defendant", "counter-plaintiff"})
CLAIM_WORDS = 3  # a claim's own words a sentence must use to name it without a keyword
MAX_EVIDENCE = 25  # quotes kept per link: every mention up to this many (a name repeated 80 times)


@dataclass
class CaseInfo:
    id: int
    sides: dict[int, set[str]] = field(default_factory=dict)  # party id -> {"p", "d"}
    party_ids: set[int] = field(default_factory=set)
    events: list[EventInfo] = field(default_factory=list)
    names: frozenset[str] = frozenset()  # stems of its parties' names and aliases
    # its counter-defendants that are no plaintiff: sued in it, suing no one (suits.sides_suing)
    sued_only: frozenset[int] = frozenset()
    # (party id, "the Post") for an organisation's name or alias ending in a word of its own
    # ("New York Post"), read only in an article filed under the case (_short_forms_link)
    short_forms: tuple[tuple[int, re.Pattern[str]], ...] = ()

    @cached_property
    def others(self) -> frozenset[int]:
        """Its parties that are no side (stakeholders, its judge), which routing reads for
        every article naming one of its parties: worked out at the first (a case's parties
        are all read in before any article is)."""
        return frozenset(self.party_ids - self.sides.keys())


@dataclass
class Context:
    cases: dict[int, CaseInfo]
    kinds: dict[int, str]  # party id -> person | organization
    # issue id -> -1 when a "yes" to the issue's question condemns the practice ("Does training
    # infringe?"); issues missing here ask whether it is acceptable (stances.issue_framing)
    framing: dict[int, int] = field(default_factory=dict)
    # issues whose question asks whether something is protected (stances.issue_asks_protection)
    protection: frozenset[int] = frozenset()
    # issues whose question asks about the parties' own agreement (stances.issue_agreed)
    agreed: frozenset[int] = frozenset()
    # issues whose framing is only guessed (stances.issue_framing_told): no camp settles them
    guessed: frozenset[int] = frozenset()
    # parties who judge a case: their holdings and remarks are not positions
    judges: set[int] = field(default_factory=set)
    names: dict[int, str] = field(default_factory=dict)  # party id -> name
    # issue id -> the issue's own words, for a statement naming no keyword (issuewords.py)
    issue_words: dict[int, IssueWords] = field(default_factory=dict)
    # case id -> (claim id, pattern) for claims of breach told as "violated its user agreement"
    breaches: dict[int, list[tuple[int, re.Pattern[str]]]] = field(default_factory=dict)
    # claim id -> the claim's own words, for a sentence that names it without a keyword
    claim_words: dict[int, IssueWords] = field(default_factory=dict)
    # case id -> the pattern telling its claims in other forms of their words (claimphrases.py)
    claim_phrases: dict[int, list[Phrase]] = field(default_factory=dict)
    # issue id -> its keywords naming whom its question is about (issue_whom)
    whom: dict[int, frozenset[str]] = field(default_factory=dict)
    # case id -> the phrases speaking for each side's parties ("the authors": speakers.py)
    collectives: dict[int, list[Collective]] = field(default_factory=dict)


@dataclass
class Wanted:
    """A link to suggest: its confidence and the spans of its evidence."""

    confidence: float
    spans: list[tuple[int, int]]  # in the text
    reason: str = ""  # why (case links: what routing found)
    title_spans: list[tuple[int, int]] = field(default_factory=list)  # in the headline


@dataclass
class Analysis:
    links: dict[tuple[str, int], Wanted] = field(default_factory=dict)
    positions: list[Finding] = field(default_factory=list)
    # statements of a principal party on its case's issue with no cue (sides.py settles them)
    undecided: list[Finding] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    cases: set[int] = field(default_factory=set)


def combine(weights: list[float]) -> float:
    remaining = 1.0
    for weight in weights:
        remaining *= 1.0 - weight
    return round(min(0.99, 1.0 - remaining), 3)


def article_analyse(
    *,
    text: str,
    published: dt.date | None,
    case_ids: set[int],
    matcher: Matcher,
    context: Context,
    title: str = "",
    seen: dt.date | None = None,
) -> Analysis:
    """`seen`: the day the article was first seen, for a page with no date: nothing it reports
    began after it."""
    result = Analysis()
    by_kind: dict[str, list[Mention]] = {}
    for mention in matcher.find(text):
        by_kind.setdefault(mention.kind, []).append(mention)
    parties = by_kind.get("party", [])
    named = {case_id for m in parties + by_kind.get("case", []) for case_id in m.case_ids}
    # Any party of a case on one of its claims or issues relates the article to the case.
    topical = {c for m in by_kind.get("claim", []) + by_kind.get("issue", []) for c in m.case_ids}
    related = {c for c in case_ids if c in context.cases} | (named & topical)
    sentences_read, published = _read(text, published) if named | related else ([], published)
    now = published or seen
    reported = {
        c: _reported(sentences_read, published, context, c, now) for c in sorted(named | related)
    }
    headline = headline_read(matcher, title if reported else "")
    filed = _route(result, by_kind, reported, context, text, headline, now)
    for case_id in filed:
        if case_id in case_ids:
            result.links[("case", case_id)].confidence = combine(
                [result.links[("case", case_id)].confidence, 0.2]
            )
    related |= set(filed)
    result.cases = related

    add = partial(_link_add, result)
    for mention in parties:
        add("party", mention.target_id, mention.weight, (mention.start, mention.end))
    for mention in by_kind.get("clause", []):
        if mention.case_ids & related or not mention.case_ids:
            add("clause", mention.target_id, mention.weight, (mention.start, mention.end))
    if not related:
        return result
    own = set(filed) | (case_ids & set(context.cases))
    _topics_link(result, text, title, by_kind, matcher, context, related, own)
    # Events: those of the cases the article is filed under or was ingested for (new ones too).
    # An article about no dispute reports none of its acts: a party's own news retold in words
    # an event's title uses ("chats used to train Claude") is not the authors' suit.
    for case_id in sorted(own):
        found, reporting = reported[case_id]
        for event, confidence, span in found:
            if event.id is not None:
                add("event", event.id, confidence, span)
        live = _live(context.cases[case_id].events, now)
        _headline_events_add(result, title, published, live)
        if filed or len(related) == 1:
            case = context.cases[case_id]
            result.candidates += _candidates(sentences_read, published, case, parties, reporting)
    return result


def _short_forms_link(
    result: Analysis, text: str, context: Context, filed: list[int], named: set[int]
) -> None:
    """ "the Post" for the New York Post, in an article filed under its case: a short form is
    read only there (decoys say "the Post" of other papers), for a party not `named` in full."""
    for case_id in filed:
        for party_id, pattern in context.cases[case_id].short_forms:
            if party_id not in named and (found := pattern.search(text)):
                _link_add(result, "party", party_id, P_ALIAS, found.span(1))


def _reported(
    sentences: list[Sentence],
    published: dt.date | None,
    context: Context,
    case_id: int,
    now: dt.date | None,
) -> tuple[list[tuple[EventInfo, float, tuple[int, int]]], set[int]]:
    """The known events of a case the sentences report (`events_reported`), of those not
    rejected that had begun by `now`."""
    return events_reported(sentences, published, _live(context.cases[case_id].events, now))


def _candidates(
    sentences: list[Sentence],
    published: dt.date | None,
    case: CaseInfo,
    parties: list[Mention],
    reporting: set[int],
) -> list[Candidate]:
    """New events the sentences may report for the case; a sentence naming a party of another
    case only tells of that case."""
    starts = [p.start for p in parties if p.target_id in case.party_ids]
    strangers = [p.start for p in parties if p.target_id not in case.party_ids]
    return event_candidates(sentences, published, case.id, starts, reporting, strangers)


def _link_add(
    result: Analysis, kind: str, target_id: int, weight: float, span: tuple[int, int]
) -> None:
    wanted = result.links.setdefault((kind, target_id), Wanted(0.0, []))
    if span not in wanted.spans and len(wanted.spans) < MAX_EVIDENCE:
        wanted.spans.append(span)
    wanted.confidence = combine([wanted.confidence, weight])


def _topics_link(
    result: Analysis,
    text: str,
    title: str,
    by_kind: dict[str, list[Mention]],
    matcher: Matcher,
    context: Context,
    related: set[int],
    own: set[int],
) -> None:
    """Positions, then the claim and issue links of the text and the headline: those of the
    cases the article is about (`own`), or, about none, the issues a party takes a position on
    (routing.topics_routed)."""
    parties = by_kind.get("party", [])
    issues = [i for i in by_kind.get("issue", []) if i.case_ids & related]
    issues = topics_routed(issues, own) if own else issues
    party_cases = _party_cases(context, related, parties, own) if issues else {}
    undecided: list[Finding] = []
    found = positions_find(
        text,
        parties,
        issues,
        context.kinds,
        context.framing,
        party_cases,
        context.issue_words,
        undecided,
        context.protection,
        [c for case_id in sorted(related) for c in context.collectives.get(case_id, ())],
    )
    stated = {f.issue_id for f in found if f.party_id not in context.judges}
    result.positions = [f for f in found if _taking_part(context, f)]
    # a plain statement takes its party's side in the case only in a report of that case
    result.undecided = [f for f in undecided if _principal(context, f, own)]
    asked = [m for m in issues if m.target_id in stated or _asks(m, text, context)]
    for m in topics_routed(by_kind.get("claim", []) + asked, own, stated):
        _link_add(result, m.kind, m.target_id, m.weight, (m.start, m.end))
    _claims_in_words(result, text, context, own)
    linked = {target for kind, target in result.links if kind == "issue"}
    for issue_id, span in issues_told(context.issue_words, frozenset(own), text, linked):
        _link_add(result, "issue", issue_id, P_KEYWORD, span)
    for mention in _headline_topics(title, matcher, related, own, stated):
        _headline_add(result, mention)


_AGENT_NOUN = re.compile(r"[a-z]{3,}(?:or|er)s?")


def issue_whom(title: str, keywords: list[str]) -> frozenset[str]:
    """An issue's keywords that name whom its question is about, not what: one word, a
    noun of someone who does something ("competitors", "publishers"), and a word of the
    question itself ("Does Westlaw shut competitors out of legal research?"). Such a word is
    common in other senses; `_asks` reads its sentence. A keyword naming the practice or its
    tool ("scraping", "crawlers") is the question's own term."""
    asked = set(re.findall(r"[a-z]+", (title or "").lower()))
    return frozenset(
        low
        for k in keywords
        if isinstance(k, str) and (low := k.strip().lower()) in asked and _AGENT_NOUN.fullmatch(low)
    )


def _asks(mention: Mention, text: str, context: Context) -> bool:
    """A keyword naming whom an issue's question is about (`issue_whom`) counts where its
    sentence asks the question: it uses another of the issue's own words (issuewords: its
    question's and keywords' stems less its case's names: "keep competitors out of legal
    research") or tells a wrong done ("an attempt to smother a competitor":
    stances.issue_framing), not where it only names someone ("refused to license its database
    to a competitor", "a head-to-head competitor"). A keyword another issue of its case uses
    too ("license") counts where its sentence uses the issue's own words (issuewords)."""
    whom = context.whom.get(mention.target_id, ())
    words = context.issue_words.get(mention.target_id)
    keyword = text[mention.start : mention.end].lower()
    shared = words is not None and keyword_shared(words, keyword)
    if not shared and (words is None or not any(keyword.startswith(w.rstrip("s")) for w in whom)):
        return True
    spans = sentences(text)
    at = bisect_right([start for start, _ in spans], mention.start) - 1
    start, end = spans[at] if at >= 0 else (0, len(text))
    rest = f"{text[start : mention.start]} {text[mention.end : end]}"
    if shared:  # a keyword another issue of the case uses too (issuewords.keyword_shared)
        return keyword_told(words, rest)
    return bool(stems(rest) & words.stems) or issue_framing(rest) == -1


def _claims_in_words(result: Analysis, text: str, context: Context, own: set[int]) -> None:
    """Claims of the article's cases told without a keyword: a breach told in words
    (matcher.breach_pattern), other forms of its keywords' words (claimphrases), or a sentence
    using CLAIM_WORDS or more of a claim's own words and more of them than of any other claim's
    ("claims that scraping overloaded its servers")."""
    for case_id in own:
        for claim_id, pattern in context.breaches.get(case_id, ()):
            if found := pattern.search(text):
                _link_add(result, "claim", claim_id, P_KEYWORD, found.span())
        phrases = context.claim_phrases.get(case_id, [])
        known = {target for kind, target in result.links if kind == "claim"}
        for claim_id, span in claims_told(phrases, text, known):
            _link_add(result, "claim", claim_id, P_KEYWORD, span)
    own_words = {c: w for c, w in context.claim_words.items() if w.case_id in own}
    if not own_words:  # no claim of these cases has words: the text need not be stemmed
        return
    said = stems(text)
    # only claims with enough of their words in the whole text can be named by one sentence
    words = {c: w for c, w in own_words.items() if len(w.stems & said) >= CLAIM_WORDS}
    if not words:
        return
    cases = frozenset(own)
    for start, end in sentences(text):
        sentence = text[start:end]
        claim_id = issue_named(words, cases, sentence)
        if claim_id is None or ("claim", claim_id) in result.links:
            continue
        if len(words[claim_id].stems & stems(sentence)) >= CLAIM_WORDS:
            _link_add(result, "claim", claim_id, P_KEYWORD, (start, end))


def _headline_topics(
    title: str, matcher: Matcher, related: set[int], own: set[int], stated: set[int]
) -> list[Mention]:
    """The claims and issues a headline names ("...Over Data Scraping"), routed as the text's
    are (routing.topics_routed); their offsets index the headline, not the text."""
    if not title:
        return []
    found = [
        m for m in matcher.find(title) if m.kind in ("claim", "issue") and m.case_ids & related
    ]
    return topics_routed(found, own, stated)


def _headline_add(result: Analysis, mention: Mention) -> None:
    wanted = result.links.setdefault((mention.kind, mention.target_id), Wanted(0.0, []))
    span = (mention.start, mention.end)
    if span not in wanted.title_spans and len(wanted.title_spans) < MAX_EVIDENCE:
        wanted.title_spans.append(span)
    wanted.confidence = combine([wanted.confidence, mention.weight])


def _headline_events_add(
    result: Analysis, title: str, published: dt.date | None, events: list[EventInfo]
) -> None:
    """The known events the headline reports, with the headline as their evidence."""
    for event, confidence in headline_events(title, published, events):
        if event.id is None:
            continue
        wanted = result.links.setdefault(("event", event.id), Wanted(0.0, []))
        if (0, len(title)) not in wanted.title_spans:
            wanted.title_spans.append((0, len(title)))
        wanted.confidence = combine([wanted.confidence, confidence])


def _live(events: list[EventInfo], now: dt.date | None) -> list[EventInfo]:
    """The events not rejected that had begun by `now` (the article's date, or for a page
    without one the day it was first seen)."""
    return [e for e in events if e.status != "rejected" and not began_after(e, now)]


def _read(text: str, published: dt.date | None) -> tuple[list[Sentence], dt.date | None]:
    """The sentences with their dates; a page without a date is dated by its byline."""
    spans = list(sentences(text))
    read_sentences = read(text, spans, dates_find(text, published))
    if published is None and (published := byline_date(read_sentences)) is not None:
        read_sentences = read(text, spans, dates_find(text, published))
    return read_sentences, published


def _route(
    result: Analysis,
    by_kind: dict[str, list[Mention]],
    reported: dict[int, tuple[list[tuple[EventInfo, float, tuple[int, int]]], set[int]]],
    context: Context,
    text: str,
    headline: Headline,
    now: dt.date | None = None,
) -> list[int]:
    """File the article under its best case(s) (routing.py): case links with their reasons.
    `now`: the article's day, for the case's news (Route.news)."""
    legal = None
    routes = []
    for case_id in reported:
        case = context.cases[case_id]
        if legal is None:
            legal = legal_spans(text, [m.start for m in by_kind.get("party", [])])
        route = case_route(
            case_id=case_id,
            sides=case.sides,
            names=context.names,
            others=case.others,
            judges=frozenset(case.party_ids & context.judges),
            parties=by_kind.get("party", []),
            claims=by_kind.get("claim", []),
            titles=[t for t in by_kind.get("case", []) if t.target_id == case_id],
            events=[(e.title, span) for e, _, span in reported[case_id][0] if e.id is not None],
            legal=legal,
            text=text,
            headline=headline,
            sued_only=case.sued_only,
            moment=Moment(_news(reported[case_id][0], now), _on_trial(case.events, now)),
        )
        if route is not None:
            routes.append(route)
    filed = routes_best(routes)
    for route in filed:
        wanted = Wanted(combine([w for w, _ in route.signals]), [])
        for _, span in route.signals:
            if span not in wanted.spans and len(wanted.spans) < MAX_EVIDENCE:
                wanted.spans.append(span)
        wanted.reason = route.reason
        result.links[("case", route.case_id)] = wanted
    named = {m.target_id for m in by_kind.get("party", [])}
    _short_forms_link(result, text, context, [r.case_id for r in filed], named)
    return [r.case_id for r in filed]


NEWS_DAYS = 7  # a known event this many days before the article, or fewer, is its news


def _news(found: list[tuple[EventInfo, float, tuple[int, int]]], now: dt.date | None) -> bool:
    """A known event of the case, dated to the day, from the week before the article (its
    day included) is among those it reports."""
    if now is None:
        return False
    return any(
        e.id is not None and e.precision == "day" and 0 <= (now - e.date).days <= NEWS_DAYS
        for e, _, _ in found
    )


# A trial is under way from a week before its first known day of trial (jury selection) to
# TRIAL_DAYS after its last.
TRIAL_BEFORE, TRIAL_DAYS = 7, 30
_TRIAL_KINDS = frozenset(["testimony", "verdict"])
_TRIAL_TITLE = re.compile(r"\b(?:trial|jury|jurors)\b", re.IGNORECASE)


def _on_trial(events: list[EventInfo], now: dt.date | None) -> bool:
    """The case is on trial at `now`: a known day of its trial (testimony, a verdict, a hearing
    its title calls a trial's) is at most TRIAL_BEFORE days after `now` or TRIAL_DAYS before."""
    if now is None:
        return False
    return any(
        e.status != "rejected"
        and -TRIAL_BEFORE <= (now - e.date).days <= TRIAL_DAYS
        and (e.kind in _TRIAL_KINDS or (e.kind == "hearing" and _TRIAL_TITLE.search(e.title)))
        for e in events
    )


def _taking_part(context: Context, finding: Finding) -> bool:
    """A position is a party's in the case of its issue: one the party takes part in without
    judging it. Someone outside the case speaks to none of its issues (music publishers
    retelling their own suit say nothing on the authors' pirated library)."""
    case = _issue_case(context, finding)
    return (
        case is not None
        and finding.party_id in case.party_ids
        and finding.party_id not in context.judges
    )


def _principal(context: Context, finding: Finding, own: set[int]) -> bool:
    """The finding's party is a side (plaintiff or defendant) of its issue's case, one the
    article is about (`own`)."""
    case = _issue_case(context, finding)
    return case is not None and case.id in own and finding.party_id in case.sides


def _issue_case(context: Context, finding: Finding) -> CaseInfo | None:
    words = context.issue_words.get(finding.issue_id)
    return context.cases.get(words.case_id) if words else None


def _party_cases(
    context: Context, related: set[int], parties: list[Mention], own: set[int]
) -> dict[int, frozenset[int]]:
    """Each named party's own cases among `related`: where it is a principal (a side), else
    any where it takes part; a keyword shared by two cases' issues is read in the speaker's.
    A principal of several of them (Reddit, plaintiff in two suits) speaks first to those the
    article is about (`own`): its words in a report on one suit are not about the other."""
    out: dict[int, frozenset[int]] = {}
    for party_id in {m.target_id for m in parties}:
        cases = [context.cases[c] for c in related]
        principal = frozenset(c.id for c in cases if party_id in c.sides)
        principal = (principal & own) or principal
        out[party_id] = principal or frozenset(c.id for c in cases if party_id in c.party_ids)
    return out
