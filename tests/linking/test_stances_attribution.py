"""Stakeholder positions from the shapes real reporting attributes in (texts written for these
tests): who speaks, found by which rule, and the statements that must not become positions."""

from __future__ import annotations

import pytest

from tracker.linking.attribution import statements_find
from tracker.linking.matcher import Matcher, Pattern, Target, keyword_variants
from tracker.linking.stances import issue_framing, positions_find

ONE = frozenset({1})
MUSK, OPENAI, GOOGLE, ANTHROPIC, ALTMAN = 1, 2, 3, 4, 5
DISTILLATION, PRIVACY = 10, 11
NAMES = {
    MUSK: ["Elon Musk", "Musk"],
    OPENAI: ["OpenAI"],
    GOOGLE: ["Google"],
    ANTHROPIC: ["Anthropic"],
    ALTMAN: ["Sam Altman", "Altman"],
}
KINDS = {
    MUSK: "person",
    OPENAI: "organization",
    GOOGLE: "organization",
    ANTHROPIC: "organization",
    ALTMAN: "person",
}
MATCHER = Matcher(
    [
        Pattern(name, True, [Target("party", party, ONE, 0.7)])
        for party, names in NAMES.items()
        for name in names
    ]
    + [
        Pattern(word, False, [Target("issue", DISTILLATION, ONE, 0.35)])
        for word in ("distillation", "distill")
    ]
    + [Pattern("user privacy", False, [Target("issue", PRIVACY, ONE, 0.35)])]
)
BY_ID = {party: names[0] for party, names in NAMES.items()}


def positions(text: str) -> dict[tuple[str, int], tuple[str, str]]:
    """(party name, issue id) -> (stance, rule) for a text."""
    mentions = MATCHER.find(text)
    parties = [m for m in mentions if m.kind == "party"]
    issues = [m for m in mentions if m.kind == "issue"]
    found = positions_find(text, parties, issues, KINDS)
    for finding in found:
        assert 0 <= finding.start < finding.end <= len(text)
    return {(BY_ID[f.party_id], f.issue_id): (f.stance, f.rule) for f in found}


def stance(text: str, party: str, issue: int = DISTILLATION) -> str | None:
    found = positions(text).get((party, issue))
    return found[0] if found else None


def rule(text: str, party: str, issue: int = DISTILLATION) -> str:
    return positions(text)[(party, issue)][1]


# --- who speaks -------------------------------------------------------------------------------


def test_speaker_after_the_quotation():
    text = "“Copying our models through distillation is theft,” OpenAI said on Tuesday."
    assert stance(text, "OpenAI") == "opposes"
    assert "subject/quote" in rule(text, "OpenAI")


def test_speaker_after_a_paraphrase():
    text = (
        "Learning from another model's answers is a legitimate use of distillation, Musk maintains."
    )
    assert stance(text, "Elon Musk") == "supports"
    assert "trailing" in rule(text, "Elon Musk")


def test_verb_before_the_speaker():
    text = "“Everybody in the field uses distillation; it is routine,” said Musk."
    assert stance(text, "Elon Musk") == "supports"
    assert "inverted/quote" in rule(text, "Elon Musk")


def test_he_stands_for_the_last_person_named():
    text = (
        "OpenAI's lawyers questioned Musk for two hours on Thursday. "
        "He said distillation was standard practice among developers."
    )
    assert stance(text, "Elon Musk") == "supports"
    assert "pronoun" in rule(text, "Elon Musk")
    assert ("OpenAI", DISTILLATION) not in positions(text)


def test_the_company_stands_for_the_last_organisation_named():
    text = (
        "Musk testified on Thursday, and Google published new rules the same day. "
        "The company said distillation attacks amount to theft of its research."
    )
    assert stance(text, "Google") == "opposes"
    assert "pronoun" in rule(text, "Google")
    assert ("Elon Musk", DISTILLATION) not in positions(text)


def test_pronoun_after_a_quotation():
    text = "Altman was asked about rivals. “Distillation of our models is unauthorised,” he said."
    assert stance(text, "Sam Altman") == "opposes"
    assert "pronoun/quote" in rule(text, "Sam Altman")


def test_a_spokesperson_for_the_party():
    text = "A spokesperson for Anthropic said distillation is legitimate but can be abused."
    assert stance(text, "Anthropic") == "mixed"
    assert "agent" in rule(text, "Anthropic")


def test_the_party_s_lawyers():
    text = "OpenAI's lawyers argued that the distillation violated its terms of use."
    assert stance(text, "OpenAI") == "opposes"
    assert "agent" in rule(text, "OpenAI")


def test_lawyers_for_the_party_and_an_x_spokesperson():
    assert stance("Lawyers for Musk countered that distillation is lawful.", "Elon Musk") == (
        "supports"
    )
    assert stance("An OpenAI spokesperson called distillation by rivals theft.", "OpenAI") == (
        "opposes"
    )


def test_in_a_court_filing_the_party_said():
    text = "In a court filing on Monday, OpenAI said xAI used distillation without permission."
    assert stance(text, "OpenAI") == "opposes"


def test_a_quotation_over_two_sentences():
    text = (
        "“We have watched distillation used to copy our work for a year. "
        "Nobody should call that legitimate,” Google said in a blog post."
    )
    assert stance(text, "Google") == "opposes"
    assert rule(text, "Google").startswith("opposes")


def test_a_quotation_continued_in_the_next_sentence():
    text = (
        "“We did not invent this and we did not hide it,” Musk told the court. "
        "“Distillation is routine across the industry.”"
    )
    assert stance(text, "Elon Musk") == "supports"
    assert "continued" in rule(text, "Elon Musk")


@pytest.mark.parametrize(
    "verb",
    [
        "contended",
        "countered",
        "reiterated",
        "insisted",
        "warned",
        "maintained",
        "argued",
        "told reporters",
        "has long argued",
        "responded",
        "asserted",
    ],
)
def test_reporting_verbs_beyond_said(verb):
    text = f"OpenAI {verb} that distillation of its models by rivals is unlawful."
    assert stance(text, "OpenAI") == "opposes"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Google criticised distillation by its competitors on Friday.", "opposes"),
        ("Google criticized distillation by its competitors on Friday.", "opposes"),
        ("Google dismissed distillation as a shortcut that harms research.", "opposes"),
        ("Google denied that distillation by its own researchers was illegal.", "supports"),
        ("Google rejected claims that its distillation research was unlawful.", "supports"),
        ("Google rejected distillation as a way to build its own models.", "opposes"),
        ("Google voiced concerns about distillation of its models.", "opposes"),
        ("Google welcomed distillation research that follows its terms.", "supports"),
    ],
)
def test_verbs_that_carry_the_stance(sentence, expected):
    assert stance(sentence, "Google") == expected


def test_someone_introduced_as_speaking_for_the_party():
    text = (
        "Jane Roe, OpenAI's general counsel, spoke after the hearing. "
        "Roe argued that distillation of the company's models is theft."
    )
    assert stance(text, "OpenAI") == "opposes"
    assert "agent" in rule(text, "OpenAI")


def test_party_title_name():
    text = "Google chief executive Pat Doe said distillation attacks violate the company's terms."
    assert stance(text, "Google") == "opposes"


def test_coordinated_parties_share_the_verb():
    text = "OpenAI and Anthropic have accused rivals of using distillation to copy their models."
    found = positions(text)
    assert found[("OpenAI", DISTILLATION)][0] == "opposes"
    assert found[("Anthropic", DISTILLATION)][0] == "opposes"


def test_a_participle_takes_the_sentence_subject():
    text = "Google tightened its terms on Friday, warning that distillation of its models is forbidden."
    assert stance(text, "Google") == "opposes"


def test_according_to():
    text = "According to a spokesperson for Google, distillation attacks are theft."
    assert stance(text, "Google") == "opposes"


def test_two_parties_in_one_sentence_keep_their_own_words():
    text = (
        "Google has described distillation attacks as theft, and Anthropic has said "
        "distillation is a legitimate method."
    )
    assert stance(text, "Google") == "opposes"
    assert stance(text, "Anthropic") == "supports"


def test_issue_words_match_their_variants():
    text = "OpenAI said distilling a rival's model without permission is theft."
    assert stance(text, "OpenAI") == "opposes"


# --- what must not become a position ----------------------------------------------------------


def test_quotation_of_a_non_party():
    text = "“Distillation is theft, plain and simple,” said Jane Roe, a law professor at Yale."
    assert positions(text) == {}


def test_pronoun_for_a_non_party_person():
    text = (
        "Musk testified on Thursday. Jane Roe, a law professor who follows the case, disagreed. "
        "“Distillation is theft,” she said."
    )
    assert ("Elon Musk", DISTILLATION) not in positions(text)


def test_the_company_for_a_non_party_company():
    text = (
        "Google filed its brief on Monday. DeepSeek said it had done nothing wrong. "
        "The company said distillation is standard practice."
    )
    assert ("Google", DISTILLATION) not in positions(text)


@pytest.mark.parametrize(
    "text",
    [
        "Distillation is at the centre of OpenAI's complaint against xAI.",
        "OpenAI updated its usage policy on distillation last year.",
        "Google's filters are designed to spot distillation of its models.",
    ],
)
def test_reporter_paraphrase_without_a_stance(text):
    assert positions(text) == {}


@pytest.mark.parametrize(
    "text",
    [
        "OpenAI declined to comment on whether distillation violated its terms.",
        "A spokesperson for OpenAI declined to say whether distillation violated its terms.",
        "OpenAI did not respond to a request for comment about distillation and theft.",
        "OpenAI has not said whether it considers distillation theft.",
    ],
)
def test_no_comment_is_no_position(text):
    assert positions(text) == {}


@pytest.mark.parametrize(
    "text",
    [
        "“Is distillation theft?” Musk asked the jury.",
        "“Why would distillation be illegal?” Musk said.",
        "“Who decides that distillation is legitimate?” said Musk.",
    ],
)
def test_a_question_takes_no_side(text):
    assert positions(text) == {}


def test_negated_attitude_is_no_stance():
    text = "OpenAI did not oppose distillation by university researchers, its lawyers said."
    assert stance(text, "OpenAI") is None


def test_negated_judgement_flips():
    assert stance("Google said distillation is not legitimate.", "Google") == "opposes"
    assert stance("Musk said distillation is not illegal.", "Elon Musk") == "supports"


def test_passive_is_not_the_party_acting():
    text = "Google said its view of distillation is backed by several researchers."
    assert stance(text, "Google") is None


def test_statement_offsets_index_the_text():
    text = (
        "“Distillation is routine,” Musk said. He added: “All the labs do it.”\n"
        "OpenAI, which says distillation is theft, disagreed."
    )
    mentions = MATCHER.find(text)
    parties = [m for m in mentions if m.kind == "party"]
    for statement in statements_find(text, parties, KINDS):
        assert 0 <= statement.start < statement.end <= len(text)
        assert statement.rule in {"subject", "agent", "pronoun", "inverted", "according"}


# --- which issue, which side ------------------------------------------------------------------


def test_issue_framing_reads_the_question():
    assert issue_framing("Does training an AI model on images infringe copyright?") == -1
    assert issue_framing("Must AI developers license the data they train on?") == -1
    assert issue_framing("Is distilling a competitor's model legitimate?") == 1
    assert issue_framing("Is training AI models on news articles fair use?") == 1
    assert issue_framing("Does a country's copyright law reach training done abroad?") == 1


def test_a_condemnation_supports_an_issue_asked_as_a_wrong():
    text = "OpenAI said distillation by rivals is theft."
    mentions = MATCHER.find(text)
    parties = [m for m in mentions if m.kind == "party"]
    issues = [m for m in mentions if m.kind == "issue"]
    (plain,) = positions_find(text, parties, issues, KINDS)
    (framed,) = positions_find(text, parties, issues, KINDS, {DISTILLATION: -1})
    assert plain.stance == "opposes"
    assert framed.stance == "supports"


def test_a_keyword_of_two_cases_goes_to_the_speaker_s_case():
    both = Matcher(
        [
            Pattern("Google", True, [Target("party", GOOGLE, frozenset({1, 2}), 0.7)]),
            Pattern(
                "privacy",
                False,
                [
                    Target("issue", 20, frozenset({1}), 0.35),
                    Target("issue", 21, frozenset({2}), 0.35),
                ],
            ),
        ]
    )
    text = "Google said the demand is an invasion of privacy."
    mentions = both.find(text)
    parties = [m for m in mentions if m.kind == "party"]
    issues = [m for m in mentions if m.kind == "issue"]
    for case, issue in ((1, 20), (2, 21)):
        found = positions_find(text, parties, issues, KINDS, None, {GOOGLE: frozenset({case})})
        assert [(f.issue_id, f.stance) for f in found] == [(issue, "opposes")]


def test_possessive_pronoun_agents():
    text = "Google updated its filters this week. Its lawyers argued that distillation is theft."
    assert stance(text, "Google") == "opposes"
    assert "pronoun" in rule(text, "Google")
    text = "Musk took the stand. His attorney said distillation is standard practice."
    assert stance(text, "Elon Musk") == "supports"


def test_a_party_s_terms_speak_for_it():
    text = "OpenAI's terms of use bar customers from distillation of its models."
    assert stance(text, "OpenAI") == "opposes"


def test_speaker_set_into_the_sentence():
    text = "Distillation of a rival's model, Google argued, is a form of theft."
    assert stance(text, "Google") == "opposes"
    assert "trailing" in rule(text, "Google")


def test_a_time_phrase_between_subject_and_verb():
    text = "Google has for more than a year described distillation as theft."
    assert stance(text, "Google") == "opposes"


def test_the_party_before_a_relative_clause_speaks():
    text = "Musk, who co-founded OpenAI, contends that distillation is standard practice."
    assert set(positions(text)) == {("Elon Musk", DISTILLATION)}


def test_a_participle_after_the_object_is_the_subject_s():
    text = "Google sued OpenAI on Monday, arguing that distillation of Gemini is theft."
    assert set(positions(text)) == {("Google", DISTILLATION)}


def test_british_spelling_of_an_issue_word():
    assert keyword_variants("distill")[-1] == "distil"
    assert "licence" in keyword_variants("license")


def test_a_claim_told_inside_another_party_s_statement_is_not_its_own():
    text = (
        "Google says OpenAI's crawlers returned after the company claimed it had stopped "
        "distillation, in violation of its terms."
    )
    found = positions(text)
    assert ("OpenAI", DISTILLATION) not in found
    assert found[("Google", DISTILLATION)][0] == "opposes"


def test_it_opening_a_sentence_is_the_subject_of_the_one_before():
    text = "Google sued OpenAI in June. It accuses the lab of distillation without permission."
    found = positions(text)
    assert found[("Google", DISTILLATION)][0] == "opposes"
    assert ("OpenAI", DISTILLATION) not in found


def test_a_fear_stays_a_fear_when_negated():
    text = "Google said creators cannot protect their work from distillation."
    assert stance(text, "Google") == "opposes"


def test_one_statement_may_speak_to_two_issues():
    text = "Google said distillation of its models without permission harms user privacy."
    found = positions(text)
    assert found[("Google", DISTILLATION)][0] == "opposes"
    assert found[("Google", PRIVACY)][0] == "opposes"


def test_an_attitude_is_not_turned_by_the_issue_s_framing():
    text = "OpenAI welcomed distillation research by universities."
    mentions = MATCHER.find(text)
    parties = [m for m in mentions if m.kind == "party"]
    issues = [m for m in mentions if m.kind == "issue"]
    (found,) = positions_find(text, parties, issues, KINDS, {DISTILLATION: -1})
    assert found.stance == "supports"


def test_a_participle_speaks_for_every_party_of_the_subject():
    text = "OpenAI and Google sued Anthropic in June, saying its distillation was theft."
    assert stance(text, "OpenAI") == "opposes"
    assert stance(text, "Google") == "opposes"
    # the party sued is no speaker, nor one named before the subject
    assert ("Anthropic", DISTILLATION) not in positions(text)
    text = "Unlike Anthropic, Google sued in June, saying distillation was theft."
    assert stance(text, "Google") == "opposes"
    assert ("Anthropic", DISTILLATION) not in positions(text)


def test_a_party_s_defense_or_argument_speaks_for_it():
    text = "Anthropic's defense is that distillation is a legitimate technique."
    assert stance(text, "Anthropic") == "supports"
    text = "Google's argument is straightforward: distillation is theft."
    assert stance(text, "Google") == "opposes"
    # an argument judged by someone else is not the party's word
    text = "Google's argument about distillation is weak and unfair to readers, one analyst wrote."
    assert ("Google", DISTILLATION) not in positions(text)


# --- a sentence closed by a judge's or a person's own words ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Google was in effect asking the court to declare distillation theft before any trial, "
        "Altman wrote.",
        "Google argued that distillation is theft without showing any loss, the judge found.",
        "Google said distillation was unlawful only in a narrow sense, U.S. District Judge Jane "
        "Roe wrote.",
    ],
)
def test_a_sentence_closed_by_another_speaker_is_no_party_statement(text):
    assert stance(text, "Google") is None


@pytest.mark.parametrize(
    "text",
    [
        "Google argued that distillation is theft, OpenAI said.",
        "Google argued that distillation is theft, a spokesperson said.",
        "Google said distillation is theft, and Musk wrote a post about it.",
        "Distillation is theft, Google wrote.",
    ],
)
def test_a_sentence_closed_by_a_party_organisation_or_its_own_speaker_still_counts(text):
    assert stance(text, "Google") == "opposes"


def test_he_opening_a_sentence_is_the_titled_subject_before_not_a_person_in_its_aside():
    judge = 6
    matcher = Matcher(
        [Pattern(name, True, [Target("party", judge, ONE, 0.7)]) for name in ("Jane Roe", "Roe")]
        + [Pattern("Sam Altman", True, [Target("party", ALTMAN, ONE, 0.7)])]
    )
    text = (
        "Judge Jane Roe found that the founders, among them Sam Altman, had shown no harm. "
        "He also wrote that distillation was not lawful."
    )
    parties = [m for m in matcher.find(text) if m.kind == "party"]
    found = statements_find(text, parties, {judge: "person", ALTMAN: "person"})
    assert [s.party_id for s in found if s.verb == "wrote"] == [judge]


def test_a_sentence_closed_by_a_person_introduced_as_the_party_s_speaker_still_counts():
    text = (
        "Jane Roe, a lawyer for Google, spoke after the hearing. Google argued that distillation "
        "is theft, Roe said."
    )
    assert stance(text, "Google") == "opposes"


def test_a_sentence_closed_by_a_judge_under_a_long_title_is_no_party_statement():
    """The closing judge's titles are those a subject's are read with (reporting.HONORIFIC)."""
    text = (
        "Google argued that distillation is theft without showing any loss, Senior U.S. District "
        "Judge Jane Roe wrote."
    )
    assert stance(text, "Google") is None


@pytest.mark.parametrize(
    "text",
    [
        "OpenAI chief executive Sam Altman spoke after the hearing. OpenAI argued that "
        "distillation of its models by rivals is theft, Altman said.",
        "Sam Altman, OpenAI's chief executive, spoke after the hearing. OpenAI argued that "
        "distillation of its models by rivals is theft, Altman said.",
    ],
)
def test_a_sentence_closed_by_a_party_person_speaking_for_the_party_still_counts(text):
    """ ", Altman said." closing what OpenAI argued, Altman having been introduced as OpenAI's
    chief executive: he speaks for OpenAI, so the statement is OpenAI's too."""
    assert stance(text, "OpenAI") == "opposes"
    assert stance(text, "Sam Altman") == "opposes"


def test_she_closing_a_sentence_with_no_subject_goes_on_with_the_subject_before():
    """ "Judge Roe found that ... Altman gave ... . Asking ... is routine, she wrote.": the judge
    goes on writing; "she" is not Altman, the person named last."""
    text = (
        "Judge Jane Roe found that the complaint, which centered on a talk Altman gave while "
        "Google was recruiting him, did not show any distillation. Asking candidates about "
        "distillation is routine, she wrote."
    )
    assert stance(text, "Sam Altman") is None


def test_a_name_opening_the_quotation_is_not_the_company_that_closes_it():
    """ "“Google went after our models ...,” the company said": "the company" is not Google,
    whose name opens the quotation, but the organisation named before it."""
    text = (
        "Anthropic described a pattern of copying. “Google went after our models and took "
        "them through distillation, which is theft,” the company said in the filing."
    )
    assert stance(text, "Anthropic") == "opposes"
    assert stance(text, "Google") is None
