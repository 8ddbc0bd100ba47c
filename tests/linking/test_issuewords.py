"""An issue named in its own words, not its keywords (issuewords.py), and in positions."""

from __future__ import annotations

import pytest

from tracker.linking.issuewords import issue_keyed, issue_named, issue_words, issues_told
from tracker.linking.matcher import Mention
from tracker.linking.stances import positions_find

CASE, OTHER = 1, 2
CONVERSION, DISTILLING, SCRAPING = 10, 11, 12
MUSK, OPENAI = 1, 2
WORDS = issue_words(
    [
        (CONVERSION, CASE, "May the lab convert from a non-profit to a for-profit company?", "",
         ["for-profit", "restructuring"]),
        (DISTILLING, CASE, "Is distilling a competitor's model legitimate?",
         "Training one model on the outputs of another, against the rival's terms.",
         ["distillation"]),
        (SCRAPING, OTHER, "May a crawler scrape public posts for profit?", "", ["scraping"]),
    ],
    {CASE: frozenset({"musk", "opena"})},
)  # fmt: skip


def test_two_words_of_one_issue_name_it():
    text = "Musk accuses the lab of betraying its nonprofit mission by chasing profit."
    assert issue_named(WORDS, frozenset({CASE}), text) == CONVERSION


def test_one_word_or_a_tie_names_nothing():
    assert issue_named(WORDS, frozenset({CASE}), "The company wants more profit.") is None
    # "outputs" is the distilling issue's, "for-profit" the conversion's: one word each
    assert issue_named(WORDS, frozenset({CASE}), "Profit from outputs.") is None


def test_only_the_speaker_s_cases_and_not_their_party_names():
    text = "Crawlers scrape public posts for profit."
    assert issue_named(WORDS, frozenset({CASE}), text) is None
    assert issue_named(WORDS, frozenset({OTHER}), text) == SCRAPING
    assert issue_named(WORDS, frozenset({CASE}), "Musk and OpenAI, OpenAI and Musk.") is None


def _mention(kind: str, target: int, text: str, word: str) -> Mention:
    start = text.index(word)
    return Mention(kind, target, frozenset({CASE}), start, start + len(word), 0.7, True)


def test_a_position_on_an_issue_named_in_its_own_words():
    text = (
        "The restructuring plan was filed in May.\n\nMusk accuses the lab of betraying its "
        "nonprofit mission by steering it toward profit."
    )
    parties = [_mention("party", MUSK, text, "Musk")]
    issues = [_mention("issue", CONVERSION, text, "restructuring")]
    found = positions_find(
        text, parties, issues, {MUSK: "person"}, {}, {MUSK: frozenset({CASE})}, WORDS
    )
    assert [(f.party_id, f.issue_id, f.stance) for f in found] == [(MUSK, CONVERSION, "opposes")]
    assert found[0].rule.endswith("(attributed: subject/clause; issue in its own words)")
    assert text[found[0].start : found[0].end].startswith("Musk accuses the lab of betraying")
    # without the issues' own words, the statement names no issue
    assert positions_find(text, parties, issues, {MUSK: "person"}, {}, {}, None) == []


def test_a_finding_by_keyword_outweighs_one_by_the_issue_s_own_words():
    text = (
        "Musk said the restructuring was legitimate.\n\nMusk accuses the lab of betraying its "
        "nonprofit mission by steering it toward profit."
    )
    parties = [
        Mention("party", MUSK, frozenset({CASE}), at, at + 4, 0.7, True)
        for at in (0, text.index("Musk accuses"))
    ]
    issues = [_mention("issue", CONVERSION, text, "restructuring")]
    cases = {MUSK: frozenset({CASE})}
    found = positions_find(text, parties, issues, {MUSK: "person"}, {}, cases, WORDS)
    assert [(f.issue_id, f.stance) for f in found] == [(CONVERSION, "supports")]
    assert "own words" not in found[0].rule


def test_a_keyword_told_in_another_form_of_its_words():
    words = issue_words(
        [
            (SCRAPING, CASE, "May AI companies scrape posts?", "", ["crawler", "robots.txt"]),
            (CONVERSION, CASE, "Are summaries original?", "", ["copyrightable", "transparency"]),
            (DISTILLING, CASE, "Is training a model legitimate?", "", ["trained on"]),
        ],
        {},
    )
    case = frozenset({CASE})
    assert issue_keyed(words, case, "after it said it had stopped crawling the site") == SCRAPING
    assert issue_keyed(words, case, "the lab used the posts to train its chatbot") == DISTILLING
    # a root is the keyword less an inflection, not any prefix: "copyright" is not
    # "copyrightable", "transformative" is not "transparency"
    assert issue_keyed(words, case, "the copyright in a transformative work") is None
    # another case's keyword, or two issues' keywords at once: none
    assert issue_keyed(words, frozenset({OTHER}), "it kept crawling the site") is None
    assert issue_keyed(words, case, "crawling the posts it trained on") is None


# --- an issue's keyword told in another order or form of its words (issues_told) -------------

TRAINING, PRIVACY, LICENSING = 20, 21, 22
TOLD = issue_words(
    [
        (TRAINING, CASE, "Is training on the works fair use?", "", ["AI training", "fair use"]),
        (PRIVACY, CASE, "Must chats be handed over?", "", ["user privacy"]),
        (LICENSING, OTHER, "Must labs pay?", "", ["licensing deals"]),
    ],
    {},
)


@pytest.mark.parametrize(
    "text, issue, quote",
    [
        ("The suit is about training AI on copyrighted material.", TRAINING, "training AI"),
        ("It trained its AI on the studio's films.", TRAINING, "trained its AI"),
        ("It would train generative models using the photos.", TRAINING, "train generative"),
        ("The judge weighed the privacy of users against the paper's need.", PRIVACY,
         "privacy of users"),
        ("Lawyers said users' privacy was at stake.", PRIVACY, "users' privacy"),
    ],
)  # fmt: skip
def test_an_issue_s_keyword_in_another_order_or_form(text, issue, quote):
    found = issues_told(TOLD, frozenset({CASE}), text, set())
    assert [(i, text[s:e]) for i, (s, e) in found] == [(issue, quote)]


@pytest.mark.parametrize(
    "text",
    [
        # the words apart, with a content word between
        "The training budget of the AI lab grew.",
        "Users complained; privacy was not discussed.",
        # another case's issue
        "It signed deals for licensing with two outlets.",
    ],
)
def test_words_apart_or_another_case_s_issue_tell_nothing(text):
    assert issues_told(TOLD, frozenset({CASE}), text, set()) == []


def test_an_issue_known_already_is_not_searched_again():
    assert issues_told(TOLD, frozenset({CASE}), "training AI", {TRAINING}) == []


# --- a statement of two clauses: one names an issue by keyword, the other another issue in
# that issue's own words ----------------------------------------------------------------------


def _two_issues(text: str) -> list[tuple[int, str]]:
    parties = [_mention("party", MUSK, text, "Musk")]
    issues = [_mention("issue", DISTILLING, text, "distillation")]
    cases = {MUSK: frozenset({CASE})}
    found = positions_find(text, parties, issues, {MUSK: "person"}, {}, cases, WORDS)
    return sorted((f.issue_id, f.stance) for f in found)


def test_a_clause_without_the_keyword_speaks_to_the_issue_its_own_words_name():
    text = (
        "Musk said the distillation was legitimate and that the lab's turn from a nonprofit "
        "toward profit was unlawful."
    )
    assert _two_issues(text) == [(CONVERSION, "opposes"), (DISTILLING, "supports")]


def test_the_keyword_s_own_clause_names_no_second_issue():
    # the conversion's words ("nonprofit", "profit") in the clause that names distillation:
    # that clause speaks to distillation only
    text = "Musk said the distillation the nonprofit lab did for profit was unlawful."
    assert _two_issues(text) == [(DISTILLING, "opposes")]
