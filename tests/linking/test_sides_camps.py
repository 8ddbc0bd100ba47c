"""A principal's plain statement on an issue it names holds its camp's side of the case: the
plaintiff's answer condemns what it sued over, the defendant's is the other (sides.sides_framed),
unless other reports put the camp on one side; the statements it settles (stances._undecided)."""

from __future__ import annotations

import pytest

from tests.linking.test_stances_attribution import GOOGLE
from tests.linking.test_stances_shapes import _undecided
from tracker.linking.sides import CAMP_RULE, SIDE_RULE, sides_framed, sides_settle
from tracker.linking.stances import Finding, issue_agreed, issue_framing_told

P, D, ISSUE, ASKED_AS_WRONG = 1, 2, 10, 11
CAMPS = {(P, ISSUE): "p", (D, ISSUE): "d", (P, ASKED_AS_WRONG): "p", (D, ASKED_AS_WRONG): "d"}


def test_the_plaintiff_condemns_and_the_defendant_defends_by_the_question_s_framing():
    framed = sides_framed(CAMPS, {ASKED_AS_WRONG: -1}, {})
    # "Is the practice fair use?": the plaintiff says no, the defendant yes
    assert framed[(P, ISSUE)] == "opposes" and framed[(D, ISSUE)] == "supports"
    # "Does the practice infringe?": the plaintiff says yes
    assert framed[(P, ASKED_AS_WRONG)] == "supports" and framed[(D, ASKED_AS_WRONG)] == "opposes"


def test_other_reports_place_a_camp_over_the_framing():
    # the defendant found accusing the plaintiff (the question asks about the plaintiff's own
    # conduct): the camps are the other way round
    framed = sides_framed(CAMPS, {}, {(D, ISSUE): "opposes"})
    assert framed[(P, ISSUE)] == "supports" and framed[(D, ISSUE)] == "opposes"
    # reports placing the camps on one side: the reading is wrong somewhere, no side
    split = sides_framed(CAMPS, {}, {(D, ISSUE): "opposes", (P, ISSUE): "opposes"})
    assert (P, ISSUE) not in split and (D, ISSUE) not in split


def test_only_a_statement_naming_its_issue_is_settled_by_its_camp():
    named = Finding(P, ISSUE, "", "says (attributed: subject/clause)", 5, 30, 0, named=True)
    context = Finding(P, ISSUE, "", "says (attributed: subject/clause)", 5, 30, 0)
    framed = {(P, ISSUE): "opposes"}
    (settled,) = sides_settle([], [named], {}, framed=framed)
    assert settled.stance == "opposes" and settled.rule.startswith(f"opposes: {CAMP_RULE}; says")
    assert sides_settle([], [context], {}, framed=framed) == []
    # the party's own side in other reports comes first
    (own,) = sides_settle([], [named], {(P, ISSUE): "supports"}, framed=framed)
    assert own.stance == "supports" and SIDE_RULE in own.rule


def test_a_plain_statement_naming_the_issue_is_left_for_its_camp():
    (found,) = _undecided("Google says the rival lab ran distillation on its chatbot for months.")
    assert (found.party_id, found.named) == (GOOGLE, True)


@pytest.mark.parametrize(
    "text",
    [
        # the suit told by its subject
        "Google told the judge that the lab's lawsuit over distillation belongs in another court.",
        # a claim given up
        "Google said it would no longer pursue its claims about distillation of its chatbot.",
        # a participle hanging on its sentence's own act
        "Google sued the lab, saying the rival ran distillation on its chatbot for months.",
        # a speaker found by a pronoun only
        "Google filed its reply on Monday. It says the rival ran distillation on its chatbot.",
        # the issue only in the sentence before
        "The lab ran distillation on the chatbot for months. Google says it noticed in March.",
    ],
)
def test_a_statement_that_does_not_itself_speak_to_the_issue_is_left_to_no_camp(text):
    found = _undecided(text)
    assert found and not any(f.named for f in found)


def test_a_settlement_is_no_question_the_camps_split_on():
    assert issue_agreed("Is the class settlement fair to authors and publishers?")
    assert issue_agreed("Should the court approve the consent decree?")
    assert not issue_agreed("Is training a language model on books fair use?")


@pytest.mark.parametrize(
    "title",
    [
        "Does the search engine infringe by storing whole pages?",  # a wrong named
        "Did the contractor take the client's design files?",  # whether it did what is alleged
        "Can the union sue over rules it never signed?",  # whether the claim goes on
        "May a marketplace delist sellers without notice?",  # a permission
        "Is caching news pages fair use?",  # an acceptance named
        "Does federal law preempt the state's scraping claims?",
    ],
)
def test_a_question_that_says_which_answer_accepts_the_practice_is_told(title):
    assert issue_framing_told(title)


@pytest.mark.parametrize(
    "title",
    [
        # a wrong told by a verb the framing does not know, a liability, a market: +1 is a guess
        "Do the printers wrong the designers by reusing their layouts?",
        "Is the marketplace liable for what its sellers list?",
        "Do the apps compete with and replace the drivers who built them?",
        "Does a state's privacy law reach servers kept abroad?",
    ],
)
def test_a_question_whose_framing_is_only_guessed_is_not_told(title):
    assert not issue_framing_told(title)
