"""A principal of two suits speaks, in a report on one of them, to that suit's issues: words
of its other suit's issue in its statement there say nothing of that other suit
(analysis._party_cases)."""

from __future__ import annotations

import datetime as dt

from tracker.linking.analysis import CaseInfo, Context, article_analyse
from tracker.linking.events import stems
from tracker.linking.issuewords import issue_words
from tracker.linking.matcher import Matcher, Pattern, Target

FIRST, SECOND = frozenset({1}), frozenset({2})
MATCHER = Matcher(
    [
        Pattern("Acme", True, [Target("party", 1, FIRST | SECOND, 0.7)]),
        Pattern("Lexbot", True, [Target("party", 2, FIRST, 0.7)]),
        Pattern("Crawlco", True, [Target("party", 3, SECOND, 0.7)]),
        Pattern("scraping", False, [Target("issue", 7, FIRST, 0.35)]),
        Pattern("users own", False, [Target("issue", 8, SECOND, 0.35)]),
    ]
)
CONTEXT = Context(
    cases={
        1: CaseInfo(id=1, sides={1: {"p"}, 2: {"d"}}, party_ids={1, 2}),
        2: CaseInfo(id=2, sides={1: {"p"}, 3: {"d"}}, party_ids={1, 3}),
    },
    kinds={1: "organization", 2: "organization", 3: "organization"},
    issue_words=issue_words(
        [
            (
                7,
                1,
                "May an AI company scrape a platform's posts against its terms?",
                "",
                ["scraping"],
            ),
            (
                8,
                2,
                "Can Acme sue over posts its users own and only license to it?",
                "",
                ["users own"],
            ),
        ],
        {1: stems("Acme Lexbot"), 2: stems("Acme Crawlco")},
    ),
)
TEXT = (
    "Acme sued Lexbot on Monday over scraping.\n\n"
    "Acme said the writers of the posts own them and only license them, and that taking them "
    "was unlawful.\n\n"
    "Crawlco, in a separate suit, says the users own the posts, not Acme."
)


def _positions(case_ids: set[int]) -> set[tuple[int, int]]:
    found = article_analyse(
        text=TEXT,
        published=dt.date(2025, 6, 5),
        case_ids=case_ids,
        matcher=MATCHER,
        context=CONTEXT,
    )
    return {(f.party_id, f.issue_id) for f in found.positions}


def test_a_principal_of_two_suits_speaks_to_the_suit_reported():
    assert (1, 8) not in _positions({1})


def test_its_words_still_name_the_issue_of_the_suit_reported():
    assert (1, 8) in _positions({2})
