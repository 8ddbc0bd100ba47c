"""Words of events: stems, what a sentence says happened (its kind), and sentences that report
nothing (bylines, datelines, photo captions, plans and predictions).

Stems are light: lowercased, possessive dropped, a few irregular litigation verbs mapped to one
form ("sued", "sues", "suing" -> "sue"; "took the stand" is testimony), a plural or past ending
removed, then the first five letters. Reports retell an event in other words, so an event's
kind is read from the verb as well: "took the stand" and "testified" both say testimony, "the
trial began" and "the trial opened" both say the trial opened. An act of reporting ("declined to
comment", "told reporters", "said in an interview") is a kind of its own, "reporting": how a
party answered the reporter, which events.py never takes for an event of the dispute.
"""

from __future__ import annotations

import functools
import re

from tracker.core.asking import COURT_REQUEST
from tracker.core.dates import MONTHS, WEEKDAYS
from tracker.linking.suitwords import SUE, SUIT_NOUN

STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "into",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "it",
        "its",
        "his",
        "her",
        "their",
        "our",
        "your",
        "as",
        "about",
        "after",
        "before",
        "over",
        "under",
        "against",
        "since",
        "until",
        "between",
        "through",
        "now",
        "only",
        "still",
        "than",
        "then",
        "so",
        "such",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "not",
        "no",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "him",
        "them",
        "us",
        "also",
        "said",
        "says",
        "say",
        "would",
        "could",
        "will",
        "may",
        "might",
        "can",
        "new",
        "more",
        "most",
        "some",
        "any",
        "other",
        "one",
        "two",
        "first",
        "last",
        "week",
        "month",
        "year",
        "day",
        "today",
        "yesterday",
    ]
)
# Words every report of a dispute uses: they say nothing about which event it reports.
GENERIC = frozenset(
    [
        "court",
        "case",
        "lawsuit",
        "suit",
        "legal",
        "judge",
        "jury",
        "trial",
        "claim",
        "claims",
        "lawyer",
        "attorney",
        "filing",
        "company",
        "companies",
        "million",
        "billion",
    ]
)
_IRREGULAR = {
    "sued": "sue",
    "sues": "sue",
    "suing": "sue",
    "took": "take",
    "taken": "take",
    "takes": "take",
    "made": "make",
    "makes": "make",
    "making": "make",
    "told": "tell",
    "tells": "tell",
    "began": "begin",
    "begun": "begin",
    "begins": "begin",
    "opened": "open",
    "opens": "open",
    "denied": "deny",
    "denies": "deny",
    "won": "win",
    "wins": "win",
    "lost": "lose",
    "loses": "lose",
    "filed": "file",
    "files": "file",
    "filing": "file",
    "ruled": "rule",
    "rules": "rule",
    "ruling": "rule",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "testified": "testi",
    "testimony": "testi",
    "bids": "bid",
    "bidding": "bid",
}
_WORD = re.compile(r"[^\W\d_][\w-]*|\d[\d.,]*\d", re.UNICODE)
_YEAR = re.compile(r"(?:19|20)\d\d")

# A date naming an act by its noun ("the October dismissal", "Tuesday's ruling", "last month's
# settlement"); "May" is left out, being a verb too ("may sue"). Lower case.
DATED_NOUN = (
    r"(?:"
    + "|".join(m for m in MONTHS if m != "may")
    + "|(?:"
    + "|".join(WEEKDAYS)
    + r"|yesterday|today|week|month|year)['’]s)"
)
# What makes a suit's noun tell the suing: news ("new") or a date; ends in a space.
SUIT_TOLD = rf"(?:new|fresh|latest|{DATED_NOUN})\s+(?:[\w-]+\s+)?"
# "were hit with a lawsuit", "was slapped with a suit": sued, told in the passive
SUED_PASSIVE = r"(?:hit|slapped|served)\s+with\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?" + SUIT_NOUN

# A case or claim that "survived" a party's bid or motion: the court denied it.
SURVIVED_WHAT = (
    r"\s+(?:(?:a|an|the|its|their|[\w-]+['’]s)\s+)?(?:[\w-]+\s+)?"
    r"(?:bids?|motions?|challenges?|attempts?|efforts?)\b"
)
SURVIVED = r"surviv(?:ed|es)" + SURVIVED_WHAT

# Verbs (and the nouns reports use for them) that say something happened in a dispute, with the
# kind of event they make. Real reporting varies the verb: a ruling is "ruled", "held", "found",
# "decided", "let the claims stand", "kept the case alive", "lost its bid"; a filing is "sued",
# "lodged", "brought the case", "moved the case to federal court"; testimony is "told jurors".
_KIND_PATTERNS: list[tuple[str, str]] = [
    # acts of reporting: how a party answered (or did not answer) the reporter, not an act of
    # the dispute ("declined to comment", "pointed reporters to its blog post", "told reporters",
    # "said in an interview"); first, so that "said in an interview" is not a statement
    (
        "reporting",
        r"(?:pointed|referred|directed)\s+(?:reporters|journalists|questions|inquiries|requests)|"
        # "referred The Verge to its earlier statement", "pointed to its blog post"
        r"(?:pointed|referred|directed)\s+(?:[\w.'’-]+\s+){0,4}?to\s+(?:its|his|her|their)\s+"
        r"(?:[\w-]+\s+){0,2}?(?:statement|blog|post|comments|remarks|website)|"
        r"declined\s+(?:to\s+)?(?:comment|discuss|elaborate|be\s+interviewed)|"
        r"declined\s+(?:a\s+)?requests?\s+(?:for|to)\s+comment|"
        r"(?:did|has|have|had)(?:\s+not|n['’]t)\s+(?:immediately\s+)?"
        r"(?:respond|responded|reply|replied|return|returned|answer|answered|comment|commented)|"
        r"(?:could|can)\s*not\s+(?:immediately\s+)?be\s+reached|"
        r"not\s+(?:immediately\s+)?available\s+(?:for|to)\s+comment|"
        r"requests?\s+for\s+comment|seeking\s+comment|"
        r"told\s+(?:reporters|journalists|the\s+press|a\s+reporter)|"
        r"(?:said|says|speaking|spoke)\s+(?:[\w-]+\s+){0,2}?in\s+an?\s+(?:[\w-]+\s+)?interview|"
        r"in\s+an?\s+(?:[\w-]+\s+)?interview",
    ),
    # lawyers telling the court something do it in a filing, not on the stand; a party asking
    # the court for something (a motion) files it: "moved to dismiss" is no dismissal
    (
        "filing",
        r"(?:lawyers|attorneys|counsel)\s+(?:\w+\s+){0,2}?(?:told|urged|asked)\s+"
        r"(?:(?:a|the)\s+)?(?:\w+\s+)?(?:court|judge)|"
        # a motion made, not one sought or under way ("did not seek to dismiss", "Musk's lawsuit
        # seeks to block", "is asking a judge to")
        + r"(?!seek|sought|\w+ing\s)(?:"
        + COURT_REQUEST
        + ")"
        # "X's new lawsuit against Y", "its October suit": a suit told as news, or dated, by its noun
        + rf"|{SUIT_TOLD}{SUIT_NOUN}",
    ),
    (
        "testimony",
        r"testif\w*|testimony|took\s+the\s+(?:witness\s+)?stand|takes\s+the\s+stand|"
        r"on\s+the\s+witness\s+stand|in\s+the\s+witness\s+box|"
        r"told\s+(?:(?:a|the)\s+)?(?:\w+\s+)?(?:court|jury|jurors|judge)|under\s+oath|deposition|"
        r"cross-examin\w*",
    ),
    (
        "verdict",
        r"verdict|(?:jury|jurors)\s+(?:also\s+)?(?:found|sided|ruled|decided|cleared|awarded)",
    ),
    # a court approving a settlement rules on it ("granted preliminary approval"); a board
    # approving a deal does not ("The board approved the deal with Microsoft")
    (
        "ruling",
        r"(?:preliminary|final)\s+approval|(?:approved|approves)\s+(?:(?:a|an|the|its)\s+)?"
        r"(?:[\w$.,'’-]+\s+){0,4}?(?:settlement|class)|"
        r"(?:judge|court|justice|magistrate|panel)\b[^.;]{0,40}?\b(?:approved|approves)\s+"
        r"(?:[\w$.,'’-]+\s+){0,5}?(?:deal|agreement)",
    ),
    # a suit settled, or agreed to be: not "refused to settle the case", "agreed to pay $10
    # billion for a stake", "reached a licensing deal with News Corp"
    (
        "settlement",
        r"settled(?!\s+(?:on\b|in\s+favou?r))|settles|settlement|"
        r"(?<!refused\s)(?<!refuses\s)(?<!declined\s)(?<!declines\s)(?<!not\s)(?<!would\s)"
        r"(?<!unwilling\s)(?<!reluctant\s)(?<!pressure\s)to\s+settle|"
        r"(?:agreed|agrees)\s+to\s+pay\b(?!\s+(?:[\w$.,-]+\s+){0,4}?(?:for|to\s+(?:buy|acquire|"
        r"license|licence|use|access))\b)|"
        r"reached\s+(?:a|an)\s+(?!(?:[\w$.,-]+\s+){0,3}?(?:licens\w*|content|partnership|commercial|"
        r"data|investment|cloud|distribution|supply|funding|acquisition|merger|publishing|"
        r"advertising|hosting|computing|chip|trade)\b)(?:[\w$.,-]+\s+){0,3}?(?:deal|agreement)"
        r"(?!\s+(?:to\s+(?:buy|acquire|license|licence|use|invest)|on\s+(?:a\s+)?licens\w*)\b)",
    ),
    (
        "ruling",
        # a permission to appeal given or refused is the court's ruling, not an appeal
        r"(?:given|granted|won|wins|refused|denied)\s+(?:\w+\s+){0,3}?(?:permission|leave)\s+"
        r"to\s+appeal|"
        r"(?:judge|judges|court|justice|panel|magistrate)\b[^.;]{0,40}?\b"
        r"(?:found|finds|held|holds|decided|decides|concluded|sided)|"
        r"(?:she|he)\s+(?:also\s+)?(?:found|held|decided|concluded)\s+"
        r"(?:that|in\s+(?:[\w'’]+\s+){0,2}?favou?r)|"
        r"(?:lost|loses|won|wins)\s+(?:[\w'-]+\s+){0,5}?"
        r"(?:case|lawsuit|suit|bid|challenge|motion|claims?|fight|battle)|"
        r"let\s+[^.;]{1,80}?\b(?:stand|proceed|go\s+forward|move\s+forward)|"
        r"(?:let|lets|allow(?:ed|s|ing)?|permit(?:ted|s)?)\s+(?:[\w'’.-]+\s+){1,3}?(?:to\s+)?"
        r"(?:pursue|press|proceed|bring|revive|refile|amend)|"
        r"(?:allow(?:ed|s|ing)?|permit(?:ted|s)?)\s+[^.;]{1,60}?\bto\s+"
        r"(?:proceed|pursue|move\s+forward|go\s+forward|continue)|"
        r"(?:permitted|allowed)\s+to\s+(?:pursue|proceed)|declined\s+to\s+(?:dismiss|throw\s+out)|"
        r"kept\s+[^.;]{0,60}?\balive|"
        r"upheld|upholds|affirmed|affirms|overturned|reversed|vacated|narrowed|consolidated|"
        r"folded\s+into|judgment|"
        r"refus(?:ed|es)\s+(?!to\s+(?:comment|settle|pay|negotiate|discuss))|"
        # a court's act named by its day: "Thursday's dismissal", "Judge Alsup's Nov. 26 order"
        rf"(?:{DATED_NOUN}|"
        r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+[0-3]?\d(?:,\s+\d{4})?)"
        # not a column ("the March opinion piece") nor goods ("its June order of 5,000 chips")
        r"\s+(?:order|decision|opinion|dismissal)\b"
        r"(?!\s+(?:to|piece|column|essay|page|section)\b|\s+of\s+\d|"
        # nor a company's own ("last year's decision by the board to restructure")
        r"\s+(?:by|of)\s+(?:(?:the|its|their|[\w-]+['’]s)\s+)?(?:[\w-]+\s+)?(?:board|company|"
        r"management|shareholders|directors|executives|investors|owners|founders)\b)|"
        r"(?:issued|entered|imposed)\s+(?:(?:a|an|the|its)\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:injunction|restraining\s+order|order|opinion|decision)|"
        r"ruled|rules\s+that|ruling|denied|denies|granted|grants|dismiss(?:ed|es|ing)|tossed|"
        + SURVIVED
        + r"|"
        r"threw\s+out|ordered|sanctioned|struck\s+down|blocked|rejected|rejecting|"
        r"turned\s+down|"
        # the court managing its case: certifying, staying, postponing
        r"certif(?:ied|ies|ying)|postponed|postpones|"
        r"(?:stay(?:ed|s)|paused|halted|put)\s+(?:the\s+|its\s+|all\s+)?(?:case|proceedings?|"
        r"trial|litigation|discovery|lawsuit|suit|order|ruling|it|them)\b(?!\s+(?:open|alive))|"
        r"called\s+off\s+(?:a|the|its)\s+(?:[\w-]+\s+)?(?:trial|hearing)",
    ),
    (
        "appeal",
        r"(?:filed|files|lodged)\s+(?:(?:a|an|the|its|his|her|their)\s+)?(?:notice\s+of\s+)?"
        r"appeal|"
        # "the appeals court", "the Court of Appeals" name a court, not an appeal
        r"(?<!court of )appeal(?:s|ed|ing)?(?!\s+(?:court|panel|judges?)\b)|"
        r"appellate(?!\s+(?:court|panel|judges?)\b)",
    ),
    (
        "hearing",
        r"hearing|closing\s+arguments?|opening\s+(?:arguments?|statements?)|jury\s+selection|"
        r"jury\s+(?:was\s+)?(?:seated|sworn)|seated\s+a\s+jury|deliberat\w*|"
        r"trial\s+(?:opened|began|begins|opens|started|starts|kicked\s+off|got\s+under\s+way)|"
        r"(?:began|begun|opened|started)\s+(?:a|the|their|its)\s+(?:[\w-]+\s+){0,3}?trial",
    ),
    (
        "filing",
        r"filed|files|refile[sd]|refiling|sued|sues|suing|counterclaim\w*|countersued|withdr[ae]w\w*|"
        r"dropped|drops|abandoned|abandons|removed|removes|notice\s+of\s+removal|lodged|"
        r"(?:brought|began|started|launched|initiated)\s+(?:(?:a|an|the|its|their|his|her)\s+)?"
        r"(?:[\w-]+\s+){0,2}?(?:suit|lawsuit|case|claims?|action|complaint|proceedings)|"
        r"brought\s+against|" + SUED_PASSIVE + r"|"
        # a motion told by its noun: "the dismissal bid", "Globex's remand motion"
        r"(?:dismissal|remand|transfer|injunction|summary[\s-]judg(?:e)?ment)\s+"
        r"(?:bid|motion|request|petition)s?|"
        # told in the passive, recalled in passing: "the lawsuit was brought last August"
        r"(?:suit|lawsuit|case|action|complaint|claims?)\s+(?:was|were|(?:had|has|have)\s+been)\s+"
        r"(?:brought|launched|initiated|started|begun)\b(?!\s+to\b)|"
        r"(?:moved|took|taken|takes|moves)\s+[^.;]{0,60}?\b(?:to|into)\s+federal\s+court|"
        r"amended|add(?:ed|s|ing)\s+[^.;]{1,60}?\bas\s+(?:a\s+)?"
        r"(?:co-?)?(?:defendants?|plaintiffs?)",
    ),
    # a bid, or a party's public word, dated: weakest, so last ("said it would appeal" is an appeal)
    (
        "statement",
        r"unsolicited|offer(?:ed)?\s+to\s+buy|(?:bid|offer)\s+(?:of|for)|takeover\s+(?:bid|offer)|"
        r"said|says|announced|wrote|published|posted|issued\s+a\s+statement",
    ),
]
# Matched in the lower-cased sentence (no IGNORECASE: twice as fast). The opening word boundary
# is tested once, before the alternatives, not once per kind: inside a word every kind is then
# rejected at once (the same matches, half the time on a long sentence).
_KIND = re.compile(
    r"\b(?:"
    + "|".join(rf"(?P<k{n}>(?:{pattern})\b)" for n, (_, pattern) in enumerate(_KIND_PATTERNS))
    + ")"
)


def _kind_of(m: re.Match[str]) -> str:
    return _KIND_PATTERNS[int((m.lastgroup or "k0")[1:])][0]


# A sentence about what will or may happen reports nothing yet.
_FUTURE = re.compile(
    r"\b(?:will|would|could|might|should|plans?\s+to|planned\s+to|if\s+the|"
    # an intention or a threat is not the act: "vowed to appeal", "intends to ask the court"
    r"(?:vow|pledge|threaten|intend|expect|hope|aim|prepare)(?:s|d|ed)?\s+to|"
    r"(?:is|are|was|were)\s+(?:weighing|considering|preparing)|"
    r"(?:is|are|was|were|(?:has|have|had)\s+been)\s+(?:set|scheduled|expected|due|poised|"
    r"likely|slated)\s+to|"
    # "a trial set for May 12", "the hearing scheduled to begin on Monday": a date planned
    r"(?:set|scheduled|slated)\s+(?:for|to\s+(?:begin|start|open|resume|run))|"
    r"(?:next|upcoming)\s+(?:week|month|year|trial|hearing)|later\s+this\s+(?:week|month|year))\b",
    re.IGNORECASE,
)
# Page furniture that carries dates: photo captions, bylines, timestamps (datelines:
# tracker.core.dates.dateline_end).
_CAPTION = re.compile(
    r"\((?:AP|AFP|Reuters|Getty|Bloomberg)[^)]*(?:Photo|Images|File|via)[^)]*\)|"
    r"\b(?:Photo(?:graph)?|Image|Credit|Illustration)\s*(?:by|:)|(?:\||\bvia)\s*Getty\s+Images|"
    r"\b(?:AP|AFP)\s+Photo\b|/\s*(?:Reuters|AP|Getty)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\b|"
    r"(?:Published|Updated|Posted|Last\s+updated)\b)"
)
_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d\d\s*(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b|ET\b|EDT\b|EST\b|PT\b|PDT\b|GMT\b|UTC\b)"
)


# Phrases that say one thing in several ways, read as one word before stemming.
# Phrases that say one thing in several ways, read as one word before stemming; each with words
# one of which the text must hold for the pattern to be tried (a substring test is much cheaper).
_SYNONYMS = [
    (
        ("down", "reject", "refus"),
        re.compile(r"\b(?:turn(?:ed|s)?\s+down|reject(?:ed|s|ing)?|refus(?:ed|es|ing|al))\b"),
        "deny",
    ),
    (
        # "the case survived Perplexity's bid to move it": the court denied the motion
        ("surviv",),
        re.compile(r"\bsurviv(?:ed|es)(?=" + SURVIVED_WHAT + ")"),
        "deny motion",
    ),
    (("out", "toss"), re.compile(r"\b(?:threw\s+out|throws?\s+out|toss(?:ed|es)?)\b"), "dismiss"),
    (
        ("stand", "oath"),
        re.compile(
            r"\b(?:t(?:ook|akes?|aking)\s+the\s+(?:witness\s+)?stand|on\s+the\s+(?:witness\s+)?stand|"
            r"under\s+oath)\b"
        ),
        "testi",
    ),
    (
        ("way", "kick", "beg", "start", "opening"),
        re.compile(
            r"\b(?:got\s+under\s+way|gets\s+under\s+way|kick(?:ed|s)?\s+off|beg(?:an|un|ins?)|"
            r"start(?:ed|s)?|opening)\b"
        ),
        "open",
    ),
    (
        ("fold", "combin", "merg", "consolid"),
        re.compile(
            r"\b(?:fold(?:ed|s)?\s+into|combin(?:e|es|ed|ing)|merg(?:e|ed|es|ing)\s+(?:into|with)|consolidat\w*)\b"
        ),
        "consolidate",
    ),
    (
        ("mov",),
        re.compile(r"\bmov(?:e|ed|es|ing)\b(?=[^.]{0,50}\bfederal\s+court)"),
        "remove",
    ),
    (
        ("drop", "abandon", "withdr"),
        re.compile(r"\b(?:drop(?:s|ped|ping)?|abandon(?:s|ed|ing)?|withdr(?:ew|aws?|awn|awing))\b"),
        "drop",
    ),
    (
        # a company closing: "went out of business", "ceased operations", "wound down"
        ("business", "operat", "wound", "doors", "shut"),
        re.compile(
            r"\b(?:w(?:ent|ill\s+go|as\s+going)\s+out\s+of\s+business|(?:stopp(?:ed|ing)|"
            r"ceas(?:ed|es|ing|e))\s+(?:operating|operations|trading)|w(?:ound|ind(?:s|ing)?)\s+"
            r"down|closed\s+(?:its|their)\s+doors|shut(?:s|ting)?\s+(?:itself\s+)?down)\b"
        ),
        "shut down",
    ),
    (
        # a suit told by its noun as news or by its date ("Reddit's new lawsuit", "its October
        # suit", "last month's lawsuit") is the suing, as "sued" is; "the lawsuit" alone is not
        ("suit",),
        re.compile(rf"\b(?P<lead>{SUIT_TOLD})(?:law)?suit\b"),
        r"\g<lead>sue",
    ),
    (
        ("suit", "sue", "suing", "complaint"),
        re.compile(
            r"\b(?:(?:filed|brought|files|brings)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}"
            rf"{SUIT_NOUN}|{SUE}|{SUED_PASSIVE})\b"
        ),
        "sue",
    ),
]


def _synonyms(low: str) -> str:
    for triggers, pattern, word in _SYNONYMS:
        if any(t in low for t in triggers):
            low = pattern.sub(word, low)
    return low


@functools.lru_cache(maxsize=8192)
def stems(text: str) -> frozenset[str]:
    """Content-word stems of a text (see the module docstring), and its numbers ("97.4")
    other than years. Cached (hence frozen): a sentence is stemmed for several events."""
    low = _synonyms(text.lower().replace("\u2019", "'"))
    return frozenset().union(*map(word_stems, set(_WORD.findall(low))))


@functools.lru_cache(maxsize=65536)
def word_stems(word: str) -> tuple[str, ...]:
    """One lowercased word's stems: none for a stop word or a year; a hyphenated word's whole
    ("non-profit" is "nonprofit") and its long parts ("Musk-led" is also "Musk")."""
    word = word.split("'")[0]
    if word[0].isdigit():
        return () if _YEAR.fullmatch(word) else (word.replace(",", ""),)
    out: tuple[str, ...] = ()
    if "-" in word:
        out = tuple(stem(p) for p in word.split("-") if len(p) > 3 and p not in STOP)
        word = word.replace("-", "")
    if word in STOP or len(word) < 2:
        return out
    return (*out, stem(word))


_YEARS = re.compile(r"(?<![\w.,])(?:19|20)\d\d(?![\w.,]\d)")


def years(text: str) -> frozenset[str]:
    """The years a text names, as words stems never are ("y2023"): stems leave years out (a
    date is not a word of meaning), but a keyword naming one ("2023 ruling") means that
    year's, and a sentence holds it to be told by it."""
    return frozenset(f"y{year}" for year in _YEARS.findall(text))


def keyword_stems(keyword: str) -> frozenset[str]:
    """A keyword's stems and its years: "2023 ruling" is not any ruling."""
    return stems(keyword) | years(keyword)


def stem(word: str) -> str:
    word = _IRREGULAR.get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("ed", "es")) and not word.endswith(("ees", "ses")):
        word = word[:-2] if word[-3] not in "aeiou" else word[:-1]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:5]


def content(words: frozenset[str]) -> frozenset[str]:
    """The stems that say which event: GENERIC ones left out."""
    return words - GENERIC_STEMS


GENERIC_STEMS = frozenset(stem(w) for w in GENERIC)


# "he is suing", "Getty is still pursuing": an ongoing state, not something that happened.
_STATE_BEFORE = re.compile(r"\b(?:is|are|was|were|been)\s+(?:\w+ly\s+|also\s+|still\s+|now\s+)?$")


def _told(m: re.Match[str], low: str) -> bool:
    """Whether a verb match says something happened (see _STATE_BEFORE)."""
    verb = m.group()
    if not verb.endswith("ing") or " " in verb:
        return True
    return _STATE_BEFORE.search(low[max(0, m.start() - 20) : m.start()]) is None


def _verbs(sentence: str) -> list[re.Match[str]]:
    low = sentence.lower()
    return [m for m in _KIND.finditer(low) if _told(m, low)]


def verbs(sentence: str) -> list[tuple[str, str, int]]:
    """(kind, verb, offset) for every event verb in the sentence, in order."""
    return [(_kind_of(m), m.group(), m.start()) for m in _verbs(sentence)]


# What a filing or a ruling does. Reports call a suit, a motion and a dropped claim all "filed",
# and a dismissal, a certification and an approved settlement all a "ruling": a motion in the
# suit is not the suit, and approving a settlement is not certifying the class.
_ACTS = {
    "filing": [
        ("counter", re.compile(r"counter")),
        ("remove", re.compile(r"remov|federal\s+court")),
        (
            "motion",
            re.compile(
                r"\b(?:mov(?:ed|es)|motions?|ask(?:ed|s)|urg(?:ed|es)|petition(?:s|ed)?|request|bid|"
                r"seek(?:s|ing)?|sought)\b"
            ),
        ),
        ("drop", re.compile(r"\b(?:dropp?\w*|withdr\w*|abandon\w*)")),
        ("amend", re.compile(r"\b(?:amend\w*|add(?:ed|s|ing))\b")),
        ("refile", re.compile(r"\brefil")),
        (
            "sue",
            re.compile(r"\b(?:su(?:ed|es|ing|e)|(?:law)?suit|brought|launched|initiated|lodged)\b"),
        ),
    ],
    "ruling": [
        ("approve", re.compile(r"approv")),
        ("certify", re.compile(r"certif")),
        ("dismiss", re.compile(r"dismiss|toss|threw\s+out")),
        ("consolidate", re.compile(r"consolidat|folded")),
        ("stay", re.compile(r"stay|paus|halt|postpon|called\s+off")),
    ],
}


def verb_act(kind: str, verb: str) -> str | None:
    """What a filing or ruling verb does ("moved to dismiss": "motion"); None when it does not
    say ("filed", "ruled")."""
    return next((name for name, pattern in _ACTS.get(kind, ()) if pattern.search(verb)), None)


def kinds(sentence: str) -> list[tuple[str, str]]:
    """(kind, verb) for every event verb in the sentence, in order."""
    return [(kind, verb) for kind, verb, _ in verbs(sentence)]


# "After the verdict, he appealed": an opening clause sets the scene; the verb after it is the
# sentence's news.
_OPENING_CLAUSE = re.compile(
    r"^(?:[\w'’-]+\s+){0,4}?(?:after|before|following|since|when|as|until|while)\b[^,;]{0,100},\s*",
    re.IGNORECASE,
)


def main_clause_at(sentence: str) -> int:
    """Where the sentence's main clause starts: after an opening "After ..., " clause, else 0."""
    m = _OPENING_CLAUSE.match(sentence)
    return m.end() if m else 0


_CERTAIN = re.compile(r"today|yesterday|ago|week|day\b", re.IGNORECASE)


def is_certain(date_text: str) -> bool:
    """A relative date that names its day for sure ("on Tuesday", "yesterday"), unlike a month
    or a day whose year was guessed ("in March", "March 4")."""
    return _CERTAIN.search(date_text) is not None


# "OpenAI, which hoped to avoid a trial, settled ...", "Authors who say AI firms should pay
# sued ...": a future inside a who/which clause is the clause's, not the main verb's.
_RELATIVE = re.compile(r"\b(?:who|which|whom|whose)\b", re.IGNORECASE)
_ASIDE_END = re.compile(r"[,;(—–]|\s-\s")


def future_at(sentence: str) -> int | None:
    """Where the sentence starts speaking of what will or may happen, if it does; a future in
    a who/which clause counts only when no event verb follows the clause."""
    low = sentence.lower()
    for m in _FUTURE.finditer(sentence):
        clause = max(sentence.rfind(c, 0, m.start()) for c in ",;(—–")
        relative = _RELATIVE.search(sentence, clause + 1, m.start())
        if relative is None:
            return m.start()
        # an aside (", which ...,") runs to its closing comma; unpunctuated, to the main verb
        close = None
        if clause >= 0 and not sentence[clause + 1 : relative.start()].strip():
            close = _ASIDE_END.search(sentence, m.end())
        after = close.end() if close else m.end()
        if not any(_told(v, low) for v in _KIND.finditer(low, after)):
            return m.start()
    return None


_CAPTION_WORDS = ("photo", "image", "credit", "illustration", "getty", "/")


def is_caption(text: str, span: tuple[int, int]) -> bool:
    """A photo credit: it makes the sentences before it on its line a caption."""
    sentence = text[span[0] : span[1]]
    low = sentence.lower()
    return any(w in low for w in _CAPTION_WORDS) and _CAPTION.search(sentence) is not None


def is_furniture(sentence: str) -> bool:
    """A caption, byline or timestamp line: dated, but not a report of anything."""
    if _CAPTION.search(sentence) or _BYLINE.match(sentence):
        return True
    return len(sentence) < 120 and _CLOCK.search(sentence) is not None
