"""English month and weekday names, their written forms and their conversion to numbers.

One definition for every reader of dates in text (news: a page's date line, furniture, the lead
of an article; linking: the event dates an article mentions). What counts as a date in each place
stays with its reader; this module knows only the words, the shared regex pieces and a wire's
dateline (`dateline_end`: its date is when the piece was written, which neither app reads as the
date of what it reports).
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

# Each month's written forms, shortest first, each a prefix of the next ("sep", "sept", ...).
_MONTH_FORMS = (
    ("jan", "january"),
    ("feb", "february"),
    ("mar", "march"),
    ("apr", "april"),
    ("may",),
    ("jun", "june"),
    ("jul", "july"),
    ("aug", "august"),
    ("sep", "sept", "september"),
    ("oct", "october"),
    ("nov", "november"),
    ("dec", "december"),
)
_WEEKDAY_FORMS = (
    ("mon", "monday"),
    ("tue", "tues", "tuesday"),
    ("wed", "wednesday"),
    ("thu", "thurs", "thursday"),
    ("fri", "friday"),
    ("sat", "saturday"),
    ("sun", "sunday"),
)

MONTHS = tuple(forms[-1] for forms in _MONTH_FORMS)  # "january" ... "december"
WEEKDAYS = tuple(forms[-1] for forms in _WEEKDAY_FORMS)  # "monday" (0) ... "sunday" (6)
# Every written form of a month, lower case, to its number: full name first, then abbreviations.
MONTH_NUMBERS = {
    form: number for number, forms in enumerate(_MONTH_FORMS, start=1) for form in reversed(forms)
}
YEAR = r"(?P<year>(?:19|20)\d\d)"  # a four-digit year of this century or the last


def _forms_pattern(forms: tuple[str, ...]) -> str:
    """One regex for forms that each extend the one before: ("sep", "sept", "september") ->
    "sep(?:t(?:ember)?)?"."""
    tail = ""
    for shorter, longer in reversed(list(pairwise(forms))):
        tail = f"(?:{longer[len(shorter) :]}{tail})?"
    return forms[0] + tail


def month_pattern(*, capitalised: bool = False) -> str:
    """An alternation of every month form, lower case ("jan(?:uary)?|...") or, for a reader
    that wants a capital, capitalised ("Jan(?:uary)?|...")."""
    alternatives = (_forms_pattern(forms) for forms in _MONTH_FORMS)
    return "|".join(a.capitalize() if capitalised else a for a in alternatives)


WEEKDAY_PATTERN = "|".join(_forms_pattern(forms) for forms in _WEEKDAY_FORMS)


def month_number(name: str) -> int:
    """The month a written form names, any case, a trailing full stop allowed ("Sept." -> 9).
    KeyError for a word that names no month."""
    return MONTH_NUMBERS[name.lower().rstrip(".")]


def day_or_none(year: int, month: int, day: int) -> dt.date | None:
    """The day, or None when the numbers name no day of the calendar (April 31)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# A wire's dateline opening its first paragraph: "OAKLAND, Calif. (AP) —", "SAN FRANCISCO, March 9
# (Lantern Wire) -". Its date is the day the piece was written, not the day of what it reports.
DATELINE_BODY = (
    r"(?:[A-Z][A-Z.'-]{2,}(?:\s+[A-Z][A-Z.'-]+)*|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=,[^()]{0,40}\())"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([A-Za-z .&-]{1,30}\))?\s*[-\u2013\u2014:]+\s+"
)
_DATELINE = re.compile("^" + DATELINE_BODY)


def dateline_end(sentence: str) -> int:
    """Length of a dateline opening the sentence ("OAKLAND, Calif. (AP) —"), else 0."""
    m = _DATELINE.match(sentence)
    return m.end() if m else 0
