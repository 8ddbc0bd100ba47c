"""Kinds of event reporting that must generalise to disputes the linker never saw.

The parties (Acme, Globex, Initech, Judge Ortiz) and every sentence are invented for these tests;
each test is one way outlets tell (or seem to tell) a development of a case."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.linking.dates import dates_find, sentences
from tracker.linking.events import (
    EventInfo,
    event_candidates,
    events_reported,
    keyword_stems,
    read,
    stems,
)
from tracker.linking.eventwords import future_at, verb_act, verbs

NAMES = stems("Acme Acme Corp Globex Globex Inc Initech Judge Ortiz Ortiz")


def _event(
    event_id: int,
    day: dt.date,
    title: str,
    kind: str,
    *,
    precision: str = "day",
    keywords: tuple[str, ...] = (),
) -> EventInfo:
    return EventInfo(
        event_id,
        1,
        day,
        precision,
        title,
        "accepted",
        stems(title),
        kind,
        tuple(keyword_stems(k) for k in keywords),
        NAMES,
    )


SUED = _event(1, dt.date(2025, 3, 3), "Acme sues Globex over trade secrets", "filing")
MOTION = _event(2, dt.date(2025, 5, 5), "Globex moves to dismiss the trade secrets suit", "filing")
CLASS = _event(3, dt.date(2025, 7, 1), "Judge Ortiz certifies a class of Acme dealers", "ruling")
CLOSED = _event(
    4,
    dt.date(2021, 1, 1),
    "Globex announces it will shut down, blaming the lawsuit",
    "other",
    precision="month",
    keywords=("shut down", "ceased operations"),
)
APPEAL = _event(5, dt.date(2025, 9, 2), "Globex appeals the trade secrets ruling", "appeal")
VERDICT = _event(
    6, dt.date(2025, 6, 3), "Jury finds Globex liable for taking trade secrets", "verdict"
)
EVENTS = [SUED, MOTION, CLASS, CLOSED, APPEAL, VERDICT]
FILLER = "Shares moved little. Analysts were unsurprised. "  # the lead is past: no lead rule


def _read(text: str, published: dt.date | None):
    return read(text, list(sentences(text)), dates_find(text, published))


def reported(text: str, published: dt.date | None, events=EVENTS) -> list[int]:
    found, _ = events_reported(_read(text, published), published, events)
    return sorted(event.id for event, _, _ in found)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Globex moved to dismiss the case on Monday.", "filing"),
        ("Globex asked the judge to toss the suit.", "filing"),
        ("Globex's new lawsuit against Acme names three executives.", "filing"),
        ("Acme agreed to pay $40 million to end the case.", "settlement"),
        ("The dispute settled in 2022.", "settlement"),
        ("The judge granted preliminary approval to the deal.", "ruling"),
        ("Judge Ortiz approved Acme's $40 million settlement.", "ruling"),
        ("The judge issued a preliminary injunction against Globex.", "ruling"),
        ("The appeals court ruled for Globex.", "ruling"),
        ("The Court of Appeals upheld the verdict.", "ruling"),
        ("Jurors sided with Acme after two days.", "verdict"),
        ("Globex appealed.", "appeal"),
        ("Judge Ortiz's March 4 order left the dealers' claims intact.", "ruling"),
        ("Thursday's dismissal of the suit surprised Acme.", "ruling"),
    ],
)
def test_the_wording_outlets_use_tells_the_kind(sentence, kind):
    assert verbs(sentence)[0][0] == kind


def test_words_that_only_look_like_an_event_tell_none():
    assert verbs("The question looked settled in favor of scrapers.") == []
    assert verbs("Acme's decision to hire more engineers pleased investors.") == []
    assert verbs("Globex has said it wants the appeals court to weigh in.")[0][0] != "appeal"


@pytest.mark.parametrize(
    "sentence",
    [
        "Globex vowed to appeal the trade secrets ruling.",
        "Globex plans to ask the court to reconsider.",
        "Globex intends to appeal the trade secrets ruling.",
        "Globex could appeal the trade secrets ruling.",
    ],
)
def test_an_intention_is_not_the_act(sentence):
    assert future_at(sentence) is not None
    assert reported(FILLER + sentence, dt.date(2025, 9, 20)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Globex, which hoped to avoid a trial, settled with Acme on Friday.",
        "Dealers who say Globex should pay sued it on Monday.",
        "Globex, whose lawyers expect to win, appealed the ruling on Tuesday.",
    ],
)
def test_a_future_inside_a_who_or_which_clause_is_not_the_sentences(sentence):
    assert future_at(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Globex hoped to avoid a trial.",
        "Globex, which settled with Acme in May, will appeal the ruling.",
        "Globex, which hoped to avoid a trial, will appeal the ruling.",
    ],
)
def test_a_future_outside_the_clause_still_counts(sentence):
    assert future_at(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Globex refused to settle the case.",
        "Globex declined to settle with the dealers.",
        "Initech agreed to pay $10 billion for a stake in Globex.",
        "Globex reached a licensing deal with Initech.",
        "The board approved the deal with Initech.",
    ],
)
def test_deals_and_refusals_are_no_settlement_or_ruling(sentence):
    assert not {"settlement", "ruling"} & {kind for kind, _, _ in verbs(sentence)}


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Globex agreed to settle the trade secrets suit.", "settlement"),
        ("Globex reached a $5 million agreement with the dealers.", "settlement"),
        ("Judge Ortiz approved the deal with the dealers.", "ruling"),
        ("Judge Ortiz refused to dismiss the suit.", "ruling"),
    ],
)
def test_settlements_and_court_approvals_still_tell_their_kind(sentence, kind):
    assert verbs(sentence)[0][0] == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Globex filed a motion to dismiss the suit.",
        "Globex moved for summary judgment on the trade secrets claims.",
        "Globex petitioned the appeals court to stay the order.",
    ],
)
def test_asking_a_court_is_a_motion(sentence):
    assert ("filing", "motion") in [
        (kind, verb_act(kind, verb)) for kind, verb, _ in verbs(sentence)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Globex sought to buy Initech last year.",
        "Acme's lawsuit seeks to block the merger.",
        "Globex did not seek to dismiss the central claim.",
        "Globex is asking a federal judge to reverse the order.",
    ],
)
def test_seeking_or_asking_under_way_is_no_motion_made(sentence):
    assert not [v for v in verbs(sentence) if v[0] == "filing"]


def test_the_act_itself_is_reported():
    text = FILLER + "Globex appealed the trade secrets ruling."
    assert reported(text, dt.date(2025, 9, 20)) == [5]


def test_a_motion_in_the_suit_is_not_the_suit():
    assert verb_act(*verbs("Globex moved to dismiss Acme's suit")[0][:2]) == "motion"
    assert verb_act(*verbs("Acme sued Globex")[0][:2]) == "sue"
    published = dt.date(2025, 6, 1)
    assert reported(FILLER + "Globex moved to dismiss Acme's trade secrets suit.", published) == [2]
    assert reported(FILLER + "Acme sued Globex over its trade secrets.", published) == [1]


def test_the_same_act_by_another_party_is_not_the_event():
    text = FILLER + "Initech asked the court to dismiss the trade secrets suit against it."
    assert reported(text, dt.date(2025, 6, 1)) == []
    # Told in the passive, the party acted upon comes first: still the event.
    passive = FILLER + "Globex was sued by Acme over trade secrets."
    assert reported(passive, dt.date(2025, 6, 1)) == [1]


def test_the_party_in_an_opening_clause_is_who_acted():
    """ "When Acme sued Globex, ..." is Acme's suit, not another party's suit against Globex."""
    own = _event(
        7, dt.date(2025, 8, 1), "Initech files its own trade secrets suit against Globex", "filing"
    )
    text = FILLER + "When Acme sued Globex over trade secrets, it looked like a lone test case."
    assert reported(text, dt.date(2025, 9, 1), [SUED, own]) == [1]


def test_someones_word_with_a_keyword_in_passing_reports_nothing():
    sued = _event(1, SUED.date, SUED.title, "filing", keywords=("complaint",))
    published = dt.date(2025, 6, 1)
    passing = FILLER + "Globex says the drawings in the complaint were made by its own staff."
    assert reported(passing, published, [sued]) == []
    told = FILLER + "Globex says Acme sued it over trade secrets it never held."
    assert reported(told, published, [sued]) == [1]


def test_approving_a_settlement_is_not_certifying_the_class():
    text = "Judge Ortiz approved the deal with the Acme dealers at a hearing."
    assert verb_act(*verbs(text)[0][:2]) == "approve"
    assert reported(text, dt.date(2025, 7, 20)) == []
    assert reported("Judge Ortiz certified a class of Acme dealers.", dt.date(2025, 7, 20)) == [3]


def test_an_event_of_no_kind_is_told_by_its_own_phrase():
    """A company closing is told in many words: each is read as the event's keyword."""
    text = FILLER + "Globex, which went out of business, did not respond to requests for comment."
    assert reported(text, dt.date(2023, 2, 1)) == [4]
    assert reported(FILLER + "Globex's business grew last year.", dt.date(2023, 2, 1)) == []


def test_an_article_cannot_report_a_later_event():
    text = FILLER + "On June 3 the jury found Globex liable for taking trade secrets."
    assert reported(text, dt.date(2025, 6, 4)) == [6]
    assert reported(text, dt.date(2025, 5, 20)) == []


def test_a_month_without_a_year_is_never_well_after_the_article():
    (july,) = dates_find("In July the company sued.", dt.date(2026, 5, 1))
    assert (july.date, july.precision) == (dt.date(2025, 7, 1), "month")
    (may,) = dates_find("In May the company sued.", dt.date(2026, 5, 1))
    assert may.date == dt.date(2026, 5, 1)


@pytest.mark.parametrize(
    ("text", "published", "month"),
    [
        ("The trial begins in July.", dt.date(2026, 6, 10), dt.date(2026, 7, 1)),
        ("A hearing is set for October.", dt.date(2026, 9, 20), dt.date(2026, 10, 1)),
        ("Jury selection starts in August.", dt.date(2026, 7, 25), dt.date(2026, 8, 1)),
    ],
)
def test_next_month_is_this_years(text, published, month):
    # the month after the article's is the coming one (one month's grace, as for "July 4")
    (found,) = dates_find(text, published)
    assert found.date == month


@pytest.mark.parametrize("unit", ["week", "month", "year"])
def test_later_this_period_is_to_come(unit):
    published = dt.date(2026, 6, 10)
    text = f"The ruling is expected later this {unit}."
    (found,) = dates_find(text, published)
    assert found.hi > published  # not capped at the article's day
    assert future_at(text) is not None
    (earlier,) = dates_find(f"Earlier this {unit} Acme sued.", published)
    assert earlier.hi == published


def test_this_month_and_this_year_end_on_the_article_day():
    published = dt.date(2026, 5, 14)
    (month,) = dates_find("Earlier this month Acme sued.", published)
    (year,) = dates_find("This year Acme sued.", published)
    assert (month.lo, month.hi) == (dt.date(2026, 5, 1), published)
    assert (year.lo, year.hi) == (dt.date(2026, 1, 1), published)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The judge ruled late Tuesday.", dt.date(2026, 4, 28)),
        ("The judge ruled on Friday.", dt.date(2026, 5, 1)),  # the article's own day
        ("The judge ruled on Saturday.", dt.date(2026, 4, 25)),  # never after it
    ],
)
def test_a_weekday_is_the_latest_before_the_article(text, day):
    (found,) = dates_find(text, dt.date(2026, 5, 1))  # a Friday
    assert found.date == day


def test_a_year_opening_a_sentence_is_a_date():
    (found,) = dates_find("In 2023, Acme sued Globex.", None)
    assert (found.date, found.precision) == (dt.date(2023, 1, 1), "year")


def _candidates(text: str, published: dt.date):
    sents = _read(text, published)
    _, reporting = events_reported(sents, published, [])
    starts = [i for i in range(len(text)) if text.startswith(("Acme", "Globex"), i)]
    return event_candidates(sents, published, 1, starts, reporting)


def test_a_document_date_or_a_bound_does_not_date_a_new_event():
    published = dt.date(2025, 3, 21)  # a Friday
    text = "Citing a letter dated March 3, Acme filed a new complaint against Globex on Tuesday."
    (found,) = _candidates(text, published)
    assert found.date == dt.date(2025, 3, 18)
    cutoff = "Acme said Globex copied files it kept until January 2024."
    assert _candidates(cutoff, published) == []


def test_background_on_the_wider_fight_suggests_nothing():
    text = (
        "The case is one of dozens of lawsuits filed against technology companies since 2023. "
        "Acme was founded in 2011 and sued rivals twice in the 2010s."
    )
    assert _candidates(text, dt.date(2025, 3, 21)) == []
