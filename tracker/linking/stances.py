"""Positions: statements attributed to a party about an issue, and the stance they take.

Attribution (who says it), for each party mention that is not a possessive ("Google's terms"):
- subject + verb: "X said", "X has accused", "X described ... as", "X called it", "X has taken
  steps to block", "X and Y have accused" (coordinated subjects share the verb);
- "according to X";
- a quotation followed by its speaker: "“...,” X said (in a blog post)" or "“...,” said X";
- a sentence opening with "He"/"She" (the last person named) or "It"/"They" (the last
  organisation named) followed by such a verb.
The statement is the rest of the sentence from the verb on (extended to the end of a quotation
it opens), or the quotation itself.

Issue: a keyword of the issue named in the statement or in the sentence where it starts.

Stance, from a small lexicon of cues found in the statement (negated cues, "not legitimate",
count for the other side):
- opposes: theft, steal, illegal, illicit, unlawful, violates, forbids, prohibits, infringes,
  unauthorised, misuse, abuse, attacks, block/counter/prevent, accuses, copying, concerns,
  "taken action against";
- supports: standard practice/process, legitimate, lawful, common, widely used, useful, routine,
  normal, fair use, "all AI companies" (everybody does it), defends;
- mixed: cues of both kinds ("legitimate ... but can be misused");
- a statement with no cue gives no position (too weak to suggest).
Per article, one position per (party, issue): stances found in several statements combine
(supports + opposes, or any mixed, give mixed), with the strongest statement as the quote; `rule`
says which cues decided, e.g. `opposes: calls it "theft"`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.linking.dates import sentences
from tracker.linking.matcher import Mention

NEAR = 400  # how far back a pronoun ("He said") may look for the party it stands for
MAX_QUOTE = 600

_ADVERBS = r"(?:(?:spokes(?:person|woman|man)|representative|lawyer|attorney|executive|official)s?\s+)?(?:(?:has|have|had)\s+gone\s+further,?\s+)?(?:(?:has|have|had|is|was|were|itself|themselves|also|previously|repeatedly|publicly|recently|already|now|since|then|further|long|openly|\w+ly)\s+){0,3}"
_VERBS = (
    r"said|says|say|stated|states|told|tells|argued|argues|argue|claimed|claims|claim|noted|notes|"
    r"described|describes|describe|called|calls|call|accused|accuses|accuse|acknowledged|"
    r"acknowledges|acknowledge|admitted|admits|conceded|concedes|defended|defends|defend|explained|"
    r"explains|insisted|insists|maintained|maintains|warned|warns|wrote|writes|added|adds|"
    r"criticized|criticised|criticizes|criticises|condemned|condemns|denounced|praised|praises|"
    r"welcomed|welcomes|expressed|expresses|raised|raises|objected|objects|opposed|opposes|"
    r"supported|supports|backed|backs|endorsed|endorses|"
    r"(?:taken|took|takes|take)\s+(?:action|steps|measures|legal\s+action)|moved|moves|sought|seeks|"
    r"testified|testifies|weighed\s+in|weighs\s+in|describing|calling|saying|accusing|arguing|"
    r"warning|claiming|defending|insisting"
)
_AFTER = re.compile(
    rf"(?:,\s+[^,.;\"“”]{{1,60}},)?\s+{_ADVERBS}(?P<verb>{_VERBS})\b", re.IGNORECASE
)
_COORD = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)")
_ACCORDING = re.compile(r"according\s+to\s+$", re.IGNORECASE)
# A quotation handed to its speaker: `“...,” X said`, `"...?" X asked` (same line).
_QUOTE_SAID = re.compile(r"(?:[,?!][\"”]|[\"”],)[ \t]*(?:an?[ \t]+|the[ \t]+)?$", re.IGNORECASE)
_SPEAKER_AFTER = re.compile(
    r"(?:'s)?\s+(?:(?:spokesperson|spokeswoman|spokesman|representative|lawyer|attorney|"
    r"executive|official)s?\s+)?(?:said|says|wrote|writes|added|told)\b",
    re.IGNORECASE,
)
_SAID_BEFORE = re.compile(r"[\"”]\s*,?\s+(?:said|says|wrote|added)\s+$", re.IGNORECASE)
_PRONOUN = re.compile(
    rf"(?:[^,.;“”\"]{{1,40}},\s+)?"
    rf"(?P<pronoun>[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Tt]he\s+(?:company|firm|lab|startup))"
    rf"\s+{_ADVERBS}(?P<verb>{_VERBS})\b"
)

_NEGATION = re.compile(
    r"\b(?:not|no|never|isn't|is not|aren't|wasn't|nothing)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)
OPPOSE_CUES = [
    r"theft",
    r"steal(?:s|ing)?",
    r"stolen",
    r"illegal(?:ly)?",
    r"illicit",
    r"unlawful(?:ly)?",
    r"violat(?:e|es|ed|ing|ion|ions)",
    r"forbid(?:s|den)?",
    r"prohibit(?:s|ed)?",
    r"infring(?:e|es|ed|ing|ement)",
    r"unauthori[sz]ed",
    r"misus(?:e|ed|es|ing)",
    r"abus(?:e|es|ed|ive)",
    r"attacks?",
    r"block(?:s|ed|ing)?",
    r"counter",
    r"prevent(?:s|ed|ing)?",
    r"accus(?:e|es|ed|ing)",
    r"copy(?:ing)?",
    r"concerns?",
    r"action\s+against",
    r"(?:does|do|did)\s+not\s+accept",
    r"cut(?:ting)?\s+corners",
    r"the\s+problem\s+is",
    r"without\s+doing\s+the\s+work",
    r"free[-\s]?rid(?:e|ing|ers?)",
    r"objects?",
]
NEUTRAL_CUES = [
    r"(?:takes?|taking|took)\s+no\s+position",
    r"no\s+position",
    r"declined\s+to\s+comment",
    r"no\s+view",
    r"neutral",
]
SUPPORT_CUES = [
    r"standard\s+(?:practice|process|behaviou?r|technique|method)",
    r"legitimate",
    r"lawful",
    r"common",
    r"widely\s+used",
    r"useful",
    r"routine(?:ly)?",
    r"normal",
    r"fair\s+use",
    r"(?:generally\s+)?all\s+(?:the\s+)?(?:major\s+)?(?:AI\s+)?(?:companies|labs|firms)",
    # defending the practice, not "defending its models against" it
    r"defend(?:s|ed|ing)?\s+(?:the\s+|this\s+)?(?:practice|technique|method|distillation|it)\b",
]
_OPPOSE = re.compile(r"\b(?:" + "|".join(OPPOSE_CUES) + r")\b", re.IGNORECASE)
_SUPPORT = re.compile(r"\b(?:" + "|".join(SUPPORT_CUES) + r")\b", re.IGNORECASE)
_NEUTRAL = re.compile(r"\b(?:" + "|".join(NEUTRAL_CUES) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Statement:
    party_id: int
    start: int
    end: int
    verb: str


@dataclass(frozen=True)
class Finding:
    party_id: int
    issue_id: int
    stance: str
    rule: str
    start: int
    end: int
    cues: int


def _sentence_at(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= pos < end:
            return start, end
    return pos, pos


def _quote_before(text: str, close: int) -> tuple[int, int] | None:
    """The quotation that ends at text[close] (a closing mark); (start, end) of its content."""
    mark = text[close]
    opener = "“" if mark == "”" else '"'
    start = text.rfind(opener, max(0, close - 1500), close)
    if start == -1:
        return None
    return start + 1, close


def _extend_quote(text: str, start: int, end: int) -> int:
    """If text[start:end] opens a quotation it does not close, the end of that quotation."""
    chunk = text[start:end]
    if chunk.count("“") > chunk.count("”"):
        close = text.find("”", end, end + 1500)
        return close + 1 if close != -1 else end
    if chunk.count('"') % 2 == 1:
        close = text.find('"', end, end + 1500)
        return close + 1 if close != -1 else end
    return end


def statements_find(text: str, parties: list[Mention], kinds: dict[int, str]) -> list[Statement]:
    """Statements attributed to parties (see the module docstring)."""
    spans = sentences(text)
    found: list[Statement] = []
    by_start = {m.start: m for m in parties}
    for mention in parties:
        after = text[mention.end : mention.end + 2]
        if after[:1] in {"'", "’"} and after[1:2].lower() == "s":
            continue  # possessive: "Google's terms" is not Google speaking
        s_start, s_end = _sentence_at(spans, mention.start)
        # Coordinated subjects: "OpenAI and Anthropic have accused" -> both.
        pos = mention.end
        while True:
            coord = _COORD.match(text, pos)
            nxt = by_start.get(coord.end()) if coord else None
            if nxt is None:
                break
            pos = nxt.end
        before = text[max(0, mention.start - 40) : mention.start]
        said_before = _SAID_BEFORE.search(before)
        quote_said = _QUOTE_SAID.search(before) if _SPEAKER_AFTER.match(text, mention.end) else None
        if quote_said or said_before:
            hit = said_before or quote_said
            mark = re.search(r"[\"”]", hit.group())
            close = mention.start - len(before) + hit.start() + (mark.start() if mark else 0)
            quote = _quote_before(text, close)
            if quote:
                found.append(Statement(mention.target_id, quote[0], quote[1], "said"))
                continue
        verb = _AFTER.match(text, pos)
        if verb and verb.start("verb") < s_end:
            end = _extend_quote(text, verb.start("verb"), s_end)
            found.append(Statement(mention.target_id, mention.start, end, verb.group("verb")))
            continue
        if _ACCORDING.search(before):
            found.append(Statement(mention.target_id, s_start, s_end, "according to"))
    found.extend(_pronoun_statements(text, spans, parties, kinds))
    return _split_shared_sentences(found)


def _split_shared_sentences(found: list[Statement]) -> list[Statement]:
    """ "X described it as theft, and Y has said it is legitimate": X's statement ends where
    Y's begins."""
    starts = sorted({s.start for s in found})
    out = []
    for statement in found:
        nxt = next((p for p in starts if statement.start < p < statement.end), None)
        end = nxt if nxt is not None else statement.end
        out.append(Statement(statement.party_id, statement.start, end, statement.verb))
    return out


def _pronoun_statements(
    text: str, spans: list[tuple[int, int]], parties: list[Mention], kinds: dict[int, str]
) -> Iterable[Statement]:
    for s_start, s_end in spans:
        m = _PRONOUN.match(text, s_start)
        if not m:
            continue
        want = "person" if m.group("pronoun").lower() in {"he", "she"} else "organization"
        if m.group("pronoun").lower().startswith("they") and not earlier_org(
            parties, kinds, s_start
        ):
            continue
        earlier = [p for p in parties if p.end <= s_start and kinds.get(p.target_id) == want]
        if not earlier or s_start - earlier[-1].end > NEAR:
            continue
        end = _extend_quote(text, m.start("verb"), s_end)
        yield Statement(earlier[-1].target_id, s_start, end, m.group("verb"))


def earlier_org(parties: list[Mention], kinds: dict[int, str], before: int) -> bool:
    return any(p.end <= before and kinds.get(p.target_id) == "organization" for p in parties)


def _cues(pattern: re.Pattern[str], chunk: str) -> list[str]:
    return [m.group(0) for m in pattern.finditer(chunk) if not _NEGATION.search(chunk[: m.start()])]


def _negated(pattern: re.Pattern[str], chunk: str) -> list[str]:
    return [m.group(0) for m in pattern.finditer(chunk) if _NEGATION.search(chunk[: m.start()])]


def stance_of(chunk: str) -> tuple[str, list[str], list[str]] | None:
    """(stance, supporting cues, opposing cues) for a statement, or None without cues."""
    neutral = _NEUTRAL.findall(chunk)
    if neutral:  # "takes no position": says so outright, whatever else the sentence holds
        return "neutral", neutral, []
    supports = _cues(_SUPPORT, chunk) + _negated(_OPPOSE, chunk)
    opposes = _cues(_OPPOSE, chunk) + _negated(_SUPPORT, chunk)
    if supports and opposes:
        return "mixed", supports, opposes
    if supports:
        return "supports", supports, []
    if opposes:
        return "opposes", [], opposes
    return None


def _rule(stance: str, verb: str, supports: list[str], opposes: list[str]) -> str:
    def quoted(cues: list[str]) -> str:
        return ", ".join(f'"{c}"' for c in dict.fromkeys(c.lower() for c in cues))

    verb = " ".join(verb.split()).lower()
    if stance == "neutral":
        return f"neutral: {verb} {quoted(supports)}"[:300]
    if stance == "mixed":
        return f"mixed: {verb} {quoted(supports)} but {quoted(opposes)}"[:300]
    return f"{stance}: {verb} {quoted(supports or opposes)}"[:300]


def positions_find(
    text: str, parties: list[Mention], issues: list[Mention], kinds: dict[int, str]
) -> list[Finding]:
    """One finding per (party, issue) in the text; see the module docstring."""
    per_pair: dict[tuple[int, int], list[Finding]] = {}
    spans = sentences(text)
    for statement in statements_find(text, parties, kinds):
        # The issue must be named in the statement's own sentence(s).
        first = _sentence_at(spans, statement.start)[0]
        near = [
            i for i in issues if min(first, statement.start) <= i.start and i.end <= statement.end
        ]
        if not near:
            continue
        chunk = text[statement.start : statement.end]
        result = stance_of(chunk)
        if result is None:
            continue
        stance, supports, opposes = result
        closest = min(near, key=lambda i: abs(i.start - statement.start))
        end = min(statement.end, statement.start + MAX_QUOTE)
        finding = Finding(
            party_id=statement.party_id,
            issue_id=closest.target_id,
            stance=stance,
            rule=_rule(stance, statement.verb, supports, opposes),
            start=statement.start,
            end=end,
            cues=len(supports) + len(opposes),
        )
        per_pair.setdefault((statement.party_id, closest.target_id), []).append(finding)
    return [_combine(findings) for findings in per_pair.values()]


def _combine(findings: list[Finding]) -> Finding:
    stances = {f.stance for f in findings}
    if "mixed" in stances or {"supports", "opposes"} <= stances:
        mixed = [f for f in findings if f.stance == "mixed"]
        if mixed:
            return max(mixed, key=lambda f: f.cues)
        best = max(findings, key=lambda f: f.cues)
        rules = "; ".join(f.rule for f in findings)
        return Finding(
            best.party_id,
            best.issue_id,
            "mixed",
            f"mixed: {rules}"[:300],
            best.start,
            best.end,
            best.cues,
        )
    return max(findings, key=lambda f: f.cues)
