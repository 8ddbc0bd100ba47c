"""A claim told by other forms of its keywords' words (claimphrases.py)."""

from __future__ import annotations

import pytest

from tracker.linking.claimphrases import claims_phrases, claims_told, keyword_phrases

PRIMARY, SECONDARY, CONTRIBUTORY, TORTIOUS, CHARITY, COPIED = 1, 2, 3, 4, 5, 6
PHRASES = claims_phrases(
    [
        (COPIED, ["copied headnotes"]),
        (PRIMARY, ["primary copyright", "training claim"]),
        (SECONDARY, ["infringing copy", "secondary infringement"]),
        (CONTRIBUTORY, ["contributory infringement", "vicarious"]),
        (TORTIOUS, ["interfered with"]),
        (CHARITY, ["charitable purpose", "breach of charitable trust"]),
    ]
)


def told(text: str) -> set[int]:
    return {claim_id for claim_id, _ in claims_told(PHRASES, text)}


@pytest.mark.parametrize(
    "text, claim",
    [
        ("The publisher dropped its main copyright allegations in June.", PRIMARY),
        ("It withdrew its central copyright claims at trial.", PRIMARY),
        ("She set aside the claim that the training itself was unlawful.", PRIMARY),
        ("The paper says both companies contributed to infringement by users.", CONTRIBUTORY),
        ("Critics say the lab abandoned its charitable mission.", CHARITY),
        ("He alleges a breach of the charitable trust he funded.", CHARITY),
        ("The model, it argued, was an infringing copy of the archive.", SECONDARY),
        ("The judge found that the startup copied 2,243 Westlaw headnotes.", COPIED),
        ("It copied thousands of headnotes, the publisher says.", COPIED),
    ],
)
def test_a_claim_told_in_other_forms_of_its_words(text, claim):
    assert claim in told(text)


@pytest.mark.parametrize(
    "text",
    [
        # "copy" is a whole word: "infringed its copyright" is not an infringing copy
        "The court found the lab infringed its copyright.",
        # a two-word keyword with a function word is not turned round
        "Users were unhappy with the interface.",
        # content words between the keyword's words part them
        "The primary school's copyright notice was updated.",
        "The contract dispute concerned a charitable gift for a new purpose.",
        "It trained a model and later filed a separate claim.",
        # a content word between them: the headnotes were not what was copied
        "It copied the cases, not the editors' headnotes.",
        "The clerk copied 12 pages of notes; headnotes were untouched.",
    ],
)
def test_words_of_a_keyword_apart_or_in_other_senses_tell_nothing(text):
    assert told(text) == set()


def test_a_one_word_or_long_keyword_gives_no_phrase():
    assert keyword_phrases("vicarious") == []
    assert keyword_phrases("unfair competition law under section 17200") == []
    assert claims_phrases([(PRIMARY, ["trespass", "unlawful-business-practice"])]) == []


def test_the_span_is_where_the_claim_is_told():
    text = "Separately, it contributed to infringement by users."
    [(claim_id, (start, end))] = claims_told(PHRASES, text)
    assert (claim_id, text[start:end]) == (CONTRIBUTORY, "contributed to infringement")


def test_a_claim_known_already_is_not_searched_again():
    text = "It contributed to infringement and abandoned its charitable mission."
    assert {c for c, _ in claims_told(PHRASES, text, {CONTRIBUTORY})} == {CHARITY}
