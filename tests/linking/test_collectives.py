"""A side spoken for as a group ("the writers", "class counsel", "lawyers for the painters")
and fairness judged in reported speech: texts written for these tests."""

from __future__ import annotations

import pytest

from tracker.linking.matcher import Matcher, Pattern, Target
from tracker.linking.speakers import (
    Collective,
    Scene,
    collective_mentions,
    collective_pattern,
    collective_words,
    side_nouns,
)
from tracker.linking.stances import positions_find

ONE = frozenset({1})
ROE, DOE, VELLUM = 1, 2, 3  # two writers who sued, the company they sued
DEAL, COPIES = 10, 11
NAMES = {ROE: ["Jane Roe", "Roe"], DOE: ["John Doe", "Doe"], VELLUM: ["Vellum Labs", "Vellum"]}
KINDS = {ROE: "person", DOE: "person", VELLUM: "organization"}
MATCHER = Matcher(
    [
        Pattern(name, True, [Target("party", party, ONE, 0.7)])
        for party, names in NAMES.items()
        for name in names
    ]
    + [Pattern("settlement", False, [Target("issue", DEAL, ONE, 0.35)])]
    + [Pattern("scanned copies", False, [Target("issue", COPIES, ONE, 0.35)])]
)
BY_ID = {party: names[0] for party, names in NAMES.items()}
NOUNS = side_nouns("p", ["Poet; lead plaintiff.", "Essayist and writer; named plaintiff."])
WRITERS = [Collective(1, collective_pattern(NOUNS, "p"), (ROE, DOE), collective_words(NOUNS, "p"))]


def positions(text: str, collectives=WRITERS) -> dict[tuple[str, int], str]:
    mentions = MATCHER.find(text)
    parties = [m for m in mentions if m.kind == "party"]
    issues = [m for m in mentions if m.kind == "issue"]
    found = positions_find(text, parties, issues, KINDS, collectives=collectives)
    return {(BY_ID[f.party_id], f.issue_id): f.stance for f in found}


def test_side_nouns_come_from_the_descriptions():
    assert "writer" in NOUNS and "author" in NOUNS and "plaintiff" in NOUNS
    assert "photographer" not in NOUNS
    assert side_nouns("d", ["Maker of a reading app."]) == ("defendant",)


@pytest.mark.parametrize(
    "text",
    [
        "Vellum Labs agreed to a settlement. The writers said the settlement was fair to them.",
        "Vellum Labs agreed to a settlement. Class counsel called the settlement fair.",
        "Vellum Labs agreed to a settlement. Lawyers for the writers argued that the "
        "settlement was fair.",
        "Vellum Labs agreed to a settlement. The plaintiffs' lawyers said the settlement was fair.",
        "Vellum Labs agreed to a settlement. Ann Lee, a lawyer for the authors, said the "
        "settlement was fair.",
    ],
)
def test_a_collective_speaks_for_each_party_of_its_side(text):
    found = positions(text)
    assert found.get(("Jane Roe", DEAL)) == "supports"
    assert found.get(("John Doe", DEAL)) == "supports"
    assert ("Vellum Labs", DEAL) not in found


def test_a_collective_of_another_kind_speaks_for_no_one():
    text = "Vellum Labs agreed to a settlement. The photographers said the settlement was fair."
    assert positions(text) == {}


def test_without_collectives_a_group_is_no_speaker():
    text = "Vellum Labs agreed to a settlement. The writers said the settlement was fair."
    assert positions(text, collectives=None) == {}


def test_a_possessive_collective_is_not_a_speaker():
    text = "Vellum Labs said the writers' settlement was unfair to its investors."
    found = positions(text)
    assert ("Jane Roe", DEAL) not in found
    assert found.get(("Vellum Labs", DEAL)) == "opposes"


def test_a_named_party_keeps_its_own_mention():
    mentions = [m for m in MATCHER.find("Jane Roe and the writers said so.") if m.kind == "party"]
    merged, groups = collective_mentions("Jane Roe and the writers said so.", mentions, WRITERS)
    assert [m.target_id for m in merged][0] == ROE
    assert set(groups.values()) == {(ROE,)}  # the writer the text names


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Vellum Labs has said that its purpose made the scanned copies fair.", "supports"),
        ("Vellum Labs said the scanned copies were unfair.", "opposes"),
        ("Vellum Labs said the scanned copies deserved a fair trial.", None),
        ("Vellum Labs said the scanned copies were fair use.", "supports"),
    ],
)
def test_fair_in_reported_speech(text, want):
    assert positions(text, collectives=None).get(("Vellum Labs", COPIES)) == want


# Roe is the side's lead: the writers are Roe alone in a text that names neither writer
LED = [
    Collective(1, collective_pattern(NOUNS, "p"), (ROE, DOE), collective_words(NOUNS, "p"), (ROE,))
]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the writers the text names, not only the lead
        (
            "Jane Roe and John Doe sued Vellum Labs. The writers say the settlement is fair.",
            {ROE, DOE},
        ),
        # a co-plaintiff the text names alone: the lead it never names is not told to speak
        ("John Doe sued Vellum Labs. The writers say the settlement is fair.", {DOE}),
        ("The writers, including John Doe, say the settlement is fair.", {DOE}),
        # none named: the lead speaks for the side
        ("Vellum Labs was sued. The writers say the settlement is fair.", {ROE}),
    ],
)
def test_a_collective_speaks_for_the_parties_the_text_names(text, want):
    found = positions(text, collectives=LED)
    assert {p for p in (ROE, DOE) if found.get((BY_ID[p], DEAL)) == "supports"} == want


def speakers_of(text: str, issue: int = DEAL) -> set[str]:
    return {name for (name, found), _ in positions(text, collectives=LED).items() if found == issue}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # "they" and "their" stand for the group before an organisation named after it
        (
            "Jane Roe and John Doe lead the writers suing Vellum Labs. For the writers, the "
            "matter is simple. They say the settlement is fair.",
            {"Jane Roe", "John Doe"},
        ),
        (
            "The writers, including John Doe, sued Vellum Labs in May. Their lawyers told the "
            "court the settlement was fair.",
            {"John Doe"},
        ),
        # no group: "its lawyers" stays the company's
        (
            "John Doe sued Vellum Labs in May. Its lawyers told the court the settlement was fair.",
            {"Vellum Labs"},
        ),
        # "the company" is never a group of writers, nor one of them
        (
            "Vellum Labs won the first round. The writers, among them John Doe, lost it. The "
            "company said the settlement was fair.",
            {"Vellum Labs"},
        ),
    ],
)
def test_plural_pronouns_and_the_company(text, want):
    assert speakers_of(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("John Doe sued. Ann Lee, for the writers, said the settlement was fair.", {"John Doe"}),
        (
            "John Doe sued. Lee & Park LLP, which represents the writers, said the settlement "
            "was fair.",
            {"John Doe"},
        ),
        # near-miss: someone acting for the writers in another way does not speak for them
        (
            "John Doe sued. Judge Ann Lee, ruling for the writers, said the settlement was fair.",
            set(),
        ),
    ],
)
def test_a_person_named_for_the_group_speaks_for_it(text, want):
    assert speakers_of(text) == want


def test_the_person_named_for_the_group_speaks_for_it_again_by_surname():
    text = (
        "John Doe sued Vellum Labs. Ann Lee, for the writers, spoke first. Lee said the "
        "settlement was fair."
    )
    assert speakers_of(text) == {"John Doe"}


def test_a_phrase_belongs_to_the_side_the_text_names():
    pattern, words = collective_pattern(NOUNS, "p"), collective_words(NOUNS, "p")
    # two cases of writers: Roe leads one, Doe the other
    two = [Collective(1, pattern, (ROE,), words, (ROE,)), Collective(2, pattern, (DOE,), words)]
    text = "John Doe sued Vellum Labs. The writers say the settlement is fair."
    found = positions(text, collectives=two)
    assert ("John Doe", DEAL) in found and ("Jane Roe", DEAL) not in found
    unnamed = positions("Vellum Labs was sued. The writers say the settlement is fair.", two)
    assert ("Jane Roe", DEAL) in unnamed and ("John Doe", DEAL) not in unnamed


def test_their_stands_for_a_group_named_in_the_possessive():
    text = (
        "The writers' filings dwell on how Vellum Labs built its archive. Their lawyers told "
        "the court the settlement was fair."
    )
    assert speakers_of(text) == {"Jane Roe"}  # the lead: the text names no writer
    # near-miss: the group in the possessive is still no speaker of its own
    text = "The writers' settlement was fair, Vellum Labs said."
    assert speakers_of(text) == {"Vellum Labs"}


def test_the_company_is_not_the_person_a_sentence_before_stands_for():
    text = (
        "Vellum Labs won. The writers, among them John Doe, lost. He also said little. The "
        "company said the settlement was fair."
    )
    assert speakers_of(text) == {"Vellum Labs"}


@pytest.mark.parametrize(
    "text",
    [
        "Vellum Labs agreed to a settlement. The writers, led by Jane Roe, John Doe and Ann Poe, "
        "said the settlement was fair.",
        "Vellum Labs agreed to a settlement. The writers, among them Jane Roe, John Doe and two "
        "poets, said the settlement was fair.",
        "Vellum Labs agreed to a settlement. Jane Roe, John Doe and other writers said the "
        "settlement was fair.",
    ],
)
def test_a_side_with_its_members_listed_speaks_for_each(text):
    found = positions(text)
    assert found.get(("Jane Roe", DEAL)) == "supports"
    assert found.get(("John Doe", DEAL)) == "supports"


def test_parties_listed_as_objects_are_no_speakers():
    text = (
        "Vellum Labs, which sued Jane Roe, John Doe and two other writers last year, said the "
        "settlement was fair."
    )
    found = positions(text)
    assert ("Jane Roe", DEAL) not in found and ("John Doe", DEAL) not in found


def test_their_lawyer_named_speaks_for_the_side_later():
    text = (
        "Vellum Labs agreed to a settlement. The judge questioned the writers' side too. He told "
        "their lawyer, Ann Lee, that he had doubts. Lee said the settlement was fair."
    )
    found = positions(text)
    assert found.get(("Jane Roe", DEAL)) == "supports"
    assert found.get(("John Doe", DEAL)) == "supports"


@pytest.mark.timeout(20)  # a ceiling against the quadratic walk (minutes), not a speed
def test_a_long_list_of_members_is_walked_once():
    # each member used to be looked for among every mention of the text: a list of thousands
    # (a hostile or garbled page) took seconds, and a list five times as long minutes; the
    # list is the same either way
    members = ", ".join(["Jane Roe", "John Doe"] * 12_500)
    text = f"{members} and other writers said the settlement was fair."
    parties = [m for m in MATCHER.find(text) if m.kind == "party"]
    scene = Scene(text, parties, KINDS)
    assert scene.coordinated(parties[-1], 0, listed=True) == parties
