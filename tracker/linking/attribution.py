"""Attribution: which party says what in a news text (no stance here; see stances.py).

Reporting is read around its verbs. Every reporting verb (said, argued, contended, countered,
denied, dismissed, welcomed, criticised, warned, told, reiterated, maintained, and reported
speech with no "said": disagreed, is seeking, urged, was pleased... and the phrases "took
steps", "raised concerns", "asked the court to", "plans to appeal") is a candidate; not one
told as a hypothesis ("could argue", "is expected to argue"). Its speaker is looked for, in
this order:

- `subject`: a party right before the verb, through adverbs and auxiliaries ("OpenAI has long
  argued"), an apposition ("OpenAI, the ChatGPT maker, said"), a relative pronoun ("..., who
  accused") or coordination ("OpenAI and Anthropic have accused", "Jane Roe and nonfiction
  writer John Doe, who accused");
- `agent`: someone speaking for a party: "a spokesperson for X said", "lawyers for X argued",
  "X's lawyers argued", "an X spokesperson told", "X's complaint alleges", "X CEO Jane Roe said",
  "Jane Roe, X's general counsel, said", "X's general counsel, Jane Roe,", "Jane Roe, who
  represents X", "Its chief executive, Jane Roe," (after X), and later "Roe said" or "she
  noted" (the person was introduced as speaking for X, see `proxies_find`);
- `pronoun`: "he", "she" stand for the last person named, "it", "they", "the company", "the
  ChatGPT maker", "the firm", "the photo agency"... for the last organisation named, within NEAR
  characters and with no other proper name in between that could be the speaker; "the
  complaint", "the lawsuit", "its complaint" for the party last said to have sued (named, or a
  pronoun: "On Wednesday it sued"); a pronoun opening a sentence, after an opening phrase too
  ("In asking for dismissal, its lawyers wrote"), for the subject of the sentence before;
- `nominal`: an allegation told as a noun ("Musk's original allegations that ...");
- `inverted`: a quotation handed to a speaker after the verb: "“...,” said X", "said a
  spokesperson for X".

What the speaker says, and the `shape` that gives it:
- `quote`: the quotation that closes right before the speaker ("“... theft,” Google said"), over
  several sentences if it runs that long;
- `trailing`: a paraphrase ended by its speaker ("...is fair use, OpenAI maintains.");
- `clause`: the rest of the sentence from the speaker on, through the end of a quotation it
  opens, and into the next sentence when it ends with a colon; not past the reporter's own
  account after it (", but it pleaded no harm");
- `participle`: "X appealed on Friday, arguing that ..." (the sentence's subject speaks; after
  a joined clause its subject: "He is suing it, and X has countersued him, accusing him ...";
  a second one joined by "and": ", this time naming its chief executive and accusing them");
- `continued`: a following sentence that is all quotation with no speaker of its own belongs to
  the previous speaker ("“…,” Musk said. “It is standard practice.”").

Not statements: a question ("“Is that theft?” X asked"), "X declined to comment", a speaker
that is no party (a professor quoted by name: the quote is not a party's), what a sentence
closed by a person or a court in their own name tells a party saying ("The publishers were in
effect asking the court to ..., Lee wrote.": the judge's account; not one introduced as
speaking for the party: "OpenAI CEO Sam Altman").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace

from tracker.linking.matcher import Mention, fold
from tracker.linking.reporting import (
    ACCORDING,
    AFTER_AGENT,
    AFTER_QUOTE,
    AFTER_WORD,
    AGENT,
    AGENT_FOR,
    AGENT_WORDS,
    CLOSING_VERB,
    COORD,
    FINITE,
    HONORIFIC,
    HYPOTHESIS,
    LINK,
    NAME_RE,
    NAMED_FOR,
    NOT_SPEECH,
    PARTICIPLE,
    PRONOUN,
    PRONOUN_WORDS,
    PROXY_NAME,
    QUOTE_END,
    SUBJECT_REACH,
    SUBJECT_VERB,
    TAIL,
    UNNAMED_TAIL,
    VERB,
    ends_of,
    extend_quote,
    mark_offset,
    quote_before,
    sentence_index,
)
from tracker.linking.speakers import GROUP, Collective, Scene, collective_mentions, possessive
from tracker.linking.statements import Statement, dedupe, drop_contained, split_shared

_POSSESSIVES = frozenset({"its", "his", "her", "their"})
# The forms of a trigger word among a text's space-split words (opening a quotation, before a
# comma), built once here rather than for every word of every article.
_PRONOUN_FORMS = tuple(
    (word, frozenset({word, f"“{word}", f'"{word}', f"{word},"})) for word in PRONOUN_WORDS
)
_AGENT_FORMS = tuple((word, frozenset({word, f"{word},"})) for word in AGENT_WORDS)
# "on their claim of infringement", "the call": a noun, not a reporting verb
_DETERMINED = re.compile(r"\b(?:its|their|his|her|our|the|a|an)\s+$", re.IGNORECASE)
_SUBORDINATE = re.compile(r"\b(?:after|when|since|because|before|once|as)\s+$")
# A clause joined to the one before ("..., and X sued", "; X has countersued"), and its verb
_JOINED = re.compile(r"(?:,\s*(?:and|but)|;)\s+$")
_AUXILIARY_FINITE = re.compile(r"(?:\s+(?:has|have|had))?" + FINITE.pattern)
# A party's allegation told as a noun: "'s original allegations that", "'s core claims: that",
# "'s core defense, that", "'s argument that"
_NOMINAL = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,2}?(?P<noun>(?:allegation|accusation|claim|charge|contention|"
    r"assertion|argument|position|defen[cs]e|theory|statement)s?)(?:\s*[:,]\s*|\s+)(?:that|how)\b"
)


# ", but it pleaded no harm": after what the speaker said, the reporter's own account of what
# someone did (not ", but it was ...", which may still be the speaker's)
_CONTRAST = re.compile(
    r",\s+but\s+(?:it|he|she|they|the\s+(?:company|firm|judge|court)|[A-Z][\w.-]+)\s+"
    r"(?:\w+ly\s+)?(?!(?:is|was|are|were|can|could|would|will|may|might|should|must|has|have|"
    r"had|does|do|did|not)\b)\w+ed\b"
)
_QUOTE_MARK = re.compile(r"[“”\"]")
# ", Lee wrote.", ", the judge found.", ", U.S. District Judge Jane Roe said.": a sentence's
# closing speaker
_CLOSED_BY = re.compile(
    rf",\s+(?P<who>the\s+(?:judge|court|justices|panel|magistrate)|(?:{HONORIFIC})?{NAME_RE})\s+"
    rf"(?:\w+ly\s+)?{CLOSING_VERB}\s*[.]\s*$"
)
# "If X objected ...", "unless X argues ...": the verb of a condition says nothing
_CONDITIONAL = re.compile(
    r"\b(?:[Ii]f|[Uu]nless|[Ww]hether|[Ss]hould)\s+(?:[\w'’.&-]+\s+){1,5}?(?:\w+ly\s+)?$"
)
_OTHER_CASE = re.compile(
    r"\b[Ii]n\s+(?:a|an|its|their|his|her|the)\s+(?:separate|different|another|unrelated|parallel|"
    r"earlier|older|second)\s+(?:case|lawsuit|suit|dispute|proceeding|action|matter|complaint)\b"
)
# "X is accused of", "X was alleged to have": the subject is the one accused, not the speaker
_PASSIVE_ACCUSED = re.compile(r"(?:accus|alleg|charg)ed\b")
_PASSIVE_BEFORE = re.compile(r"\b(?:is|was|are|were|be|been|being)\s+(?:\w+ly\s+)?$")
# ", arguing", ", while maintaining": a participle of the sentence's subject
# "..., this time naming its chief executive and accusing them of ...": a second participle
# joined by "and" to a first after a comma
_AFTER_COMMA = re.compile(
    r",\s*(?:(?:while\s+|all\s+while\s+)?|(?:[\w-]+\s+){0,2}?\w+ing\s+[^,.;]{1,60}?\s+and\s+)$"
)
# What may come before a list of parties that is the subject: "A, B and other publishers asked",
# "In November, A, B and other publishers asked"
_LIST_OPENS = re.compile(r"[\s“\"(]*(?:[^,.;:“”\"]{1,60},\s+)?")
_NEXT_PARTICIPLE = re.compile(r",\s+(?:" + "|".join(sorted(PARTICIPLE)) + r")\b")


class _Reader(Scene):
    """One text read for statements."""

    def statements(self) -> list[Statement]:
        found: list[Statement] = []
        if not self.parties:
            return found
        for verb in self._verbs():
            index = sentence_index(self.spans, verb.start())
            if index == -1:
                continue
            found += self._at_verb(verb, index)
        found += self._according()
        found += self._nominal()
        found = drop_contained(split_shared(dedupe(found), self.text))
        found = [st for st in found if not self._told_by_another(st)]
        found += list(self._continued(found))
        found += list(_led_in(self, found))
        return found

    def _told_by_another(self, statement: Statement) -> bool:
        """The statement's sentence is closed by a person or a court speaking in their own
        name ("The publishers were in effect asking the court to ..., Lee wrote.", "..., the
        judge found."): what it tells the party saying is that speaker's account of it, not
        the party's statement. A party organisation closing it (", OpenAI said.") does not, nor
        a person introduced as speaking for the party ("Jane Roe, a lawyer for X, ...", "OpenAI
        CEO Sam Altman", a party himself: ", Altman said.")."""
        if statement.shape not in ("clause", "participle"):
            return False
        index = sentence_index(self.spans, statement.start)
        if index == -1:
            return False
        s_end = self.spans[index][1]
        closed = _CLOSED_BY.search(self.text, statement.start, s_end)
        if closed is None:
            return False
        mention = self.by_start.get(closed.start("who"))
        if mention is None:
            return self.proxy(closed.group("who")) != statement.party_id
        # a person who is a party, unless introduced as speaking for the statement's party
        # ("OpenAI CEO Sam Altman ... OpenAI argued ..., Altman said.")
        voice = self.voices.get(self.text[mention.start : mention.end])
        return (
            mention.target_id != statement.party_id
            and self.kinds.get(mention.target_id) == "person"
            and voice != statement.party_id
        )

    def _verbs(self) -> list[re.Match[str]]:
        """The reporting verbs that may have a speaker: right after a party (through adverbs,
        an apposition, "'s lawyers"), a pronoun or "the company", a person introduced as
        speaking for a party, a closing quotation mark, or a participle after a comma (",
        arguing"). The text's words, as a set, say which of those triggers occur at all; only
        those are looked for (str.find), and the verb is matched right after each."""
        text = self.text
        folded = fold(text)
        words = set(folded.split())
        starts = set()
        for mention in self.parties:
            found = SUBJECT_VERB.match(text, mention.end)
            if found:
                starts.add(found.start("verb"))
        triggers = [
            (folded, word, AFTER_WORD)
            for word, forms in _PRONOUN_FORMS
            if not words.isdisjoint(forms)
        ]
        if not words.isdisjoint(_POSSESSIVES):  # "its lawyers argued", "his attorney said"
            triggers += [
                (folded, word, AFTER_AGENT)
                for word, forms in _AGENT_FORMS
                if not words.isdisjoint(forms)
            ]
        triggers += [(text, name, AFTER_WORD) for name in self.proxies]
        triggers += [(text, mark, AFTER_QUOTE) for mark in ("”", '"') if mark in text]
        for haystack, word, after in triggers:
            for end in ends_of(haystack, word):
                found = after.match(text, end)
                if found:
                    starts.add(found.start("verb"))
        for word in PARTICIPLE & words:
            for end in ends_of(folded, word):
                if _AFTER_COMMA.search(text, max(0, end - len(word) - 80), end - len(word)):
                    starts.add(end - len(word))
        return [
            verb
            for start in sorted(starts)
            if (verb := VERB.match(text, start))
            and not _DETERMINED.search(text, max(0, start - 8), start)
        ]

    def _according(self) -> list[Statement]:
        """ "According to X, ..." / "..., according to a spokesperson for X.": the sentence."""
        found = []
        for mention in self.parties:
            before = self.text[max(0, mention.start - 60) : mention.start]
            if "ccording" not in before or not ACCORDING.search(before):
                continue
            index = sentence_index(self.spans, mention.start)
            if index == -1:
                continue
            s_start, s_end = self.spans[index]
            end = extend_quote(self.text, s_start, s_end)
            found.append(
                Statement(mention.target_id, s_start, end, "according to", "according", "sentence")
            )
        return found

    def _nominal(self) -> list[Statement]:
        """ "Musk's original allegations that ...", "Getty's core claims: that ...": what a
        party alleges, told as a noun; the statement runs from the party to the sentence's end
        and its noun is its verb (an allegation condemns what it alleges)."""
        found = []
        for mention in self.parties:
            nominal = _NOMINAL.match(self.text, mention.end)
            index = sentence_index(self.spans, mention.start) if nominal else -1
            if nominal is None or index == -1:
                continue
            s_end = self.spans[index][1]
            end = extend_quote(self.text, mention.start, s_end)
            if self.text[mention.start : end].rstrip().endswith("?"):
                continue
            noun = nominal.group("noun")
            found.append(
                Statement(mention.target_id, mention.start, end, noun, "subject", "nominal")
            )
        return found

    def _at_verb(self, verb: re.Match[str], index: int) -> list[Statement]:
        s_start, s_end = self.spans[index]
        word = verb.group(0).split()[0].lower()
        after_comma = bool(
            _AFTER_COMMA.search(self.text, max(s_start, verb.start() - 80), verb.start())
        )
        # ", arguing that ...": the sentence's subject speaks, not the party before the comma
        participle = word in PARTICIPLE and after_comma
        if _CONDITIONAL.search(self.text, max(s_start, verb.start() - 60), verb.start()):
            return []  # "If the studios objected to the images, ...": a hypothesis
        if _PASSIVE_ACCUSED.match(self.text, verb.start()) and _PASSIVE_BEFORE.search(
            self.text, max(s_start, verb.start() - 16), verb.start()
        ):
            return []  # "Li, an early engineer, is accused of uploading ...": the accused
        if _OTHER_CASE.search(self.text, s_start, min(s_end, verb.end() + 40)):
            return []  # "In a separate case, X argued ...": a position on another dispute
        speakers = [] if participle else self._speakers(verb.start(), s_start)
        if (speakers or word in PARTICIPLE or self._quote_near(verb.start())) and (
            NOT_SPEECH.search(self.text, max(s_start, verb.start() - 25), verb.end() + 30)
            or HYPOTHESIS.search(self.text, max(s_start, verb.start() - 40), verb.start())
        ):
            return []
        if speakers:
            first = min(start for _, start, _ in speakers)
            return [
                st
                for party_id, _, rule in speakers
                for st in [self._content(party_id, first, verb, index, rule)]
                if st is not None
            ]
        if participle:
            return self._participle(verb, index)
        if self._quote_near(verb.start()):
            return self._inverted(verb, index)
        return []

    def _quote_near(self, at: int) -> bool:
        lead = self.text[max(0, at - 8) : at]
        return '"' in lead or "”" in lead

    def _speakers(self, end: int, s_start: int) -> list[tuple[int, int, str]]:
        """(party id, where the subject starts, rule) for the subject of the verb at `end`."""
        lo = max(s_start, end - SUBJECT_REACH)
        for i in range(bisect.bisect_right(self.ends, end) - 1, -1, -1):
            mention = self.parties[i]
            if mention.end < lo:
                break
            link = LINK.fullmatch(self.text, mention.end, end)
            if link is None:
                continue
            lo_for = max(s_start, mention.start - 60)
            agent_for = AGENT_FOR.search(self.text, lo_for, mention.start) or NAMED_FOR.search(
                self.text, lo_for, mention.start
            )
            opens = link.group("appos") or link.group("rel")  # "X, the maker, said", "X, who said"
            if link.group("appos") and self._listed(i, link.start("appos")):
                continue  # "which sued X, Y and two others, said": a list, X is no subject
            if link.group(0).lstrip().startswith(",") and not (agent_for or opens):
                # "Musk, who co-founded OpenAI, contends", "sued OpenAI, arguing": the party
                # before the comma closes a phrase, it is not the subject
                continue
            chain = self.coordinated(mention, s_start, listed=bool(link.group("others")))
            if link.group("others") and not _LIST_OPENS.fullmatch(
                self.text, s_start, chain[0].start
            ):
                continue  # "Reddit, which sued X, Y and two other companies, said": objects
            rule = "agent" if link.group("agent") or agent_for else "subject"
            first = agent_for.start() if agent_for else chain[0].start
            if possessive(self.text, mention) and not link.group("agent"):
                return []  # "Google's terms say": a document of Google's, not its voice
            return [(m.target_id, first, rule) for m in chain]
        # "The billionaire, who helped set up OpenAI in 2015, had accused it": the pronoun may
        # open a long apposition
        words = self.text[lo:end].lower().replace(",", " ").split()
        pronoun = (
            PRONOUN.search(self.text, lo, end) if not PRONOUN_WORDS.isdisjoint(words) else None
        )
        if pronoun:
            party = self.antecedent(pronoun.group("who"), pronoun.start())
            return [(party, pronoun.start(), "pronoun")] if party else []
        proxy = PROXY_NAME.search(self.text, lo, end) if self.proxies else None
        if proxy:
            party = self.proxy(proxy.group("name"))
            if party is not None:
                return [(party, proxy.start(), "agent")]
        return []

    def _listed(self, i: int, comma: int) -> bool:
        """The apposition after party i opens with another party, not its own ("X, Y and Z,"
        lists parties; "Roe, X's general counsel," describes Roe)."""
        after = self.parties[i + 1] if i + 1 < len(self.parties) else None
        return (
            after is not None
            and re.fullmatch(r",\s+", self.text[comma : after.start]) is not None
            and not possessive(self.text, after)
        )

    def _content(
        self, party_id: int, subject: int, verb: re.Match[str], index: int, rule: str
    ) -> Statement | None:
        text = self.text
        s_start, s_end = self.spans[index]
        word = verb.group(0)
        lead = text[max(0, subject - 70) : subject]
        closing = QUOTE_END.search(lead)
        if closing and ("." not in closing.group("close") or TAIL.match(text, verb.end())):
            mark = subject - len(lead) + closing.start() + mark_offset(closing.group(0))
            quote = quote_before(text, mark)
            if quote:
                if text[quote[0] : quote[1]].rstrip().endswith("?"):
                    return None  # a question takes no side
                return Statement(party_id, *quote, word, rule, "quote")
        if self._set_into(subject, verb, s_start):
            # "...is fair use, OpenAI maintains." / "The turn to profit, he argued, was a
            # breach ...": the speaker is set into the sentence, which is the statement
            end = extend_quote(text, s_start, s_end)
            return Statement(party_id, s_start, end, word, rule, "trailing")
        end = extend_quote(text, verb.start(), s_end)
        if text[max(s_start, end - 3) : end].rstrip().endswith(":") and index + 1 < len(self.spans):
            nxt_start, nxt_end = self.spans[index + 1]
            end = extend_quote(text, nxt_start, nxt_end)
        if text[subject:end].rstrip().endswith("?"):
            return None
        if subject - s_start > 3:
            # "... dismissed a suit by X accusing Y of scraping, warning that ...": the
            # participle after the comma is the sentence's subject's, not the embedded speaker's
            aside = _NEXT_PARTICIPLE.search(text, verb.end(), end)
            end = aside.start() if aside else end
        contrast = _CONTRAST.search(text, verb.end(), end)
        if contrast and not _QUOTE_MARK.search(text, verb.end(), contrast.start()):
            end = contrast.start()  # "X said ..., but it pleaded no harm": the reporter's
        return Statement(party_id, subject, end, word, rule, "clause")

    def _set_into(self, subject: int, verb: re.Match[str], s_start: int) -> bool:
        """The speaker comes after a comma, and a comma or the sentence's end follows."""
        text = self.text
        return (
            subject - s_start > 2
            and text[max(s_start, subject - 3) : subject].rstrip().endswith(",")
            and (bool(TAIL.match(text, verb.end())) or text[verb.end() : verb.end() + 1] == ",")
        )

    def _participle(self, verb: re.Match[str], index: int) -> list[Statement]:
        """ "X appealed on Friday, arguing that ...": the speaker is the sentence's subject, a
        party or a pronoun opening it (after an introductory phrase: "On Friday, X ...")."""
        s_start, s_end = self.spans[index]
        head = self.head(s_start, verb.start())
        mention = self.by_start.get(head.start("who")) if head else None
        joined = self._clause_subject(s_start, verb.start(), joined=True)
        if joined is not None:  # "He is suing it, and OpenAI has countersued him, accusing"
            speakers = [joined]
        elif mention is not None:
            if possessive(self.text, mention):
                return []
            # "Disney and Universal sued in June, saying ...": each party of the subject
            speakers = [m.target_id for m in self.coordinated(self._last_of(mention), s_start)]
        elif head and head.group("who").lower() in {"he", "she", "it", "they", "the company"}:
            speakers = [self.antecedent(head.group("who"), head.start("who"))]
        else:  # "The emails came out a week after Musk sued OpenAI, alleging ...": Musk
            speakers = [self._clause_subject(s_start, verb.start())]
        end = extend_quote(self.text, verb.start(), s_end)
        word = verb.group(0)
        return [
            Statement(party_id, verb.start(), end, word, "subject", "participle")
            for party_id in speakers
            if party_id is not None
        ]

    def _last_of(self, first: Mention) -> Mention:
        """The last party of a subject that `first` opens ("Disney and Universal"): each next
        one joined to the one before by a comma, "and" or "or"."""
        last = first
        for mention in self.parties:
            if mention.start > last.end and COORD.fullmatch(self.text, last.end, mention.start):
                last = mention
        return last

    def _clause_subject(self, s_start: int, end: int, joined: bool = False) -> int | None:
        """The party opening the last subordinate clause before `end` with a verb of its own
        ("after Musk sued OpenAI"), when the sentence's subject is no party; `joined`: the last
        clause joined to the one before (", and X sued", "; X has countersued him"), whose
        participle follows it ("He is suing the company, and OpenAI has countersued him,
        accusing him of harassment": OpenAI accuses)."""
        opens, verb = (_JOINED, _AUXILIARY_FINITE) if joined else (_SUBORDINATE, FINITE)
        for mention in reversed(self.parties):
            if mention.start < s_start:
                break
            if mention.end > end or possessive(self.text, mention):
                continue
            before = self.text[max(s_start, mention.start - 12) : mention.start]
            if opens.search(before) and verb.match(self.text, mention.end):
                return mention.target_id
        return None

    def _inverted(self, verb: re.Match[str], index: int) -> list[Statement]:
        """ "“...,” said X" / "said a spokesperson for X" / "said Jane Roe, X's counsel"."""
        text = self.text
        s_start, s_end = self.spans[index]
        base = max(0, verb.start() - 6)
        closing = re.search(r"(?:[,!.]\s?[”\"]|[”\"]\s?,)\s*$", text[base : verb.start()])
        if not closing:
            return []
        after = text[verb.end() : min(s_end, verb.end() + 80)]
        party_id = self._inverted_speaker(verb.end(), after)
        if party_id is None:
            return []
        quote = quote_before(text, base + closing.start() + mark_offset(closing.group(0)))
        if quote is None or text[quote[0] : quote[1]].rstrip().endswith("?"):
            return []
        return [Statement(party_id, *quote, verb.group(0), "inverted", "quote")]

    def _inverted_speaker(self, at: int, after: str) -> int | None:
        lead = re.match(
            rf"\s+(?:(?:a|an|the)\s+)?(?:{AGENT}\s+(?:for|at|of)\s+(?:the\s+)?)?", after
        )
        pos = at + (lead.end() if lead else 0)
        mention = self.by_start.get(pos)
        if mention is not None:
            return mention.target_id
        name = re.match(NAME_RE, self.text[pos : pos + 60])
        return self.proxy(name.group(0)) if name else None

    def _continued(self, found: list[Statement]) -> Iterator[Statement]:
        """A next sentence that is all quotation with no speaker of its own."""
        starts = {s.start for s in found}
        for statement in found:
            index = sentence_index(self.spans, max(statement.end - 1, statement.start))
            nxt = index + 1
            while index >= 0 and nxt < len(self.spans):
                n_start, n_end = self.spans[nxt]
                if self.text[n_start] not in '“"' or any(n_start <= s < n_end for s in starts):
                    break
                if not _speaker_free(self.text, n_start, n_end):
                    break  # "“...,” said Jane Roe.": someone else speaks
                end = extend_quote(self.text, n_start, n_end)
                yield Statement(
                    statement.party_id, n_start, end, statement.verb, statement.rule, "continued"
                )
                if end >= n_end:
                    break
                nxt += 1


_CLOSING = re.compile(r"[”\"]")
_QUOTE_ONLY = re.compile(r"[\s,.;:!?)]*$")


def _speaker_free(text: str, start: int, end: int) -> bool:
    """The sentence text[start:end] opens a quotation and names no speaker after it, or one
    that names no party ("..., a spokesperson said.")."""
    close = _CLOSING.search(text, start + 1, end)
    if close is None:
        return True  # the quotation runs on past the sentence
    return bool(
        _QUOTE_ONLY.match(text, close.end(), end) or UNNAMED_TAIL.match(text, close.end(), end)
    )


def _led_in(reader: _Reader, found: list[Statement]) -> Iterator[Statement]:
    """A sentence that is all quotation, with no speaker of its own or one that names no party
    ("a spokesperson said", "the complaint states"), after a sentence of the same paragraph that
    opens with a party: the party speaks ("Stability called the ruling a win. “This confirms
    what we have said ...,” a spokesperson said.", "The Times disagrees. “...”")."""
    text, spans = reader.text, reader.spans
    starts = {s.start for s in found}
    for index in range(1, len(spans)):
        q_start, q_end = spans[index]
        p_start, p_end = spans[index - 1]
        if text[q_start] not in '“"' or text[p_start] in '“"' or "\n" in text[p_end:q_start]:
            continue
        close = _CLOSING.search(text, q_start + 1, q_end)
        end = close.end() if close else extend_quote(text, q_start, q_end)
        if any(q_start <= s < end for s in starts) or not _speaker_free(text, q_start, q_end):
            continue
        party_id = reader.head_party(p_start, p_end)
        if party_id is not None and not text[q_start + 1 : end - 1].rstrip().endswith("?"):
            yield Statement(party_id, q_start + 1, end - 1, "quoted", "lead-in", "quote")


def statements_find(
    text: str,
    parties: list[Mention],
    kinds: dict[int, str],
    collectives: list[Collective] | None = None,
) -> list[Statement]:
    """Statements attributed to parties (see the module docstring). A collective's phrase
    ("the authors", "class counsel": speakers.collective_mentions) speaks for each of its
    side's parties; "they" and "their" stand for it before any organisation, "the company"
    and "he" never do."""
    if not collectives:
        return _Reader(text, parties, kinds).statements()
    parties, groups = collective_mentions(text, parties, collectives)
    kinds = {**kinds, **dict.fromkeys(groups, GROUP)}
    found = []
    for statement in _Reader(text, parties, kinds).statements():
        for party_id in groups.get(statement.party_id, (statement.party_id,)):
            found.append(replace(statement, party_id=party_id))
    return dedupe(found)
