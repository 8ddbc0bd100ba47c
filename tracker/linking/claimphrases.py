"""A claim told by other forms of its keywords' words: reporting says "contributed to
infringement" for "contributory infringement", "infringed its copyright" for "copyright
infringement", "its main copyright allegations" for "primary copyright", "the claim that the
training..." for "training claim", "its charitable mission" for "charitable purpose".

Each keyword of two to four words becomes a pattern: every word by its root (a long word less
its last four letters, so "contributory" is "contribu-", "infringement" is "infringe-"; a short
word whole, with its plural and verb endings), or by a word reporting uses for it (SAME), the
words in order with only function words, a count or a capitalised name between (FILLER:
"copied 2,243 Westlaw headnotes" tells "copied headnotes"); a two-word keyword in either order.
A text is searched only for the phrases whose roots it contains, so an article is read at C
speed for every keyword but those it may tell.

A claim is also told by the name outlets give its legal kind and by the everyday words for it
(KINDS): a claim whose names (title head, keywords) say "copyright infringement" is told by
"infringed its copyrights", "pirated", "accused it of copying ... without permission"; a breach
of contract by "violated its terms of use"; trespass to chattels by "overloaded its servers";
and so on for secondary infringement, DMCA 1202, unjust enrichment, trademark, passing off,
unfair competition, CFAA, fraud, charitable trust, tortious interference, antitrust and
misappropriation. A kind goes to the case's one claim that is it with the fewest other kinds.
Not counted: a claim denied ("does not breach its terms") or told of another lawsuit ("like
the suit against...", "a separate case").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.linking.eventwords import STOP

# words reporting uses for a keyword's word, the same in a claim's name
SAME = {
    "primary": ("primary", "main", "central", "core", "principal", "chief"),
    "claim": ("claim", "allegation", "accusation", "charge"),
    "claims": ("claim", "allegation", "accusation", "charge"),
    "purpose": ("purpose", "mission"),
    # "AI training" is "training generative models", "trained its chatbot"
    "ai": ("ai", "generative", "model", "chatbot"),
}
# between a keyword's words: function words, a count ("copied 2,243 headnotes", "thousands of")
# and a capitalised name of what was copied ("copied Westlaw headnotes"); never a content word
_COUNT = r"\d[\d,.]*|some|about|nearly|roughly|over|more|than|thousands|hundreds|dozens|millions"
FILLER = (
    r"(?:\W+(?:the|its|his|her|their|a|an|of|to|that|this|by|itself|own|"
    + _COUNT
    + r"|(?-i:[A-Z][\w'\u2019-]*))){0,3}\W+"
)
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Phrase:
    """One way to tell a claim (or an issue, issuewords.py): the roots a text must contain (one
    of each tuple), a cheap test before the pattern runs, and the pattern."""

    claim_id: int
    roots: tuple[tuple[str, ...], ...]
    pattern: re.Pattern[str]


def _root(word: str) -> str:
    return word if len(word) <= 5 else word[: max(5, len(word) - 4)]


def _word(word: str) -> str:
    forms = [(_root(w), len(w) <= 5) for w in SAME.get(word, (word,))]
    ends = r"(?:s|es|ed|ing)?\b"  # a short word is whole ("copy" is not "copyright")
    return "(?:" + "|".join(re.escape(r) + (ends if short else r"\w*") for r, short in forms) + ")"


def keyword_phrases(keyword: str) -> list[str]:
    """The regex sources telling one keyword (see the module docstring); none for a keyword of
    one word (the matcher finds it) or of more than four."""
    words = _WORD.findall(keyword.lower())
    if not 2 <= len(words) <= 4 or len(words) != len(keyword.split()):
        return []
    parts = [_word(w) for w in words]
    # "the claim that the training", not "with the interface" for "interfered with"
    turn = len(parts) == 2 and not STOP.intersection(words)
    orders = [parts, parts[::-1]] if turn else [parts]
    return [r"\b" + FILLER.join(order) for order in orders]


def claims_phrases(claims: list[tuple[int, list[str]]]) -> list[Phrase]:
    """(claim id, keywords and names) of one case -> the phrases telling its claims: other
    forms of their keywords and the everyday words of their kinds (KINDS)."""
    return keywords_phrases(claims) + kinds_phrases(claims)


def keywords_phrases(targets: list[tuple[int, list[str]]]) -> list[Phrase]:
    """(claim or issue id, keywords) -> the phrases telling the keywords in other forms and
    orders of their words (`keyword_phrases`)."""
    out = []
    for claim_id, keywords in targets:
        for keyword in keywords:
            if not (sources := keyword_phrases(keyword)):
                continue
            roots = tuple(
                tuple(_root(w) for w in SAME.get(word, (word,)))
                for word in _WORD.findall(keyword.lower())
            )
            pattern = re.compile("|".join(sources), re.IGNORECASE)
            out.append(Phrase(claim_id, roots, pattern))
    return out


def claims_told(
    phrases: list[Phrase], text: str, known: set[int] | frozenset[int] = frozenset()
) -> list[tuple[int, tuple[int, int]]]:
    """(claim id, span) for the first place `text` tells each phrase's claim, but for the
    claims `known` already (found by their keywords)."""
    low = text.lower()
    told = []
    known = set(known)
    for phrase in phrases:
        if phrase.claim_id in known or not all(
            any(r in low for r in roots) for roots in phrase.roots
        ):
            continue
        for found in phrase.pattern.finditer(text):
            span = found.span("q") if found.re.groupindex and found.group("q") else found.span()
            if not _NOT.search(text, max(0, span[0] - 16), span[0]) and not _elsewhere(text, *span):
                told.append((phrase.claim_id, span))
                known.add(phrase.claim_id)
                break
    return told


# a sentence about another lawsuit: "like the suit against Stability AI", "in a separate case"
_ELSEWHERE = re.compile(
    r"\b(?:like|similar\s+to|as\s+in|such\s+as|unlike)\s+(?:the\s+|a\s+)?(?:[\w'\u2019-]+\s+){0,4}?"
    r"(?:suits?|lawsuits?|cases?)\b|\b(?:other|another|separate|earlier|similar)\s+(?:[\w'\u2019-]+\s+)?"
    r"(?:suits?|lawsuits?|cases?)\b|\bbeen\s+suing\b",
    re.IGNORECASE,
)
_STOPS = ".!?\n"
# a claim denied: "does not breach its terms", "never infringed"
_NOT = re.compile(r"\b(?:not|never|no|n't|n\u2019t)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _elsewhere(text: str, start: int, end: int) -> bool:
    """The sentence around `start`..`end` tells of another lawsuit (_ELSEWHERE)."""
    left = max(text.rfind(c, 0, start) for c in _STOPS) + 1
    ends = [at for c in _STOPS if (at := text.find(c, end)) >= 0]
    return bool(_ELSEWHERE.search(text, left, min(ends, default=len(text))))


# --- the legal kinds of claim and the everyday words reporting tells them in ------------------

# A few words of one clause, no sentence punctuation between ("copying their characters,
# from Darth Vader to the Minions, without permission").
_GAP = r"[^.;:!?\n]{0,90}?"
_OWNER = r"(?:(?:its|their|his|her|the|[\w-]+(?:'s|\u2019s|s'|s\u2019))\s+)?"
_ANY = r"(?:[\w'\u2019-]+\s+)"
_WORKS = r"(?:works?|content|articles|stories|journalism|books|images|photos|photographs|art|artwork|characters|films|music|songs|code|posts|data)"


@dataclass(frozen=True)
class Kind:
    """A kind of claim: `named` reads a claim's names (its title's head and keywords), `told`
    is how reporting tells it, `cheap` holds words one of which a text must contain first."""

    name: str
    named: re.Pattern[str]
    told: str
    cheap: tuple[str, ...]


def _kind(name: str, named: str, told: list[str], cheap: tuple[str, ...]) -> Kind:
    return Kind(name, re.compile(named, re.IGNORECASE | re.DOTALL), "|".join(told), cheap)


KINDS = (
    _kind(
        "secondary infringement",
        r"(?=.*(?:infring|copyright|liab))(?=.*(?:secondary|contributory|vicarious|induc))",
        [
            r"\bcontribut\w*\s+(?:to\s+)?(?:(?:copyright|the|their|its|users'|users\u2019)\s+)?infring\w*",
            r"\bvicarious(?:ly)?\s+(?:liab\w*|infring\w*|copyright)",
            r"\bsecondary\s+(?:liab\w*|infring\w*|copyright)",
            r"\b(?:profit\w*|benefit\w*|ma(?:de|ke|kes|king)\s+money)\s+from\s+"
            + _OWNER
            + r"(?:users|subscribers|customers)(?:'|\u2019)?\s+(?:infring\w*|piracy|copying)",
            r"\b(?:induc\w*|encourag\w*|enabl\w*|help\w*|let\w*)\s+"
            + _OWNER
            + r"(?:users|subscribers|customers)\s+(?:to\s+)?(?:infringe|copy|pirate)",
            r"\bliable\s+(?:when|for\s+what|if|for\s+infringement\s+by)\s+"
            + _ANY
            + r"{0,4}?(?:users|subscribers|customers)\b",
        ],
        ("contribut", "vicarious", "secondary", "users", "subscribers", "customers"),
    ),
    _kind(
        "copyright infringement",
        r"^(?!.*(?:secondary|contributory|vicarious|induc)).*(?:copyright\w*\s+infring|infring\w*\s+(?:of\s+)?copyright|copyright\s+(?:claim|violation)|direct\s+infring|primary\s+infring|^infring)",
        [
            r"\binfring\w*\s+(?:on\s+|upon\s+)?" + _OWNER + _ANY + r"?copyrights?\b",
            r"\bcopyright\s+(?:violations?|theft|breach(?:es)?)\b",
            r"\bviolat\w*\s+" + _OWNER + _ANY + r"?copyrights?\b",
            # an accusation of copying without leave; the quote is from the copying on
            r"\b(?:accus\w*|alleg\w*|claim\w*|charg\w*)\b"
            + _GAP
            + r"(?P<q>\b(?:cop(?:y|ies|ied|ying)|reproduc\w*|us(?:e|es|ed|ing)|tak(?:e|es|en|ing)|took)\b"
            + _GAP
            + r"\bwithout\s+"
            + _OWNER
            + r"(?:permission|authori[sz]ation|consent|a\s+licen[cs]e|licens\w*|pay(?:ing|ment)|compensation))",
            r"\b(?:unlawful(?:ly)?|illegal(?:ly)?|wrongful(?:ly)?|unauthori[sz]ed)\s+(?:cop\w+|reproduc\w+|us(?:e|ed|ing))\b",
            r"\bpirat(?:ed|ing|es?|cy)\b",
            r"\b(?:works?|copyrights?)\s+(?:(?:were|was|it|they|had|have|been)\s+){0,2}infringed\b",
            r"\b(?:stole|steal\w*|theft\s+of)\s+" + _OWNER + _ANY + r"?" + _WORKS + r"\b",
            r"\bplagiari\w*",
        ],
        (
            "infring",
            "copyright",
            "without",
            "pirat",
            "unlawful",
            "illegal",
            "wrongful",
            "unauthori",
            "stole",
            "steal",
            "theft",
            "plagiar",
        ),
    ),
    _kind(
        "copyright management information",
        r"dmca|copyright\s+management|1202|digital\s+millennium",
        [
            r"\bcopyright\s+management\s+information",
            r"\b(?:strip\w*|remov\w*|delet\w*|scrub\w*|cut\w*|eras\w*)\s+(?:out\s+|away\s+)?"
            + _OWNER
            + _ANY
            + r"{0,2}?(?:author\w*(?:'|\u2019)?\s+names|bylines|copyright\s+notices|watermarks|credits|attribution|metadata)\b",
            r"\bDMCA\b(?!\s+(?:takedown|safe|notice))",
            r"\bDigital\s+Millennium\s+Copyright\s+Act",
            r"\b(?:section\s+|\u00a7\s*)1202\b",
        ],
        (
            "management",
            "strip",
            "remov",
            "delet",
            "scrub",
            "cut",
            "eras",
            "dmca",
            "millennium",
            "1202",
        ),
    ),
    _kind(
        "breach of contract",
        r"^(?!.*interfer).*(?:breach\w*\s+of\s+(?:the\s+)?contract|terms\s+of\s+(?:service|use)|user\s+agreement|terms\s+and\s+conditions|\bcontract\b)",
        [
            r"\b(?:violat\w*|breach\w*|broke|break\w*|broken|flout\w*|defy\w*|defied|disregard\w*)\s+"
            + _ANY
            + r"{0,4}?(?:terms\s+of\s+(?:service|use)|user\s+agreements?|terms\s+and\s+conditions|terms|contracts?|licen[cs]e\s+agreements?)\b",
        ],
        ("terms", "agreement", "contract"),
    ),
    _kind(
        "unjust enrichment",
        r"unjust\w*\s+enrich",
        [
            r"\bunjust(?:ly)?\s+enrich\w*",
            r"\benrich\w*\s+(?:itself|themselves|himself|herself)\b",
            r"\bunfairly\s+profit\w*|\bprofit\w*\s+unfairly",
            r"\bprofit\w*\s+"
            + _ANY
            + r"{0,3}?at\s+(?:the\s+)?(?:\w+(?:'s|\u2019s|s')\s+|its\s+|their\s+)?expense",
        ],
        ("enrich", "unfair", "expense"),
    ),
    _kind(
        "trademark",
        r"trade\s?marks?|lanham|dilution",
        [
            r"\btrade\s?marks?\b",
            r"\bLanham\s+Act\b",
            r"\bfalsely\s+attribut\w*",
            r"\battribut\w*\s+"
            + _ANY
            + r"{0,3}?(?:invented|fake|false|made-up|fabricated|inaccurate|hallucinated|bogus)\b",
            r"\b(?:invented|fake|false|made-up|fabricated|hallucinated|bogus)\s+"
            + _ANY
            + r"{0,3}?(?:attribut\w*|credited)\s+to\b",
            r"\bhallucinat\w*\s+"
            + _ANY
            + r"{0,2}?(?:articles|stories|quotes|reports|content|news)\b",
            r"\b(?:tarnish\w*|dilut\w*)\s+"
            + _OWNER
            + _ANY
            + r"?(?:brand|reputation|trademarks?|good\s?will|name|marks?)\b",
        ],
        ("trade", "lanham", "attribut", "hallucinat", "tarnish", "dilut"),
    ),
    _kind("passing off", r"passing\s+off", [r"\bpass(?:ed|es|ing)?\s+off\b"], ("pass",)),
    _kind(
        "unfair competition",
        r"unfair\s+competition|17200|business\s+practices?",
        [
            r"\bunfair(?:ly)?\s+compet\w*",
            r"\bcompet\w*\s+unfairly",
            r"\b(?:unfair|unlawful|fraudulent|deceptive)\s+(?:business\s+)?(?:practices?|acts?)\b",
            r"\b17200\b",
        ],
        ("unfair", "compet", "practice", "17200", "unlawful", "fraudulent", "deceptive"),
    ),
    _kind(
        "trespass",
        r"trespass",
        [
            r"\btrespass\w*",
            r"\b(?:overload\w*|overburden\w*|burden\w*|strain\w*|damag\w*|harm(?:ed|s|ing)|impair\w*|slow\w*|degrad\w*|disrupt\w*|crash\w*|overwhelm\w*)\s+"
            + _OWNER
            + _ANY
            + r"?(?:servers?|systems|infrastructure|network|computers)\b",
            r"\bserver\s+(?:load|capacity|strain)",
        ],
        ("trespass", "server", "system", "infrastructure", "network", "computers"),
    ),
    _kind(
        "computer fraud",
        r"computer\s+fraud|cfaa|unauthori[sz]ed\s+access|hacking",
        [
            r"\bComputer\s+Fraud\s+and\s+Abuse\s+Act",
            r"\bCFAA\b",
            r"\bunauthori[sz]ed\s+access",
            r"\bhack\w*\s+into\b|\bbroke\s+into\b",
            r"\baccess\w*\s+" + _ANY + r"{0,3}?without\s+(?:authori[sz]ation|permission)",
        ],
        ("computer", "cfaa", "unauthori", "hack", "broke into", "access"),
    ),
    _kind(
        "fraud",
        r"^(?!.*computer\s+fraud).*(?:fraud|misrepresent|deceit|deceiv)",
        [
            r"\bfraud\w*",
            r"\bmisrepresent\w*",
            r"\bdeceiv\w*|\bdeceptive\b|\bdeceit\w*",
            r"\b(?:misled|mislead\w*|lied\s+to|duped|tricked)\b",
        ],
        (
            "fraud",
            "misrepresent",
            "deceiv",
            "deceptive",
            "deceit",
            "misled",
            "mislead",
            "lied to",
            "duped",
            "tricked",
        ),
    ),
    _kind(
        "charitable trust",
        r"charitable\s+(?:trust|purpose)|fiduciary",
        [
            r"\bcharitable\s+(?:trust|purpose|mission)",
            r"\bfiduciary\s+(?:dut\w*|obligations?)",
            r"\b(?:stole|steal\w*|loot\w*|hijack\w*)\s+(?:a\s+|the\s+)?(?:charit\w*|nonprofit|non-profit)",
            r"\b(?:abandon\w*|betray\w*|breach\w*|violat\w*|forsak\w*|forsook|walk\w*\s+away\s+from)\s+"
            + _OWNER
            + _ANY
            + r"{0,2}?(?:nonprofit|non-profit|charitable|founding|original)\s+(?:mission|purpose|promise|commitments?|charter)",
        ],
        ("charit", "fiduciar", "mission", "purpose", "promise", "commitment", "charter", "profit"),
    ),
    _kind(
        "tortious interference",
        r"tortious\s+interference|interfer\w*\s+with\s+(?:\w+\s+)?contract",
        [
            r"\btortious(?:ly)?\s+interf\w*",
            r"\binterfer\w*\s+with\s+"
            + _OWNER
            + _ANY
            + r"{0,2}?(?:contracts?|agreements?|relationships?|business\s+relations\w*)\b",
            r"\binduc\w*\s+" + _ANY + r"{1,4}?to\s+(?:breach|break|violate)\b",
        ],
        ("tortious", "interfer", "induc"),
    ),
    _kind(
        "antitrust",
        r"antitrust|sherman|monopol|anti-?competitive",
        [r"\bantitrust\b", r"\bmonopoli[sz]\w*", r"\banti-?competitive\b", r"\bSherman\s+Act\b"],
        ("antitrust", "monopol", "competitive", "sherman"),
    ),
    _kind(
        "misappropriation",
        r"misappropriat|hot\s+news",
        [r"\bmisappropriat\w*", r"\bhot[- ]news\b", r"\bfree[- ]rid\w*"],
        ("misappropriat", "hot", "free"),
    ),
)


def claim_kinds(names: list[str]) -> frozenset[str]:
    """The kinds of claim (KINDS) a claim's names (its title's head, its keywords) say it is."""
    said = " ; ".join(names)
    return frozenset(kind.name for kind in KINDS if kind.named.search(said))


def kinds_phrases(claims: list[tuple[int, list[str]]]) -> list[Phrase]:
    """One case's claims -> the phrases telling each kind in reporting's words: a kind goes to
    the one claim that is it with the fewest other kinds ("Trade mark infringement" over "US
    claims: copyright, trademark and removal of copyright management information"), to none
    on a tie."""
    kinds = {claim_id: claim_kinds(names) for claim_id, names in claims}
    out = []
    for kind in KINDS:
        holders = sorted((len(k), claim_id) for claim_id, k in kinds.items() if kind.name in k)
        if not holders or (len(holders) > 1 and holders[0][0] == holders[1][0]):
            continue
        pattern = re.compile(kind.told, re.IGNORECASE)
        out.append(Phrase(holders[0][1], (kind.cheap,), pattern))
    return out
