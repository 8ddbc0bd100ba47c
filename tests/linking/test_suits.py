"""Who sues whom (linking/suits.py) and whether an article covers a case (routing.py), read
from text alone: party mentions are made by hand, as the matcher would find them."""

from __future__ import annotations

import re

from tracker.linking import suits as suits_module
from tracker.linking.matcher import Mention
from tracker.linking.routing import case_route, legal_spans, routes_best
from tracker.linking.suits import Headline, lead_suit, suit_is_another, suits

# Two disputes sharing a defendant: Acme v. Globex (ids 1, 2) and Initech v. Globex (3, 2);
# Hooli (4) is a stakeholder of Acme's case, Umbrella (5) a party of neither, Judge Reyes (6)
# the judge of Initech's.
NAMES = {1: "Acme", 2: "Globex", 3: "Initech", 4: "Hooli", 5: "Umbrella", 6: "Judge Reyes"}
ACME = {1: {"p"}, 2: {"d"}}
INITECH = {3: {"p"}, 2: {"d"}}


def _mentions(text: str) -> list[Mention]:
    ids = {name: pid for pid, name in NAMES.items()}
    return [
        Mention("party", ids[m.group()], frozenset(), m.start(), m.end(), 0.7, True)
        for m in re.finditer("|".join(NAMES.values()), text)
    ]


def _told(text: str) -> list[tuple[str, str]]:
    return [(text[slice(*a)], text[slice(*b)]) for a, b in suits(text)]


def test_the_active_and_the_passive_name_the_same_suer():
    assert _told("Acme sued Globex on Monday.") == [("Acme", "Globex")]
    assert _told("Globex was sued by Acme on Monday.") == [("Acme", "Globex")]
    assert _told("Globex, which faces a copyright lawsuit from Acme and Initech, said") == [
        ("Acme and Initech", "Globex")
    ]
    assert _told("Globex already faces claims from Umbrella, Hooli and Acme.") == [
        ("Umbrella, Hooli and Acme.", "Globex")
    ]
    assert _told("Acme, which sued Globex and Initech last year, said") == [
        ("Acme", "Globex and Initech")
    ]


def test_a_suit_told_as_going_to_court_or_a_settlement_names_its_sides():
    assert _told("Acme takes Umbrella to court over its maps") == [("Acme", "Umbrella")]
    assert _told("Acme has taken the Umbrella Corporation to court.") == [
        ("Acme", "Umbrella Corporation")
    ]
    assert _told("Acme has settled its copyright lawsuit against Umbrella and") == [
        ("Acme", "Umbrella")
    ]
    # a possessive is how an article recalls other suits: no suit read from it
    assert _told("Acme's first suit against Globex accuses it of copying.") == []
    # no suit: a stage is taken, not a party to court
    assert _told("Acme takes the stage in Austin; Globex took Acme's offer.") == []


def test_a_suit_is_read_whatever_the_case_and_spacing_of_its_verb():
    assert _told("Acme has\talso   SUED Globex over maps") == [("Acme", "Globex")]
    assert _told("Acme TOOK the Umbrella Group to court over maps") == [("Acme", "Umbrella Group")]
    assert _told("Acme Is Taking Globex to court over maps") == [("Acme", "Globex")]


def test_a_text_without_every_word_of_a_suit_form_is_not_scanned_for_suits(monkeypatch):
    """The gate before the patterns (each runs over the whole text, on every article): a
    court, a filing or a ruling named with no one suing, taken or taking anyone to court."""

    class Unscanned:
        def finditer(self, text):
            raise AssertionError(f"scanned: {text!r}")

    monkeypatch.setattr(suits_module, "_SUIT", Unscanned())
    monkeypatch.setattr(suits_module, "_SUED_BY", Unscanned())
    assert _told("The court heard the filing; a ruling on the lawsuit is due by June.") == []


def test_a_side_suing_or_sued_by_someone_of_neither_side_is_another_suit():
    text = "Globex has taken the Defense Department to court over a contract."
    assert suit_is_another(text=text, parties=_mentions(text), sides=ACME)
    text = "Acme was sued by Umbrella, a shareholder, over its pay package."
    assert suit_is_another(text=text, parties=_mentions(text), sides=ACME)
    text = "Acme sued Globex again, and Globex has taken Umbrella to court."
    assert not suit_is_another(text=text, parties=_mentions(text), sides=ACME)


def test_a_pronoun_or_a_group_sues_no_one_by_name():
    assert _told("It has sued Globex together with Initech.") == []
    assert _told("Authors sued Globex. Globex was sued by authors.") == []


def _lead(text: str, title: str = "", sides=ACME, others=frozenset({4})) -> str | None:
    headline = Headline(text=title, parties=tuple(_mentions(title)))
    return lead_suit(
        text=text, parties=_mentions(text), headline=headline, sides=sides, others=others
    )


def test_the_headline_tells_whose_suit_the_article_is_about():
    body = "The complaint was filed on Friday.\nGlobex also faces claims from Acme."
    assert _lead(body, "Umbrella sues Globex over its robots") == "another"
    assert _lead(body, "Acme sues Globex over its robots") == "own"
    # a stakeholder of the case suing its defendant is the case's news
    assert _lead(body, "Hooli sues Globex over its robots") == "own"
    # a name the matcher does not know decides nothing
    assert _lead(body, "Wayne Enterprises sues Globex") is None
    assert _lead("Umbrella sued Globex on Friday.\nMore below.") == "another"
    # the lead's other suit is outweighed by the case's own in the headline
    assert _lead("Umbrella sued Globex on Friday.", "Acme sues Globex too") == "own"


def _route(text: str, sides=ACME, case_id: int = 1, title: str = ""):
    parties = _mentions(text)
    return case_route(
        case_id=case_id,
        sides=sides,
        names=NAMES,
        others=frozenset({4}) if sides is ACME else frozenset({6}),
        judges=frozenset() if sides is ACME else frozenset({6}),
        parties=parties,
        claims=[],
        titles=[],
        events=[],
        legal=legal_spans(text),
        text=text,
        headline=Headline(text=title, parties=tuple(_mentions(title))),
    )


PASSING = (
    "Globex released a new robot vacuum on Tuesday, its first in three years.\n"
    "Reviewers praised its battery and complained about its app.\n"
    "It arrives a week after Globex was sued by Acme, which told a judge the robot copies its "
    "patented brush."
)


def test_a_suit_named_in_passing_at_the_end_is_not_what_the_article_is_about():
    assert routes_best([r for r in [_route(PASSING)] if r]) == []


def test_the_same_suit_in_the_lead_or_the_headline_is():
    lead = "\n".join(reversed(PASSING.split("\n")))
    assert [r.case_id for r in routes_best([_route(lead)])] == [1]
    titled = _route(PASSING, title="Acme sues Globex over robot vacuum brush")
    assert [r.case_id for r in routes_best([titled])] == [1]


def test_another_suit_in_the_headline_files_nothing_under_the_case():
    text = (
        "Umbrella sued Globex in federal court on Friday over its robot's maps.\n"
        "Globex already faces claims from Acme, whose lawsuit is before a judge in Delaware."
    )
    assert _route(text, title="Umbrella sues Globex over robot maps") is None


def test_in_a_round_up_a_shared_plaintiff_covers_neither_case_alone():
    text = (
        "Here is where the robot lawsuits stand.\n"
        "Acme's suit against Globex, filed in May, is at an early stage.\n"
        "Initech's complaint against Globex is further along: Globex moved to dismiss it, and "
        "a judge will rule in June.\n"
        "Initech's lawyers say a trial could follow in the autumn if the judge refuses."
    )
    acme, initech = _route(text), _route(text, sides=INITECH, case_id=3)
    assert [r.case_id for r in routes_best([acme, initech])] == [3]


def test_a_party_with_lawyers_in_a_sales_headline_is_no_suit():
    text = "Acme's revenue rose 9% as law firms bought its research tools.\nShares rose 2%."
    assert _route(text, title="Acme's legal sales grow as lawyers pay up for AI tools") is None


def test_the_case_whose_judge_the_lead_names_outweighs_one_recalled_below():
    # The lead is Initech's judge ruling on Globex's trial; Acme's suit against Globex, both
    # sides named, is recalled further down as background.
    text = (
        "Judge Reyes refused on Monday to let Globex delay the trial, saying it had months to "
        "prepare.\n"
        "Globex had argued the schedule was unfair to its lawyers.\n"
        "The ruling follows Acme's lawsuit against Globex, which a judge sent to trial last "
        "year.\n"
        "Acme's lawyers said they would watch the case closely."
    )
    acme, initech = _route(text), _route(text, sides=INITECH, case_id=3)
    assert [r.case_id for r in routes_best([acme, initech])] == [3]
