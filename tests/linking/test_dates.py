"""Dates: absolute and relative, each with its precision and range; sentence splitting."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.linking.dates import dates_find, sentences

PUB = dt.date(2026, 5, 1)  # a Friday


def _one(text: str, published: dt.date | None = PUB):
    found = dates_find(text, published)
    assert len(found) == 1, found
    mention = found[0]
    return mention, text[mention.start : mention.end]


@pytest.mark.parametrize(
    ("text", "date", "precision", "quoted"),
    [
        ("He testified on April 30, 2026, in Oakland.", "2026-04-30", "day", "April 30, 2026"),
        ("Filed 30 April 2026 at noon.", "2026-04-30", "day", "30 April 2026"),
        ("Filed on 2026-04-30.", "2026-04-30", "day", "2026-04-30"),
        ("The deal closed in Sept. 2025 after talks.", "2025-09-01", "month", "Sept. 2025"),
        ("He left the board in 2018; later he sued.", "2018-01-01", "year", "2018"),
        ("It happened on April 29 in court.", "2026-04-29", "day", "April 29"),
        ("It happened on December 12 in court.", "2025-12-12", "day", "December 12"),
        ("He spoke yesterday.", "2026-04-30", "day", "yesterday"),
        ("Musk's February offer was a sham.", "2026-02-01", "month", "February"),
        ("The December hearing went badly.", "2025-12-01", "month", "December"),
        ("He spoke today.", "2026-05-01", "day", "today"),
        ("The filing came on Tuesday.", "2026-04-28", "day", "on Tuesday"),
        ("The filing came last month.", "2026-04-01", "month", "last month"),
        ("Sales rose this year.", "2026-01-01", "year", "this year"),
        ("The judge ruled three days ago.", "2026-04-28", "day", "three days ago"),
    ],
)
def test_dates(text, date, precision, quoted):
    mention, exact = _one(text)
    assert mention.date.isoformat() == date
    assert mention.precision == precision
    assert exact == quoted


def test_this_week_is_a_range_up_to_publication():
    mention, exact = _one("He told the court this week that it was fine.")
    assert exact == "this week"
    assert (mention.lo, mention.hi) == (dt.date(2026, 4, 27), PUB)


def test_relative_dates_need_a_publication_date():
    assert dates_find("He spoke yesterday and on Tuesday.", None) == []
    assert [d.precision for d in dates_find("On May 3, 2024 and yesterday.", None)] == ["day"]


def test_month_range_covers_the_month():
    mention, _ = _one("The trial opened in April 2026.")
    assert (mention.lo, mention.hi) == (dt.date(2026, 4, 1), dt.date(2026, 4, 30))


def test_no_false_dates():
    assert dates_find("It may matter. He won 2018 votes. Room 12 is open.", PUB) == []


def test_sentences_tolerate_missing_spaces_and_abbreviations():
    text = "Mr. Smith sued Acme Inc. in the U.S. court. He said “no.”She disagreed!Then\nA heading"
    parts = [text[s:e] for s, e in sentences(text)]
    assert parts == [
        "Mr. Smith sued Acme Inc. in the U.S. court.",
        "He said “no.”",
        "She disagreed!",
        "Then",
        "A heading",
    ]


def test_a_one_letter_name_ends_a_sentence_an_initial_does_not():
    """'Musk's X. In a filing': X is the company; 'J. Smith' is an initial and a surname."""
    text = "The suit targets Musk's X. In a filing, the scraper hit back. It cited J. Smith."
    parts = [text[s:e] for s, e in sentences(text)]
    assert parts == [
        "The suit targets Musk's X.",
        "In a filing, the scraper hit back.",
        "It cited J. Smith.",
    ]
    initials = "The memo went to J. Smith and then to the board."
    assert [initials[s:e] for s, e in sentences(initials)] == [initials]


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        # "last June" read in June is a year before; "last March" read in June, this year's
        ("The court agreed last June to hear the appeal.", dt.date(2026, 6, 11), "2025-06-01"),
        ("It settled last March.", dt.date(2026, 6, 11), "2026-03-01"),
        ("It settled last May.", dt.date(2026, 6, 11), "2026-05-01"),
        ("It settled in June.", dt.date(2026, 6, 11), "2026-06-01"),
    ],
)
def test_last_and_a_month_is_the_latest_such_month_before_this_one(text, published, date):
    (mention,) = dates_find(text, published)
    assert (mention.date.isoformat(), mention.precision) == (date, "month")


def test_that_and_a_month_is_in_the_year_of_the_date_told_before():
    text = "He ruled in February 2025 and sent the case up on appeal that April."
    ruled, sent = dates_find(text, dt.date(2026, 6, 12))
    assert (ruled.date, sent.date) == (dt.date(2025, 2, 1), dt.date(2025, 4, 1))
    # the first such month after the date told: "November 2024 ... that February" is 2025
    late = dates_find("He ruled in November 2024 and stayed it that February.", PUB)
    assert late[1].date == dt.date(2025, 2, 1)
    # without a date told before, the month is the latest before publication, as any month
    (alone,) = dates_find("He sent the case up that April.", dt.date(2026, 6, 12))
    assert alone.date == dt.date(2026, 4, 1)
