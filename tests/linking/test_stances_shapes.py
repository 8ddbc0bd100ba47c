"""More shapes of real reporting (texts written for these tests): a stance carried by the
reporting verb or by a dismissal, a pronoun that stands for the subject a paragraph is about,
and the negatives beside each."""

from __future__ import annotations

import pytest

from tests.linking.test_stances_attribution import (
    ANTHROPIC,
    GOOGLE,
    KINDS,
    MATCHER,
    MUSK,
    ONE,
    PRIVACY,
    positions,
    rule,
    stance,
)
from tracker.linking.matcher import Matcher, Pattern, Target
from tracker.linking.stances import issue_asks_protection, issue_framing, positions_find

FAIR_USE = 12


def test_an_allegation_condemns_what_it_alleges():
    text = "OpenAI alleges that the rival lab relied on distillation of its chatbot for months."
    assert stance(text, "OpenAI") == "opposes"
    assert rule(text, "OpenAI").startswith('opposes: alleges "alleges"')


def test_an_allegation_after_the_quotation():
    text = "“They ran distillation on our model at industrial scale,” Google complained."
    assert stance(text, "Google") == "opposes"


def test_saying_without_a_cue_is_no_position():
    text = "OpenAI says the rival lab relied on distillation of its chatbot for months."
    assert ("OpenAI", 10) not in positions(text)


def test_dismissing_the_accusation_defends_the_practice():
    assert stance("Musk called the distillation claims baseless.", "Elon Musk") == "supports"
    text = "Anthropic denied the allegations about distillation in a short statement."
    assert stance(text, "Anthropic") == "supports"


def test_a_dismissal_negated_is_not_a_defence():
    text = "Google has never said the distillation complaints were without merit."
    assert stance(text, "Google") != "supports"


def test_breaking_or_ignoring_the_rules():
    text = "Google says the distillation broke the rules of its developer terms."
    assert stance(text, "Google") == "opposes"
    text = "Anthropic says the crawlers doing the distillation ignored its robots.txt file."
    assert stance(text, "Anthropic") == "opposes"


def test_without_asking_for_consent():
    text = "OpenAI says the distillation went ahead without ever asking for its consent."
    assert stance(text, "OpenAI") == "opposes"


def test_sentence_subject_before_a_date_with_commas():
    text = (
        "Google sued Anthropic on Wednesday, June 4, in a federal court. "
        "It accuses the rival of theft through distillation."
    )
    assert stance(text, "Google") == "opposes"
    assert ("Anthropic", 10) not in positions(text)


def test_a_pronoun_carried_through_the_paragraph():
    text = (
        "Anthropic, for its part, has not backed down. "
        "After moving the fight to federal court in July, it has kept up its campaign against "
        "OpenAI and Google. Its lawyers told the court that distillation is theft."
    )
    assert stance(text, "Anthropic") == "opposes"
    assert ("Google", 10) not in positions(text)
    assert ("OpenAI", 10) not in positions(text)


def test_the_company_after_a_quotation_naming_another_party():
    text = (
        "OpenAI answered on its blog. “We believe the Google complaint about distillation is "
        "without merit,” the company wrote."
    )
    assert stance(text, "OpenAI") == "supports"
    assert ("Google", 10) not in positions(text)


def test_an_act_of_someone_else_told_by_the_speaker():
    text = "OpenAI says Musk supported distillation before he left the board."
    assert ("OpenAI", 10) not in positions(text)
    assert stance("Google supported the distillation rules.", "Google") == "supports"


def test_claims_given_up_say_nothing():
    text = "Google told the court it would not pursue its claims that distillation was theft."
    assert ("Google", 10) not in positions(text)


def test_copying_as_a_topic_is_no_judgement():
    text = "Anthropic contended that the distillation dispute is about copying, nothing else."
    assert ("Anthropic", 10) not in positions(text)
    text = "Google says the distillation amounted to copying its models."
    assert stance(text, "Google") == "opposes"


def test_a_model_that_is_not_a_copy():
    text = "A model trained by distillation is not a copy of the original, Musk said."
    assert stance(text, "Elon Musk") == "supports"


def test_breach_of_contract_names_a_claim_not_a_judgement():
    text = (
        "Distillation suits dressed up as a breach of contract belong in federal court, Musk said."
    )
    assert ("Elon Musk", 10) not in positions(text)


def test_a_question_about_a_wrong_is_answered_yes_by_a_condemnation():
    assert (
        issue_framing("Do platforms that control public posts create information monopolies?") == -1
    )
    assert issue_framing("Does scraping public profiles harm users' privacy?") == -1
    assert issue_framing("May a platform's terms stop others from scraping public data?") == 1


def test_what_is_public_is_everyone_s():
    text = "“Distillation of public answers belongs to all of us,” Musk said."
    assert stance(text, "Elon Musk") == "supports"
    text = "Google says the door to a distillation licence remains open."
    assert stance(text, "Google") is None


def test_an_embedded_speaker_ends_before_the_sentence_s_participle():
    text = (
        "The judge dismissed a suit by Google accusing Anthropic of distillation, warning "
        "that banning it would be unfair."
    )
    found = positions(text)
    assert found[("Google", 10)][0] == "opposes"
    assert "unfair" not in found[("Google", 10)][1]


# --- a speaker named in the sentence before ----------------------------------------------------


def test_a_quotation_led_in_by_the_sentence_before():
    text = (
        "Google was unmoved by the ruling. “Distillation of our models is "
        "theft, and the court has not said otherwise.”"
    )
    assert stance(text, "Google") == "opposes"
    assert "lead-in/quote" in rule(text, "Google")


def test_a_lead_in_with_a_speaker_who_names_no_party():
    text = (
        "Anthropic sees it another way. “Distillation by rivals is an attack on our research,” "
        "the statement said."
    )
    assert stance(text, "Anthropic") == "opposes"
    assert "lead-in/quote" in rule(text, "Anthropic")
    # "disagrees" is a reporting verb of its own: the quotation continues its statement
    text = text.replace("sees it another way", "disagrees")
    assert stance(text, "Anthropic") == "opposes"
    assert "subject/continued" in rule(text, "Anthropic")


def test_no_lead_in_across_paragraphs_or_for_a_named_speaker():
    text = "Google was unmoved by the ruling.\n\n“Distillation is theft.”"
    assert ("Google", 10) not in positions(text)
    text = "Google was unmoved by the ruling. “Distillation is theft,” said Jane Roe."
    assert ("Google", 10) not in positions(text)
    # nor is a quotation with a speaker of its own the previous statement's continuation
    text = "Google called the ruling a setback. “Distillation is theft,” said Jane Roe."
    assert ("Google", 10) not in positions(text)


def test_he_stands_for_the_person_introduced_as_speaking_for_a_party():
    text = (
        "Jane Roe, Anthropic's chief legal officer, spoke after the hearing. "
        "He said distillation of Claude by rivals was theft."
    ).replace("He said", "She said")
    assert stance(text, "Anthropic") == "opposes"
    assert ("Elon Musk", 10) not in positions(text)


def test_the_billionaire_is_a_person():
    text = (
        "Musk spoke for an hour, and OpenAI's lawyers listened. "
        "The billionaire said distillation is routine across the industry."
    )
    assert stance(text, "Elon Musk") == "supports"
    assert ("OpenAI", 10) not in positions(text)


def test_the_platform_with_a_relative_clause():
    text = (
        "OpenAI filed first. The platform, which licenses its archive to Google, says "
        "the distillation of its model was theft."
    )
    assert stance(text, "OpenAI") == "opposes"


def test_while_maintaining_is_the_subject_s():
    text = (
        "OpenAI has signed deals with publishers, while maintaining that distillation of its "
        "models is theft."
    )
    assert stance(text, "OpenAI") == "opposes"
    assert "participle" in rule(text, "OpenAI")


def test_the_party_s_argument_is_that_and_has_been_clear_that():
    text = "Google's argument is that the distillation happened without the agreement it requires."
    assert stance(text, "Google") == "opposes"
    text = "Anthropic has been clear that distillation by rivals is theft."
    assert stance(text, "Anthropic") == "opposes"


def test_told_to_stop():
    text = "Google says it told the lab repeatedly to stop the distillation."
    assert stance(text, "Google") == "opposes"


def test_transformative_for_someone_is_praise_not_fair_use():
    matcher = Matcher(
        [Pattern("Musk", True, [Target("party", MUSK, ONE, 0.7)])]
        + [Pattern("transformative", False, [Target("issue", FAIR_USE, ONE, 0.35)])]
    )
    for text, expected in (
        ("Musk said the new model would be transformative for programmers.", set()),
        ("Musk said training on the articles was transformative.", {(MUSK, "supports")}),
    ):
        mentions = matcher.find(text)
        parties = [m for m in mentions if m.kind == "party"]
        issues = [m for m in mentions if m.kind == "issue"]
        found = positions_find(text, parties, issues, KINDS)
        assert {(f.party_id, f.stance) for f in found} == expected


def test_a_spokesperson_of_the_organisation_last_named():
    text = "OpenAI lost the first round. A spokesperson said distillation by rivals is theft."
    assert stance(text, "OpenAI") == "opposes"
    assert "pronoun" in rule(text, "OpenAI")
    text = "Musk spoke first. A spokesperson said distillation by rivals is theft."
    assert positions(text) == {}


def test_a_short_answer_to_the_question_before():
    text = (
        "The court must decide whether distillation of a rival's model is theft. "
        "OpenAI says it is. Musk says it isn't."
    )
    assert stance(text, "OpenAI") == "opposes"
    assert stance(text, "Elon Musk") == "supports"
    assert rule(text, "OpenAI").startswith('opposes: says "theft"')


def test_a_short_answer_needs_a_question_and_nothing_more():
    text = "Distillation of a rival's model is theft, critics say. OpenAI says it is."
    assert ("OpenAI", 10) not in positions(text)
    text = (
        "The court must decide whether distillation of a rival's model is theft. "
        "OpenAI says it is reviewing the matter."
    )
    assert ("OpenAI", 10) not in positions(text)


PREEMPTION = 13


def test_a_claim_of_preemption_and_its_denial():
    matcher = Matcher(
        [
            Pattern("Anthropic", True, [Target("party", ANTHROPIC, ONE, 0.7)]),
            Pattern("Google", True, [Target("party", GOOGLE, ONE, 0.7)]),
        ]
        + [Pattern("Copyright Act", False, [Target("issue", PREEMPTION, ONE, 0.35)])]
    )
    for text, expected in (
        ("Anthropic argues the Copyright Act completely preempts the claims.", {"supports"}),
        ("Anthropic says the suit is a Copyright Act case by another name.", {"supports"}),
        ("Google says its claims are not preempted by the Copyright Act.", {"opposes"}),
        ("Google says the Copyright Act was amended in 1998.", set()),
    ):
        mentions = matcher.find(text)
        parties = [m for m in mentions if m.kind == "party"]
        issues = [m for m in mentions if m.kind == "issue"]
        found = positions_find(text, parties, issues, KINDS)
        assert {f.stance for f in found} == expected, text


def test_a_cue_speaks_to_the_issue_of_its_own_clause():
    text = (
        "OpenAI said distillation by rivals is theft, while its handling of user privacy "
        "follows standard practice."
    )
    assert stance(text, "OpenAI") == "opposes"
    assert stance(text, "OpenAI", PRIVACY) == "supports"
    # a statement naming one issue: every cue is about it
    text = "OpenAI said distillation by rivals is theft, while its own work is standard practice."
    assert stance(text, "OpenAI") == "mixed"


def test_an_issue_with_no_cue_near_it_takes_no_side():
    text = "Google argued that distillation is theft of its work, as user privacy reports show."
    assert stance(text, "Google") == "opposes"
    assert stance(text, "Google", PRIVACY) is None


def _undecided(text: str) -> list:
    mentions = MATCHER.find(text)
    parties = [m for m in mentions if m.kind == "party"]
    issues = [m for m in mentions if m.kind == "issue"]
    undecided: list = []
    positions_find(text, parties, issues, KINDS, undecided=undecided)
    return undecided


def test_a_rebuttal_holds_a_side_without_saying_which():
    found = _undecided("Google said OpenAI's distillation argument is a distraction.")
    assert [(f.party_id, f.rebuts) for f in found] == [(GOOGLE, True)]
    assert '"distraction"' in found[0].rule
    text = "OpenAI welcomed the ruling on distillation and said it would appeal the rest."
    assert stance(text, "OpenAI") is None  # welcoming a ruling supports no practice
    assert [f.rebuts for f in _undecided(text)] == [True]


def test_what_is_no_rebuttal():
    # negated, or about an issue named only in the sentence before
    found = _undecided("Google said it was not disappointed by the distillation ruling.")
    assert [f.rebuts for f in found] == [False]
    found = _undecided("The suit is about distillation. Google said it disagreed with the claims.")
    assert [f.rebuts for f in found] == [False]
    found = _undecided("Google said the distillation report came out on Tuesday.")
    assert [f.rebuts for f in found] == [False]


def test_an_allegation_told_as_a_noun():
    text = (
        "The filing adds to Musk's original allegations that OpenAI stole the idea of "
        "distillation from his lab."
    )
    assert stance(text, "Elon Musk") == "opposes"
    assert "subject/nominal" in rule(text, "Elon Musk")
    text = "It repeats Google's core claims: that rivals ran distillation without permission."
    assert stance(text, "Google") == "opposes"
    # a claim that is the party's own product, or no claim of the party's
    assert stance("Google's claims team studied distillation as theft.", "Google") is None
    text = "The claims that Google's distillation was theft were never proven."
    assert stance(text, "Google") is None


def test_a_participle_after_a_clause_whose_subject_is_a_party():
    text = (
        "The emails surfaced a week after Musk sued OpenAI in Oakland, alleging it had stolen "
        "his idea for distillation."
    )
    assert stance(text, "Elon Musk") == "opposes"
    assert ("OpenAI", 10) not in positions(text)
    # "The emails" is no pronoun: without a clause of the party's, no speaker
    text = (
        "OpenAI hired a new team. The emails surfaced in Oakland, alleging theft by distillation."
    )
    assert positions(text) == {}


def test_the_billionaire_before_a_long_apposition():
    text = (
        "Musk left the board in 2018. The billionaire, who helped to set up OpenAI as a "
        "research laboratory in 2015, had accused it of distillation by theft."
    )
    assert stance(text, "Elon Musk") == "opposes"
    assert ("OpenAI", 10) not in positions(text)


def test_for_the_benefit_of_is_a_purpose_not_praise():
    text = "Musk says the lab broke its promise to use distillation for the benefit of humanity."
    assert stance(text, "Elon Musk") == "opposes"
    assert stance("Musk says distillation benefits everyone.", "Elon Musk") == "supports"


def test_nothing_about_it_and_the_opposite_of_negate_a_judgement():
    text = "Google argued that nothing about that use of distillation is legitimate."
    assert stance(text, "Google") == "opposes"
    text = "“Copying a rival is the opposite of legitimate distillation,” Google said."
    assert stance(text, "Google") == "opposes"
    # "nothing" far from the cue, in another clause, negates nothing
    text = "Google said nothing changed, and that distillation is legitimate."
    assert stance(text, "Google") == "supports"


def test_a_rival_s_motive_is_a_rebuttal():
    for text in (
        "Google said the distillation lawsuit was about market share, not safety.",
        "Google called the distillation suit an attempt to keep competitors out of the market.",
        "Google says rivals use distillation claims to smother a competitor.",
    ):
        assert stance(text, "Google") is None, text
        assert [f.rebuts for f in _undecided(text)] == [True], text
    # "not" without a rival's motive, "out" without shutting anyone out
    assert [f.rebuts for f in _undecided("Google said the distillation was not new.")] == [False]
    text = "Google said its distillation report is out on Tuesday."
    assert [f.rebuts for f in _undecided(text)] == [False]


def test_shutting_rivals_out_is_a_wrong_the_question_asks_about():
    assert issue_framing("Does the company use its dominance to shut competitors out?") == -1
    assert issue_framing("Does it stifle competition in legal research?") == -1
    assert issue_framing("Is a summary of a court opinion original enough?") == 1


def test_a_plural_name_s_possessive_and_a_counterclaim_speak_for_it():
    matcher = Matcher(
        [Pattern("Thomson Reuters", True, [Target("party", GOOGLE, ONE, 0.7)])]
        + [Pattern("distillation", False, [Target("issue", 10, ONE, 0.35)])]
    )
    text = "Thomson Reuters' lawyers argued that distillation is theft."
    mentions = matcher.find(text)
    parties = [m for m in mentions if m.kind == "party"]
    issues = [m for m in mentions if m.kind == "issue"]
    found = positions_find(text, parties, issues, KINDS)
    assert [(f.party_id, f.stance) for f in found] == [(GOOGLE, "opposes")]
    assert "agent" in found[0].rule
    text = "Google's counterclaim argues that distillation is theft."
    assert stance(text, "Google") == "opposes"


def test_a_determined_noun_is_no_reporting_verb():
    text = "The judge ruled for Google on its claim of theft by distillation."
    assert ("Google", 10) not in positions(text)
    text = "Google on Tuesday claimed theft by distillation."
    assert stance(text, "Google") == "opposes"


def test_protected_answers_a_question_of_protection():
    assert issue_asks_protection("Are headnotes original enough to be protected by copyright?")
    assert not issue_asks_protection("Should developers disclose what they train on?")
    assert not issue_asks_protection("Does training on images infringe copyright?")

    def found(text: str, protection: frozenset[int]) -> str:
        mentions = MATCHER.find(text)
        parties = [m for m in mentions if m.kind == "party"]
        issues = [m for m in mentions if m.kind == "issue"]
        (finding,) = positions_find(text, parties, issues, KINDS, protection=protection)
        return finding.stance

    text = "Google said its distillation guides are protected by copyright."
    asks = frozenset({10})
    assert found(text, asks) == "supports"
    assert found(text, frozenset()) == "opposes"  # elsewhere "protect" fears the practice
    assert found("Google said distillation leaves nothing worth protecting.", asks) == "opposes"


def test_protection_of_a_use_is_no_question_of_protection():
    # a use "protected by fair use" (or by the First Amendment): a "yes" accepts the practice,
    # so its cues keep their sense; a work protected by copyright stays a question of protection
    for title in (
        "Is training on purchased books protected by fair use?",
        "Is scraping public profiles protected by the First Amendment?",
        "Are chatbot answers protected speech?",
    ):
        assert not issue_asks_protection(title), title
    for title in (
        "Are headnotes original enough to be protected by copyright?",
        "Is the API's structure eligible for copyright protection?",
        "Are prompts protected under US copyright law?",
    ):
        assert issue_asks_protection(title), title
    text = "Google said its distillation of the books was fair use and transformative."
    mentions = MATCHER.find(text)
    parties = [m for m in mentions if m.kind == "party"]
    issues = [m for m in mentions if m.kind == "issue"]
    title = "Is distillation of purchased books protected by fair use?"
    asks = frozenset({10}) if issue_asks_protection(title) else frozenset()
    framing = {10: issue_framing(title)}
    (finding,) = positions_find(text, parties, issues, KINDS, framing=framing, protection=asks)
    assert finding.stance == "supports"


def test_the_complaint_speaks_for_the_party_that_sued():
    lede = "Google, the search company, has sued Anthropic in federal court. "
    text = (
        lede + "“Anthropic took by distillation what it had no right to take,” the complaint says."
    )
    assert stance(text, "Google") == "opposes"
    assert ("Anthropic", 10) not in positions(text)
    text = lede + "The lawsuit alleges that the distillation was theft."
    assert stance(text, "Google") == "opposes"
    # nobody said to have sued: the complaint speaks for no one
    text = "Google met Anthropic. The complaint alleges that the distillation was theft."
    assert positions(text) == {}


def test_the_agency_and_a_claim_that_will_not_hold_up():
    text = "Google sued on Friday. The photo agency said distillation is theft."
    assert stance(text, "Google") == "opposes"
    found = _undecided("Google said the distillation claims will not hold up.")
    assert [f.rebuts for f in found] == [True]


@pytest.mark.parametrize(
    ("text", "party", "expected"),
    [
        # getting past a barrier is a wrong
        ("Google says the distillation circumvented the rate limits on its models.", "Google", "opposes"),
        ("Google says the distillation got around the rate limits on its models.", "Google", "opposes"),
        ("Google says the distillation bots evade its defenses every night.", "Google", "opposes"),
        ("Google says distillation at this scale degrades its service for everyone.", "Google", "opposes"),
        # denied before or after the verb
        ("Anthropic says its distillation circumvented nothing.", "Anthropic", "supports"),
        ("Anthropic says nothing was circumvented in its distillation.", "Anthropic", "supports"),
        # a wrong forbidden is still a wrong, not one denied
        ("Google said users may not bypass its distillation limits.", "Google", "opposes"),
        # a paywall gone around is no barrier the lexicon knows; evading scrutiny is a
        # rebuttal of the other side, no judgement of the practice
        ("Google said readers use distillation to get around its paywall.", "Google", None),
        ("Anthropic said Google raised distillation to evade scrutiny of its rules.", "Anthropic", None),
        # taking only what anyone may see defends the practice
        ("Anthropic says its distillation uses only public, logged-off pages.", "Anthropic", "supports"),
        ("Anthropic says its distillation reads answers anyone can see.", "Anthropic", "supports"),
        ("Anthropic said the distillation relied on publicly available text.", "Anthropic", "supports"),
        # "public" alone judges nothing
        ("Anthropic said the distillation report will be made public next week.", "Anthropic", None),
        # a question or a rival's progress is no barrier; "the only public ..." and "anyone
        # can see that ..." say nothing of what was taken
        ("Anthropic said the court bypassed the real question about distillation.", "Anthropic", None),
        ("Google said its engineers broke through on distillation research last year.", "Google", None),
        ("Google said the only public account of the distillation came from a leaked memo.", "Google", None),
        ("Google said anyone can see that the distillation copied its answers word for word.", "Google", "opposes"),
        ("Google said scrapers of its distillation break through technical barriers.", "Google", "opposes"),
    ],
)  # fmt: skip
def test_barriers_and_what_anyone_may_see(text: str, party: str, expected: str | None):
    assert stance(text, party) == expected


def test_a_question_of_a_duty_to_filter_is_answered_yes_by_condemning():
    assert issue_framing("Must the generator filter out prompts for famous characters?") == -1
    assert issue_framing("Should platforms block scrapers?") == -1
    assert issue_framing("Is the filter itself a trade secret?") == 1


def test_a_wrong_used_as_a_label_gives_way_to_the_judgement():
    # "the pirated models ... were fair use": the speaker judges them fair, the label names them
    text = "Anthropic argued that the pirated models its distillation produced were fair use."
    assert stance(text, "Anthropic") == "supports"
    # with no other judgement the label still condemns ("trained on the stolen models")
    text = "Google said Anthropic built its distillation on the stolen models of rivals."
    assert stance(text, "Google") == "opposes"
    # a wrong said of the thing, not a label of it
    text = "Google said the models Anthropic used for distillation were pirated and not fair use."
    assert stance(text, "Google") == "opposes"


def test_a_verdict_that_is_another_issue_s_keyword_judges_what_it_is_said_of():
    matcher = Matcher(
        [Pattern("Anthropic", True, [Target("party", ANTHROPIC, ONE, 0.7)])]
        + [Pattern("distillation", False, [Target("issue", 10, ONE, 0.35)])]
        + [Pattern("fair use", False, [Target("issue", FAIR_USE, ONE, 0.35)])]
        + [Pattern("piracy", False, [Target("issue", 13, ONE, 0.35)])]
    )

    def found(text: str) -> dict[int, str]:
        mentions = matcher.find(text)
        parties = [m for m in mentions if m.kind == "party"]
        issues = [m for m in mentions if m.kind == "issue"]
        return {f.issue_id: f.stance for f in positions_find(text, parties, issues, KINDS)}

    text = "Anthropic said the distillation shares the fair use character of the training."
    assert found(text) == {10: "supports", FAIR_USE: "supports"}
    # a verdict denied, or a wrong that names its own issue, stays with that issue
    text = "Anthropic said the distillation could not be fair use."
    assert 10 not in found(text)
    text = "Anthropic said the distillation of its models by rivals amounted to piracy."
    assert found(text) == {13: "opposes"}


def test_available_on_a_pirate_source_is_no_defence():
    text = (
        "Google said Anthropic's distillation copied answers that were freely available"
        " on a pirate mirror."
    )
    assert stance(text, "Google") != "supports"
    assert stance(text, "Google") != "mixed"
    text = "Google said the distillation used only books freely available on shadow libraries."
    assert stance(text, "Google") != "supports"
    # near-misses: what anyone may read stays a defence
    text = "Anthropic said its distillation uses only publicly available data."
    assert stance(text, "Anthropic") == "supports"
    text = "Anthropic said the answers its distillation used were freely available on its website."
    assert stance(text, "Anthropic") == "supports"


def test_degrading_needs_something_others_run():
    text = "Anthropic said the distillation lawsuit would degrade trust in open research."
    assert stance(text, "Anthropic") != "opposes"
    text = "Google said the distillation degraded its servers for weeks."
    assert stance(text, "Google") == "opposes"
    text = "Google said the distillation was degrading the performance of its service."
    assert stance(text, "Google") == "opposes"
