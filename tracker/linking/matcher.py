"""Find every party name, alias and claim/issue/clause keyword in a text in one pass.

One Aho-Corasick automaton (pyahocorasick) holds every name and keyword of every case, lowercased;
a text is lowercased the same way (keeping its length, so offsets stay valid) and scanned once.
Each raw hit is then checked:

- word boundaries: the characters either side must not be letters/digits, so "Googleplex" is not
  Google; a possessive ("OpenAI's", "Musk’s") ends at the apostrophe and is a boundary;
- names are read the way a reader reads them, word by word: a word with a capital keeps it
  ("Apple" matches "Apple" or "APPLE", a shouting headline, not "apple"; "Bright Data" is not
  "bright data"); a brand in capitals of four letters or more is also its capitalised word
  ("ROSS" is "Ross", not "ross"; "AP" is not "Ap"), and a word's inner capitals may differ
  ("Legalease" is "LegalEase"); a lowercase word of a name may be
  capitalised in a headline ("v." as "V."); every spelling the case files give a name (an alias
  "ROSS" beside "Ross") is accepted as written; a name's leading "The" may be lowercase
  mid-sentence ("the Times" is "The Times", "the times" is not); keywords are case-insensitive;
- keywords may carry an inflection ("distill" matches "distills", "distilled"); names may not;
- claim and issue keywords also match their variants (`keyword_variants`): "user privacy"
  matches "users' privacy" and "users privacy", "licensing deals" "licensing deal", "fair use"
  "fair-use", "non-profit" "nonprofit";
- a one-letter name ("X", the platform X Corp. is called by) is found only as a capitalised word of
  its own followed by a reporting verb or a possessive of who speaks for it ("X says", "X's
  lawyers", "X's terms"), not of anything ("X's premium tier"), never after a
  capitalised word or a title ("Model X", "Mr X") nor in a compound ("X-ray"); a party named
  with a corporate suffix ("X Corp.", "Acme Inc."), or with an alias that has one ("Ross
  Intelligence Inc."), is also found by that name without it;
- overlapping names keep the longest ("Google DeepMind" over "Google"), likewise keywords; a
  case's title is found beside the party names inside it ("X Corp. v. Bright Data" names X Corp.),
  and so is its short caption, a plaintiff v. a defendant by name or alias (`Matcher._captions`).

The automaton is built once per fingerprint of the tables it reads (`fingerprint()`: counts, max
ids, sums and last-change times in one query) and cached in this process, so a change to a party,
alias, case role, claim, issue or clause rebuilds it on the next call. `matcher_invalidate()`
drops it explicitly.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import NamedTuple

import ahocorasick
from django.db import connection

from tracker.cases.models import Alias, Case, CaseParty, Claim, Clause, Issue, Party
from tracker.linking.reporting import ADVERBS, AGENT, VERB_BODY

# Probability that one mention really refers to its target; links combine them (see services).
P_NAME = 0.7  # a party's full name, or a case's title
P_ALIAS = 0.5  # an alias ("Musk"): shorter, more often someone else
P_SHORT = 0.3  # an alias of 3 characters or fewer
P_KEYWORD = 0.35  # a claim/issue/clause keyword: topical, not a name

_INFLECTIONS = frozenset(
    {"", "s", "es", "ed", "d", "ing", "er", "ers", "ation", "ations", "ion", "ions"}
)
# After a one-letter name: a reporting verb after adverbs ("X has long said"), or a possessive
# of who or what speaks for it ("X's lawyers", "X's terms"), not of anything ("X's premium tier").
_LETTER_AFTER = rf"(?=['\u2019]s\s+(?:[\w-]+\s+)?{AGENT}\b|{ADVERBS}\s+{VERB_BODY})"
# A capitalised word (no closing punctuation) or a title before a one-letter name: part of
# another name ("Model X", "Grok X", "Mr. X").
_NAME_BEFORE = re.compile(r"(?:\b[A-Z][\w'\u2019&-]*|\b(?:Mr|Mrs|Ms|Dr|Prof|St)\.)\s*$")
_CORPORATE = re.compile(
    r",?\s+(?:Corp\.?|Corporation|Inc\.?|Incorporated|Ltd\.?|Limited|LLC|L\.L\.C\.|PBC|plc|Co\.)$"
)
_FOLD_PAIRS = (("\u2019", "'"), ("\u2018", "'"), ("\u2013", "-"), ("\u2014", "-"))


def _plain(text: str) -> str:
    """Curly apostrophes and dashes made plain (str.replace: much faster than translate)."""
    for curly, plain in _FOLD_PAIRS:
        if curly in text:
            text = text.replace(curly, plain)
    return text


@dataclass(frozen=True)
class Target:
    kind: str  # party | claim | issue | clause | case
    id: int
    case_ids: frozenset[int]
    weight: float


@dataclass
class Pattern:
    text: str
    is_name: bool
    targets: list[Target] = field(default_factory=list)
    # every spelling of the same folded text ("ROSS Intelligence", "Ross Intelligence")
    spellings: set[str] = field(default_factory=set)


class Mention(NamedTuple):
    kind: str
    target_id: int
    case_ids: frozenset[int]
    start: int
    end: int
    weight: float
    is_name: bool


def fold(text: str) -> str:
    """Lowercase with curly apostrophes and dashes made plain, keeping the length."""
    folded = _plain(text).lower()
    if len(folded) == len(text):
        return folded
    return "".join(c if len(c) == 1 else o for c, o in zip(_chars(text), text, strict=True))


def _chars(text: str) -> list[str]:
    return [_plain(c).lower() for c in text]


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@dataclass(frozen=True)
class Sides:
    """The cases each party is a plaintiff or a defendant of, in those roles proper: what a
    short caption ("xAI v. OpenAI") is read against. A counter-defendant (xAI in Musk v.
    OpenAI) is neither, so "xAI v. OpenAI" does not caption Musk's suit."""

    plaintiff: dict[int, frozenset[int]] = field(default_factory=dict)
    defendant: dict[int, frozenset[int]] = field(default_factory=dict)


class Matcher:
    def __init__(self, patterns: list[Pattern], sides: Sides | None = None) -> None:
        self.sides = sides or Sides()
        self.letters = {p.text: p for p in patterns if _is_letter(p)}
        self.patterns = [p for p in patterns if not _is_letter(p)]
        self.automaton = ahocorasick.Automaton()
        for index, pattern in enumerate(self.patterns):
            self.automaton.add_word(fold(pattern.text), index)
        self.empty = not patterns
        if self.patterns:
            self.automaton.make_automaton()
        # one regex for every one-letter name, compiled once per matcher
        self.letter_re = (
            re.compile(rf"(?<![\w.'\u2019&/-])[{''.join(sorted(self.letters))}]{_LETTER_AFTER}")
            if self.letters
            else None
        )

    def _letter_hits(self, text: str) -> list[tuple[int, int, Pattern]]:
        """One-letter names standing alone before a possessive or reporting verb."""
        if self.letter_re is None:
            return []
        return [
            (hit.start(), hit.end(), self.letters[hit.group()])
            for hit in self.letter_re.finditer(text)
            if not _NAME_BEFORE.search(text, max(0, hit.start() - 40), hit.start())
        ]

    def _captions(
        self, text: str, folded: str, names: list[tuple[int, int, Pattern]]
    ) -> list[tuple[int, int, Pattern]]:
        """Short captions: a plaintiff's name or alias, " v. ", a defendant's ("xAI v. OpenAI"
        for X.AI Corp. v. OpenAI, "Musk v. Altman"), each a case mention spanning both names.
        Read from the names found, not built into the automaton: every plaintiff's name by
        every defendant's grows with the square of a case's parties (a quarter of a million
        patterns for a case of 500 parties and aliases)."""
        if not self.sides.plaintiff or " v. " not in folded:
            return []
        hits = names + self._caption_letters(text)
        starting: dict[int, list[tuple[int, int, Pattern]]] = {}
        for hit in hits:
            starting.setdefault(hit[0], []).append(hit)
        out = []
        for start, end, pattern in hits:
            if text[end : end + 4] not in _CAPTION_V:
                continue
            suing = _cases_of(pattern, self.sides.plaintiff)
            for _at, last, other in starting.get(end + 4, ()) if suing else ():
                cases = suing & _cases_of(other, self.sides.defendant)
                if cases:
                    targets = [Target("case", c, frozenset({c}), P_NAME) for c in sorted(cases)]
                    out.append((start, last, Pattern(text[start:last], True, targets)))
        return out

    def _caption_letters(self, text: str) -> list[tuple[int, int, Pattern]]:
        """One-letter names either side of " v. " ("X v. Bright Data"): a caption names them
        without the reporting verb a one-letter name otherwise needs."""
        if not self.letters:
            return []
        return [
            (hit.start(), hit.end(), self.letters[hit.group()])
            for hit in _CAPTION_LETTER.finditer(text)
            if hit.group() in self.letters
        ]

    def find(self, text: str) -> list[Mention]:
        """Every accepted mention in text, in order of position."""
        if self.empty or not text:
            return []
        folded = fold(text)
        keywords: list[tuple[int, int, Pattern]] = []
        size = len(text)
        names: list[tuple[int, int, Pattern]] = self._letter_hits(text)
        for last, index in self.automaton.iter(folded) if self.patterns else ():
            pattern = self.patterns[index]
            end = last + 1
            start = end - len(pattern.text)
            if start > 0 and _is_word(text[start - 1]) and _is_word(text[start]):
                continue
            if end < size and _is_word(text[end]) and _is_word(text[end - 1]):
                if pattern.is_name:
                    continue
                tail_end = end
                while tail_end < size and text[tail_end].isalpha():
                    tail_end += 1
                if folded[end:tail_end] not in _INFLECTIONS:
                    continue
                end = tail_end
            if pattern.is_name and not _case_ok(text[start : start + len(pattern.text)], pattern):
                continue
            (names if pattern.is_name else keywords).append((start, end, pattern))
        # A case's title ("X Corp. v. Bright Data") does not hide the party names inside it.
        titles = [hit for hit in names if _is_title(hit[2])]
        names = [hit for hit in names if not _is_title(hit[2])]
        captions = self._captions(text, folded, names)
        if captions:  # a title's text is one pattern: only a caption can share its span
            titles = _spans_merged(titles + captions)
        mentions = [
            Mention(t.kind, t.id, t.case_ids, start, end, t.weight, pattern.is_name)
            for group in (titles, names, keywords)
            for start, end, pattern in _longest(group)
            for t in pattern.targets
        ]
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions


_CAPTION_V = (" v. ", " V. ")
# A capital standing alone before or after " v. " (the X of "X v. Bright Data").
_CAPTION_LETTER = re.compile(
    r"(?<![\w.'\u2019&/-])[A-Z](?= [vV]\. )|(?<= [vV]\. )[A-Z](?![\w'\u2019&-])"
)


def _cases_of(pattern: Pattern, roles: dict[int, frozenset[int]]) -> frozenset[int]:
    """The cases in which a party the pattern names holds the role `roles` records."""
    cases: frozenset[int] = frozenset()
    for target in pattern.targets:
        if target.kind == "party":
            cases |= roles.get(target.id, frozenset())
    return cases


def _spans_merged(hits: list[tuple[int, int, Pattern]]) -> list[tuple[int, int, Pattern]]:
    """Hits of one span made one, with the targets of each (a case's title that is also
    another case's caption names both cases)."""
    merged: dict[tuple[int, int], tuple[int, int, Pattern]] = {}
    for start, end, pattern in hits:
        known = merged.get((start, end))
        if known is None:
            merged[(start, end)] = (start, end, pattern)
            continue
        joined = Pattern(known[2].text, True, list(known[2].targets))
        for target in pattern.targets:
            _target_add(joined.targets, target)
        merged[(start, end)] = (start, end, joined)
    return list(merged.values())


def _is_letter(pattern: Pattern) -> bool:
    return pattern.is_name and len(pattern.text) == 1 and pattern.text.isupper()


def short_name(name: str) -> str | None:
    """A company's name without its corporate suffix ("X Corp." -> "X"), or None."""
    short = _CORPORATE.sub("", name.strip())
    return short if short and short != name.strip() else None


def _is_title(pattern: Pattern) -> bool:
    return all(t.kind == "case" for t in pattern.targets)


def _case_ok(span: str, pattern: Pattern) -> bool:
    if span == pattern.text or _plain(span) in pattern.spellings:
        return True
    if pattern.text == pattern.text.lower():  # an all-lowercase name: any case
        return True
    if span.isupper() and len(span) > 1:  # a shouting headline
        return True
    written = _plain(pattern.text)
    span = _plain(span)
    if written.startswith("The ") and span.startswith("the "):  # "the Times" in a sentence
        written, span = written[4:], span[4:]
    pairs = zip(span.split(" "), written.split(" "), strict=True)  # same length, same spaces
    return all(_word_case_ok(s, w) for s, w in pairs)


def _word_case_ok(span: str, written: str) -> bool:
    """One word of a name as written in the text: as the case file writes it, in capitals
    ("ROSS" for "Ross"), with its capital but other capitals inside ("Legalease" for
    "LegalEase", "Ross" for a brand in capitals of four letters or more, "ROSS"; "Ap" is not
    "AP"), or a lowercase word capitalised ("V." for "v.")."""
    if span == written or (span.isupper() and len(span) > 1):
        return True
    if written[:1].isupper():
        short = written.isupper() and sum(c.isalpha() for c in written) < 4
        return span[:1].isupper() and not short
    return written == written.lower() and span == written.capitalize()


def _longest(hits: list[tuple[int, int, Pattern]]) -> list[tuple[int, int, Pattern]]:
    """Leftmost-longest non-overlapping hits."""
    kept: list[tuple[int, int, Pattern]] = []
    last_end = -1
    for hit in sorted(hits, key=lambda h: (h[0], -(h[1] - h[0]))):
        if hit[0] >= last_end:
            kept.append(hit)
            last_end = hit[1]
    return kept


def keyword_variants(keyword: str) -> list[str]:
    """A keyword and the forms reporting gives it: the word before the last also plural or
    possessive ("user privacy": "users privacy", "users' privacy", "user's privacy"), and a
    last word in the plural also singular ("licensing deals": "licensing deal"), a last word
    in the past tense also its other forms (`_past_other_forms`); the inflection check adds endings to the last word ("distill": "distilled", "distillation");
    compounds are also hyphenated or joined (`_hyphenations`).
    British and American spellings match each other ("licence", "distil"). Stems are not
    cut: "conversation" cut to "convers" would match "conversion"."""
    words = keyword.split()
    if not words:
        return []
    variants = [keyword]
    last = words[-1]
    if len(words) > 1 and len(words[-2]) > 3 and words[-2].isalpha():
        word = words[-2]
        base = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
        head = " ".join([*words[:-2], ""])
        variants += [f"{head}{w} {last}" for w in (base, f"{base}s", f"{base}'s", f"{base}s'")]
    if last.endswith("s") and not last.endswith(("ss", "ies")) and len(last) > 4:
        variants.append(" ".join([*words[:-1], last[:-1]]))
    variants += _past_other_forms(words)
    variants += _hyphenations(keyword)
    variants += [_spelling(v) for v in variants]
    return list(dict.fromkeys(variants))


def _past_other_forms(words: list[str]) -> list[str]:
    """A last word in the past tense also as the noun or verb it was made from, and its -ing:
    "pirated" is also "pirate" (with the inflection check: "pirates"), "pirating"; "infringed"
    "infringe", "infringing". The bare stem is not added ("trained" is not "train"), and
    words of six letters or fewer are left alone ("sued", "filed")."""
    last = words[-1]
    if len(last) < 7 or not last.endswith("ed") or last.endswith("eed") or not last.isalpha():
        return []
    head = " ".join([*words[:-1], ""])
    stem = last[:-2]
    return [f"{head}{stem}e", f"{head}{stem}ing"]


def _hyphenations(keyword: str) -> list[str]:
    """A compound's other spellings: two words also hyphenated ("fair use": the "fair-use
    defence"), a hyphenated word also joined ("non-profit mission": "nonprofit mission"), and "copyright-like" "copyright like" when each part is a
    word of four letters or more ("for-profit" is not "for profit", as in "sold for profit")."""
    words = keyword.split()
    out = []
    if len(words) == 2 and all(w.isalpha() for w in words):
        out.append("-".join(words))
    if "-" in keyword:
        out.append(keyword.replace("-", ""))
        parts = keyword.split("-")
        if " " not in keyword and all(len(part) >= 4 for part in parts):
            out.append(" ".join(parts))
    return out


_SPELLINGS = (("licence", "license"), ("distil", "distill"), ("isation", "ization"))


def _spelling(text: str) -> str:
    """The other side of the Atlantic's spelling: licence/license, distil/distill,
    organisation/organization (whole words or their stems)."""
    for british, american in _SPELLINGS:
        if american in text:
            return text.replace(american, british)
        if british in text:
            return text.replace(british, american)
    return text


class _Patterns:
    """Patterns by (folded text, is_name), each with every target it stands for."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, bool], Pattern] = {}

    def add(self, text: str, is_name: bool, target: Target) -> None:
        text = " ".join(text.split())
        if len(text) < 2 and not (is_name and text.isupper()):
            return
        key = (fold(text), is_name)
        pattern = self.by_key.setdefault(key, Pattern(text=text, is_name=is_name))
        pattern.spellings.add(_plain(text))
        _target_add(pattern.targets, target)

    def merged(self) -> list[Pattern]:
        """One pattern per folded text: the automaton holds one value per key, so a name and a
        keyword with the same text become one pattern with both targets, names first."""
        patterns: dict[str, Pattern] = {}
        for (key, _is_name), pattern in sorted(self.by_key.items(), key=lambda kv: not kv[0][1]):
            if key in patterns:
                for target in pattern.targets:
                    _target_add(patterns[key].targets, target)
                patterns[key].spellings |= pattern.spellings
            else:
                patterns[key] = pattern
        return list(patterns.values())


def _target_add(targets: list[Target], target: Target) -> None:
    """One target per party, claim...: a name and an alias spelt alike ("ROSS Intelligence",
    "Ross Intelligence") are one mention of the party, with the larger weight."""
    for at, known in enumerate(targets):
        if (known.kind, known.id) == (target.kind, target.id):
            if target.weight > known.weight or target.case_ids != known.case_ids:
                targets[at] = Target(
                    known.kind,
                    known.id,
                    known.case_ids | target.case_ids,
                    max(known.weight, target.weight),
                )
            return
    targets.append(target)


def matcher_build() -> Matcher:
    """A matcher over every party, alias, case title and claim/issue/clause keyword."""
    patterns = _Patterns()
    _names_add(patterns)
    _topics_add(patterns)
    _clauses_add(patterns)
    return Matcher(patterns.merged(), sides_read())


def _names_add(patterns: _Patterns) -> None:
    """Parties' names and aliases (for every case they take part in), and cases' titles."""
    party_cases: dict[int, set[int]] = {}
    for case_id, party_id in CaseParty.objects.values_list("case_id", "party_id"):
        party_cases.setdefault(party_id, set()).add(case_id)
    for party_id, name in Party.objects.values_list("id", "name"):
        cases = frozenset(party_cases.get(party_id, ()))
        patterns.add(name, True, Target("party", party_id, cases, P_NAME))
        short = short_name(name)
        if short:
            weight = P_SHORT if len(short) <= 3 else P_ALIAS
            patterns.add(short, True, Target("party", party_id, cases, weight))
    for party_id, name in Alias.objects.values_list("party_id", "name"):
        cases = frozenset(party_cases.get(party_id, ()))
        for text in filter(None, (name, short_name(name))):
            weight = P_SHORT if len(text.strip()) <= 3 else P_ALIAS
            patterns.add(text, True, Target("party", party_id, cases, weight))
    for case_id, title in Case.objects.values_list("id", "title"):
        patterns.add(title, True, Target("case", case_id, frozenset({case_id}), P_NAME))


def sides_read() -> Sides:
    """Who is a plaintiff and who a defendant of each case (`Sides`), for short captions."""
    sides: dict[str, dict[int, set[int]]] = {"plaintiff": {}, "defendant": {}}
    rows = CaseParty.objects.filter(role__in=tuple(sides))
    for case_id, party_id, role in rows.values_list("case_id", "party_id", "role"):
        sides[role].setdefault(party_id, set()).add(case_id)
    plaintiff, defendant = (
        {party: frozenset(cases) for party, cases in sides[role].items()}
        for role in ("plaintiff", "defendant")
    )
    return Sides(plaintiff, defendant)


def _topics_add(patterns: _Patterns) -> None:
    """Claims' and issues' keywords with their variants (plural, possessive, hyphenation);
    a claim is also found by the names its title gives it (`claim_names`)."""
    for model, kind in ((Claim, "claim"), (Issue, "issue")):
        rows = model.objects.values_list("id", "case_id", "keywords", "title")
        for target_id, case_id, keywords, title in rows:
            target = Target(kind, target_id, frozenset({case_id}), P_KEYWORD)
            words = [k for k in keywords or [] if isinstance(k, str)]
            if kind == "claim":
                words += claim_names(title or "")
            for keyword in words:
                for text in keyword_variants(keyword):
                    patterns.add(text, False, target)


_BREACH_OF = re.compile(r"^(?:breach|breaches|violation|violations) of (?:the )?(.+)$")


_BREACH_VERBS = (
    r"\b(?:breach(?:ed|es|ing)?|broke|broken|break(?:s|ing)?|violat(?:ed|es|ing|ions?)|"
    r"flout(?:ed|s|ing)?)\b"
)


def breach_pattern(title: str) -> re.Pattern[str] | None:
    """For a claim of breach whose title names what was breached in a gloss ("Breach of
    contract (the User Agreement)", "(X's Terms of Service)"), the way reporting tells it: a
    breach word a few words before that name ("breaching the site's user agreement", "in
    violation of Reddit's user agreement", "broke the rules of its user agreement")."""
    head, _, gloss = title.partition("(")
    if not _BREACH_OF.match(head.strip().lower()) or not gloss:
        return None
    words = re.sub(r"^(?:the|an?)\s+|^\S+'s\s+", "", gloss.rstrip(") ").strip().lower()).split()
    if not 1 <= len(words) <= 4:
        return None
    name = r"\s+".join(re.escape(w) for w in words)
    gap = r"(?:\s+[\w'\u2019-]+){0,4}?\s+"  # up to four words, no punctuation between
    return re.compile(_BREACH_VERBS + gap + name + r"\b", re.IGNORECASE)


def claim_names(title: str) -> list[str]:
    """What reporting calls a claim, from its title: the title before any gloss ("Breach of
    contract (the User Agreement)": "breach of contract"), and for a breach of something, a
    claim on that something ("contract claim", which also matches "contract claims"). One-word
    titles ("Misappropriation") are left to the keywords; so are titles about several claims
    ("US claims: ...")."""
    head = re.split(r"[(:;]", title, maxsplit=1)[0].strip().lower()
    words = head.split()
    if not 2 <= len(words) <= 5 or "claim" in head:
        return []
    names = [head]
    if match := _BREACH_OF.match(head):
        names.append(f"{match.group(1)} claim")
    return names


def _clauses_add(patterns: _Patterns) -> None:
    """Clauses' keywords, for every case whose documents hold the clause."""
    clause_cases: dict[int, set[int]] = {}
    for case_id, document_id in Case.documents.through.objects.values_list(
        "case_id", "document_id"
    ):
        clause_cases.setdefault(document_id, set()).add(case_id)
    for clause_id, document_id, keywords in Clause.objects.values_list(
        "id", "document_id", "keywords"
    ):
        cases = frozenset(clause_cases.get(document_id, ()))
        for keyword in keywords or []:
            if isinstance(keyword, str):
                patterns.add(keyword, False, Target("clause", clause_id, cases, P_KEYWORD))


def fingerprint(extra: tuple[tuple[str, str], ...] = ()) -> tuple:
    """A cheap summary of every table the matcher reads, in one query; `extra` (aggregate,
    table) pairs are read in the same query, after the matcher's (linking.context)."""
    tables = {
        "party": Party._meta.db_table,
        "alias": Alias._meta.db_table,
        "caseparty": CaseParty._meta.db_table,
        "case": Case._meta.db_table,
        "docs": Case.documents.through._meta.db_table,
    }
    histories = {
        Claim._meta.db_table: Claim.history.model._meta.db_table,
        Issue._meta.db_table: Issue.history.model._meta.db_table,
        Clause._meta.db_table: Clause.history.model._meta.db_table,
    }
    q = connection.ops.quote_name
    wanted = [
        ("COUNT(*)", tables["party"]),
        ("MAX(updated_at)", tables["party"]),
        ("COUNT(*)", tables["alias"]),
        ("MAX(id)", tables["alias"]),
        ("SUM(party_id)", tables["alias"]),
        ("SUM(LENGTH(name))", tables["alias"]),
        ("COUNT(*)", tables["caseparty"]),
        ("MAX(id)", tables["caseparty"]),
        ("COUNT(*)", tables["case"]),
        ("MAX(updated_at)", tables["case"]),
        ("COUNT(*)", tables["docs"]),
        ("MAX(id)", tables["docs"]),
    ]
    for table, history in histories.items():
        wanted += [("MAX(history_id)", history), ("COUNT(*)", table)]
    wanted += extra
    parts = [f"(SELECT {agg} FROM {q(table)})" for agg, table in wanted]  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))  # noqa: S608 (our own table names)
        return tuple(str(v) for v in cursor.fetchone())


_lock = threading.Lock()
_cache: dict[str, tuple[tuple, Matcher]] = {}


def matcher_get(current: tuple | None = None) -> Matcher:
    """The cached matcher, rebuilt when the fingerprint of its tables changed (`current`,
    when the caller has just read it)."""
    key = connection.alias
    current = fingerprint() if current is None else current
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached[0] == current:
            return cached[1]
    matcher = matcher_build()
    with _lock:
        _cache[key] = (current, matcher)
    return matcher


def matcher_invalidate() -> None:
    with _lock:
        _cache.clear()
