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


def _words(alternation: str, text: str) -> list[str]:
    return [m.group() for m in re.finditer(rf"\b(?:{alternation})\b", text)]


def test_month_pattern_matches_whole_forms_only():
    found = _words(month_pattern(), "sep sept september septem june jun")
    assert found == ["sep", "sept", "september", "june", "jun"]
    assert _words(month_pattern(capitalised=True), "you may march in March") == ["March"]


def test_weekday_pattern_and_year():
    assert _words(WEEKDAY_PATTERN, "tue tues tuesday thurs thur") == [
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
