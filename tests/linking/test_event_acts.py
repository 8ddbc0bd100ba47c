"""Acts a sentence reports besides its main verb, and acts told by a noun (issue 14).

The parties (Acme, Globex, Judge Ortiz) and every sentence are invented for these tests; each
test is one way outlets tell a development of a case without a verb of its own."""

from __future__ import annotations

import datetime as dt

from tests.linking.test_event_kinds import FILLER, MOTION, SUED, _event, reported

AMENDED = _event(
    7,
    dt.date(2025, 8, 1),
    "Acme files an amended complaint",
    "filing",
    precision="month",
    keywords=("amended complaint", "amended its complaint"),
)
EVENTS = [SUED, MOTION, AMENDED]


def test_an_act_in_the_title_after_a_verb_that_says_none_is_the_events():
    assert AMENDED.act == "amend"  # "files" says no act; "amended" does
    assert SUED.act == "sue"


def test_a_sentence_reports_the_act_it_tells_besides_its_main_verb():
    """Globex's motion is the main act; Acme's amended complaint is told in the same sentence."""
    text = (
        "Globex has asked a federal judge to throw out Acme's amended complaint, saying the "
        "trade secrets were public."
    )
    assert AMENDED.id in reported(text, dt.date(2025, 9, 20), EVENTS)


def test_another_partys_motion_alone_is_no_amendment():
    assert reported("Globex asked a federal judge to throw out the suit.", None, [AMENDED]) == []
    text = FILLER + "Acme sued Globex in March, accusing it of taking trade secrets."
    assert reported(text, dt.date(2025, 9, 20), [AMENDED]) == []


def test_a_suit_told_by_its_noun_as_news_or_by_its_date_is_the_suing():
    assert reported(
        "Acme's new lawsuit against Globex rests on one email.", dt.date(2025, 3, 3)
    ) == [SUED.id]
    text = FILLER + "The case follows Acme's March lawsuit against Globex and two suppliers."
    assert SUED.id in reported(text, dt.date(2025, 6, 20))


def test_a_suit_named_without_news_or_date_is_not_the_suing():
    text = FILLER + "Acme's lawsuit names two suppliers as well."
    assert reported(text, dt.date(2025, 6, 20), [SUED]) == []
    # a suit of another month is another suit
    text = FILLER + "The case follows Acme's October lawsuit against Globex."
    assert reported(text, dt.date(2025, 12, 20), [SUED]) == []
