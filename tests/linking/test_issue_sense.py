"""An issue keyword that names whom the question is about counts only where its sentence asks
the question (analysis.issue_whom, analysis._asks), in the project's own words."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.linking.analysis import CaseInfo, Context, article_analyse, issue_whom
from tracker.linking.events import stems
from tracker.linking.issuewords import issue_words
from tracker.linking.matcher import Matcher, Pattern, Target

ONE = frozenset({1})
QUESTION = "Does Acme use its dominance and litigation to shut competitors out of legal research?"
KEYWORDS = ["competitors", "monopoly", "crawlers"]
MATCHER = Matcher(
    [
        Pattern("Acme", True, [Target("party", 1, ONE, 0.7)]),
        Pattern("Lexbot", True, [Target("party", 2, ONE, 0.7)]),
        Pattern("competitors", False, [Target("issue", 7, ONE, 0.35)]),
        Pattern("competitor", False, [Target("issue", 7, ONE, 0.35)]),
        Pattern("monopoly", False, [Target("issue", 7, ONE, 0.35)]),
        Pattern("crawlers", False, [Target("issue", 7, ONE, 0.35)]),
    ]
)
CONTEXT = Context(
    cases={1: CaseInfo(id=1, sides={1: {"p"}, 2: {"d"}}, party_ids={1, 2})},
    kinds={1: "organization", 2: "organization"},
    issue_words=issue_words([(7, 1, QUESTION, "", KEYWORDS)], {1: stems("Acme Lexbot")}),
    whom={7: issue_whom(QUESTION, KEYWORDS)},
)


def _issue_linked(text: str) -> bool:
    found = article_analyse(
        text=text,
        published=dt.date(2025, 2, 12),
        case_ids={1},
        matcher=MATCHER,
        context=CONTEXT,
    )
    return ("issue", 7) in found.links


def test_whom_is_a_keyword_naming_someone_the_question_names():
    assert issue_whom(QUESTION, KEYWORDS) == frozenset({"competitors"})
    assert issue_whom("Is scraping lawful?", ["scraping", "scrapers"]) == frozenset()


@pytest.mark.parametrize(
    "text",
    [
        "Lexbot says Acme wants to keep competitors out of legal research.",
        "The suit, Lexbot argues, was an attempt to smother a competitor.",
        "Acme sued Lexbot. Its founders call Acme a monopoly.",
    ],
)
def test_a_sentence_asking_the_question_links_the_issue(text):
    assert _issue_linked(text)


@pytest.mark.parametrize(
    "text",
    [
        "Acme sued Lexbot after it refused to sell its database to a competitor.",
        "Acme sued Lexbot. The opinion turns on a head-to-head competitor, the judge wrote.",
    ],
)
def test_the_word_in_another_sense_links_nothing(text):
    assert not _issue_linked(text)
