"""tracker.core.dates: month and weekday words, their regex pieces and their numbers."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tracker.core.dates import (
    MONTH_NUMBERS,
    MONTHS,
    WEEKDAY_PATTERN,
    WEEKDAYS,
    YEAR,
    day_or_none,
    month_number,
    month_pattern,
)


@pytest.mark.parametrize(
    ("word", "number"),
    [
        ("January", 1),
        ("jan.", 1),
        ("MAY", 5),
        ("Sept.", 9),
        ("sep", 9),
        ("september", 9),
        ("Dec", 12),
    ],
)
def test_month_number_reads_every_form_in_any_case(word, number):
    assert month_number(word) == number


def test_month_number_refuses_a_word_that_names_no_month():
    with pytest.raises(KeyError):
        month_number("Mayor")


def test_every_full_name_is_its_own_month():
    assert [MONTH_NUMBERS[name] for name in MONTHS] == list(range(1, 13))
    assert WEEKDAYS.index("thursday") == dt.date(2026, 4, 30).weekday()


def test_month_pattern_matches_whole_forms_only():
    lower = re.compile(rf"\b(?:{month_pattern()})\b")
    assert [m.group() for m in lower.finditer("sep sept september june jun")] == [
        "sep",
        "sept",
        "september",
        "june",
        "jun",
    ]
    assert lower.search("septem") is None
    capital = re.compile(rf"\b(?:{month_pattern(capitalised=True)})\b")
    assert capital.search("you may march") is None
    assert capital.search("in March") is not None


def test_weekday_pattern_and_year():
    days = re.compile(rf"\b(?:{WEEKDAY_PATTERN})\b")
    assert [m.group() for m in days.finditer("tue tues tuesday thurs thur")] == [
        "tue",
        "tues",
        "tuesday",
        "thurs",
    ]
    assert re.fullmatch(YEAR, "2026")["year"] == "2026"
    assert re.fullmatch(YEAR, "2126") is None


def test_day_or_none_refuses_a_day_the_calendar_lacks():
    assert day_or_none(2026, 4, 30) == dt.date(2026, 4, 30)
    assert day_or_none(2026, 4, 31) is None
    assert day_or_none(2025, 2, 29) is None
