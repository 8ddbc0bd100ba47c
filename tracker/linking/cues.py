"""The stance lexicon: the cues a statement judges a practice or takes a side with, and how a
negation turns them (see stances.py for how they decide a position)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tracker.linking.matcher import fold

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
# What keeps others out, a few words after the verb getting past it ("got around the rate
# limits", "broke through any protection").
_BARRIER = (
    r"(?:[\w'’-]+\s+){0,3}?(?:locks?|limits?|defen[cs]es|protections?|measures|restrictions|"
    r"barriers|blocks|controls)"
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
    r"harass(?:es|ed|ing|ment)?",
    r"bull(?:y|ies|ied|ying)",
    r"campaigns?\s+(?:against|targeting)",
    # told to stop and went on: "it told the company repeatedly to stop", "despite being told not to"
    r"(?:told|asked|demanded|ordered|warned)\s+(?:[\w-]+\s+){0,4}?to\s+(?:stop|cease|halt)",
    r"despite\s+being\s+(?:told|asked)\s+not\s+to",
    r"block(?:s|ed|ing)?",
    r"counter",
    r"prevent(?:s|ed|ing)?",
    # not the other side's suit told in passing: "asked a judge to dismiss Reddit's lawsuit
    # accusing it of scraping" is no accusation by the party asking
    r"(?<!lawsuit\s)(?<!suit\s)(?<!complaint\s)"
    # nor someone told to be accused ("a new hire is accused of walking out with code")
    r"(?<!\bis\s)(?<!\bwas\s)(?<!\bare\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bbeing\s)"
    r"accus(?:e|es|ed|ing)",
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
    # bypassing or breaking through a barrier, not a question or a rival ("the court bypassed
    # the question", "its engineers broke through on the research")
    rf"bypass(?:es|ed|ing)?\s+{_BARRIER}",
    r"evad(?:e|es|ed|ing)\s+(?:[\w'’-]+\s+){0,2}?(?:defen[cs]es|limits?|blocks?|protections?|"
    r"measures|restrictions|controls|detection)",
    # degrading what others run ("degraded its servers"), not "degrade trust in open research"
    r"degrad(?:e|es|ed|ing)\s+(?:[\w'’-]+\s+){0,3}?(?:services?|sites?|websites?|servers?|"
    r"performance|platforms?|systems?|infrastructure|networks?|apis?)\b",
    rf"(?:get|gets|got|gotten|getting)\s+around\s+{_BARRIER}",
    rf"br(?:oke|eaks?|eaking|oken)\s+through\s+{_BARRIER}",
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
    # ("the only public account" is an adjective's "only"; "anyone can see that ..." a figure of
    # speech, not what may be seen)
    r"(?<!\bthe\s)(?<!\bits\s)(?<!\bour\s)(?<!\bhis\s)(?<!\bher\s)(?<!\btheir\s)"
    r"only\s+(?:to\s+)?(?:[\w'’,-]+\s+){0,2}?public(?:ly\s+available)?\b",
    r"(?:anyone|everyone|anybody|any\s+(?:searcher|user|visitor|reader))\s+(?:can|could)\s+"
    r"(?:see|view|read|access|find)(?!\s+(?:that|how|why|whether|what)\b)",
    # not what a pirate source offers: "freely available on shadow libraries"
    r"(?:freely|publicly)\s+available(?!\s+(?:on|from|via|through)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:pira\w+|shadow\s+librar\w+|mirrors?|torrents?|bootleg\w*)\b)",
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
CUE = re.compile(
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
# The other side's suit told inside a statement, accusing the speaker: "asked a judge to
# dismiss xAI's lawsuit accusing it of luring away employees to steal trade secrets", "argues
# that Reddit's case, which accuses it of breaking the site's terms, is really about copyright":
# the wrongs it names are the suit's, not the speaker's (folded text)
_SUIT_AGAINST = re.compile(
    r"\b(?:lawsuit|suit|case|complaint|claims?)\s*,?\s+(?:which\s+|that\s+)?(?:accus|alleg)\w*"
    r"\s+(?:that\s+)?(?:it|them)\b[^,;.]*"
)
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
    matches = list(CUE.finditer(folded))
    labels = {
        m.start()
        for m in matches
        if _LABEL.match(folded, m.start())
        and _LABEL_BEFORE.search(folded, max(0, m.start() - 8), m.start())
    }
    told = [m.span() for m in _SUIT_AGAINST.finditer(folded)]
    if told:
        matches = [m for m in matches if not any(a <= m.start() < b for a, b in told)]
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


def cue_kind(cue: str) -> str:
    """The kind of a cue's words ("support" for "fair use", "oppose" for "circumvented")."""
    found = CUE.fullmatch(fold(cue))
    return (found.lastgroup or "") if found else ""
