"""Positions: statements attributed to a party about an issue, and the stance they take.

Who says what comes from `attribution.statements_find` (speakers found around reporting verbs:
the party as subject, someone speaking for it, a pronoun, a quotation handed to its speaker...).

Issue: a keyword of the issue (the matcher takes its variants: plurals, possessives,
inflections) named in the statement or in the sentence that attributes it.

Stance, from a small lexicon of cues found in the statement (cues.py):
- opposes: theft, steal, illegal, illicit, unlawful, piracy, violates, forbids, prohibits,
  infringes, unauthorised, misuse, abuse, unfair, harms, undermines, harassment, bullying,
  "without permission",
  block/counter/prevent, accuses, copying, concerns, criticises, condemns, opposes, rejects,
  asking a court to stop the practice ("sought the injunction", "asked the court to block"),
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
  (cues.REBUT_CUES: "a distraction", "will appeal", "welcomed the ruling") an issue it names is
  left for the camps of the case to settle (sides.py).
Per article, one position per (party, issue): stances found in several statements combine
(supports + opposes, or any mixed, give mixed), with the strongest statement as the quote; `rule`
says which cues decided and how the statement was attributed, e.g.
`opposes: said "theft" (attributed: subject/quote)`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from tracker.linking.attribution import statements_find
from tracker.linking.cues import CUE, Cues, cue_kind, cues_of
from tracker.linking.dates import sentences
from tracker.linking.issuewords import IssueWords, issue_keyed, issue_named, issue_spots
from tracker.linking.matcher import Mention, fold
from tracker.linking.reporting import sentence_index
from tracker.linking.speakers import Collective
from tracker.linking.statements import CLAUSE_BREAK, Statement

MAX_QUOTE = 600
OWN_WORDS = "issue in its own words"  # the rule of a finding whose issue issuewords.py named

# "Getty told the court it would not pursue its claims that ...": a claim given up says nothing.
_WITHDRAWN = re.compile(
    r"\b(?:(?:not|no\s+longer)\s+(?:to\s+)?(?:pursue|press)|drop(?:s|ped|ping)?|withdr[ae]w\w*|abandon(?:s|ed|ing)?)"
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
    rebuts: bool = False  # an undecided statement that rebuts (cues.REBUT_CUES)
    named: bool = False  # an undecided statement naming the issue itself (not the one before)


def _context_start(spans: tuple[tuple[int, int], ...], pos: int, text: str) -> int:
    """Where the issue of a statement starting at `pos` may be named: its sentence, or the one
    before in the same paragraph ("Asked about distillation, ... “Everybody does it,” he
    said.")."""
    index = sentence_index(spans, pos)
    if index <= 0:
        return spans[index][0] if index == 0 else pos
    before = spans[index - 1][0]
    return before if "\n" not in text[before : spans[index][0]] else spans[index][0]


# Verbs that carry a judgement of their own: an allegation condemns what it alleges ("Reddit
# alleges that the crawlers ignored ...", "“...,” Getty complained").
_ACCUSING = re.compile(r"(?:alleg|accus|complain|charg)\w*")
# ... and so does asking a court to stop the practice: "sought the injunction", "asked the court
# to block", "moved for a restraining order"
_REMEDY = re.compile(r"\b(?:injunction|restraining\s+order|block|halt|enjoin|bar|freeze)\b")


def statement_cues(
    statement: Statement,
    chunk: str,
    near: Callable[[int], bool] | None = None,
    protection: bool = False,
) -> Cues:
    """The cues of a statement (those `near` accepts, see `cues_of`), and its reporting
    verb's when the verb carries one: of a statement naming several issues, for the one named
    nearest the verb ("alleging that X hired away engineers who knew the source code": the
    hiring is alleged)."""
    if _WITHDRAWN.search(chunk):
        return Cues()
    found = cues_of(chunk, near, protection)
    verb = " ".join(statement.verb.split()).lower()
    said = any(_ACCUSING.match(cue.lower()) for cue in found.bad)  # "accuses" is a cue already
    nearest = near is None or near(max(0, chunk.find(statement.verb)))
    judging = (_ACCUSING.fullmatch(verb.split()[0]) and not said) or _REMEDY.search(verb)
    if judging and nearest:
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
    r"\b(?:(?:infring\w*|violat\w*|theft|steal\w*|unlawful\w*|illegal\w*|pirat\w*|copy|copies|"
    r"monopol\w*|harm\w*|abus\w*|unfair\w*|decepti\w*|deceiv\w*|exploit\w*|misus\w*|"
    r"dominan\w*|stifl\w*|smother\w*|shut\w*\s+(?:\w+\s+){0,3}?out|"
    r"circumvent\w*|bypass\w*|evad\w*|evasion|breach\w*|misappropriat\w*|"
    r"harass\w*|bull(?:y|ies|ied|ying)|"
    # a claim against the practice: is someone owed for it, does it take what is someone
    # else's ("take readers and revenue away from the papers")
    r"owed|tak(?:e|es|ing)\s+(?:[\w'’-]+\s+){1,5}?away|divert\w*|siphon\w*|"
    r"(?:must|should|have\s+to|has\s+to|required?\s+to)\b.{0,60}?\b(?:pay|licen[cs]e|disclose|"
    r"compensate|ask|seek|obtain|credit|filter|block|stop|prevent|remove|bar|ban|enjoin|halt|"
    r"prohibit|forbid)))\b",
    re.IGNORECASE,
)


# "May OpenAI convert ...?", "Could Anthropic download pirated books ...?", "Should Meta be
# allowed to keep the pirated copies?": a question of permission, whose "yes" accepts the
# practice whatever wrong it names
_PERMISSION = re.compile(
    r"^\s*(?:may|can|could)\b|\bbe\s+(?:allowed|permitted)\s+to\b", re.IGNORECASE
)
# "Can training infringe copyright?", "Could scraping violate the law?", "May a lab be held
# liable ...?": the modal's own verb is the wrong, so the question asks whether the practice is
# one, not whether it is allowed
_JUDGED = re.compile(
    r"^\s*(?:may|can|could)\s+(?:[\w'’.,-]+\s+){1,8}?(?:infringe|violate|breach|"
    r"misappropriate|constitute|amount\s+to|be\s+(?:held\s+)?liable|be\s+sued)\b",
    re.IGNORECASE,
)
# "Can the startup be sued over it in New York?", "Can the platform sue over posts its users
# own?": whether the claim may go on, which the claimant answers "yes"
_SUED = re.compile(
    r"^\s*(?:may|can|could)\s+(?:[\w'’.,-]+\s+){1,8}?(?:be\s+sued|sue)\b", re.IGNORECASE
)
# "Did OpenAI obtain xAI's trade secrets through the people it hired?", "Did departing
# employees take its source code?": whether a party did what it is accused of; the accuser's
# "yes" condemns the act, whatever words tell it
_ALLEGED = re.compile(r"^\s*did\b", re.IGNORECASE)
# "Should Anthropic be barred from training ...?": a "yes" stops the practice
_BARRED = re.compile(
    r"\bbe\s+(?:barred|banned|enjoined|stopped|blocked|prohibited|forbidden|prevented)\s+from\b",
    re.IGNORECASE,
)


def issue_framing(title: str) -> int:
    """-1 when a "yes" to the issue's question condemns the practice ("Does training infringe
    copyright?", "Must developers license the data?"), +1 when it accepts it ("Is distilling
    legitimate?", "Is training fair use?", "May a company convert?"); -1 too when a "yes" lets
    the claim go on ("Can the startup be sued over it in New York?"). Cues judge the practice
    (theft: wrong, lawful: acceptable); the framing turns that into a side of the question."""
    title = title or ""
    if _BARRED.search(title) or _ALLEGED.match(title) or _SUED.match(title):
        return -1
    if not _WRONG_QUESTION.search(title):
        return 1
    return 1 if _PERMISSION.search(title) and not _JUDGED.match(title) else -1


# a question that names what accepts the practice ("Is training fair use?", "Is distilling
# legitimate?", "Does the Copyright Act preempt the claims?"): its "yes" is known to accept it
_ACCEPTING = re.compile(
    r"\b(?:fair\s+use|legitimate|lawful|legal|permissible|preempt\w*|free\s+for|"
    r"(?:allowed|permitted|entitled)\s+to)\b",
    re.IGNORECASE,
)


def issue_framing_told(title: str) -> bool:
    """Whether the issue's question says which answer accepts the practice: it names a wrong
    or a claim (`issue_framing` -1), asks a permission ("May OpenAI convert ...?") or names
    an acceptance ("fair use", "legitimate", "preempt"). "Do the generators wrong artists by
    imitating their styles?", "Is DeviantArt liable ...?" take +1 by default only: that
    reading is a guess, which the words of a statement may correct but its camp alone may not
    (sides.sides_framed)."""
    title = title or ""
    return (
        issue_framing(title) < 0
        or bool(_PERMISSION.search(title))
        or bool(_ACCEPTING.search(title))
    )


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


# "Is the class settlement fair to authors?": a question about what both sides agreed to
_AGREED = re.compile(r"\bsettlements?\b|\bconsent\s+(?:decree|judgment)\b", re.IGNORECASE)


def issue_agreed(title: str) -> bool:
    """The issue's question asks about the parties' own agreement (a settlement, a consent
    decree): the two camps of the case signed it, so neither holds a side on it by its camp."""
    return bool(_AGREED.search(title or ""))


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
        spots = _issue_in_words(words, statement, party_cases, text, named, issues)
        for issue in named + spots[:1]:
            asks = issue.target_id in protection
            # a question of protection: condemning the copying answers "yes, protected"
            sign = (framing.get(issue.target_id, 1) if framing else 1) * turn * (-1 if asks else 1)
            mentions = issues + spots if spots else issues
            near, cues, result = _judged(statement, said, chunk, mentions, issue, (sign, asks))
            if result is None:
                if issue in named and undecided is not None and not pending:
                    # a rebuttal speaks to an issue it names ("disagrees with the claims" after
                    # a sentence on scraping is no position on scraping)
                    pending = [_undecided(statement, issue, cues.rebut, chunk)]
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
        verdicts = [c for c in keyed.good if cue_kind(c) == "support"]
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


# The suit told by its subject: "Reddit's lawsuit over scraped posts", "claims about the
# training": the issue names what the suit is about, not what the statement says of it.
_SUIT_OVER = re.compile(
    r"\b(?:lawsuits?|suits?|case|claims?|complaint|action)\s+(?:over|about|concerning|involving)"
    r"\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _undecided(statement: Statement, issue: Mention, rebut: list[str], chunk: str) -> Finding:
    """A statement naming an issue with no cue, for sides.py to settle: a rebuttal when the
    issue is named inside it; `named` (its camp's side may settle it) when the statement names
    the issue itself, not as its suit's subject, is no participle hanging on its sentence's own
    act ("..., saying ..."), gives up no claim ("would no longer pursue those claims") and names
    its speaker (a pronoun's is a guess, and the camp with no cue would be a second one)."""
    end = min(statement.end, statement.start + MAX_QUOTE)
    verb = " ".join(statement.verb.split()).lower()
    inside = statement.start <= issue.start < statement.end
    rebut = rebut if inside else []
    at = issue.start - statement.start
    named = (
        inside
        and statement.shape != "participle"
        and statement.rule != "pronoun"
        and not _SUIT_OVER.search(chunk, max(0, at - 60), max(0, at))
        and not _WITHDRAWN.search(chunk)
    )
    said = "".join(f' "{c.lower()}"' for c in dict.fromkeys(rebut))
    how = f"{verb}{said} (attributed: {statement.how})"
    start = statement.start
    party, issue_id = statement.party_id, issue.target_id
    return Finding(party, issue_id, "", how, start, end, 0, bool(rebut), named)


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
    named: list[Mention],
    issues: list[Mention],
) -> list[Mention]:
    """The issue of the speaker's own cases that the statement names in the issue's own words
    (issuewords.py), besides those it speaks to by keyword (`named`, mentioned in `issues`),
    which only its other clauses may do ("... fair use and that the chatbot hands users
    copies"): as mentions of no length at each of its words in the statement (at its start
    when none), the first standing for the issue, all drawing the cues nearest them."""
    own = (party_cases or {}).get(statement.party_id, frozenset())
    if (
        not words
        or not own
        or (named and not _CLAUSES.search(text, statement.start, statement.end))
    ):
        return []
    known = frozenset(i.target_id for i in named)
    keyed = [
        i for i in issues if i.target_id in known and statement.start <= i.start < statement.end
    ]
    said = _unnamed_clauses(text[statement.start : statement.end], statement.start, keyed, named)
    if not said.strip():
        return []
    issue_id = issue_keyed(words, own, said, known) or issue_named(words, own, said, known)
    if issue_id is None:
        return []
    case_ids = frozenset({words[issue_id].case_id})
    at = [statement.start + a for a in issue_spots(words[issue_id], said)] or [statement.start]
    return [Mention("issue", issue_id, case_ids, a, a, 0.0, False) for a in at]


# where a statement's clauses part: "alleging that it copied the lyrics to train its model and
# that the chatbot returned copies of songs", "...; ...", ", while ..."
_CLAUSES = re.compile(CLAUSE_BREAK.pattern + r"|\band\s+that\b")


def _unnamed_clauses(said: str, start: int, keyed: list[Mention], named: list[Mention]) -> str:
    """The statement `said` (at `start` in its text) less its clauses where an issue it speaks
    to is mentioned by keyword (`keyed`), blanked to keep offsets: what is left may speak to
    another issue in that issue's own words. All of it when it speaks to no issue (`named`);
    nothing when only to one named around it (in the sentence before, the question it
    answers)."""
    if not named:
        return said
    out = list(said)
    cuts = [0, *(m.end() for m in _CLAUSES.finditer(said)), len(said)]
    for a, b in itertools.pairwise(cuts):
        if any(a <= i.start - start < b for i in keyed):
            out[a:b] = " " * (b - a)
    return "".join(out) if keyed else ""


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
    cue = CUE.search(fold(chunk))
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
