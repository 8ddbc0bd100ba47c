"""Positions: statements attributed to a party about an issue, and the stance they take.

Who says what comes from `attribution.statements_find` (speakers found around reporting verbs:
the party as subject, someone speaking for it, a pronoun, a quotation handed to its speaker...).

Issue: a keyword of the issue (the matcher takes its variants: plurals, possessives,
inflections) named in the statement or in the sentence that attributes it.

Stance, from a small lexicon of cues found in the statement:
- opposes: theft, steal, illegal, illicit, unlawful, piracy, violates, forbids, prohibits,
  infringes, unauthorised, misuse, abuse, unfair, harms, undermines, "without permission",
  block/counter/prevent, accuses, copying, concerns, criticises, condemns, opposes, rejects,
  a copy's market ("competes with", "a substitute for", "a rival product"), "at risk",
  getting past a barrier (circumvents, bypasses, "got around the locks", "broke through",
  "evades its defenses"), degrades...;
- supports: standard practice, legitimate, lawful, legal, fair use, preempted, "by another
  name", transformative, common,
  widely used, useful, routine, normal, benefits, necessary, "all AI companies" (everybody does
  it), "in the public domain", only what anyone may see ("only public pages", "results anyone
  can see", "publicly available"), defends, welcomes, supports, backs, endorses, praises,
  pleased...;
- on a question of protection ("original enough to be protected by copyright?") "protected"
  answers yes, not a fear (`issue_asks_protection`);
- on such a question a condemnation of the copying answers "yes, protected": the issue's framing
  is turned for it;
- a judgement negated ("not legitimate", "not illegal", "disagreed with the part of the ruling
  that called it theft", "pushed back on the idea that it is fair") counts for the other side;
  so does one denied after it ("circumvented nothing"), not one forbidden ("may not bypass"
  condemns); an attitude negated ("did not oppose", "does not support") counts for neither;
- mixed: cues of both kinds ("legitimate ... but can be misused");
- a statement naming several issues gives each the cues nearer one of its mentions than any
  other issue's ("distillation is theft, while its privacy handling is standard practice");
  an issue left with none takes a verdict of acceptance that is another issue's keyword ("the
  uploading shares the fair use character of the training": fair use judges the uploading);
- a wrong used as the label of a thing ("argued the pirated books were fair use") gives way
  to the statement's judgement of it;
- a statement with no cue gives no position (too weak to suggest); one that only rebuts
  (REBUT_CUES: "a distraction", "will appeal", "welcomed the ruling") an issue it names is
  left for the camps of the case to settle (sides.py).
Per article, one position per (party, issue): stances found in several statements combine
(supports + opposes, or any mixed, give mixed), with the strongest statement as the quote; `rule`
says which cues decided and how the statement was attributed, e.g.
`opposes: said "theft" (attributed: subject/quote)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tracker.linking.attribution import statements_find
from tracker.linking.dates import sentences
from tracker.linking.issuewords import IssueWords, issue_keyed, issue_named
from tracker.linking.matcher import Mention, fold
from tracker.linking.reporting import sentence_index
from tracker.linking.speakers import Collective
from tracker.linking.statements import Statement

MAX_QUOTE = 600
OWN_WORDS = "issue in its own words"  # the rule of a finding whose issue issuewords.py named

_NEGATION = re.compile(
    r"\b(?:(?:not|no|never|isn't|is\s+not|aren't|wasn't|weren't|don't|doesn't|didn't|nothing|"
    r"nor|neither|nobody|none|cannot|can't|couldn't|won't|wouldn't|hasn't|haven't)"
    r"\s+(?:[\w'’]+\s+){0,3}"
    # a denial reaches further: "denied that the practice was illegal"
    r"|(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|disput(?:e|es|ed|ing))\s+(?:the\s+)?"
    r"(?:(?:claim|allegation|accusation|suggestion|idea)s?\s+)?that\s+(?:[\w'-]+\s+){0,6}"
    r"|den(?:y|ies|ied|ying)\s+(?:any\s+|the\s+)?"
    # a disagreement: "disagreed with the part of the ruling that called it theft", "pushed
    # back on the idea that it is legitimate"
    r"|(?:disagre(?:e|es|ed|eing)\s+with|push(?:es|ed|ing)?\s+back\s+(?:on|against))\s+"
    r"(?:[\w'’-]+\s+){0,6}?(?:that|which)\s+(?:[\w'’-]+\s+){0,6}"
    # "nothing about that use is transformative", "the opposite of transformative"
    r"|nothing\s+(?:about|in|of)\s+(?:[\w'’-]+\s+){0,6}?(?:is|was|are|were)\s+(?:\w+\s+)?"
    r"|opposite\s+of\s+|far\s+from\s+(?:\w+\s+)?|anything\s+but\s+)$"
)
# Judgements of the practice: negated, they count for the other side ("not legitimate").
OPPOSE_CUES = [
    r"theft",
    r"thieves",
    r"steal(?:s|ing)?",
    r"stole|stolen",
    r"illegal(?:ly)?",
    r"illegitimate(?:ly)?",
    r"illicit(?:ly)?",
    r"unlawful(?:ly)?",
    r"pira(?:cy|ted|ting|tes?)",
    r"violat(?:e|es|ed|ing|ion|ions)",
    r"forbid(?:s|den)?",
    r"prohibit(?:s|ed)?",
    r"infring(?:e|es|ed|ing|ement)",
    r"unauthori[sz]ed",
    r"misus(?:e|ed|es|ing)",
    r"abus(?:e|es|ed|ive)",
    r"exploit(?:s|ed|ing|ative)?",
    r"unfair(?:ly)?",
    r"unjust(?:ly)?",
    r"wrong(?:ful|fully|ly)?",
    r"harm(?:s|ed|ing|ful)?",
    r"undermin(?:e|es|ed|ing)",
    r"betray(?:s|ed|al|ing)?",
    r"br(?:oke|eaks?|eaking|oken)\s+(?:the\s+|its\s+|their\s+|an?\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:rules?|terms|agreements?|promises?|contracts?|law|laws|pledge)",
    r"ignor(?:e|es|ed|ing)\s+(?:the\s+|its\s+|their\s+)?(?:[\w.-]+\s+){0,2}?"
    r"(?:rules?|terms|agreements?|robots\.txt|requests?|instructions?|opt-outs?)",
    r"deceptive",
    r"dangerous",
    r"attacks?",
    r"campaigns?\s+(?:against|targeting)",
    # told to stop and went on: "it told the company repeatedly to stop", "despite being told not to"
    r"(?:told|asked|demanded|ordered|warned)\s+(?:[\w-]+\s+){0,4}?to\s+(?:stop|cease|halt)",
    r"despite\s+being\s+(?:told|asked)\s+not\s+to",
    r"block(?:s|ed|ing)?",
    r"counter",
    r"prevent(?:s|ed|ing)?",
    # not the other side's suit told in passing: "asked a judge to dismiss Reddit's lawsuit
    # accusing it of scraping" is no accusation by the party asking
    r"(?<!lawsuit\s)(?<!suit\s)(?<!complaint\s)accus(?:e|es|ed|ing)",
    # copying something of someone's: "copying its systems", not "the copying of text"
    r"cop(?:y|ies|ied|ying)\s+(?:its|our|their|his|her|millions|thousands|[\w-]+['’]s)",
    r"cop(?:y|ies)\s+of\b",
    r"concerns?(?!\s+(?:nothing|only|the|a|an|how|whether)\b)",
    r"action\s+against",
    r"(?:does|do|did)\s+not\s+accept",
    r"cut(?:ting)?\s+corners",
    r"the\s+problem\s+is",
    r"without\s+(?:(?:ever|first|even|any|asking|seeking|getting|their|its|his|her|for|the)\s+){0,4}"
    r"(?:doing\s+the\s+work|(?:an?\s+|the\s+)?(?:agreement|contract|deal)|permission|consent|authori[sz]ation|compensation|"
    r"pay(?:ing|ment)|a\s+licen[cs]e|licen[cs]ing)",
    r"free[-\s]?rid(?:e|es|ing|ers?)",
    r"breach(?:es|ed|ing)?(?!\s+of\s+(?:the\s+)?contract)",
    # getting past what keeps others out: "circumvented its defenses", "got around the locks",
    # "broke through any protection"
    r"circumvent(?:s|ed|ing|ion)?",
    r"bypass(?:es|ed|ing)?",
    r"evad(?:e|es|ed|ing)\s+(?:[\w'’-]+\s+){0,2}?(?:defen[cs]es|limits?|blocks?|protections?|"
    r"measures|restrictions|controls|detection)",
    r"degrad(?:e|es|ed|ing)",
    r"(?:get|gets|got|gotten|getting)\s+around\s+(?:[\w'’-]+\s+){0,3}?(?:locks?|limits?|"
    r"defen[cs]es|protections?|measures|restrictions|barriers|blocks|controls)",
    r"br(?:oke|eaks?|eaking|oken)\s+through",
    r"threat(?:s|en|ens|ened|ening)?",
    r"deceiv(?:e|es|ed|ing)|deception",
    r"abandon(?:s|ed|ing)?",
    r"bar(?:s|red|ring)?\s+(?:customers|users|anyone|others|rivals|developers|companies|the\s+use)",
    r"ban(?:s|ned|ning)?",
    r"shortcuts?",
    r"secret(?:ly|ive)?",
    r"in\s+the\s+dark",
    r"requir(?:e|es|ed|ing)\s+(?:ai\s+)?(?:developers|companies|firms|labs|them|a\s+licen[cs]e)",
    r"invasion|invad(?:e|es|ed|ing)",
    r"compromis(?:e|es|ed|ing)",
    # "puts its users' privacy at risk", "risks to users": what is at risk is someone's
    # privacy, data or works, not "the whole industry" (a harm the speaker fears from the suit)
    r"(?:privacy|data|information|works?|books?|art(?:work)?s?|users?|consumers?|customers?|"
    r"children|creators?|artists?|authors?|writers?|livelihoods?)\s+(?:[\w'’-]+\s+){0,2}?at\s+risk|"
    r"risks?\s+(?:to|for)\s+(?:[\w'’-]+\s+){0,2}?(?:privacy|data|users?|consumers?|customers?|"
    r"children|creators?|artists?|authors?|writers?)",
    # "data it has no right to take"
    r"no\s+(?:legal\s+)?right\s+to",
    # the market a copy takes: "competes directly with its books", "a substitute for Westlaw",
    # "to build a rival product"; not "lets startups compete with OpenAI" (competition itself)
    r"compet(?:e|es|ed|ing)\s+(?:directly\s+|head-on\s+)?(?:with|against)\s+(?:the\s+|its\s+|"
    r"their\s+|his\s+|her\s+|our\s+|[\w'’-]+['’]s?\s+)?(?:[\w'’-]+\s+){0,2}?(?:own|originals?|"
    r"works?|books?|novels?|articles?|stories|journalism|news|writing|images?|photos?|"
    r"photographs?|art(?:work)?s?|illustrations?|songs?|music|recordings?|lyrics|films?|movies?|"
    r"shows?|content|headnotes|code|market|sales)\b",
    r"(?:rival|competing)\s+(?:products?|services?|tools?)",
    r"substitut(?:e|es|ed|ing)\s+for|an?\s+(?:market\s+)?substitute",
]
# Attitudes: negated ("did not oppose"), they count for neither side.
# Fears of the practice: judgements that a negation does not turn ("cannot protect their
# work" fears it as much as "to protect their work").
FEAR_CUES = [
    r"protect(?:s|ed|ing|ion)?",
    r"safeguard(?:s|ed|ing)?",
    r"worr(?:y|ies|ied)",
    r"(?:deeply\s+)?concerned",
]
OPPOSE_ACTS = [
    r"object(?:s|ed|ing)?",
    r"oppos(?:e|es|ed|ing)",
    r"criticis(?:e|es|ed|ing)|criticiz(?:e|es|ed|ing)",
    r"condemn(?:s|ed|ing)?",
    r"denounc(?:e|es|ed|ing)",
    r"decr(?:y|ies|ied)",
    # "rejected distillation", not "rejected claims that ..." (a denial: see _NEGATION)
    r"reject(?:s|ed|ing)?(?!\s+(?:the\s+)?(?:(?:claim|allegation|accusation|suggestion|idea)s?|that)\b)",
    r"slam(?:s|med)?",
]
SUPPORT_CUES = [
    r"standard\s+(?:practice|process|behaviou?r|technique|method)",
    r"(?:common|accepted|industry)\s+practice",
    r"legitimate",
    r"lawful",
    r"(?:perfectly|entirely|fully)\s+legal",
    r"permitted|permissible",
    r"fair\s+use",
    r"fair\s+and\s+square",
    # a judgement of fairness: "called the settlement fair", "made every copy fair"; not "fair
    # use" (above), "a fair trial", "fair value", nor the manner of "paid fairly"
    r"(?<![\w-])fair(?!\s+(?:use|and\s+square|trial|hearing|market|value|share|game|"
    r"point|amount|warning|question|enough|number)\b)",
    # a claim of preemption ("the Copyright Act preempts the claims"; "not preempted": negated),
    # and a claim said to be another in disguise ("a copyright case by another name")
    r"(?:completely\s+)?preempt(?:s|ed)?",
    r"by\s+another\s+name|in\s+disguise|relabel(?:l)?(?:s|ed|ing)",
    r"transformative(?!\s+(?:for|to)\b)",  # not "transformative for programmers"
    r"common",
    r"widely\s+used",
    r"useful",
    r"routine(?:ly)?",
    r"normal",
    # not a purpose: "to develop AI for the benefit of humanity"
    r"(?<!for\sthe\s)benefit(?:s|ed|ting)?|beneficial",
    r"necessary|essential",
    r"in\s+the\s+public\s+interest",
    r"(?:generally\s+)?all\s+(?:the\s+)?(?:major\s+)?(?:AI\s+)?(?:companies|labs|firms)",
    r"generally,?\s+(?:the\s+)?(?:AI\s+)?(?:companies|labs|firms)",
    r"every(?:one|body|\s+(?:major\s+)?(?:AI\s+)?(?:company|lab|firm))\s+(?:does|do|did)",
    r"widespread|industry[-\s]wide|(?:widely|commonly)\s+(?:used|done|practi[sc]ed)",
    r"lawfully|legally\s+(?:trained|built|obtained)",
    # what is public is everyone's: "public data should stay public", "belongs to all of us"
    r"belongs?\s+to\s+(?:everyone|everybody|all\s+of\s+us|us\s+all|the\s+public)",
    r"(?:stay|remain)s?\s+(?:public|free\s+to\s+(?:read|use|access))",
    r"open\s+to\s+(?:everyone|everybody|all|anyone)",
    r"(?:in|into|part\s+of)\s+the\s+public\s+domain",
    # only what anyone may see: "collects only public pages", "results anyone can see"
    r"only\s+(?:to\s+)?(?:[\w'’,-]+\s+){0,2}?public(?:ly\s+available)?\b",
    r"(?:anyone|everyone|anybody|any\s+(?:searcher|user|visitor|reader))\s+(?:can|could)\s+"
    r"(?:see|view|read|access|find)",
    r"freely\s+available|publicly\s+available",
    r"(?:our|its|their|a|the)\s+right\s+to\s+(?:do\s+so|use|collect|gather|read|access|train)",
    # the accusation dismissed: "called the lawsuit baseless", "denied the allegations"
    r"baseless|meritless|frivolous|without\s+(?:any\s+)?merit|no\s+merit",
    r"den(?:y|ies|ied|ying)\s+(?:the\s+|any\s+|all\s+|those\s+|these\s+|its\s+)?(?:[\w-]+\s+)?"
    r"(?:allegations?|accusations?|wrongdoing|charges?|claims?)",
    # defending the practice, not "defending its models against" it
    r"defend(?:s|ed|ing)?\s+(?:the\s+|this\s+|its\s+)?(?:practice|technique|method|distillation|"
    r"it|use|decision|plan|move|change|policy)\b",
]
SUPPORT_ACTS = [
    r"welcom(?:e|es|ed|ing)",
    r"support(?:s|ed|ing)?",
    r"endors(?:e|es|ed|ing)",
    r"prais(?:e|es|ed|ing)",
    r"applaud(?:s|ed|ing)?",
    r"hail(?:s|ed|ing)?",
    # "pleased with the settlement" ("with the ruling" is a rebuttal, REBUT_CUES), not
    # "pleased that the court found it theft" (the finding carries the stance)
    r"(?:pleased|gratified)\s+(?:with|by)",
]
# Rebuttals: the speaker holds its side against the other's, without saying which side that is
# ("called the privacy argument a distraction", "said it would appeal", "welcomed the ruling",
# "disappointed by the decision"). A statement with no other cue is settled by the camps of the
# case (sides.py): the party's own side, else the opposite of its adversaries'.
REBUT_CUES = [
    r"distractions?",
    r"(?:no|without\s+(?:any\s+)?|lacks?\s+(?:any\s+)?)(?:legal\s+|factual\s+)?basis",
    r"hid(?:e|es|ing)\s+behind",
    r"(?:avoid|evade|escape|dodge)(?:s|ed|ing)?\s+(?:scrutiny|accountability|responsibility|"
    r"discovery|liability)",
    r"smokescreen|smoke\s+screen|pretext(?:ual)?|red\s+herring|sideshow",
    r"mischaracteri[sz](?:e|es|ed|ing|ation)|misrepresent(?:s|ed|ing|ation)?|misleading|"
    r"misguided|mistaken|misread(?:s|ing)?|misunderst(?:ood|ands?|anding)",
    r"disagre(?:e|es|ed|eing)",
    r"fight(?:s|ing)?|appeal(?:s|ed|ing)?|(?:continue|intends?|plans?|vow(?:s|ed)?)\s+to\s+contest",
    r"disappoint(?:ed|ing|ment)",
    r"welcom(?:e|es|ed|ing)\s+(?:the|this|today['’]s|a|its)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:ruling|decision|judg(?:e)?ment|verdict|order|outcome)",
    r"vindicat(?:e|es|ed|ing|ion)",
    # "pleased with the ruling" (a support act elsewhere: "pleased with the settlement")
    r"(?:pleased|gratified|happy|satisfied)\s+(?:with|by)\s+(?:the|this|today['’]s|a|its)\s+"
    r"(?:[\w'’-]+\s+){0,2}?(?:ruling|decision|judg(?:e)?ment|verdict|order|outcome)",
    r"look(?:s|ed|ing)?\s+forward\s+to\s+(?:defending|proving|presenting|making\s+(?:its|our)\s+case)",
    r"confident",
    r"vigorously",
    # the other side's motive: "This lawsuit was about market share, not copyright", "an
    # attempt to keep competitors out", "attempts to wall it off will not hold up"
    r"(?:is|was|are|were|has\s+been)\s+(?:really\s+|only\s+|all\s+)?about\s+[\w\s'’-]{1,40}?,?\s+"
    r"not\s+(?:about\s+)?\w+",
    r"(?:keep|keeps|kept|keeping|shut|shuts|shutting|lock|locks|locked|locking|squeez(?:e|es|ed|ing)|"
    r"fenc(?:e|es|ed|ing)|wall(?:s|ed|ing)?)\s+(?:[\w'’-]+\s+){0,3}?(?:out|off|away)",
    r"smother(?:s|ed|ing)?|stifl(?:e|es|ed|ing)",
    r"(?:will|would|does|did)\s+not\s+(?:hold\s+up|stand|survive)",
]
NEUTRAL_CUES = [
    r"(?:takes?|taking|took)\s+no\s+position",
    r"no\s+position",
    r"no\s+view",
    r"neutral",
]


def _group(name: str, cues: list[str]) -> str:
    # lowercase: matched against the folded statement, which is faster than IGNORECASE
    return rf"(?P<{name}>" + "|".join(cue.lower() for cue in cues) + ")"


# One pass over a statement finds every cue; the group that matched says its kind.
_CUE = re.compile(
    r"\b(?:"
    + "|".join(
        _group(name, cues)
        for name, cues in (
            ("rebut", REBUT_CUES),  # first: "welcomed the ruling" is no support act
            ("neutral", NEUTRAL_CUES),
            ("oppose", OPPOSE_CUES),
            ("support", SUPPORT_CUES),
            ("oppose_act", OPPOSE_ACTS),
            ("fear", FEAR_CUES),
            ("support_act", SUPPORT_ACTS),
        )
    )
    + r")\b"
)
# A wrong named as the label of a thing ("the pirated books", "any stolen works"): in a
# statement that judges the thing ("... were fair use") it is the name, not the judgement.
_LABEL = re.compile(r"(?:pirated|stolen|infringing)\s+[a-z]")
_LABEL_BEFORE = re.compile(r"\b(?:the|any|its|all|of|his|her|their)\s+$")
# A judgement denied by what follows it: "circumvented nothing", "infringed no one's rights".
_NONE_AFTER = re.compile(r"\s+(?:nothing|no\s+one|nobody|none|no\s+\w+['’]s)\b")
# A wrong forbidden is no wrong denied: "users may not get around the limits" condemns it.
_FORBIDDEN = re.compile(r"\b(?:may|must|shall|should)\s+not\s+$")
# "backed by investors", "opposed by regulators": the party is not the one acting.
_PASSIVE = re.compile(r"\s+by\b")


# "OpenAI says Musk supported a for-profit structure": the act is another's, told by the speaker.
_SOMEONE_ELSE = re.compile(
    r"(?<=[a-z,] )[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?(?:\s+\w+ly|\s+had|\s+has)?\s+$"
)
# "Getty told the court it would not pursue its claims that ...": a claim given up says nothing.
_WITHDRAWN = re.compile(
    r"\b(?:not\s+(?:to\s+)?(?:pursue|press)|drop(?:s|ped|ping)?|withdr[ae]w\w*|abandon(?:s|ed|ing)?)"
    r"\s+(?:its|the|their|his|her|some|part\s+of\s+its)?\s*(?:[\w-]+\s+)?(?:claims?|allegations?)\b"
)


@dataclass(frozen=True)
class Finding:
    party_id: int
    issue_id: int
    stance: str
    rule: str
    start: int
    end: int
    cues: int
    rebuts: bool = False  # an undecided statement that rebuts (REBUT_CUES)


def _context_start(spans: tuple[tuple[int, int], ...], pos: int, text: str) -> int:
    """Where the issue of a statement starting at `pos` may be named: its sentence, or the one
    before in the same paragraph ("Asked about distillation, ... “Everybody does it,” he
    said.")."""
    index = sentence_index(spans, pos)
    if index <= 0:
        return spans[index][0] if index == 0 else pos
    before = spans[index - 1][0]
    return before if "\n" not in text[before : spans[index][0]] else spans[index][0]


@dataclass
class Cues:
    """The cues of a statement: judgements of the practice (turned around by the issue's
    framing) and attitudes towards what the sentence names (taken as they are)."""

    neutral: list[str] = field(default_factory=list)
    good: list[str] = field(default_factory=list)  # the practice is acceptable
    bad: list[str] = field(default_factory=list)  # the practice is wrong
    support: list[str] = field(default_factory=list)  # welcomes, backs ...
    oppose: list[str] = field(default_factory=list)  # opposes, criticises, protects against
    rebut: list[str] = field(default_factory=list)  # holds its side, not saying which

    def stance(self, framing: int = 1) -> tuple[str, list[str], list[str]] | None:
        """(stance, supporting cues, opposing cues), or None without cues."""
        if self.neutral:  # "takes no position": says so outright, whatever else it holds
            return "neutral", self.neutral, []
        good, bad = (self.good, self.bad) if framing > 0 else (self.bad, self.good)
        supports = good + self.support
        opposes = bad + self.oppose
        if supports and opposes:
            return "mixed", supports, opposes
        if supports:
            return "supports", supports, []
        if opposes:
            return "opposes", [], opposes
        return None


def cues_of(
    chunk: str, near: Callable[[int], bool] | None = None, protection: bool = False
) -> Cues:
    """The stance cues of a statement (see the module docstring); with `near`, only those
    at an offset of the chunk it accepts (the cues about one of the issues it names). On a
    question of `protection` ("Are headnotes original enough to be protected by copyright?")
    "protected" answers it, yes, or no when negated ("no room for choice worth protecting")."""
    found = Cues()
    folded = fold(chunk)
    matches = list(_CUE.finditer(folded))
    labels = {
        m.start()
        for m in matches
        if _LABEL.match(folded, m.start())
        and _LABEL_BEFORE.search(folded, max(0, m.start() - 8), m.start())
    }
    judged = any(m.lastgroup in ("oppose", "support") and m.start() not in labels for m in matches)
    for m in matches:
        if near is not None and not near(m.start()):
            continue
        if m.start() in labels and judged:
            continue  # "argued the pirated books were fair use": the judgement is "fair use"
        kind = m.lastgroup or ""
        cue = chunk[m.start() : m.end()]
        if kind == "neutral":
            found.neutral.append(cue)
            continue
        negated = (
            _NEGATION.search(folded, max(0, m.start() - 90), m.start()) is not None
            or _NONE_AFTER.match(folded, m.end()) is not None
        ) and not (
            kind == "oppose" and _FORBIDDEN.search(folded, max(0, m.start() - 30), m.start())
        )
        if kind == "fear":
            # on a question of protection, "protected" says yes (the copying is wrong)
            (found.good if protection and negated else found.bad).append(cue)
            continue
        if kind == "rebut":
            if not negated:  # "is not disappointed", "did not appeal": no side held
                found.rebut.append(cue)
            continue
        act = kind.endswith("_act")
        if act and (_PASSIVE.match(folded, m.end()) or _SOMEONE_ELSE.search(chunk, 1, m.start())):
            continue
        if act:
            if not negated:  # "did not oppose": no side taken
                (found.support if kind.startswith("support") else found.oppose).append(cue)
        elif kind.startswith("support") != negated:
            found.good.append(cue)
        else:
            found.bad.append(cue)
    return found


# Verbs that carry a judgement of their own: an allegation condemns what it alleges ("Reddit
# alleges that the crawlers ignored ...", "“...,” Getty complained").
_ACCUSING = re.compile(r"(?:alleg|accus|complain|charg)\w*")


def statement_cues(
    statement: Statement,
    chunk: str,
    near: Callable[[int], bool] | None = None,
    protection: bool = False,
) -> Cues:
    """The cues of a statement (those `near` accepts, see `cues_of`), and its reporting
    verb's when the verb carries one."""
    if _WITHDRAWN.search(chunk):
        return Cues()
    found = cues_of(chunk, near, protection)
    verb = " ".join(statement.verb.split()).lower()
    said = any(_ACCUSING.match(cue.lower()) for cue in found.bad)  # "accuses" is a cue already
    if _ACCUSING.fullmatch(verb.split()[0]) and not said:
        found.bad.append(statement.verb)
    return found


def _rule(
    stance: str, statement: Statement, supports: list[str], opposes: list[str], issue: Mention
) -> str:
    def quoted(cues: list[str]) -> str:
        return ", ".join(f'"{c}"' for c in dict.fromkeys(c.lower() for c in cues))

    verb = " ".join(statement.verb.split()).lower()
    # an issue found by its own words (issuewords.py) is a mention of no length
    named = "" if issue.end > issue.start else f"; {OWN_WORDS}"
    how = f" (attributed: {statement.how}{named})"
    if stance == "neutral":
        why = f"{verb} {quoted(supports)}"
    elif stance == "mixed":
        why = f"{verb} {quoted(supports)} but {quoted(opposes)}"
    else:
        why = f"{verb} {quoted(supports or opposes)}"
    return f"{stance}: {why[: 290 - len(how)]}{how}"


_WRONG_QUESTION = re.compile(
    r"\b(?:(?:infring\w*|violat\w*|theft|steal\w*|unlawful\w*|illegal\w*|copy|copies|"
    r"monopol\w*|harm\w*|abus\w*|unfair\w*|decepti\w*|deceiv\w*|exploit\w*|misus\w*|"
    r"dominan\w*|stifl\w*|smother\w*|shut\w*\s+(?:\w+\s+){0,3}?out|"
    r"circumvent\w*|bypass\w*|evad\w*|evasion|breach\w*|misappropriat\w*|"
    r"(?:must|should|have\s+to|has\s+to|required?\s+to)\b.{0,60}?\b(?:pay|licen[cs]e|disclose|"
    r"compensate|ask|seek|obtain|credit|filter|block|stop|prevent|remove)))\b",
    re.IGNORECASE,
)


def issue_framing(title: str) -> int:
    """-1 when a "yes" to the issue's question condemns the practice ("Does training infringe
    copyright?", "Must developers license the data?"), +1 when it accepts it ("Is distilling
    legitimate?", "Is training fair use?", "May a company convert?"). Cues judge the practice
    (theft: wrong, lawful: acceptable); the framing turns that into a side of the question."""
    return -1 if _WRONG_QUESTION.search(title or "") else 1


# protection of a work (by copyright, by its originality), not of a use ("protected by fair
# use", "protected speech", "protected by the First Amendment": a "yes" accepts the practice)
_PROTECTED = re.compile(
    r"\b(?:protect(?:ed|ion)\s+(?:by|under)\s+(?:[\w'’-]+\s+){0,2}?(?:copyright|patents?|"
    r"trademarks?|database\s+rights?)\b(?!\s+law['’]?s?\s+fair)|(?:copyright|patent|trademark)"
    r"(?:able)?\s+protection|protectable|original\w*\s+(?:[\w'’-]+\s+){0,4}?to\s+(?:be\s+)?"
    r"protect(?:ed)?)\b",
    re.IGNORECASE,
)


def issue_asks_protection(title: str) -> bool:
    """The issue's question asks whether a work is protected ("Are headnotes original enough
    to be protected by copyright?"): "it is protected" answers it, not a fear. A use
    "protected by fair use" is no such question: a "yes" there accepts the practice."""
    return bool(_PROTECTED.search(title or ""))


FLIP = {"supports": "opposes", "opposes": "supports"}


def positions_find(
    text: str,
    parties: list[Mention],
    issues: list[Mention],
    kinds: dict[int, str],
    framing: dict[int, int] | None = None,
    party_cases: dict[int, frozenset[int]] | None = None,
    words: dict[int, IssueWords] | None = None,
    undecided: list[Finding] | None = None,
    protection: frozenset[int] = frozenset(),
    collectives: list[Collective] | None = None,
) -> list[Finding]:
    """One finding per (party, issue) in the text; see the module docstring. `framing` gives
    -1 for the issues whose question a condemnation answers "yes" (see `issue_framing`);
    `party_cases` the cases where each party is a principal, whose issues it speaks to first;
    `words` the issues' own words, for a statement that names no issue keyword (issuewords.py).
    Statements on an issue they name that carry no cue go to `undecided` (stance "", one per
    pair, the first), for the party's known side to settle (sides.py). `protection` holds the
    issues whose question asks whether something is protected (`issue_asks_protection`);
    `collectives` the phrases speaking for a side's parties ("the authors", "class counsel")."""
    per_pair: dict[tuple[int, int], list[Finding]] = {}
    if not issues or not parties:  # no party named: no statement to read, no sentence to split
        return []
    spans = sentences(text)
    for statement in statements_find(text, parties, kinds, collectives):
        chunk = text[statement.start : min(statement.end, statement.start + MAX_QUOTE)]
        named = _issues_of(issues, statement, chunk, party_cases, spans, text)
        said, turn, asked = answered(statement, chunk, spans, text) or (chunk, 1, (0, 0))
        named = named or [i for i in issues if asked[0] <= i.start < asked[1]]
        pending: list[Finding] = []  # the statement's one undecided finding
        for issue in named or _issue_in_words(words, statement, party_cases, text):
            asks = issue.target_id in protection
            # a question of protection: condemning the copying answers "yes, protected"
            sign = (framing.get(issue.target_id, 1) if framing else 1) * turn * (-1 if asks else 1)
            near, cues, result = _judged(statement, said, chunk, issues, issue, (sign, asks))
            if result is None:
                if named and undecided is not None and not pending:
                    # a rebuttal speaks to an issue it names ("disagrees with the claims" after
                    # a sentence on scraping is no position on scraping)
                    inside = statement.start <= issue.start < statement.end
                    pending = [_undecided(statement, issue, cues.rebut if inside else [])]
                    undecided += pending
                if near is None:
                    break  # the same cues for every issue: none for the others either
                continue
            stance, supports, opposes = result
            finding = Finding(
                party_id=statement.party_id,
                issue_id=issue.target_id,
                stance=stance,
                rule=_rule(stance, statement, supports, opposes, issue),
                start=statement.start,
                end=min(statement.end, statement.start + MAX_QUOTE),
                cues=len(supports) + len(opposes),
            )
            per_pair.setdefault((statement.party_id, issue.target_id), []).append(finding)
    return [_combine(_named_first(findings)) for findings in per_pair.values()]


def _judged(
    statement: Statement,
    said: str,
    chunk: str,
    issues: list[Mention],
    issue: Mention,
    framing: tuple[int, bool],
) -> tuple[Callable[[int], bool] | None, Cues, tuple[str, list[str], list[str]] | None]:
    """The cues of a statement about `issue` (those nearest it when it names several), and
    the stance they give under the issue's (sign, asks protection), or None."""
    sign, asks = framing
    near = _nearest(issues, issue, statement) if said is chunk else None
    cues = statement_cues(statement, said, near, asks)
    result = cues.stance(sign)
    if result is None and near is not None:
        # "the uploading ... shares the fair use character of the training": a verdict of
        # acceptance that is another issue's keyword judges what it is said of too (not a
        # wrong such as "piracy", which names its own issue)
        keyed = statement_cues(statement, said, _at_keywords(issues, statement), asks)
        verdicts = [c for c in keyed.good if _kind(c) == "support"]
        result = Cues(good=verdicts).stance(sign)
    return near, cues, result


def _nearest(
    issues: list[Mention], issue: Mention, statement: Statement
) -> Callable[[int], bool] | None:
    """For a statement naming several issues, a test of the cues (by offset in the statement)
    that speak to `issue`: those nearer one of its mentions than any other issue's ("argued
    that the model, trained outside Britain, became an infringing copy": the copy, not
    where); None when the statement names one issue (every cue is about it)."""
    inside = [i for i in issues if statement.start <= i.start < statement.end]
    if len({i.target_id for i in inside}) < 2 or issue not in inside:
        return None
    spans = [(i.start - statement.start, i.end - statement.start, i.target_id) for i in inside]

    def distance(at: int, start: int, end: int) -> int:
        return 0 if start <= at < end else min(abs(at - start), abs(at - end))

    def near(at: int) -> bool:
        best = min(distance(at, a, b) for a, b, _ in spans)
        return any(t == issue.target_id and distance(at, a, b) == best for a, b, t in spans)

    return near


def _kind(cue: str) -> str:
    """The kind of a cue's words ("support" for "fair use", "oppose" for "circumvented")."""
    found = _CUE.fullmatch(fold(cue))
    return (found.lastgroup or "") if found else ""


def _at_keywords(issues: list[Mention], statement: Statement) -> Callable[[int], bool]:
    """A test of the cues (by offset in the statement) that are an issue's keyword themselves
    ("fair use", "transformative")."""
    spans = [
        (i.start - statement.start, i.end - statement.start)
        for i in issues
        if statement.start <= i.start < statement.end
    ]
    return lambda at: any(a <= at < b for a, b in spans)


# A short answer after the reporting verb ("OpenAI says it is.", "Reddit says they don't.") ...
_SHORT_ANSWER = re.compile(
    r"\s+(?:that\s+)?(?:it|they|this|that|so)\s+(?:is|are|was|were|does|do|did|has|have|can|"
    r"could|will|would|should)(?P<no>\s+not|n['\u2019]t)?\s*[.;!]?\s*$",
    re.IGNORECASE,
)
# ... to the question the sentence before asks ("... whether training is fair use.").
_WHETHER = re.compile(r"\bwhether\s+(?P<question>[^.;?!]{8,240})", re.IGNORECASE)


def answered(
    statement: Statement, chunk: str, spans: tuple[tuple[int, int], ...], text: str
) -> tuple[str, int, tuple[int, int]] | None:
    """A statement that only answers yes or no to the question the sentence before asks
    ("The question is whether training is fair use. OpenAI says it is."): the question's
    words, to read cues in, -1 when the answer is no, and where the question is; else None."""
    at = chunk.find(statement.verb)
    if at < 0:
        return None
    short = _SHORT_ANSWER.match(chunk, at + len(statement.verb))
    index = sentence_index(spans, statement.start)
    if short is None or index <= 0:
        return None
    # the sentence before, or the one before that when another party answered in between
    # ("OpenAI says it is. The Times says it is not.")
    questions = list(_WHETHER.finditer(text, spans[max(0, index - 2)][0], spans[index - 1][1]))
    if not questions:
        return None
    question = questions[-1]
    turn = -1 if short.group("no") else 1
    return question.group("question"), turn, (question.start(), question.end())


def _named_first(findings: list[Finding]) -> list[Finding]:
    """The findings on an issue the statements name by keyword, when there are any: one found
    by the issue's own words (weaker) does not make them mixed."""
    named = [f for f in findings if OWN_WORDS not in f.rule]
    return named or findings


def _undecided(statement: Statement, issue: Mention, rebut: list[str]) -> Finding:
    end = min(statement.end, statement.start + MAX_QUOTE)
    verb = " ".join(statement.verb.split()).lower()
    said = "".join(f' "{c.lower()}"' for c in dict.fromkeys(rebut))
    how = f"{verb}{said} (attributed: {statement.how})"
    start = statement.start
    return Finding(statement.party_id, issue.target_id, "", how, start, end, 0, bool(rebut))


def _issues_of(
    issues: list[Mention],
    statement: Statement,
    chunk: str,
    party_cases: dict[int, frozenset[int]] | None,
    spans: tuple[tuple[int, int], ...],
    text: str,
) -> list[Mention]:
    """The issues a statement speaks to: each one it names itself ("crawled without a
    licence": scraping and licensing), else the one named in the sentence before it."""
    own = (party_cases or {}).get(statement.party_id, frozenset())
    inside = [i for i in issues if statement.start <= i.start < statement.end]
    if inside:
        by_span: dict[tuple[int, int], list[Mention]] = {}
        for issue in inside:  # one keyword may name issues of two cases: the speaker's first
            by_span.setdefault((issue.start, issue.end), []).append(issue)
        chosen = [
            min(same, key=lambda i: (not (i.case_ids & own), i.target_id))
            for same in by_span.values()
        ]
        return list({i.target_id: i for i in chosen}.values())
    first = _context_start(spans, statement.start, text)
    near = [i for i in issues if first <= i.start < statement.end]
    return [_issue_of(near, statement, chunk, party_cases)] if near else []


def _issue_in_words(
    words: dict[int, IssueWords] | None,
    statement: Statement,
    party_cases: dict[int, frozenset[int]] | None,
    text: str,
) -> list[Mention]:
    """The issue of the speaker's own cases that the statement names in the issue's own words
    (issuewords.py), as a mention of no length at the statement's start."""
    own = (party_cases or {}).get(statement.party_id, frozenset())
    if not words or not own:
        return []
    said = text[statement.start : statement.end]
    issue_id = issue_keyed(words, own, said) or issue_named(words, own, said)
    if issue_id is None:
        return []
    case_ids = frozenset({words[issue_id].case_id})
    return [Mention("issue", issue_id, case_ids, statement.start, statement.start, 0.0, False)]


def _issue_of(
    near: list[Mention],
    statement: Statement,
    chunk: str,
    party_cases: dict[int, frozenset[int]] | None,
) -> Mention:
    """The issue a statement speaks to: one of the speaker's own cases first (a keyword such
    as "privacy" may belong to issues of two cases), then the one named nearest its first cue
    ("... trained outside Britain, became an infringing copy": the copy, not where)."""
    own = (party_cases or {}).get(statement.party_id, frozenset())
    mine = [i for i in near if i.case_ids & own] or near
    cue = _CUE.search(fold(chunk))
    at = statement.start + (cue.start() if cue else 0)
    return min(mine, key=lambda i: (abs(i.start - at), i.target_id))


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
