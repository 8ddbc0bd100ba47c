"""A claim told by other forms of its keywords' words, or by its legal kind's everyday words
(claimphrases.py)."""

from __future__ import annotations

import pytest

from tracker.linking.claimphrases import (
    claim_kinds,
    claims_phrases,
    claims_told,
    keyword_phrases,
    kinds_phrases,
)

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
    assert claims_phrases([(PRIMARY, ["harassment", "unlawful-business-practice"])]) == []


def test_the_span_is_where_the_claim_is_told():
    text = "Separately, it contributed to infringement by users."
    [(claim_id, (start, end))] = claims_told(PHRASES, text)
    assert (claim_id, text[start:end]) == (CONTRIBUTORY, "contributed to infringement")


def test_a_claim_known_already_is_not_searched_again():
    text = "It contributed to infringement and abandoned its charitable mission."
    assert {c for c, _ in claims_told(PHRASES, text, {CONTRIBUTORY})} == {CHARITY}


# --- a claim told by the name outlets give its legal kind, or in everyday words -----------------

(DIRECT, SECONDARY_INF, DMCA, CONTRACT, ENRICHMENT, MARK, UNFAIR, TRESPASS, CFAA, FRAUD, TRUST,
 INTERFERENCE, ANTITRUST) = range(101, 114)  # fmt: skip
# the names a case file gives its claims: a title's head and keywords, none of them the words
# the texts below use
KIND_CLAIMS = [
    (DIRECT, ["direct copyright infringement", "unauthorized copies"]),
    (SECONDARY_INF, ["contributory and vicarious copyright infringement"]),
    (DMCA, ["removal of copyright management information", "DMCA"]),
    (CONTRACT, ["breach of contract", "user agreement"]),
    (ENRICHMENT, ["unjust enrichment"]),
    (MARK, ["trademark dilution"]),
    (UNFAIR, ["unlawful and fraudulent business practices"]),
    (TRESPASS, ["trespass to chattels"]),
    (CFAA, ["Computer Fraud and Abuse Act"]),
    (TRUST, ["breach of charitable trust"]),
    (INTERFERENCE, ["tortious interference with contract"]),
    (ANTITRUST, ["antitrust violations"]),
]
KIND_PHRASES = kinds_phrases(KIND_CLAIMS)


def kinds_told(text: str, phrases=KIND_PHRASES) -> set[int]:
    return {claim_id for claim_id, _ in claims_told(phrases, text)}


@pytest.mark.parametrize(
    "text, claim",
    [
        ("The studios accuse it of copying their characters, from Yoda to Elsa, without "
         "permission or payment.", DIRECT),
        ("The paper says the lab infringed its copyrights by training on its archive.", DIRECT),
        ("Authors say the company pirated their books.", DIRECT),
        ("Damages can reach $150,000 for each work infringed willfully.", DIRECT),
        ("It says the company profited from its users' infringement.", SECONDARY_INF),
        ("The firms are liable when ChatGPT users reproduce its work, the suit says.",
         SECONDARY_INF),
        ("The suit says the lab stripped authors' names from the articles.", DMCA),
        ("The platform says the startup violated its terms of use.", CONTRACT),
        ("Reddit says the lab broke the user agreement thousands of times.", CONTRACT),
        ("It says the company enriched itself at the writers' expense.", ENRICHMENT),
        ("The chatbot falsely attributed quotes to the paper.", MARK),
        ("It hallucinated articles under the paper's name, the complaint says.", MARK),
        ("The judge rejected the claim that selling the tools amounted to fraud.", UNFAIR),
        ("X says the scraping overloaded its servers.", TRESPASS),
        ("The suit accuses the startup of unauthorized access to its systems.", CFAA),
        ("Musk says the lab abandoned its founding nonprofit mission.", TRUST),
        ("Musk told the jury that the lab stole a charity.", TRUST),
        ("The rival interfered with its contracts with licensees.", INTERFERENCE),
        ("The counterclaims say the platform monopolized access to public data.", ANTITRUST),
    ],
)  # fmt: skip
def test_a_claim_told_by_its_kind_s_everyday_words(text, claim):
    assert kinds_told(text) == {claim}


@pytest.mark.parametrize(
    "text",
    [
        # generic words alone
        "The company uses copyrighted works and has a user agreement.",
        "The platform's terms were updated in May.",
        "Regulators warned of information monopolies.",
        # a claim denied, or named as what another lawsuit is about
        "It asks the court to declare that its collection does not breach X's terms.",
        "Like the suit against Stability AI, it says the tool copied art without permission.",
        "A separate case accuses the lab of copying books without permission.",
        # a DMCA takedown notice is not the DMCA claim
        "It says the studios should have sent DMCA takedown notices.",
        # a use without leave that nobody alleges
        "Readers use the chatbot to read its journalism without paying.",
    ],
)
def test_generic_denied_or_elsewhere_tells_no_claim(text):
    assert kinds_told(text) == set()


def test_a_kind_goes_to_its_most_specific_claim_and_none_on_a_tie():
    assert claim_kinds(["secondary copyright infringement"]) == {"secondary infringement"}
    assert "copyright infringement" in claim_kinds(["primary copyright infringement"])
    specific = kinds_phrases(
        [(1, ["trade mark infringement"]), (2, ["DMCA", "Lanham Act", "copyright management"])]
    )
    assert kinds_told("It used the agency's trade marks.", specific) == {1}
    assert kinds_told("It stripped the photographers' credits.", specific) == {2}
    tied = kinds_phrases([(1, ["unjust enrichment"]), (2, ["unjustly enriched"])])
    assert kinds_told("It enriched itself.", tied) == set()


def test_the_quote_is_the_exact_words_from_the_telling_on():
    text = "The paper accused the lab of using its articles without permission to train."
    [(claim_id, (start, end))] = claims_told(KIND_PHRASES, text)
    assert claim_id == DIRECT
    assert text[start:end] == "using its articles without permission"
