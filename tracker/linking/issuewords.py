"""An issue named in other words than its keywords: reporting speaks of "betraying the nonprofit
mission by steering the lab toward profit" (the conversion) or of "using its images without
permission to train the generator" (training), not in the case file's keywords.

An issue's words are the content stems of its question, description and keywords, less the
names of its case's parties (every statement names them) and the stems that other issues of the
same case share (they say which case, not which issue). A statement that names no issue keyword
speaks to the issue of its speaker's cases whose own words it uses most, when it uses at least
two of them and no other issue as many. Before that, a statement speaks to the one issue of its
speaker's cases with a keyword told in another form of its words ("crawling" for "crawler",
"to train" for "trained on"): `issue_keyed`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from tracker.linking.claimphrases import Phrase, claims_told, keywords_phrases
from tracker.linking.eventwords import STOP, content, stems, word_stems

MIN_WORDS = 2  # one shared word ("profit", "model") is not enough to name an issue


@dataclass(frozen=True)
class IssueWords:
    case_id: int
    stems: frozenset[str]
    # each keyword's roots: "crawler" is told as "crawling", "trained on" as "to train"
    keywords: tuple[tuple[str, ...], ...] = ()
    # its keywords of two to four words in other orders and forms: "AI training" told as
    # "training AI", "trained its AI"; "user privacy" as "the privacy of users"
    phrases: tuple[Phrase, ...] = ()
    # its stems that another issue of its case uses too ("license" in "Must an answer engine
    # license the posts?" and "Can Reddit sue over posts its users only license to it?")
    common: frozenset[str] = frozenset()


def issue_words(
    issues: list[tuple[int, int, str, str, list[str]]], names: dict[int, frozenset[str]]
) -> dict[int, IssueWords]:
    """(issue id, case id, title, description, keywords) -> each issue's distinctive stems
    and its keywords' roots; `names` gives each case's party-name stems, which say nothing
    about the issue."""
    own: dict[int, tuple[int, frozenset[str]]] = {}
    keyed: dict[int, tuple[frozenset[str], ...]] = {}
    phrases: dict[int, tuple[Phrase, ...]] = {}
    for issue_id, case_id, title, description, keywords in issues:
        told = [k for k in keywords if isinstance(k, str)]
        said = content(stems(" ".join([title, description, *told])))
        own[issue_id] = (case_id, said - names.get(case_id, frozenset()))
        keyed[issue_id] = tuple(r for r in map(_roots, told) if r)
        phrases[issue_id] = tuple(keywords_phrases([(issue_id, told)]))
    shared: dict[int, Counter[str]] = {}
    for case_id, said in own.values():
        shared.setdefault(case_id, Counter()).update(said)
    return {
        issue_id: IssueWords(
            case_id,
            frozenset(s for s in said if shared[case_id][s] == 1),
            keyed[issue_id],
            phrases[issue_id],
            frozenset(s for s in said if shared[case_id][s] > 1),
        )
        for issue_id, (case_id, said) in own.items()
    }


def keyword_shared(words: IssueWords, keyword: str) -> bool:
    """The keyword says nothing of which issue of its case it is: every content word of it is
    another issue's word too ("license" where one issue asks whether an answer engine must
    license posts, another whether a licensee may sue). Its sentence must name the issue by
    MIN_WORDS of its own words: `keyword_told`."""
    said = content(stems(keyword))
    return bool(said) and said <= words.common


def keyword_told(words: IssueWords, rest: str) -> bool:
    """A shared keyword's sentence (less the keyword: `rest`) speaks to this issue: it uses
    MIN_WORDS or more of the issue's own words ("no training license to sign ... it summarizes
    discussions and links to content"), not "Reddit licenses its content to Google"."""
    return len(stems(rest) & words.stems) >= MIN_WORDS


def issues_told(
    words: dict[int, IssueWords], cases: frozenset[int], text: str, known: set[int]
) -> list[tuple[int, tuple[int, int]]]:
    """(issue id, span) for each issue of `cases` but those `known` whose keyword `text` tells
    in another order or form of its words ("training AI on copyrighted material" for the
    keyword "AI training"), the span being the exact words."""
    phrases = [p for w in words.values() if w.case_id in cases for p in w.phrases]
    return claims_told(phrases, text, known) if phrases else []


def issue_keyed(
    words: dict[int, IssueWords],
    cases: frozenset[int],
    text: str,
    known: frozenset[int] = frozenset(),
) -> int | None:
    """The one issue of `cases` with a keyword whose every root opens a word of `text`
    ("crawling the site": the keyword "crawler"), or None when none or several have."""
    said = sorted(set(_WORD.findall(text.lower())))
    found = {
        issue_id
        for issue_id, w in words.items()
        if w.case_id in cases
        and issue_id not in known
        and any(all(_opens_a_word(said, r) for r in roots) for roots in w.keywords)
    }
    return found.pop() if len(found) == 1 else None


def _opens_a_word(said: list[str], root: str) -> bool:
    """`root` opens one of the sorted words `said`: the first word not below it, if any does
    (a binary search, not a scan of every word for every root of every keyword)."""
    at = bisect_left(said, root)
    return at < len(said) and said[at].startswith(root)


_WORD = re.compile(r"[a-z]+")
# endings that leave the word's root: "crawl-er", "train-ed", "distill-ation", "protect-ion";
# not "-able" nor "-ency" ("copyrightable" is not "copyright", "transparency" not "trans-")
_ENDING = re.compile(r"(?:ations?|ions?|ers?|ing|ed|es|s)$")


def _roots(keyword: str) -> tuple[str, ...]:
    """A keyword's content words, each less an inflectional ending when four letters stay."""
    roots = []
    for word in _WORD.findall(keyword.lower()):
        if word in STOP or len(word) < 3:
            continue
        bare = _ENDING.sub("", word)
        roots.append(bare if len(bare) >= 4 else word)
    return tuple(roots)


def issue_named(
    words: dict[int, IssueWords],
    cases: frozenset[int],
    text: str,
    known: frozenset[int] = frozenset(),
) -> int | None:
    """The issue of `cases` that `text` names in its own words (see the module docstring)."""
    said = stems(text)
    scores = sorted(
        (
            (len(w.stems & said), issue_id)
            for issue_id, w in words.items()
            if w.case_id in cases and issue_id not in known
        ),
        reverse=True,
    )
    if not scores or scores[0][0] < MIN_WORDS:
        return None
    if len(scores) > 1 and scores[1][0] == scores[0][0]:
        return None
    return scores[0][1]


def issue_spots(words: IssueWords, text: str) -> list[int]:
    """Where `text` names the issue in its own words: the offset of each word that is one of
    its own stems or opens with a root of one of its keywords."""
    roots = tuple(r for keyword in words.keywords for r in keyword)
    return [
        m.start()
        for m in _WORD.finditer(text.lower())
        if m.group().startswith(roots) or not words.stems.isdisjoint(word_stems(m.group()))
    ]
