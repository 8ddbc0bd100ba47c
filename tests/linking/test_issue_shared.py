"""A keyword two issues of one case share ("license") counts for an issue only where its
sentence uses the issue's own words (issuewords.keyword_shared, analysis._asks)."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.linking.analysis import CaseInfo, Context, article_analyse
from tracker.linking.events import stems
from tracker.linking.issuewords import issue_words, keyword_shared
from tracker.linking.matcher import Matcher, Pattern, Target

ONE = frozenset({1})
ENGINE, OWNERSHIP = 8, 9
ISSUES = [
    (ENGINE, 1, "Must an answer engine license the posts it summarizes and cites?", "",
     ["license", "licensing deal"]),
    (OWNERSHIP, 1, "Can Acme sue over posts its users own and only license to it?", "",
     ["non-exclusive license", "users own"]),
]  # fmt: skip
MATCHER = Matcher(
    [
        Pattern("Acme", True, [Target("party", 1, ONE, 0.7)]),
        Pattern("Lexbot", True, [Target("party", 2, ONE, 0.7)]),
        Pattern("license", False, [Target("issue", ENGINE, ONE, 0.35)]),
        Pattern("licensing deal", False, [Target("issue", ENGINE, ONE, 0.35)]),
        Pattern("non-exclusive license", False, [Target("issue", OWNERSHIP, ONE, 0.35)]),
    ]
)
WORDS = issue_words(ISSUES, {1: stems("Acme Lexbot")})
CONTEXT = Context(
    cases={1: CaseInfo(id=1, sides={1: {"p"}, 2: {"d"}}, party_ids={1, 2})},
    kinds={1: "organization", 2: "organization"},
    issue_words=WORDS,
)


def _issues(text: str) -> set[int]:
    found = article_analyse(
        text=text, published=dt.date(2025, 2, 12), case_ids={1}, matcher=MATCHER, context=CONTEXT
    )
    return {target for kind, target in found.links if kind == "issue"}


def test_a_keyword_is_shared_when_another_issue_uses_all_its_words():
    assert keyword_shared(WORDS[ENGINE], "license")
    assert not keyword_shared(WORDS[ENGINE], "licensing deal")  # "deal" is the engine's own
    assert not keyword_shared(WORDS[OWNERSHIP], "users own")


@pytest.mark.parametrize(
    "text",
    [
        "Acme sued Lexbot. Lexbot says it only summarizes and cites threads, so it needs no license.",
        "Acme sued Lexbot, which has no licensing deal with it.",
    ],
)
def test_the_shared_keyword_with_the_issue_s_own_words_links_it(text):
    assert ENGINE in _issues(text)


@pytest.mark.parametrize(
    "text",
    [
        "Acme sued Lexbot. Its users keep what they write and give Acme a license.",
        "Acme sued Lexbot. Acme, which sold a license to a search company, declined to comment.",
    ],
)
def test_the_shared_keyword_in_another_sense_links_nothing(text):
    assert ENGINE not in _issues(text)
