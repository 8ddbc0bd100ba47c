"""Who sues whom: the suits an article tells by name, and whether the one it is about is a
case's own (routing.py files an article under a case by them).

"Amazon has sued Perplexity", "X filed a lawsuit against Y", "Midjourney was sued by Disney and
Universal", "Perplexity faces claims from Dow Jones and Reddit": the suer and the sued are the
capitalised names right before and right after the verb (a list of names is one side), and a
party mention inside a name tells which case's side it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.linking.dates import sentences
from tracker.linking.matcher import Matcher, Mention
from tracker.linking.suitwords import SUE_FORMS, SUIT_NOUN


@dataclass(frozen=True)
class Headline:
    """The article's headline as routing reads it: its text, and the parties and case titles
    the matcher finds in it (offsets index the headline)."""

    text: str = ""
    parties: tuple[Mention, ...] = ()
    titles: tuple[Mention, ...] = ()


def headline_read(matcher: Matcher, title: str) -> Headline:
    """The parties and case titles the headline names."""
    found = matcher.find(title) if title else []
    return Headline(
        text=title,
        parties=tuple(m for m in found if m.kind == "party"),
        titles=tuple(m for m in found if m.kind == "case"),
    )


# "Amazon has sued Perplexity", "X filed a lawsuit against Y": who sues whom, read from the
# capitalised names right before and right after the verb. The passive reads the other way round:
# "Midjourney was sued by Disney and Universal", "Perplexity faces claims from Dow Jones and
# Reddit".
# Each verb form under the words every match of it holds (compared case-folded): a text that
# lacks a word of each form of a pattern is not scanned with it ("court" alone, in nearly every
# article, is no "took X to court").
_ONE_NAME = r"[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*)*"
_TO_COURT = rf"(?=\s+{_ONE_NAME}\s+to\s+court)"
_SUIT_FORMS = {
    **{(form,): form for form in SUE_FORMS},
    # "X filed a lawsuit against Y", "X settled its copyright lawsuit against Y" (not the
    # possessive "X's lawsuit against Y": an article recalls other suits so, and reading them
    # as its own would make its case's suit "another")
    ("against",): rf"(?:(?:filed|brought)\s+(?:a\s+)?|settled\s+(?:its|a|the|their)\s+"
    rf"(?:[a-z][\w-]*\s+)?){SUIT_NOUN}\s+against",
    # "X takes Y to court", "X took the Y to court"
    ("took", "court"): rf"took(?:\s+the)?{_TO_COURT}",
    ("tak", "court"): rf"(?:takes|taking|taken|take)(?:\s+the)?{_TO_COURT}",
}
_SUED_BY_FORMS = {
    ("sued",): "sued",
    ("taken", "court"): r"taken\s+to\s+court",
    ("dragged", "court"): r"dragged\s+to\s+court",
    ("hit", "suit"): r"hit\s+with\s+(?:a\s+)?(?:lawsuit|suit)s?",
}
_FACES_FORMS = {("face",): "fac(?:es|ed|e)", ("facing",): "facing"}


def _forms(forms: dict[tuple[str, ...], str]) -> str:
    return "|".join(forms.values())


# One whitespace opens every match (the auxiliary, or the spaces before the verb): a pattern
# opening with a fixed class of characters is tried at the text's whitespace only, where one
# opening with an optional group is tried at every character.
_SUIT = re.compile(
    r"\s(?:(?:has|have|had|is|are|was|were)(?:\s+now|\s+also)?\s+|\s*)"
    rf"(?:{_forms(_SUIT_FORMS)})\s+",
    re.IGNORECASE,
)
_SUED_BY = re.compile(
    r",?\s+(?:(?:(?:has|have|had)\s+been|(?:is|are|was|were)(?:\s+being)?)\s+)?"
    rf"(?:{_forms(_SUED_BY_FORMS)})\s+by\s+|"
    rf"\s+(?:already\s+|also\s+)?(?:{_forms(_FACES_FORMS)})\s+(?:a\s+|an?\s+\w+\s+)?(?:lawsuits?|"
    r"suits?|claims|complaints?|litigation)\s+(?:from|by)\s+",
    re.IGNORECASE,
)
_SUIT_WORDS = tuple(_SUIT_FORMS)
_SUED_BY_WORDS = (*_SUED_BY_FORMS, *_FACES_FORMS)
# "Getty Images, which sued Stability AI": the name before a relative pronoun is the suer.
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w&.'-]*\s+)*[A-Z][\w&.'-]*)(?:,\s+(?:which|who))?$")
# "Perplexity, SerpApi, Oxylabs and AWMProxy": a list of names counts as one side.
_NAME_AFTER = re.compile(rf"{_ONE_NAME}(?:(?:,\s+(?:and\s+)?|\s+and\s+){_ONE_NAME})*")
# A capitalised word that opens a sentence without naming anyone: "Authors sued Anthropic".
_NOT_A_NAME = frozenset({"it", "he", "she", "they", "we", "who", "which", "that", "also"})


def suits(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Who sues whom in the text: (suer's span, sued's span) for each suit told by name, in
    the active ("Reddit sued Perplexity") or the passive ("Midjourney was sued by Disney")."""
    found = []
    folded = _folded(text)
    for pattern, words, passive in ((_SUIT, _SUIT_WORDS, False), (_SUED_BY, _SUED_BY_WORDS, True)):
        if not _scanned(folded, words):
            continue
        for verb in pattern.finditer(text):
            before = _NAME_BEFORE.search(text, max(0, verb.start() - 60), verb.start())
            after = _NAME_AFTER.match(text, verb.end())
            if before is None or after is None or "\n" in text[before.start() : verb.end()]:
                continue
            if before.group(1).lower() in _NOT_A_NAME or _generic(text, before):
                continue
            pair = (after.span(), before.span(1)) if passive else (before.span(1), after.span())
            found.append(pair)
    return found


def _scanned(folded: str, forms: tuple[tuple[str, ...], ...]) -> bool:
    """The case-folded text holds every word of one of the forms (plain loops: this runs
    twice for every article's headline and lead)."""
    for form in forms:
        for word in form:
            if word not in folded:
                break
        else:
            return True
    return False


def _folded(text: str) -> str:
    """The text case-folded as re.IGNORECASE compares it: "ſ" is "s", and "İ" and "ı" are "i"."""
    return text.casefold().replace("i\u0307", "i").replace("ı", "i")


def suit_is_another(
    *,
    text: str,
    parties: list[Mention],
    sides: dict[int, set[str]],
    sued_only: frozenset[int] = frozenset(),
) -> bool:
    """The article's lawsuit is between other parties: someone not of the case's plaintiff
    side sues its defendant, or its plaintiff sues someone not of its defendant side, or a side
    sues or is sued by someone of neither ("Anthropic takes the Pentagon to court"), and no
    sentence has the case's own plaintiff suing its own defendant (or the reverse, a
    counterclaim). `sued_only`: the case's parties on the plaintiff side only as
    counter-defendants, who were sued in it and sue no one in it (`sides_suing`)."""
    foreign = False
    for suer, sued in suits(text):
        suer_sides = _sides_at(parties, sides, suer, sued_only)
        sued_sides = _sides_at(parties, sides, sued)
        if ("p" in suer_sides and "d" in sued_sides) or ("d" in suer_sides and "p" in sued_sides):
            return False
        if (
            ("d" in sued_sides and "p" not in suer_sides)
            or ("p" in suer_sides and not sued_sides)
            or bool(suer_sides) != bool(sued_sides)
        ):
            foreign = True
    return foreign


def _generic(text: str, name: re.Match) -> bool:
    """One plural word opening a sentence ("Authors", "Publishers") is a group, not a name."""
    before = text[: name.start()].rstrip()
    opens = not before or before[-1] in ".!?\n\"'"
    word = name.group(1)
    return opens and " " not in word and word.endswith("s") and not word.isupper()


def _sides_at(
    parties: list[Mention],
    sides: dict[int, set[str]],
    span: tuple[int, int],
    sued_only: frozenset[int] | None = None,
) -> set[str]:
    """The case's sides of the principal parties named within the span; with `sued_only`,
    the sides they sue from (`sides_suing`)."""
    named = {m.target_id for m in parties if m.start < span[1] and m.end > span[0]}
    if sued_only is not None:
        return sides_suing(named, sides, sued_only)
    return set().union(*(sides.get(pid, set()) for pid in named))


def sides_suing(
    party_ids: set[int], sides: dict[int, set[str]], sued_only: frozenset[int]
) -> set[str]:
    """The sides of a case from which these parties sue: a counter-defendant that is no
    plaintiff (xAI, countersued in Musk v. OpenAI) is on the plaintiff side but sues no one
    there, so "xAI sues OpenAI" is another suit than Musk's."""
    found: set[str] = set()
    for pid in party_ids:
        found |= sides.get(pid, set()) - ({"p"} if pid in sued_only else set())
    return found


def lead_suit(
    *,
    text: str,
    parties: list[Mention],
    headline: Headline,
    sides: dict[int, set[str]],
    others: frozenset[int],
    sued_only: frozenset[int] = frozenset(),
) -> str | None:
    """Whose suit the headline and the lead's first sentence tell, for one case: "own" when one of
    them has a party of the case suing its other side ("Warner Bros. Discovery sues
    Midjourney" for the studios' case), "another" when a party of no concern to the case sues
    its defendant or is sued by its plaintiff ("New York Times sues Perplexity" for Reddit's
    suit against Perplexity), else None. What the headline or the first sentence says the
    article is about outweighs a round-up of the defendant's other suits further down ("X also
    faces a suit from Y" later in the lead is such a round-up). A party the case only
    countersued (`sued_only`) suing its defendant tells another suit between the same parties
    ("Musk's xAI sues OpenAI" is not Musk v. OpenAI, where OpenAI countersued xAI)."""
    cut = text.find("\n")
    lead = sentences(text[: len(text) if cut < 0 else cut])
    cut = lead[0][1] if lead else 0
    told = [
        (headline.text, list(headline.parties)),
        (text[:cut], [m for m in parties if m.end <= cut]),
    ]
    verdicts = {
        _suit_whose(named, (sides, sued_only), others, suer, sued)
        for said, named in told
        for suer, sued in suits(said)
    }
    if "own" in verdicts:
        return "own"
    return "another" if "another" in verdicts else None


def _suit_whose(
    named: list[Mention],
    roles: tuple[dict[int, set[str]], frozenset[int]],
    others: frozenset[int],
    suer: tuple[int, int],
    sued: tuple[int, int],
) -> str | None:
    """ "own", "another" or None for one suit (lead_suit): a suer or a sued party the
    matcher does not know (an unnamed "X") decides nothing. `roles`: the case's sides and
    its parties sued only (`sides_suing`)."""
    sides, sued_only = roles
    suers = {m.target_id for m in named if m.start < suer[1] and m.end > suer[0]}
    sueds = {m.target_id for m in named if m.start < sued[1] and m.end > sued[0]}
    suer_sides = sides_suing(suers, sides, sued_only)
    sued_sides = set().union(*(sides.get(pid, set()) for pid in sueds))
    ours = set(sides) | others
    if ("p" in suer_sides and "d" in sued_sides) or ("d" in suer_sides and "p" in sued_sides):
        return "own"
    if "d" in sued_sides and suers & others:
        return "own"
    if ("d" in sued_sides and suers and not suers & ours) or (
        "p" in suer_sides and sueds and not sueds & ours
    ):
        return "another"
    return None
