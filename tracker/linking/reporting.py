"""The vocabulary of news attribution, as regex pieces and patterns (used by attribution.py):
reporting verbs, the people and papers that speak for a party, pronouns, quotation marks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tracker.core.asking import COURT_REQUEST
from tracker.core.dates import DATELINE_BODY
from tracker.linking.suitwords import SUIT_NOUNS


def _words(text: str) -> list[str]:
    return text.split()


SUBJECT_REACH = 120  # how far before its verb a subject may start
NEAR = 400  # how far back a pronoun may look for the party it stands for
QUOTE_REACH = 1500  # the longest quotation looked back (or forward) for

_VERB_WORDS = _words(
    "said says say answered answers replied bar bars barred forbid forbids forbade prohibit prohibits ban bans stated states told tells argued argues argue contended contends contend "
    "claimed claims claim maintained maintains maintain insisted insists insist asserted "
    "asserts alleged alleges allege noted notes added adds wrote writes responded responds "
    "replied replies reiterated reiterates voiced voices countered counters denied denies deny "
    "called calls call dismissed dismisses welcomed welcomes criticized criticised criticizes "
    "criticises criticize criticise warned warns accused accuses accuse described describes "
    "describe characterized characterised characterizes characterises labeled labelled labels "
    "branded brands termed dubbed defended defends defend acknowledged acknowledges admitted "
    "admits conceded concedes explained explains stressed stresses emphasized emphasised "
    "emphasizes emphasises complained complains condemned condemns denounced denounces slammed "
    "slams blasted blasts decried decries praised praises hailed hails lauded lauds touted "
    "touts objected objects opposed opposes oppose supported supports support backed backs "
    "endorsed endorses rejected rejects disputed disputes contested contests challenged "
    "challenges testified testifies posted tweeted believes believe believed thinks expressed "
    "expresses raised raises vowed vows pledged pledges suggested suggests countered rebuffed "
    "lamented insisting saying arguing calling describing accusing warning claiming defending "
    "noting adding contending alleging asserting maintaining dismissing criticizing "
    "criticising rejecting disputing denying "
    # reported speech with no "said": "disagreed with the ruling", "urged the court to", "was
    # pleased the court found" ("is seeking to block": _VERB_PHRASES)
    "disagreed disagrees disagree urged urges urging pleased"
)
_VERB_PHRASES = (
    r"pointed\s+out|points\s+out|pushed\s+back|pushes\s+back|weighed\s+in|weighs\s+in|"
    # "asked the court to block", "seeks to block", "moved to dismiss", "seeks an injunction"
    # (not "sought to buy a stake"), "asked regulators", "plans to appeal" (not "was asked
    # whether")
    + COURT_REQUEST
    + r"|ask(?:s|ed|ing)?\s+(?:the|a)\s+(?:[\w-]+\s+)?(?:jury|regulators?|commission|agency)|"
    # "asked for the injunction" (a reporting verb; not an act of the case: core.asking)
    r"ask(?:s|ed|ing)?\s+for\s+(?:an?\s+|the\s+)?(?:preliminary\s+|permanent\s+)?"
    r"(?:injunction|restraining\s+order)|"
    r"(?:plans?|planned|intends?|intended|expects?)\s+to\s+(?=appeal|fight|contest|"
    r"challenge)|"
    r"(?:has\s+|have\s+)?(?:taken|took|takes|take)\s+(?:action|steps|measures|legal\s+action)|"
    # "has been clear that", "made it clear that"; "X's argument is that", "X's defense is
    # simple:"
    r"(?:been|made\s+it|made|makes\s+it|is|was)\s+clear\s+that|(?:is|was)\s+that|"
    r"(?:is|was)\s+(?:simple|straightforward|plain|blunt)(?=:)"
)


def _trie(words: list[str]) -> str:
    """An alternation of words factored by common prefixes ("sa(?:id|ys)"): the regex engine
    then tries a handful of branches at each word instead of every word."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:1], []).append(word[1:])
    parts = []
    for head, tails in sorted(groups.items()):
        if head == "":
            continue
        rest = [t for t in tails if t]
        optional = len(rest) < len(tails)
        if not rest:
            parts.append(re.escape(head))
            continue
        inner = _trie(rest)
        parts.append(f"{re.escape(head)}(?:{inner}){'?' if optional else ''}")
    return "|".join(parts)


_VERB = r"(?:" + _VERB_PHRASES + "|" + _trie(sorted(set(_VERB_WORDS))) + r")\b"
VERB_BODY = _VERB  # a reporting verb, for patterns built elsewhere
VERB = re.compile(r"\b" + _VERB)
PARTICIPLE = frozenset(w for w in _VERB_WORDS if w.endswith("ing"))
# The verbs that close a sentence on its speaker (", Lee wrote.", ", the judge found."): plain
# reporting verbs (of _VERB_WORDS), and a court's
_CLOSING_WORDS = frozenset(_words("said says added noted wrote writes")) & frozenset(_VERB_WORDS)
_COURT_WORDS = frozenset(_words("found finds ruled rules concluded reasoned held"))
CLOSING_VERB = r"(?:" + _trie(sorted(_CLOSING_WORDS | _COURT_WORDS)) + r")"

_ADVERB = (
    r"(?:has|have|had|is|was|were|will|would|could|also|itself|themselves|himself|herself|again|"
    r"previously|repeatedly|publicly|recently|already|now|then|further|long|since|openly|later|"
    r"once|still|even|not|never|did|does|do|\w+ly)"
)
# adverbs and auxiliaries, and a time phrase among them: "has for more than a year described"
ADVERBS = (
    rf"(?:\s+{_ADVERB}){{0,3}}"
    r"(?:\s+(?:for|since|over|during|throughout|in|on|earlier|last)(?:\s+[\w-]+){1,4}?,?)?"
    rf"(?:\s+{_ADVERB}){{0,2}}"
)
# Who speaks for a party.
AGENT = (
    r"(?:spokes(?:person|woman|man)|representative|lawyer|attorney|counsel|legal\s+team|"
    r"executive|official|chief\s+executive(?:\s+officer)?|CEO|founder|co-founder|president|"
    r"chair(?:man|woman|person)?|general\s+counsel|head|director|officer|"
    r"statement|filing|brief|complaint|counterclaim|countersuit|lawsuit|suit|motion|letter|"
    r"blog\s+post|post|response|answer|"
    r"petition|court\s+papers|papers|"
    # a party's own rules speak for it: "OpenAI's terms of use bar customers from ..."
    r"term(?:s\s+of\s+(?:use|service))?|usage\s+polic(?:y|ie)|polic(?:y|ie)|rule|"
    r"user\s+agreement|guideline|argument|position|contention|view|line|defen[cs]e)s?"
)
NAME_RE = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2}"
# A title before a person's name: "Judge", "U.S. District Judge", "Chief Justice", "Dr."
HONORIFIC = (
    r"(?:(?:U\.S\.|Chief|Senior|Presiding|District|Circuit|Bankruptcy|Magistrate|Judge|"
    r"Justice|Mr\.|Ms\.|Mrs\.|Dr\.)\s+){1,4}"
)
# "The complaint, lodged in the U.S. District Court ..., alleges": an initial's period is no
# sentence's end (runs of other characters taken whole, so the engine never splits them)
APPOSITION = r",\s+(?=[^,;:\"“”]{1,80},)(?:[^,.;:\"“”]++|(?<=\b[A-Z])\.)+,"
# A side's members listed after it: "The publishers, led by A, B and C, argue"
_LISTING = r",\s+(?:led\s+by|among\s+them|including|such\s+as)\s+[^.;:\"“”]{1,160}?,"
# ... or closing a list of them: "A, B, C and other publishers asked"
_OTHERS = r"\s+and\s+(?:(?:several|two|three|four|five|many)\s+)?others?(?:\s+[a-z][\w-]*s)?"
# Between a party's mention and its verb.
_LINK_BODY = (
    rf"(?:(?P<agent>(?:['’]s|(?<=s)['’])?(?:\s+[\w-]+){{0,2}}?\s+{AGENT}(?:\s+{NAME_RE})?(?:{APPOSITION})?)"
    rf"|(?P<appos>{APPOSITION}|{_LISTING})|(?P<rel>,\s+(?:who|which))|(?P<others>{_OTHERS}))?"
    rf"{ADVERBS},?\s+"
)
LINK = re.compile(_LINK_BODY + "$")
# Someone named who speaks for the party after it: "Jane Roe, for the authors, said", "Roe &
# Doe LLP, which represents the authors, said"
NAMED_FOR = re.compile(
    r"\b[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,3},\s+(?:for|(?:who|which)\s+(?:also\s+)?"
    r"represent(?:s|ed))\s+(?:the\s+)?$"
)
AGENT_FOR = re.compile(
    rf"\b{AGENT}\s+(?:for|at|of|representing|with)\s+(?:the\s+)?$", re.IGNORECASE
)
ACCORDING = re.compile(
    rf"\baccording\s+to\s+(?:(?:a|an|the)\s+)?(?:{AGENT}\s+(?:for|at|of|from|by)\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
_ACCORDING_AFTER = re.compile(rf"(?:['’]s\s+(?:[\w-]+\s+){{0,2}}?{AGENT}|\s+{AGENT})?\b")
# "Jane Roe and nonfiction writer John Doe": a description may lead the second name
COORD = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+(?:[a-z][\w-]*\s+){0,3})")
_PRONOUN_BODY = (
    rf"(?:^|(?<=[\s,;:“\"(]))(?P<who>[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Tt]he\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:company|firm|lab|startup|start-up|giant|maker|group|organi[sz]ation|nonprofit|"
    r"developer|publisher|newspaper|paper|platform|outlet|business|network|site|service|"
    r"agency|provider|operator|billionaire|entrepreneur|tycoon|mogul|"
    # "the spokeswoman", "the company spokesman": someone speaking for the organisation
    r"spokes(?:person|woman|man)|"
    # the plaintiff's filing: "the complaint says", "the lawsuit alleges"
    r"complaint|lawsuit|suit)|"
    # "A spokesperson said": someone speaking for the organisation last named
    r"[Aa]n?\s+(?:company\s+)?(?:spokes(?:person|woman|man)|representative)|"
    # "its lawyers argued", "his attorney, Jane Roe, said", "its terms of use forbid"
    rf"(?:[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)(?:\s+[\w-]+){{0,2}}?\s+{AGENT}(?:\s+{NAME_RE})?"
    rf"(?:{APPOSITION})?)(?:{APPOSITION})?{ADVERBS}\s+"
)
PRONOUN = re.compile(_PRONOUN_BODY + "$")
# A filing that speaks for the party that sued ("the complaint says").
FILING_NOUNS = frozenset(SUIT_NOUNS)
# Descriptions that stand for a person, not an organisation ("the billionaire said").
PERSON_NOUNS = frozenset({"billionaire", "entrepreneur", "tycoon", "mogul"})
# A verb of its own after a subject ("after Musk sued", "Lin found that")
FINITE = re.compile(
    r"\s+(?:\w+ly\s+)?(?:[a-z]+ed|brought|took|won|lost|sues|files|found|held|wrote|said)\b"
)
# a name may open with a small letter before a capital ("xAI", "eBay")
_HEAD_WHO = (
    r"(?P<who>[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Tt]he\s+company|[A-Z][\w.&-]*|[a-z]+[A-Z][\w.&-]*)\b"
)
# A sentence's subject: after a wire's dateline ("LOS ANGELES, Aug 7 (Wire) - Midjourney has")
# and an introductory phrase ("On Friday, X ...") or right at its start.
HEAD = re.compile(rf"(?:{DATELINE_BODY})?(?:[^,.;:“”\"]{{1,60}},\s+)?" + _HEAD_WHO)
BARE_HEAD = re.compile(rf"[\s“\"(]*(?:{DATELINE_BODY})?" + _HEAD_WHO)
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her"})
_PROXY_BODY = rf"(?:^|(?<=[\s“\"(]))(?P<name>{NAME_RE})(?:{APPOSITION})?{ADVERBS}\s+"
PROXY_NAME = re.compile(_PROXY_BODY + "$")
SUBJECT_VERB = re.compile(_LINK_BODY + rf"(?P<verb>{_VERB})")
AFTER_WORD = re.compile(rf"(?:{APPOSITION})?{ADVERBS},?\s+(?P<verb>{_VERB})")
AFTER_QUOTE = re.compile(rf"\s*(?P<verb>{_VERB})")
_AFTER_COMMA = re.compile(
    r"\s+(?P<verb>" + "|".join(w for w in _VERB_WORDS if w.endswith("ing")) + r")\b"
)
# Agent words after which a verb may follow ("its lawyers argued", "its terms forbid").
AFTER_AGENT = re.compile(
    rf"(?:s|\s+of\s+(?:use|service))?(?:\s+{NAME_RE})?(?:{APPOSITION})?{ADVERBS},?\s+(?P<verb>{_VERB})"
)
AGENT_WORDS = frozenset(
    _words(
        "lawyer lawyers attorney attorneys counsel spokesperson spokeswoman spokesman "
        "representative representatives terms policy policies rules filing statement complaint "
        "lawsuit suit brief motion letter "
        # "Its position is that ...", "Their argument was that ..."
        "position argument defense defence "
        # "its chief executive, Jane Roe, said"
        "executive officer founder co-founder president chairman chairwoman director"
    )
)
PRONOUN_WORDS = frozenset(
    _words(
        "he she it they its his her their "
        "company firm lab startup start-up giant maker group organization organisation nonprofit "
        "developer publisher newspaper paper platform outlet business network site service "
        "agency provider operator complaint lawsuit suit "
        "billionaire entrepreneur tycoon mogul spokesperson spokeswoman spokesman representative"
    )
)


_TITLE = (
    r"(?:spokes(?:person|woman|man)|representative|lawyer|attorney|counsel|general\s+counsel|"
    r"(?:chief|deputy|senior|vice)\s+[\w\s-]{0,30}?(?:officer|counsel|executive|president)|"
    r"CEO|chief\s+executive|founder|co-founder|president|chair(?:man|woman|person)?|head\s+of\s+"
    r"[\w\s-]{1,30}?|director|executive|official)"
)
PROXY_BEFORE = re.compile(
    rf"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w.'’-]+){{1,2}}),\s+(?:(?:a|an|the)\s+)?"
    rf"(?:(?:{_TITLE})\s+(?:for|at|of|with)\s+(?:the\s+)?"
    # "Jane Roe, who represents the authors", "Roe & Doe LLP, which represents", "Jane Roe,
    # for the authors,"
    r"|(?:who|which)\s+(?:also\s+)?represent(?:s|ed)\s+(?:the\s+)?|for\s+(?:the\s+)?)?$"
)
PROXY_AFTER_TITLE = re.compile(rf"(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?{_TITLE}\b")
PROXY_AFTER_NAME = re.compile(
    rf"(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?{_TITLE},?\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w.'’-]+){{1,2}})"
)
# Someone introduced as speaking for the organisation last named: "Its chief executive, Jane
# Roe,", "the company's general counsel Jane Roe"
# "their lawyer, Jane Roe," (a side named as a group: "the authors' side")
_POSSESSOR = r"[Ii]ts|[Tt]heir|[Tt]he\s+(?:company|firm|startup|start-up|platform|publisher)['’]s"
# A text without one of these possessors has no such person (a cheap test before the pattern)
POSSESSOR = re.compile(rf"\b(?:{_POSSESSOR})\s")
PROXY_OF_PRONOUN = re.compile(
    rf"\b(?P<who>{_POSSESSOR})\s+"
    rf"(?:[\w-]+\s+){{0,2}}?{_TITLE},?\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w.'’-]+){{1,2}})"
)
# After a quotation, a speaker who names no party: "..., a spokesperson said.", "..., the
# complaint states.", "..., a spokesperson for the company said in a statement."
UNNAMED_TAIL = re.compile(
    rf"[\s,]*(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+)?{AGENT}"
    r"(?:\s+(?:for|of)\s+the\s+(?:company|firm|newspaper|paper|platform|startup|lab))?"
    rf"\s+{_VERB}[^.;“”\"]{{0,60}}[.]?\s*$"
)
QUOTE_END = re.compile(
    rf"(?P<close>[,?!.]\s?[”\"]|[”\"]\s?,)\s*(?:{NAME_RE},\s+)?(?:(?:a|an|the)\s+)?$"
)
TAIL = re.compile(
    r"(?:\s+(?:in|on|at|to|during|after|before|last|this|on\s+\w+|via|through|earlier|late)\b"
    r"[^.;:“”\"]{0,60})?\s*[.]"
)
NOT_SPEECH = re.compile(
    r"\b(?:declined|refused|did\s+not\s+respond|didn['’]t\s+respond|could\s+not\s+be\s+reached|"
    r"did\s+not\s+immediately\s+respond|no\s+comment|"
    r"(?:not|never)\s+(?:yet\s+)?(?:said|say|"
    r"says|stated|commented|responded|respond|explained|addressed|confirmed|confirm)|"
    r"(?:hasn|haven|hadn|didn|doesn)['’]t\s+(?:yet\s+)?(?:said|say|commented|responded))\b",
    re.IGNORECASE,
)

# A hypothesis: the modal right before the reporting verb itself ("could argue", "is expected
# to say"), not "said rivals could say anything" (a statement that tells of one).
HYPOTHESIS = re.compile(
    r"\b(?:(?:could|might|may|can)\s+(?:(?!have\b)\w+\s+)?|(?:is|are|was|were)\s+"
    r"(?:likely|expected|set)\s+to\s+)$",
    re.IGNORECASE,
)


def sentence_index(spans: tuple[tuple[int, int], ...], pos: int) -> int:
    lo, hi = 0, len(spans) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        start, end = spans[mid]
        if pos < start:
            hi = mid - 1
        elif pos >= end:
            lo = mid + 1
        else:
            return mid
    return -1


def quote_before(text: str, close: int) -> tuple[int, int] | None:
    """The quotation whose closing mark is text[close]: (start, end) of its words."""
    mark = text[close]
    window = text[max(0, close - QUOTE_REACH) : close]
    if mark == "”":
        opener = max(window.rfind("“"), window.rfind('"'))
    else:
        opener = max(window.rfind('"'), window.rfind("“"))
    if opener == -1:
        return None
    start = close - len(window) + opener + 1
    return (start, close) if close > start else None


def extend_quote(text: str, start: int, end: int) -> int:
    """If text[start:end] opens a quotation it does not close, the end of that quotation."""
    chunk = text[start:end]
    curly = chunk.count("“") - chunk.count("”")
    if curly > 0 or (curly == 0 and chunk.count('"') % 2 == 1):
        marks = [text.find(m, end, end + QUOTE_REACH) for m in ("”", '"')]
        found = [m for m in marks if m != -1]
        return min(found) + 1 if found else end
    return end


def ends_of(haystack: str, word: str) -> Iterator[int]:
    """Where each whole-word (or punctuation) occurrence of `word` in `haystack` ends."""
    size = len(word)
    wordy = word[:1].isalnum()
    at = haystack.find(word)
    while at != -1:
        end = at + size
        if not wordy or (
            (at == 0 or not haystack[at - 1].isalnum())
            and (end == len(haystack) or not haystack[end].isalnum())
        ):
            yield end
        at = haystack.find(word, at + 1)


def mark_offset(match: str) -> int:
    for i, ch in enumerate(match):
        if ch in '”"':
            return i
    return 0
