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
    """One way to tell a claim: the roots a text must contain (one of each tuple), a cheap
    test before the pattern runs, and the pattern."""

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
    """(claim id, keywords and names) of one case -> the phrases telling its claims."""
    out = []
    for claim_id, keywords in claims:
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
        if found := phrase.pattern.search(text):
            told.append((phrase.claim_id, found.span()))
            known.add(phrase.claim_id)
    return told
