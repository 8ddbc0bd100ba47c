"""Positions in reports of a suit between two companies (texts written for these tests): the
defendant calling the suit harassment, the plaintiff's accusations on a question of whether
the defendant did what it is accused of."""

from __future__ import annotations

import pytest

from tracker.linking.matcher import Matcher, Pattern, Target
from tracker.linking.stances import issue_framing, positions_find

ONE = frozenset({1})
ACME, GLOBEX, ZCORP = 1, 2, 3  # plaintiff, defendant, a name opening with a small letter
HARASSMENT, OBTAINED, POACHING, INJUNCTION = 10, 11, 12, 13
TITLES = {
    INJUNCTION: "Should Globex be barred from hiring Acme's engineers while the case goes on?",
    POACHING: "Was Globex's hiring of Acme's staff an unlawful poaching campaign?",
    HARASSMENT: "Is Acme's suit part of a campaign by its founder to harass Globex?",
    OBTAINED: "Did Globex obtain or use Acme's trade secrets through the engineers it hired?",
}
NAMES = {ACME: "Acme", GLOBEX: "Globex", ZCORP: "zCorp"}
MATCHER = Matcher(
    [Pattern(name, True, [Target("party", party, ONE, 0.7)]) for party, name in NAMES.items()]
    + [Pattern("harassment", False, [Target("issue", HARASSMENT, ONE, 0.35)])]
    + [Pattern("trade secrets", False, [Target("issue", OBTAINED, ONE, 0.35)])]
    + [Pattern("hired away", False, [Target("issue", POACHING, ONE, 0.35)])]
    + [Pattern("injunction", False, [Target("issue", INJUNCTION, ONE, 0.35)])]
)


def stances(text: str) -> dict[tuple[str, int], str]:
    mentions = MATCHER.find(text)
    found = positions_find(
        text,
        [m for m in mentions if m.kind == "party"],
        [m for m in mentions if m.kind == "issue"],
        dict.fromkeys(NAMES, "organization"),
        {issue: issue_framing(title) for issue, title in TITLES.items()},
    )
    return {(NAMES[f.party_id], f.issue_id): f.stance for f in found}


@pytest.mark.parametrize(
    "title",
    [
        "Did the rival obtain the startup's trade secrets through the people it hired?",
        "Did departing engineers take the company's source code with them?",
        "Did the bank induce the fund's analysts to bring its models along?",
    ],
)
def test_a_question_whether_a_party_did_what_it_is_accused_of_is_turned(title):
    """ "Did X obtain the secrets?" asks whether the accusation is true: the accuser's "yes"
    condemns the act, though the question names no wrong ("obtain", "take")."""
    assert issue_framing(title) == -1


@pytest.mark.parametrize(
    "title",
    [
        "Is the lawsuit part of a campaign to harass the company?",
        "Was the suit brought to bully workers who changed jobs?",
    ],
)
def test_a_question_whether_a_suit_is_harassment_is_turned(title):
    assert issue_framing(title) == -1


@pytest.mark.parametrize(
    "text",
    [
        "Globex called the lawsuit the latest chapter in a long campaign of harassment.",
        "Globex said the suit was harassment, plain and simple.",
    ],
)
def test_calling_the_suit_harassment_answers_yes_to_whether_it_is(text):
    assert stances(text)[("Globex", HARASSMENT)] == "supports"


def test_the_accuser_answers_yes_to_whether_the_accused_did_it():
    text = "Acme accused Globex of stealing its trade secrets through the engineers it hired."
    assert stances(text)[("Acme", OBTAINED)] == "supports"


def test_the_other_sides_suit_told_in_a_statement_is_not_the_speakers_accusation():
    """The wrongs of a suit accusing the speaker ("dismiss Acme's lawsuit accusing it of
    stealing") are the suit's; the speaker's own words ("harassment") still count."""
    text = (
        "Globex asked a judge to dismiss Acme's lawsuit accusing it of stealing trade secrets, "
        "calling the case the latest chapter in a campaign of harassment."
    )
    found = stances(text)
    assert ("Globex", OBTAINED) not in found
    assert found[("Globex", HARASSMENT)] == "supports"
    text = (
        "Globex argues that Acme's case, which accuses it of stealing trade secrets, is about "
        "harassment."
    )
    assert ("Globex", OBTAINED) not in stances(text)


@pytest.mark.parametrize(
    ("text", "speaker", "expected", "other"),
    [
        # "Its complaint" after "it sued" is the words of the party that sued, not of the one
        # named last
        (
            "Acme sells its data to other companies. On Wednesday it sued Globex. Its complaint "
            "accuses Globex of stealing trade secrets through the engineers it hired.",
            "Acme",
            "supports",
            "Globex",
        ),
        # "its" opening a sentence after an opening phrase stands for the subject of the
        # sentence before, not for the name last read
        (
            "Globex has said it never took anything from Acme. In asking for dismissal, its "
            "lawyers wrote that hiring engineers is lawful and that it obtained no trade secrets.",
            "Globex",
            "opposes",
            "Acme",
        ),
    ],
)
def test_a_complaint_or_pronoun_opening_a_sentence_speaks_for_the_subject_before(
    text, speaker, expected, other
):
    found = stances(text)
    assert found[(speaker, OBTAINED)] == expected
    assert (other, OBTAINED) not in found


@pytest.mark.parametrize(
    ("text", "speaker", "issue", "other"),
    [
        # a name opening with a small letter is the sentence's subject too
        (
            "zCorp sued Globex last week, accusing it of obtaining trade secrets through the "
            "engineers it hired.",
            "zCorp",
            OBTAINED,
            None,
        ),
        # the participle after a joined clause is that clause's subject's
        (
            "Acme is suing Globex over its hiring, and Globex has countersued it, accusing it of "
            "harassment.",
            "Globex",
            HARASSMENT,
            "Acme",
        ),
        # a second participle joined to a first by "and"
        (
            "Acme filed a second suit against Globex on Wednesday, naming two of its engineers "
            "and accusing them of taking trade secrets.",
            "Acme",
            OBTAINED,
            "Globex",
        ),
    ],
)
def test_an_accusation_in_a_participle_is_the_subject_of_its_clause(text, speaker, issue, other):
    found = stances(text)
    assert found[(speaker, issue)] == "supports"
    assert (other, issue) not in found


def test_the_accusing_verb_speaks_to_the_issue_named_nearest_it():
    """ "alleging that Globex hired away engineers who knew its trade secrets": the hiring is
    what is alleged; the secrets only describe the engineers."""
    text = (
        "zCorp sued Globex, alleging that Globex hired away engineers who knew its trade secrets."
    )
    found = stances(text)
    assert found[("zCorp", POACHING)] == "supports"
    assert ("zCorp", OBTAINED) not in found


@pytest.mark.parametrize(
    "text",
    [
        "Globex, the rival lab, is accused of obtaining trade secrets through the engineers it "
        "hired.",
        "Globex argued that an employer is not liable merely because a new hire is accused of "
        "taking trade secrets.",
    ],
)
def test_an_accusation_in_the_passive_is_nobodys_position(text):
    """ "X is accused of ...": X is the one accused, not a speaker, and whoever tells of it
    does not accuse."""
    assert ("Globex", OBTAINED) not in stances(text)


@pytest.mark.parametrize(
    "text",
    [
        "Acme asked for the injunction in November, shortly after filing suit.",
        "Acme sought the injunction weeks later.",
        "Acme moved for a preliminary injunction on Friday.",
    ],
)
def test_asking_for_a_remedy_that_stops_the_practice_condemns_it(text):
    """ "X sought the injunction": asking the court to stop the practice answers "yes" to
    whether it should be stopped, though no word of judgement is said."""
    assert stances(text)[("Acme", INJUNCTION)] == "supports"
