"""A side spoken for as a group ("the writers", "class counsel", "lawyers for the painters")
and fairness judged in reported speech: texts written for these tests."""

from __future__ import annotations

import pytest

from tracker.linking.matcher import Matcher, Pattern, Target
from tracker.linking.speakers import (
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
WRITERS = [(1, collective_pattern(NOUNS, "p"), (ROE, DOE), collective_words(NOUNS, "p"))]


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
    assert set(groups.values()) == {(ROE, DOE)}


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
