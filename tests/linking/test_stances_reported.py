"""Kinds of attribution real reporting uses beyond "X said" (texts written for these tests):
reported speech with no quotation, a speaker introduced once and referred back to later, a
stance carried by the verb, polarity turned by a disagreement, and the statements that must not
become positions (a hypothetical, a court's finding, the reporter's framing)."""

from __future__ import annotations

import pytest

from tests.linking import test_collectives as writers
from tests.linking.test_stances_attribution import KINDS, MATCHER, positions, rule, stance
from tests.linking.test_stances_shapes import _undecided
from tracker.linking.speakers import Collective, collective_pattern, collective_words, side_nouns
from tracker.linking.stances import issue_framing, positions_find

# --- reported speech with no quotation and no "said" ------------------------------------------


@pytest.mark.parametrize(
    ("text", "party", "expected"),
    [
        ("Google maintains that distillation of its models is theft.", "Google", "opposes"),
        ("Google insists the distillation was unlawful.", "Google", "opposes"),
        ("Musk has long argued that distillation is standard practice.", "Elon Musk", "supports"),
        ("According to OpenAI, distillation is a legitimate technique.", "OpenAI", "supports"),
        ("OpenAI's position is that distillation is legitimate.", "OpenAI", "supports"),
        ("Anthropic denies that its distillation was illegal.", "Anthropic", "supports"),
        (
            "In its motion, Google asked the court to block further distillation of its models.",
            "Google",
            "opposes",
        ),
        ("Google is seeking to block the distillation of its models.", "Google", "opposes"),
        (
            "Google urged the judge to stop what it calls theft by distillation.",
            "Google",
            "opposes",
        ),
    ],
)
def test_reported_speech_without_said(text, party, expected):
    assert stance(text, party) == expected


def test_a_disagreement_turns_what_it_disagrees_with():
    text = "Anthropic disagreed with the part of the ruling that called its distillation theft."
    assert stance(text, "Anthropic") == "supports"
    text = "Google pushed back on the idea that distillation is legitimate."
    assert stance(text, "Google") == "opposes"
    text = "OpenAI disputes the claim that distillation is fair to developers."
    assert stance(text, "OpenAI") == "opposes"


def test_a_disagreement_with_no_judgement_is_a_rebuttal():
    found = _undecided("Anthropic disagreed with the ruling on distillation.")
    assert [(f.rebuts, f.stance) for f in found] == [(True, "")]


# --- a speaker introduced once and referred back to -------------------------------------------


def test_the_spokeswoman_speaks_for_the_organisation_last_named():
    text = "Google filed the suit in May. The spokeswoman said distillation of Gemini was theft."
    assert stance(text, "Google") == "opposes"
    assert "pronoun" in rule(text, "Google")


def test_an_executive_introduced_with_a_comma_then_he():
    text = (
        "Google's chief legal officer, Jane Roe, spoke outside the courthouse on Monday. "
        "“Distillation of our models is theft,” she said. The hearing resumes next week."
    )
    assert stance(text, "Google") == "opposes"
    text = (
        "Its chief executive, Jane Roe, has said distillation is standard practice, according "
        "to people who heard her. OpenAI has not commented."
    )
    assert ("OpenAI", 10) not in positions(text)  # "its": nobody named before it
    text = "Google has framed the fight the same way. " + text.replace("OpenAI", "Musk")
    assert stance(text, "Google") == "supports"
    assert ("Elon Musk", 10) not in positions(text)


def test_at_risk():
    text = "Google also says distillation puts its users' privacy at risk."
    assert stance(text, "Google") == "opposes"
    text = "Google says no user's privacy was at risk from the distillation."
    assert stance(text, "Google") == "supports"


@pytest.mark.parametrize(
    "text",
    [
        "Anthropic said the lawsuit over distillation puts the whole industry at risk.",
        "Anthropic warned that a ruling against distillation would put billions in investment "
        "at risk.",
        "Anthropic said the case over distillation poses risks to the entire sector.",
    ],
)
def test_an_industry_at_risk_is_no_condemnation(text):
    # the speaker fears the suit, not the practice: what is at risk is no one's privacy or works
    assert stance(text, "Anthropic") != "opposes"


def test_data_and_works_at_risk_still_condemn():
    text = "Google says distillation puts the data of millions of users at risk."
    assert stance(text, "Google") == "opposes"
    text = "Google says distillation poses risks to its users."
    assert stance(text, "Google") == "opposes"


@pytest.mark.parametrize(
    "text",
    [
        "Google said it was pleased that the court found distillation of its models to be theft.",
        "Google said it was gratified that the judge called distillation theft.",
    ],
)
def test_pleased_that_a_finding_takes_the_finding_stance(text):
    assert stance(text, "Google") == "opposes"


@pytest.mark.parametrize(
    "text",
    [
        "Musk said distillation is standard practice that lets startups compete with OpenAI.",
        "Musk said distillation is common and helps small labs compete against Google.",
    ],
)
def test_competing_with_a_company_is_no_condemnation(text):
    assert stance(text, "Elon Musk") == "supports"


def test_a_surname_paragraphs_after_the_executive_was_named():
    text = (
        "Anthropic's deputy general counsel, Jane Roe, said the company would respond in court.\n\n"
        "The filing runs to 40 pages.\n\n"
        "Roe noted that the distillation had gone on for months without permission."
    )
    assert stance(text, "Anthropic") == "opposes"


def test_counsel_who_represents_the_party():
    text = (
        "John Smith, who represents Google, told reporters that the distillation was theft "
        "on an industrial scale."
    )
    assert stance(text, "Google") == "opposes"
    text = "Jane Roe, who represents Google, arrived late. Smith said distillation is theft."
    assert ("Google", 10) not in positions(text)


def test_who_accused_after_a_list_of_parties():
    text = (
        "The suit was brought by Google and search rival OpenAI, who accused Anthropic of "
        "stealing their models through distillation."
    )
    found = positions(text)
    assert found[("Google", 10)][0] == "opposes"
    assert found[("OpenAI", 10)][0] == "opposes"
    assert ("Anthropic", 10) not in found


def test_lawyers_for_the_plaintiffs_and_the_authors():
    text = (
        "Vellum Labs agreed to pay. Lawyers for the plaintiffs called the settlement fair. "
        "The authors had argued that the scanned copies compete with their books."
    )
    found = writers.positions(text)
    assert found[("Jane Roe", writers.DEAL)] == "supports"
    assert found[("Jane Roe", writers.COPIES)] == "opposes"


# --- a stance carried by the verb -------------------------------------------------------------


def test_pleased_with_what_the_issue_names():
    text = "Vellum Labs agreed to a settlement. Jane Roe said she was pleased with the settlement."
    assert writers.positions(text)[("Jane Roe", writers.DEAL)] == "supports"


def test_plans_to_appeal_is_a_rebuttal():
    found = _undecided("Google plans to appeal the ruling on distillation.")
    assert [f.rebuts for f in found] == [True]
    found = _undecided("Musk vowed to fight the distillation ruling.")
    assert [f.rebuts for f in found] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "Google declined to comment on the distillation ruling, which called it theft.",
        "Google did not respond to a request for comment on distillation, which some call theft.",
    ],
)
def test_no_comment_is_still_no_position(text):
    assert ("Google", 10) not in positions(text)


# --- what must not become a position ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Google could argue that distillation of its models is theft.",
        "Google might say that the distillation was theft, analysts noted.",
        "Google is expected to argue that distillation is theft.",
        "Google lost the first round. The court found that distillation was legitimate.",
        "Distillation is widely seen as theft in Google's circles.",
        "If Google objected to the distillation, it could have asked for takedowns, Musk said.",
        "Unless Google argues that distillation is theft, the claim fails.",
        "In a separate case, Google argued that distillation of its models was theft.",
        "Google argued in a separate lawsuit that distillation of its models was theft.",
    ],
)
def test_hypotheses_findings_and_framing_are_no_positions(text):
    assert ("Google", 10) not in positions(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Google said rivals could say anything, but distillation of its models is theft.",
            "opposes",
        ),
        ("Google said critics may claim otherwise, yet distillation is theft.", "opposes"),
        ("Google argued that others might call it progress, but distillation is theft.", "opposes"),
    ],
)
def test_a_hypothesis_told_in_a_statement_keeps_the_statement(text, expected):
    # the modal belongs to what the statement tells, not to its own reporting verb
    assert stance(text, "Google") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Google sought to buy a stake in OpenAI, and distillation is standard practice for it.",
        "Google seeks to hire engineers in London, where distillation is common.",
        "Google is seeking new partners, and distillation is routine among them.",
    ],
)
def test_seeking_what_no_court_gives_is_no_statement(text):
    assert ("Google", 10) not in positions(text)


@pytest.mark.parametrize(
    "text",
    [
        "Google seeks an injunction against distillation, which it calls theft.",
        "Google is seeking damages for the distillation of its models, which it calls theft.",
    ],
)
def test_seeking_relief_from_a_court_is_a_statement(text):
    assert stance(text, "Google") == "opposes"


def test_the_market_a_copy_competes_in():
    text = "Google says distilled models compete directly with its own and substitute for them."
    assert stance(text, "Google") == "opposes"
    text = "Google says the competition in distillation tools is healthy."
    assert stance(text, "Google") != "opposes"
    text = "Google says distilled chatbots compete with its news articles for readers."
    assert stance(text, "Google") == "opposes"


def test_what_is_in_the_public_domain():
    text = "Musk has argued that distillation uses outputs that are in the public domain."
    assert stance(text, "Elon Musk") == "supports"


def test_a_condemnation_answers_yes_to_a_question_of_protection():
    def found(text: str) -> str:
        mentions = MATCHER.find(text)
        parties = [m for m in mentions if m.kind == "party"]
        issues = [m for m in mentions if m.kind == "issue"]
        asks = frozenset({10})
        (finding,) = positions_find(text, parties, issues, KINDS, protection=asks)
        return finding.stance

    assert found("Google says copying its distillation guides is theft.") == "supports"
    assert found("Musk says distillation guides belong to everyone.") == "opposes"
    assert found("Google said its distillation guides are protected by copyright.") == "supports"


def test_the_reporter_s_contrast_after_what_was_said():
    text = "Google said the distillation used its servers, but it pleaded no actual harm."
    assert stance(text, "Google") != "supports"
    text = "Google said the distillation was fair, but it was still theft of its work."
    assert stance(text, "Google") == "mixed"  # the speaker's own "but"


def test_the_studios_speak_for_the_parties_described_as_studios():
    nouns = side_nouns("p", ["Film studio; plaintiff.", "A television and film studio."])
    assert "studio" in nouns and "author" not in nouns
    studios = [
        Collective(
            1,
            collective_pattern(nouns, "p"),
            (writers.ROE, writers.DOE),
            collective_words(nouns, "p"),
        )
    ]
    text = (
        "Vellum Labs was sued in June. The studios say the scanned copies compete with "
        "their films, and they called the settlement fair."
    )
    found = writers.positions(text, collectives=studios)
    assert found[("Jane Roe", writers.COPIES)] == "opposes"
    assert found[("John Doe", writers.DEAL)] == "supports"
    without = writers.positions(text)  # the writers are no studios
    assert ("Jane Roe", writers.COPIES) not in without
    assert ("John Doe", writers.DEAL) not in without


def test_a_name_that_modifies_a_noun_is_no_antecedent():
    text = (
        "Anthropic did not respond to a request for comment. In its answer to the Google and "
        "OpenAI suit last month, it said that distillation is a standard practice."
    )
    assert stance(text, "Anthropic") == "supports"
    assert ("OpenAI", 10) not in positions(text)


def test_a_condition_before_the_speaker_leaves_the_statement():
    text = "If it loses, Google said, it will appeal the ruling that distillation is legitimate."
    assert ("Google", 10) in positions(text) or _undecided(text)
    assert stance("Should it lose, Google says distillation is still theft.", "Google") == "opposes"


def test_a_parallel_suit_in_an_apposition_is_still_this_case():
    text = "Google, which is pursuing a parallel suit in Texas, argues that distillation is theft."
    assert stance(text, "Google") == "opposes"


def test_the_company_is_the_subject_the_paragraph_is_about():
    text = (
        "OpenAI has answered Google in public. In a post on Monday, the company argued that "
        "the suit misreads its chatbot, and that Google chose its examples. The company also "
        "made its case plainly: distillation is a standard practice, it said."
    )
    assert stance(text, "OpenAI") == "supports"
    assert ("Google", 10) not in positions(text)


@pytest.mark.parametrize(
    "text",
    [
        "Anthropic asked a U.S. judge on Friday to dismiss Google's lawsuit accusing it of "
        "distillation.",
        "Anthropic moved to dismiss the suit accusing it of distillation of Google's models.",
    ],
)
def test_the_suit_asked_against_is_no_accusation_by_the_asker(text):
    assert stance(text, "Anthropic") != "opposes"


# --- an issue asking whether a wrong was done ("were the defenses circumvented?") -------------


@pytest.mark.parametrize(
    "title",
    [
        "Were the site's anti-bot defenses circumvented?",
        "Did the crawler bypass the paywall?",
        "Did the defendants evade the platform's rate limits?",
        "Did the former employee breach the confidentiality agreement?",
        "Were the trade secrets misappropriated?",
    ],
)
def test_a_question_whether_a_wrong_was_done_is_answered_yes_by_condemning_it(title):
    assert issue_framing(title) == -1


@pytest.mark.parametrize(
    "title",
    [
        "Did the startup download pirated books by torrenting?",
        "Should the developer be barred from training new models on the songs?",
        "Should the scraper be enjoined from collecting profiles while the case goes on?",
    ],
)
def test_a_question_whether_piracy_was_done_or_the_practice_should_be_stopped_is_turned(title):
    assert issue_framing(title) == -1


@pytest.mark.parametrize(
    "title",
    [
        "Could the startup download pirated books and keep them in a library?",
        "May a lab copy its rival's outputs to train a model?",
    ],
)
def test_a_question_of_permission_is_not_turned_by_the_wrong_it_names(title):
    assert issue_framing(title) == 1


@pytest.mark.parametrize(
    "title",
    [
        "Should the court bar the merger?",
        "Should regulators ban the deal until the review ends?",
        "Must the judge enjoin the sale of the scraped data?",
    ],
)
def test_a_question_whether_the_practice_should_be_stopped_is_turned(title):
    """A "yes" to "Should the court bar the merger?" stops the merger, as one to "Should the
    court block the merger?" does."""
    assert issue_framing(title) == -1


@pytest.mark.parametrize(
    "title",
    [
        "Can training on pirated books infringe copyright?",
        "Could scraping public profiles violate the anti-hacking law?",
        "May a chatbot's summaries infringe the newspapers' copyrights?",
        "Can an AI company be held liable for its users' infringement?",
    ],
)
def test_a_modal_question_whose_verb_is_the_wrong_is_turned(title):
    """A modal question whose own verb is the wrong ("Can training infringe?") asks whether the
    practice is one, not whether it is allowed: "yes" condemns it, as "Does it infringe?" does."""
    assert issue_framing(title) == -1


@pytest.mark.parametrize(
    "title",
    [
        "Can the startup, based in Austin, be sued over its summaries in Boston?",
        "Could the label sue over recordings its artists own and only license to it?",
        "Are illustrators owed a market for licensing their drawings to model makers?",
        "Do the chatbot's replies take readers and ad money away from the magazines?",
        "Does the assistant divert visitors from the broadcasters' own sites?",
    ],
)
def test_a_question_whether_the_claim_goes_on_or_what_is_taken_is_turned(title):
    """Whether a defendant may be sued there, whether the claimant may sue, whether someone is
    owed for the practice or loses readers to it: the claimant answers "yes", condemning it."""
    assert issue_framing(title) == -1


def test_a_question_whether_a_use_constitutes_an_acceptable_one_is_not_turned():
    assert issue_framing("Could summarizing the reviews constitute fair use?") == 1


def test_a_question_whether_a_practice_should_be_allowed_is_not_turned():
    assert issue_framing("Should the startup be allowed to keep the pirated copies?") == 1


def test_a_question_whether_defenses_held_is_not_turned():
    assert issue_framing("Are a site's anti-bot defenses lawful access controls?") == 1


def test_parties_listed_after_a_comma_are_no_subject_of_the_verb():
    text = (
        "Musk, who sued OpenAI, Anthropic and two other labs last year, said it was good to see "
        "Google act against distillation that is theft."
    )
    assert ("OpenAI", 10) not in positions(text)
    assert ("Anthropic", 10) not in positions(text)
    text = "Jane Roe, Google's general counsel, said distillation of Gemini was theft."
    assert stance(text, "Google") == "opposes"
