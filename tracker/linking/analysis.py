"""What one article says: the links, positions and events to suggest for it (no writes).

Which cases an article relates to: the cases it was ingested for (Article.cases, from its feed
or `ingest --case`), plus any case it names "enough" by this rule:
- the case's title ("Musk v. OpenAI") appears, or
- parties from both sides appear (a plaintiff-side party and a defendant-side party; a party
  on both sides, like a counter-claimant, needs a second party), or
- a principal party (plaintiff/defendant side) and a keyword of one of the case's claims appear.
The same rule decides the link to the case itself. An article is also read for a case's claims,
issues, clauses, events and positions (without a case link) when it was ingested for the case,
or when it names any party of the case (commentators too) together with a keyword of one of
the case's claims or issues: "Google calls distillation theft" belongs to the distillation
issue of Musk v. OpenAI, though it is not about the lawsuit. A commentator named without the
case's topics relates the article to nothing.

Confidence of a link: every mention is a piece of evidence with a probability of being right
(full name 0.7, alias 0.5, alias of three letters or fewer 0.3, keyword 0.35: matcher.P_*), and
the link's confidence is the chance that at least one is right, 1 - prod(1 - p), capped at 0.99.
For the case link the pieces are: title 0.9, each side 0.45, each claim keyword 0.35, and 0.2
when the article was ingested for the case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tracker.linking.dates import dates_find, sentences
from tracker.linking.events import (
    Candidate,
    EventInfo,
    byline_date,
    event_candidates,
    events_reported,
    read,
)
from tracker.linking.matcher import Matcher, Mention
from tracker.linking.stances import Finding, positions_find

PLAINTIFF_SIDE = frozenset({"plaintiff", "counter-defendant"})
DEFENDANT_SIDE = frozenset({"defendant", "counter-plaintiff"})
MAX_EVIDENCE = 25  # quotes kept per link: every mention up to this many (a name repeated 80 times)


@dataclass
class CaseInfo:
    id: int
    sides: dict[int, set[str]] = field(default_factory=dict)  # party id -> {"p", "d"}
    party_ids: set[int] = field(default_factory=set)
    events: list[EventInfo] = field(default_factory=list)
    names: frozenset[str] = frozenset()  # stems of its parties' names and aliases


@dataclass
class Context:
    cases: dict[int, CaseInfo]
    kinds: dict[int, str]  # party id -> person | organization
    # issue id -> -1 when a "yes" to the issue's question condemns the practice ("Does training
    # infringe?"); issues missing here ask whether it is acceptable (stances.issue_framing)
    framing: dict[int, int] = field(default_factory=dict)
    # parties who judge a case: their holdings and remarks are not positions
    judges: set[int] = field(default_factory=set)


@dataclass
class Wanted:
    """A link to suggest: its confidence and the spans of its evidence."""

    confidence: float
    spans: list[tuple[int, int]]


@dataclass
class Analysis:
    links: dict[tuple[str, int], Wanted] = field(default_factory=dict)
    positions: list[Finding] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    cases: set[int] = field(default_factory=set)


def combine(weights: list[float]) -> float:
    remaining = 1.0
    for weight in weights:
        remaining *= 1.0 - weight
    return round(min(0.99, 1.0 - remaining), 3)


def _case_signals(
    case: CaseInfo, parties: list[Mention], claims: list[Mention], titles: list[Mention]
) -> list[tuple[float, tuple[int, int]]]:
    """Evidence that the article is about the case, as (weight, span); [] when not enough."""
    signals: list[tuple[float, tuple[int, int]]] = [(0.9, (t.start, t.end)) for t in titles[:1]]
    first: dict[int, Mention] = {}
    for mention in parties:
        if mention.target_id in case.sides:
            first.setdefault(mention.target_id, mention)
    pair = next(
        (
            (first[a], first[b])
            for a in first
            for b in first
            if a != b and "p" in case.sides[a] and "d" in case.sides[b]
        ),
        None,
    )
    case_claims = [c for c in claims if case.id in c.case_ids]
    if pair is not None:
        signals += [(0.45, (m.start, m.end)) for m in pair]
    elif first and case_claims:
        principal = next(iter(first.values()))
        signals.append((0.45, (principal.start, principal.end)))
    else:
        return signals
    seen: set[int] = set()
    for claim in case_claims:
        if claim.target_id not in seen:
            seen.add(claim.target_id)
            signals.append((0.35, (claim.start, claim.end)))
    return signals


def article_analyse(
    *,
    text: str,
    published: dt.date | None,
    case_ids: set[int],
    matcher: Matcher,
    context: Context,
) -> Analysis:
    result = Analysis()
    mentions = matcher.find(text)
    by_kind: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_kind.setdefault(mention.kind, []).append(mention)
    parties = by_kind.get("party", [])
    claims = by_kind.get("claim", [])
    # Cases: ingested for, plus named enough.
    related = {c for c in case_ids if c in context.cases}
    case_links: dict[int, list[tuple[float, tuple[int, int]]]] = {}
    topical = {
        case_id
        for m in by_kind.get("claim", []) + by_kind.get("issue", [])
        for case_id in m.case_ids
    }
    for m in parties:
        related |= m.case_ids & topical  # any party of the case on one of its claims/issues
    for case in context.cases.values():
        titles = [t for t in by_kind.get("case", []) if t.target_id == case.id]
        signals = _case_signals(case, parties, claims, titles)
        if signals:
            related.add(case.id)
            if case.id in case_ids:
                signals.append((0.2, signals[0][1]))
            case_links[case.id] = signals
    result.cases = related

    def add(kind: str, target_id: int, weight: float, span: tuple[int, int]) -> None:
        wanted = result.links.setdefault((kind, target_id), Wanted(0.0, []))
        if span not in wanted.spans and len(wanted.spans) < MAX_EVIDENCE:
            wanted.spans.append(span)
        wanted.confidence = combine([wanted.confidence, weight])

    for mention in parties:
        add("party", mention.target_id, mention.weight, (mention.start, mention.end))
    for kind in ("claim", "issue", "clause"):
        for mention in by_kind.get(kind, []):
            if mention.case_ids & related or (kind == "clause" and not mention.case_ids):
                add(kind, mention.target_id, mention.weight, (mention.start, mention.end))
    for case_id, signals in case_links.items():
        for weight, span in signals:
            add("case", case_id, weight, span)
    if not related:
        return result

    spans = list(sentences(text))
    read_sentences = read(text, spans, dates_find(text, published))
    if published is None and (published := byline_date(read_sentences)) is not None:
        read_sentences = read(text, spans, dates_find(text, published))
    issues = [i for i in by_kind.get("issue", []) if i.case_ids & related]
    party_cases: dict[int, frozenset[int]] = {}
    for case_id in related:
        for party_id in context.cases[case_id].sides:
            party_cases[party_id] = party_cases.get(party_id, frozenset()) | {case_id}
    found = positions_find(text, parties, issues, context.kinds, context.framing, party_cases)
    result.positions = [f for f in found if f.party_id not in context.judges]
    for case_id in sorted(related):
        case = context.cases[case_id]
        known = [e for e in case.events if e.status != "rejected"]
        reported, reporting = events_reported(read_sentences, published, known)
        for event, confidence, span in reported:
            if event.id is not None:
                add("event", event.id, confidence, span)
        starts = [p.start for p in parties if p.target_id in case.party_ids]
        result.candidates += event_candidates(read_sentences, published, case_id, starts, reporting)
    return result
