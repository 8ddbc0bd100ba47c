"""Who says it: shapes of attribution in wire and trade reporting where the speaker was lost
(texts written for these tests; the corpus kinds are in bench/positions_misses.py's stage a)."""

from __future__ import annotations

import pytest

from tests.linking.test_stances_attribution import DISTILLATION, positions, rule, stance


def test_a_speaker_set_in_after_a_short_lead_speaks_the_whole_sentence():
    text = (
        "Google has looked into distillation for a year. "
        "That is theft, it says, and it will go to court over it."
    )
    assert stance(text, "Google") == "opposes"
    assert "trailing" in rule(text, "Google")


def test_a_participle_after_a_dateline_is_the_subject_s():
    text = (
        "NEW YORK, May 2 (Ledger Wire) - Google asked a judge on Friday to dismiss the suit, "
        "arguing that distillation is legitimate."
    )
    assert stance(text, "Google") == "supports"
    assert "participle" in rule(text, "Google")


def test_the_company_after_two_opening_phrases_is_the_subject_before():
    text = (
        "SAN JOSE, May 2 (Ledger Wire) - OpenAI asked a judge to dismiss the suit brought by "
        "Musk and Google.\n\n"
        "In its motion, filed on Thursday, the company said distillation is legitimate."
    )
    assert stance(text, "OpenAI") == "supports"
    assert ("Google", DISTILLATION) not in positions(text)


def test_the_complaint_speaks_for_who_filed_a_lawsuit_told_with_adjectives():
    text = (
        "Musk filed a trade secrets lawsuit against OpenAI on Monday. "
        "The complaint, lodged in the U.S. District Court in San Francisco, says the distillation "
        "of his models is theft."
    )
    assert stance(text, "Elon Musk") == "opposes"
    assert "pronoun" in rule(text, "Elon Musk")


def test_the_company_goes_on_with_a_speaker_set_into_the_sentence_before():
    text = (
        "The examples of copying, OpenAI said, came from old pages that Google had indexed. "
        "The company also said distillation is legitimate."
    )
    assert stance(text, "OpenAI") == "supports"
    assert ("Google", DISTILLATION) not in positions(text)


@pytest.mark.parametrize(
    "text",
    [
        "Google answered the suit in May. Its position is that distillation is legitimate.",
        "Google's core defense, that distillation is legitimate, has yet to be tested.",
        "The judge was not moved by Google's argument that distillation is legitimate.",
    ],
)
def test_a_party_s_position_told_as_a_noun(text):
    assert stance(text, "Google") == "supports"


@pytest.mark.parametrize(
    "filing",
    [
        "filed a response to the suit",
        "filed a motion in the case",
        "filed its answer to the lawsuit",
    ],
)
def test_a_filing_made_in_the_suit_is_not_the_complaint(filing):
    text = (
        f"Musk sued OpenAI in March. On Monday, OpenAI {filing}. The complaint says the "
        "distillation of his models is theft."
    )
    assert stance(text, "Elon Musk") == "opposes"
    assert ("OpenAI", DISTILLATION) not in positions(text)
