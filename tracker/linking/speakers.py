"""Who a speaker is: the people introduced as speaking for a party (proxies), parties
coordinated as one subject, and what a pronoun or "the company" stands for (see attribution.py
for the rules that use them)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from operator import attrgetter
from typing import NamedTuple

from tracker.linking.dates import sentences
from tracker.linking.matcher import Mention
from tracker.linking.reporting import (
    ADVERBS,
    APPOSITION,
    BARE_HEAD,
    COORD,
    FILING_NOUNS,
    FINITE,
    HEAD,
    HONORIFIC,
    NAME_RE,
    NEAR,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    POSSESSOR,
    PROXY_AFTER_NAME,
    PROXY_AFTER_TITLE,
    PROXY_BEFORE,
    PROXY_OF_PRONOUN,
    VERB,
    quote_before,
    sentence_index,
)
from tracker.linking.suitwords import SUIT_NOUN


def proxies_find(text: str, parties: list[Mention]) -> tuple[dict[str, int], dict[str, int]]:
    """People introduced as speaking for a party ("Jane Roe, a spokesperson for X", "X CEO Jane
    Roe", "Jane Roe, X's general counsel"): their full name and surname -> the party; those who
    are no party, then those who are parties themselves ("OpenAI CEO Sam Altman")."""
    proxies: dict[str, int] = {}
    voices: dict[str, int] = {}
    named = {text[m.start : m.end] for m in parties}
    for mention in parties:
        before = text[max(0, mention.start - 120) : mention.start]
        tail = before[-6:].rstrip()
        found = (
            PROXY_BEFORE.search(before)
            if tail.endswith(
                (",", " a", " an", " the", "for", " at", " of", "with", "sents", "ented")
            )
            else None
        )
        name = None
        if found and (
            found.group(0)
            .rstrip()
            .endswith(("for", "at", "of", "with", "the", "represents", "represented"))
            or PROXY_AFTER_TITLE.match(text, mention.end)
        ):
            name = found.group("name")
        else:
            after = PROXY_AFTER_NAME.match(text, mention.end)
            name = after.group("name") if after else None
        if name:
            found = voices if name in named else proxies
            found[name] = mention.target_id
            found.setdefault(name.split()[-1], mention.target_id)
    return proxies, voices


class Scene:
    """One text and its party mentions, as the attribution rules share them."""

    def __init__(self, text: str, parties: list[Mention], kinds: dict[int, str]) -> None:
        self.text = text
        self.parties = parties
        self.kinds = kinds
        self.spans = sentences(text)
        self.by_start = {m.start: m for m in parties}
        self.ends = [m.end for m in parties]  # sorted with the mentions (by start, then end)
        # people speaking for a party: those who are no party (proxies) and those who are
        # (voices: "OpenAI CEO Sam Altman")
        self.proxies, self.voices = proxies_find(text, parties) if parties else ({}, {})
        self._proxy_names: re.Pattern[str] | None = None
        if parties and POSSESSOR.search(text):
            self._proxies_of_pronouns()

    def _proxies_of_pronouns(self) -> None:
        """People introduced as speaking for the organisation a pronoun stands for ("Bright
        Data has framed it the same way. Its chief executive, Jane Roe, has said ...")."""
        for found in PROXY_OF_PRONOUN.finditer(self.text):
            name = found.group("name")
            if name in self.proxies or found.start("name") in self.by_start:
                continue
            who = found.group("who").lower()
            pronoun = {"its": "it", "their": "they"}.get(who, "the company")
            party = self.antecedent(pronoun, found.start())
            if party is not None:
                self._proxy_names = None
                self.proxies[name] = party
                self.proxies.setdefault(name.split()[-1], party)

    def proxy(self, name: str) -> int | None:
        """The party a person speaks for, by full name or surname ("Mr. Roe": "Roe")."""
        return self.proxies.get(name, self.proxies.get(name.split()[-1]))

    def coordinated(self, last: Mention, s_start: int, listed: bool = False) -> list[Mention]:
        """`last` and the parties coordinated before it ("OpenAI and Anthropic"); `listed`:
        the list goes on after `last` ("A, B, C and other publishers"), its commas join it."""
        chain = [last]
        while (prev := self._joined_before(chain[-1], s_start)) is not None:
            chain.append(prev)
        chain.reverse()
        # "OpenAI, Google and Anthropic said": a bare comma joins only a list ended by "and"/"or";
        # in "Unlike OpenAI, Google said" it ends a phrase.
        links = [self.text[a.end : b.start] for a, b in zip(chain, chain[1:], strict=False)]
        if links and not listed and not re.search(r"\b(?:and|or)\b", links[-1]):
            return chain[-1:]
        return chain

    def _joined_before(self, head: Mention, s_start: int) -> Mention | None:
        """The nearest party before `head`, from `s_start` on, joined to it by a comma or a
        conjunction (COORD). The mentions are sorted by start: only those before `head` are
        read, so a long list is walked once, not once per member."""
        for i in range(bisect_left(self.parties, head.start, key=attrgetter("start")) - 1, -1, -1):
            m = self.parties[i]
            if m.start < s_start:
                return None
            if m.end < head.start and COORD.fullmatch(self.text, m.end, head.start):
                return m
        return None

    def antecedent(self, who: str, at: int) -> int | None:
        """The party a pronoun (or "the company") at `at` stands for: the last one of its kind
        named before it, outside the quotation it closes ("“... The Times lawsuit is without
        merit,” the company wrote": not The Times)."""
        words = who.lower().split()
        if words[-1] in FILING_NOUNS and words[0] in _FILING_OWNERS:
            # "the complaint", "its complaint" after "X sued Y" or "it sued": the suit's words
            # are the party's that brought it
            suer = self.suer(self._before_quotation(at))
            if suer is not None or words[0] == "the":
                return suer
        person = words[0] in PERSON_PRONOUNS or words[-1] in PERSON_NOUNS
        want = "person" if person else "organization"
        limit = self._before_quotation(at)
        if words[0] in _PLURAL:  # "They say ...", "Their lawyers told": a side named as a group
            group = self._group_before(limit, at)
            if group is not None:
                return group
        closing = self._closing_person(at) if person else None
        if closing is not None:
            return None if closing == NOBODY else closing
        if person and self.proxies:
            spoke = self._proxy_before(limit)
            if spoke is not None:
                return spoke
        for mention in reversed(self.parties):
            if mention.end > limit:
                continue
            if at - mention.end > NEAR:
                return None
            if not self._fits(mention, want, words[-1]) or _MODIFIER.match(self.text, mention.end):
                continue
            if other_speaker(self, mention.end, limit, want):
                return None
            return self.subject_before(at, want) or mention.target_id
        return None

    def _group_before(self, limit: int, at: int) -> int | None:
        """The group (a collective phrase: "the authors") named last before `limit`, within
        NEAR characters of `at`."""
        for mention in reversed(self.parties):
            if mention.end > limit:
                continue
            if at - mention.end > NEAR:
                return None
            if self.kinds.get(mention.target_id) == GROUP:
                return mention.target_id
        return None

    def suer(self, limit: int) -> int | None:
        """The party last said to have sued before `limit` ("X Corp., the company behind the
        platform, has sued ...", or a pronoun standing for it: "On Wednesday it sued"), within
        NEAR characters, whose complaint speaks for it."""
        lo = max(0, limit - NEAR * 3)
        sued = list(_PRONOUN_SUED.finditer(self.text, lo, limit))
        pronoun = sued[-1] if sued else None
        for mention in reversed(self.parties):
            if mention.end > limit:
                continue
            if limit - mention.end > NEAR * 3 or (pronoun and mention.end < pronoun.start()):
                break
            if _SUED.match(self.text, mention.end) and not possessive(self.text, mention):
                return mention.target_id
        if pronoun is None:
            return None
        return self.antecedent(pronoun.group("who"), pronoun.start("who"))

    def _fits(self, mention: Mention, want: str, noun: str) -> bool:
        """A party of the kind wanted; "the paper" is a party named like a newspaper."""
        if self.kinds.get(mention.target_id) != want:
            return False
        return noun not in _PRESS_NOUNS or bool(
            _PRESS.search(self.text, mention.start, mention.end)
        )

    def _proxy_before(self, limit: int) -> int | None:
        """The party of the person speaking for one ("Ben Lee, Reddit's chief legal officer")
        named last before `limit`, when no party who is a person was named after them."""
        if self._proxy_names is None:
            names = sorted(self.proxies, key=len, reverse=True)
            self._proxy_names = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
        last = None
        for found in self._proxy_names.finditer(self.text, max(0, limit - NEAR), limit):
            last = found
        if last is None:
            return None
        later = any(
            m.start >= last.end() and m.end <= limit and self.kinds.get(m.target_id) == "person"
            for m in self.parties
        )
        return None if later else self.proxy(last.group(0))

    def _before_quotation(self, at: int) -> int:
        """Where the quotation that closes right before `at` opens, or `at`."""
        lead = self.text[max(0, at - 8) : at]
        closing = _CLOSED.search(lead)
        if closing is None:
            return at
        quote = quote_before(
            self.text,
            at - len(lead) + closing.start() + closing.group(0).index(closing.group("mark")),
        )
        return quote[0] - 1 if quote else at

    def subject_before(self, at: int, want: str) -> int | None:
        """A pronoun opening a sentence ("It accuses ...", "On Monday, the company argued
        ...") stands for the subject of the sentence before when that subject is a party of the
        kind wanted, even if another party was named after it ("Reddit sued Anthropic in June.
        It accuses ..."); one set inside a sentence ("The company also made its case: ..., it
        said") for the sentence's own subject."""
        index = sentence_index(self.spans, at)
        if index < 0:
            return None
        s_start, s_end = self.spans[index]
        own = self.head(s_start, s_end)
        # not a name opening the quotation the pronoun closes ("“OpenAI went after ...,” the
        # company said": the company is not OpenAI)
        quoted = own is not None and own.start("who") > self._before_quotation(at)
        if own is not None and own.start("who") < at and at - s_start > 12 and not quoted:
            found = self._head_referent(own, want)
            if found is not None:
                return found
        opening = (
            at - s_start <= 12
            or (own is not None and own.start("who") == at)
            or _OPENING.fullmatch(self.text, s_start, at) is not None
        )
        if index == 0 or not opening:
            return None
        head = self.head(*self.spans[index - 1])
        found = None if head is None else self._head_referent(head, want)
        return found if found is not None else self._set_in_speaker(index - 1, want)

    def _set_in_speaker(self, index: int, want: str) -> int | None:
        """The party of the kind wanted set into sentence `index` as its speaker ("The
        examples, OpenAI said, seem to come from old articles ..."): the one a pronoun opening
        the next sentence goes on with ("The company also said ...")."""
        s_start, s_end = self.spans[index]
        for mention in self.parties:
            if mention.start < s_start or mention.end > s_end:
                continue
            if (
                self.kinds.get(mention.target_id) == want
                and self.text[max(s_start, mention.start - 2) : mention.start] == ", "
                and _SET_IN_VERB.match(self.text, mention.end)
            ):
                return mention.target_id
        return None

    def _closing_person(self, at: int) -> int | None:
        """For "he" or "she" closing a sentence that opens with no party nor pronoun ("Lin
        found that ... Li gave ... . Asking candidates about their work is routine, she
        wrote."): the writer goes on with the person who is the subject of the sentence before,
        not the person named last. That person's party, NOBODY when the subject is a name that
        is no party ("Lin"), None when the pronoun is no such one."""
        index = sentence_index(self.spans, at)
        if index <= 0 or not self.text[max(0, at - 2) : at].startswith(","):
            return None
        s_start, s_end = self.spans[index]
        own = self.head(s_start, s_end)
        if (
            own is not None
            and own.start("who") != at  # an "opening phrase" before the pronoun itself
            and (own.start("who") in self.by_start or own.group("who").split()[0].lower() in _HEADS)
        ):
            return None
        head = self.head(*self.spans[index - 1])
        if head is None or head.group("who").split()[0].lower() in _HEADS:
            return None
        mention = self.by_start.get(head.start("who")) or self._titled(head.start("who"))
        if mention is None:
            name = re.compile(NAME_RE).match(self.text, head.start("who"))
            return NOBODY if name and FINITE.match(self.text, name.end()) else None
        return mention.target_id if self.kinds.get(mention.target_id) == "person" else None

    def _head_referent(self, head: re.Match[str], want: str) -> int | None:
        """The party a sentence's subject `head` names or stands for, when of the kind wanted
        (a pronoun subject of that kind too)."""
        mention = self.by_start.get(head.start("who")) or self._titled(head.start("who"))
        if mention is None:
            # "After removing the case, it has argued ... Its lawyers told": the same "it"
            who = head.group("who")
            person = who.split()[0].lower() in PERSON_PRONOUNS
            same = person or who.lower() in _ORG_HEADS
            if person != (want == "person"):
                return None  # "He also wrote ... The company said": not the company
            return self.antecedent(who, head.start("who")) if same else None
        if self.kinds.get(mention.target_id) != want:
            return None
        return None if possessive(self.text, mention) else mention.target_id

    def _titled(self, at: int) -> Mention | None:
        """The party named after a title opening a subject at `at` ("Judge Vince Chhabria",
        "U.S. District Judge Jane Roe"), where the title is no part of the name found."""
        title = _TITLE.match(self.text, at)
        return self.by_start.get(title.end()) if title else None

    def head_party(self, start: int, end: int) -> int | None:
        """The party the sentence text[start:end] opens with: named ("The Times disagrees."),
        a person speaking for it ("Jane Roe, X's top lawyer, put it plainly."), or a pronoun."""
        head = self.head(start, end)
        if head is None:
            return None
        who, at = head.group("who"), head.start("who")
        mention = self.by_start.get(at) or (self.by_start.get(at + 4) if who == "The" else None)
        if mention is not None:
            return None if possessive(self.text, mention) else mention.target_id
        if who.split()[0].lower() in _HEADS:
            return self.antecedent(who, at)
        name = re.match(NAME_RE, self.text[at : at + 60])
        return self.proxy(name.group(0)) if name and self.proxies else None

    def head(self, start: int, end: int) -> re.Match[str] | None:
        """The subject opening the sentence text[start:end]: a party or a pronoun right at its
        start, else after an introductory phrase ("On Friday, X ...")."""
        bare = BARE_HEAD.match(self.text, start, end)
        if bare and (
            bare.start("who") in self.by_start or bare.group("who").split()[0].lower() in _HEADS
        ):
            return bare
        return HEAD.match(self.text, start, end)


NOBODY = -1  # a speaker who is no party (`Scene._closing_person`)
GROUP = "group"  # the kind of a collective's mention: no "company", no "he" or "she"
_PLURAL = frozenset({"they", "their", "them"})
_PRESS_NOUNS = frozenset({"paper", "newspaper"})
# A name that modifies a noun names no one who could speak: "in its answer to the Disney and
# Universal suit, it said", "the Times lawsuit"
_MODIFIER = re.compile(
    r"(?:\s+(?:and|&)\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})?\s+(?:suit|lawsuit|case|complaint|"
    r"litigation|claims?|trial|ruling|deal|settlement)\b"
)
# The words of a suit told with adjectives ("a trade secrets lawsuit", "its amended case"); a
# preposition opens another filing made in the suit ("a response to the suit", "a motion in the
# case": the other side's)
_SUIT_QUALIFIED = (
    r"(?:a|an|its|the|their|his|her)\s+"
    r"(?:(?!(?:in|into|to|of|on|for|against|with|over|at|from|under|about)\s)[\w-]+\s+){0,3}?"
)
# "has sued", "filed a trade secrets lawsuit", "refiled its case", "brought the suit"
_SUED = re.compile(
    r"(?:,\s+[^,.;:]{1,100},)?\s+(?:has\s+|had\s+|have\s+)?(?:sued|(?:re)?filed\s+(?:"
    rf"{_SUIT_QUALIFIED})?(?:{SUIT_NOUN}|case)|brought\s+{_SUIT_QUALIFIED}(?:{SUIT_NOUN}|case))\b"
)
# "On Wednesday it sued ...": a pronoun said to have sued (its complaint speaks for whom it
# stands for)
_PRONOUN_SUED = re.compile(r"\b(?P<who>[Ii]t|[Tt]hey|[Hh]e|[Ss]he)" + _SUED.pattern)
# What may open a sentence before its subject: "In asking for dismissal, its lawyers wrote",
# "On Wednesday it sued"
_OPENING = re.compile(
    r"[\s“\"(]*(?:(?:[^,.;:“”\"]{1,60},\s+){1,2}|(?:[Oo]n|[Ii]n|[Ll]ast|[Tt]his|[Ee]arlier|[Ll]ater|"
    r"[Bb]y|[Aa]fter|[Ss]ince)\s+(?:[\w-]+\s+){1,3}?)"
)

# ... and a speaker set in: "The examples, OpenAI said, seem to come from ..."
_SET_IN_VERB = re.compile(rf"{ADVERBS}\s+{VERB.pattern},")
_FILING_OWNERS = frozenset({"the", "its", "their", "his", "her"})
_PRESS = re.compile(
    r"\b(?:Times|News|Journal|Post|Herald|Tribune|Gazette|Guardian|Telegraph|Daily)\b"
)
_CLOSED = re.compile(r"[,.!?]\s?(?P<mark>[”\"])\s*$")
_HEADS = frozenset({"he", "she", "it", "they", "the"})
_TITLE = re.compile(HONORIFIC)
_ORG_HEADS = frozenset({"it", "they", "the company"})


def possessive(text: str, mention: Mention) -> bool:
    after = text[mention.end : mention.end + 2]
    return after[:1] in {"'", "’"} and after[1:2].lower() == "s"


_SPEAKER_NAME = re.compile(
    rf"(?:^|(?<=[\s“\"(]))(?P<name>{NAME_RE})(?:{APPOSITION})?{ADVERBS},?\s+$"
)
_INTRODUCED = re.compile(
    r"\b(?P<name>[A-Z][\w'’-]+\s+[A-Z][\w.'’-]+),\s+(?:(?:a|an|the|who)\s)"
    r"|(?:said|says|according\s+to)\s+(?P<after>[A-Z][\w'’-]+\s+[A-Z][\w.'’-]+)"
)


def other_speaker(reader: Scene, start: int, end: int, want: str) -> bool:
    """Someone else who could be the pronoun's speaker between its candidate antecedent (ending
    at `start`) and the pronoun (at `end`): a name that is no party, introduced ("Jane Roe, a
    law professor") or speaking ("Jane Roe said", "DeepSeek said")."""
    text = reader.text
    lo = max(start, end - 300)
    for found in _INTRODUCED.finditer(text, lo, end):
        name_start = found.start("name") if found.group("name") else found.start("after")
        if name_start not in reader.by_start and want == "person":
            return True
    for verb in VERB.finditer(text, lo, end):
        subject = _SPEAKER_NAME.search(text, max(lo, verb.start() - 80), verb.start())
        if subject is None or subject.start("name") in reader.by_start:
            continue
        name = subject.group("name")
        if name.split()[0].lower() in {"he", "she", "it", "they", "the", "a", "an", "in", "on"}:
            continue
        if want == "organization" or " " in name:
            return True
    return False


# Collectives: a plural common noun naming a side's kind ("the authors", "the newspapers") and
# counsel for a side ("class counsel", "lawyers for the authors", "the plaintiffs' lawyers")
# speak for the side's principal parties. A side's kinds come from its parties' descriptions
# (the case file): a word of one of these families names the family's plurals.
_KIND_FAMILIES = (
    ("author", "writer", "novelist"),
    ("artist", "illustrator"),
    ("photographer",),
    ("publisher",),
    ("newspaper", "publication"),
    ("musician", "songwriter"),
    ("studio",),  # "Comcast's film studios": "the studios say"
    ("label",),  # "record label": "the labels argue"
    ("broadcaster",),
)
_SIDE_NOUNS = {"p": ("plaintiff",), "d": ("defendant",)}
_COUNSEL = r"(?:lead\s+)?(?:lawyers?|attorneys?|counsel|legal\s+team)"


def side_nouns(side: str, descriptions: Iterable[str]) -> tuple[str, ...]:
    """The singular nouns naming a side's parties together: "plaintiff"/"defendant", and the
    families of kinds its parties' descriptions use ("Novelist; lead named plaintiff": author,
    writer, novelist)."""
    words = set(re.findall(r"[a-z]+", " ".join(descriptions).lower()))
    nouns = list(_SIDE_NOUNS.get(side, ()))
    for family in _KIND_FAMILIES:
        if any(w in words or f"{w}s" in words for w in family):
            nouns += family
    return tuple(nouns)


def collective_pattern(nouns: tuple[str, ...], side: str) -> re.Pattern[str] | None:
    """The phrases speaking for a side named by `nouns` (see `side_nouns`): "the authors",
    "the plaintiffs' lawyers", and, for plaintiffs, "class counsel"."""
    if not nouns:
        return None
    plural = r"(?:" + "|".join(re.escape(n) for n in nouns) + r")s"
    group = rf"\b[Tt]he\s+(?:\w+\s+)?{plural}"  # "the authors", "the book authors"
    # "lawyers for the authors", "Ann Lee, a lawyer for the authors": "the authors" (the
    # agent before it is read as for any party: reporting.AGENT_FOR, PROXY_BEFORE)
    forms = [
        rf"{group}['’]\s+{_COUNSEL}\b",
        rf"{group}\b(?!['’])",
        # "The authors' papers say ... Their lawyers told": no speaker (possessive), but what
        # "their" stands for
        rf"{group}['’](?=\s)",
    ]
    if side == "p":
        forms.insert(0, r"\b(?:[Tt]he\s+)?[Cc]lass\s+counsel\b")
    return re.compile("|".join(forms))


class Collective(NamedTuple):
    """The phrases speaking for one side of a case (`collective_pattern`)."""

    case_id: int
    pattern: re.Pattern[str]
    parties: tuple[int, ...]  # the side's parties
    words: tuple[str, ...]  # one of which the phrases contain (a quick test)
    leads: tuple[int, ...] = ()  # who the side is when the text names none of its parties

    def speaking(self, named: set[int]) -> tuple[int, ...]:
        """The parties a phrase speaks for in a text naming `named`: the side's parties the
        text names ("The authors, including Jane Roe, say": Roe, not a co-plaintiff it never
        names), else its leads, else all of them."""
        return tuple(p for p in self.parties if p in named) or self.leads or self.parties


def collective_words(nouns: tuple[str, ...], side: str) -> tuple[str, ...]:
    """Words one of which a text holds when `collective_pattern` can match in it."""
    return tuple(f"{n}s" for n in nouns) + (("counsel",) if side == "p" else ())


def collective_mentions(
    text: str, parties: list[Mention], collectives: list[Collective]
) -> tuple[list[Mention], dict[int, tuple[int, ...]]]:
    """`parties` with the collectives' phrases added as mentions of a group (a negative id
    standing for the side's parties, `groups`) where no party is named."""
    groups: dict[int, tuple[int, ...]] = {}
    taken = [(m.start, m.end) for m in parties]
    added = []
    lowered = text.lower()
    named = {m.target_id for m in parties}
    # a phrase belongs first to a side the text names ("the authors" of the case whose authors
    # it names, not those of another authors' case it names in passing)
    ordered = sorted(collectives, key=lambda c: named.isdisjoint(c.parties))
    for collective in ordered:
        if not any(word in lowered for word in collective.words):
            continue
        group = -(len(groups) + 1)
        for found in collective.pattern.finditer(text):
            start, end = found.span()
            if any(s < end and start < e for s, e in taken):
                continue
            groups[group] = collective.speaking(named)
            taken.append((start, end))
            cases = frozenset({collective.case_id})
            added.append(Mention("party", group, cases, start, end, 0.5, False))
    if not added:
        return parties, {}
    return sorted(parties + added, key=lambda m: (m.start, m.end)), groups
