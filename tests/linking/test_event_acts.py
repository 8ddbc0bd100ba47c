"""Acts a sentence reports besides its main verb, and acts told by a noun (issue 14).

The parties (Acme, Globex, Judge Ortiz) and every sentence are invented for these tests; each
test is one way outlets tell a development of a case without a verb of its own."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.linking.test_event_kinds import FILLER, MOTION, SUED, _event, reported
from tracker.linking.dates import dates_find, sentences
from tracker.linking.events import event_candidates, read
from tracker.linking.eventwords import stems, verbs

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


DISMISSED = _event(
    8, dt.date(2025, 10, 14), "Judge Ortiz dismisses Acme's trade secrets claims", "ruling"
)
SETTLED = _event(
    9, dt.date(2025, 11, 5), "Acme and Globex settle the trade secrets suit", "settlement"
)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Globex and Initech were hit with a lawsuit by Acme in March.", "filing"),
        ("Globex was slapped with a suit over the designs.", "filing"),
        ("Globex's dismissal bid argued the secrets were public.", "filing"),
        ("The remand motion is due in a week.", "filing"),
        ("The October dismissal of Acme's claims leaves it little.", "ruling"),
        ("Last month's order leaves Acme little.", "ruling"),
    ],
)
def test_acts_told_in_the_passive_or_by_a_noun_have_their_kind(sentence, kind):
    assert verbs(sentence)[0][0] == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "The newspaper's March opinion piece argued the suit had merit.",
        "Acme's June order of 5,000 chips from Globex was delayed.",
        "Last week's opinion column on Globex drew letters.",
        "Last year's decision by the board to restructure the company angered Acme.",
        "Tuesday's decision by Globex's management to cut prices surprised Acme.",
        "The March decision of the shareholders to sell Initech upset Acme.",
    ],
)
def test_a_dated_column_or_order_of_goods_is_no_ruling(sentence):
    assert "ruling" not in [kind for kind, _, _ in verbs(sentence)]


def test_the_passive_and_the_noun_report_the_event():
    published = dt.date(2025, 12, 1)
    events = [SUED, MOTION, DISMISSED, SETTLED]
    told = {
        "Globex and Initech were hit with a lawsuit by Acme in March.": SUED.id,
        "Globex's dismissal bid argued the secrets were public.": MOTION.id,
        "The October dismissal of Acme's claims leaves it with little.": DISMISSED.id,
        "The November settlement ended the trade secrets fight.": SETTLED.id,
    }
    for sentence, event_id in told.items():
        assert reported(FILLER + sentence, published, events) == [event_id], sentence


def test_a_noun_of_another_month_or_no_act_reports_nothing():
    published = dt.date(2025, 12, 1)
    events = [SUED, DISMISSED]
    assert reported(FILLER + "The June dismissal of Acme's claims stung.", published, events) == []
    assert "sue" not in stems("Acme may file suit over the designs.")  # "may" is no date
    assert verbs("The dismissal of Acme's claims was expected.") == []


def test_an_undated_sentence_tells_the_articles_news_over_an_older_event_of_its_kind():
    """The lead says "the judge found" with one word of each ruling's title: the ruling of
    the days before the article is its news, not the one of two years before."""
    old = _event(
        10,
        dt.date(2023, 11, 20),
        "Judge Ortiz dismisses Acme's market and pricing claims as vague",
        "ruling",
    )
    new = _event(
        11,
        dt.date(2025, 6, 25),
        "Judge Ortiz grants Globex summary judgment on the market question",
        "ruling",
    )
    text = "Judge Ortiz found that Acme had not shown any harm to its market."
    assert reported(text, dt.date(2025, 6, 26), [old, new]) == [new.id]
    assert reported(text, dt.date(2025, 9, 26), [old, new]) != [new.id]  # not news by then


def test_a_development_of_another_case_is_no_new_event_of_this_one():
    """Initech is a party of another case the article names, not of Acme v. Globex."""
    text = (
        "Shares moved little. Analysts were unsurprised. "
        "The ruling follows one on May 12 in a similar case against Initech."
    )
    published = dt.date(2025, 6, 1)
    sents = read(text, list(sentences(text)), dates_find(text, published))
    initech = [text.index("Initech")]
    assert event_candidates(sents, published, 1, [], set(), initech) == []
    # the same sentence without the stranger is a candidate of this case
    assert [c.date for c in event_candidates(sents, published, 1, [], set())] == [
        dt.date(2025, 5, 12)
    ]


def test_a_party_of_another_case_in_an_aside_leaves_the_sentence_to_this_one():
    """ ", which also supplies Initech," is background about Globex: the motion is this case's."""
    text = (
        "Shares moved little. Analysts were unsurprised. "
        "Globex, which also supplies Initech, asked Judge Ortiz on May 12 to dismiss Acme's claims."
    )
    published = dt.date(2025, 6, 1)
    sents = read(text, list(sentences(text)), dates_find(text, published))
    own = [text.index("Globex"), text.index("Acme")]
    found = event_candidates(sents, published, 1, own, set(), [text.index("Initech")])
    assert [c.date for c in found] == [dt.date(2025, 5, 12)]
    # named outside the aside, the stranger still takes the sentence to its own case
    text = text.replace("which also supplies Initech", "which supplies chips") + (
        " Acme, which makes chips, sued Initech on May 20."
    )
    sents = read(text, list(sentences(text)), dates_find(text, published))
    found = event_candidates(
        sents, published, 1, [text.index("Globex")], set(), [text.index("Initech")]
    )
    assert [c.date for c in found] == [dt.date(2025, 5, 12)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Last year's decision by the court to dismiss the claims angered Acme.",
        "Tuesday's decision by Judge Roe let Acme's claims stand.",
    ],
)
def test_a_dated_decision_by_a_court_is_still_a_ruling(sentence):
    assert "ruling" in [kind for kind, _, _ in verbs(sentence)]


REFILED = _event(8, dt.date(2025, 10, 6), "Acme refiles in federal court in Ohio", "filing")
MOVED = _event(
    9, dt.date(2025, 10, 1), "Acme dismisses the state case to refile in federal court", "filing"
)


def test_a_refiling_is_an_act_of_its_own_by_its_own_party():
    assert REFILED.act == "refile" and REFILED.actor == stems("Acme")
    # another party suing in the same court is not the refiling, nor is a refiling the suit
    text = FILLER + "Initech sued Globex in federal court in Ohio over the same designs."
    assert reported(text, dt.date(2025, 12, 1), [REFILED]) == []
    text = FILLER + "Acme has refiled its case against Globex in federal court in Ohio."
    assert reported(text, dt.date(2025, 12, 1), [SUED, REFILED]) == [REFILED.id]


def test_a_title_whose_first_verb_is_of_another_kind_says_no_act_of_the_events_kind():
    """ "dismisses ... to refile" is a filing, but its first verb is a ruling's: the title does
    not say which filing act, so a refiling told with its withdrawal reports it."""
    assert MOVED.act is None
    text = FILLER + "Acme has refiled its suit in federal court, after withdrawing the state case."
    assert reported(text, dt.date(2025, 12, 1), [MOVED]) == [MOVED.id]


DENIED = _event(10, dt.date(2025, 6, 17), "Judge Ortiz denies Globex's motion to dismiss", "ruling")


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme's suit survived Globex's bid to have it thrown out in June.",
        "Since the judge's refusal in June to dismiss the case, Globex has hired new lawyers.",
    ],
)
def test_a_suit_surviving_a_bid_or_a_refusal_to_dismiss_is_the_denial(sentence):
    """Told in passing: the suit "survived" the motion, or the judge's "refusal" to dismiss."""
    assert reported(FILLER + sentence, dt.date(2025, 11, 3), [MOTION, DENIED]) == [DENIED.id]


def test_surviving_something_else_is_no_ruling():
    assert verbs("Globex survived the downturn in June.") == []
