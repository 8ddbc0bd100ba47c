"""One side of a case told in words of a suit belongs to the case at the case's own moment
(routing._timely, analysis._on_trial): while its trial is under way, in a trial's words, or when
the article reports its news. Any other time, the same words are that party's other dispute.
The case, its events and every text are invented for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ArticleFactory
from tracker.cases.casefile import case_load
from tracker.linking.analysis import TRIAL_BEFORE, TRIAL_DAYS, _on_trial
from tracker.linking.events import EventInfo
from tracker.linking.models import Link
from tracker.linking.services import articles_link

VANCE = {
    "slug": "vance-v-corvid",
    "title": "Vance v. Corvid Systems",
    "parties": [
        {"name": "Ada Vance", "kind": "person", "role": "plaintiff", "aliases": ["Vance"]},
        {
            "name": "Corvid Systems",
            "kind": "organization",
            "role": "defendant",
            "aliases": ["Corvid"],
        },
    ],
    "claims": [
        {
            "slug": "founding-promise",
            "title": "Breach of the founding agreement",
            "by": ["Ada Vance"],
            "against": ["Corvid Systems"],
            "keywords": ["founding agreement"],
        }
    ],
    "events": [
        {
            "date": "2025-02-03",
            "precision": "day",
            "kind": "filing",
            "title": "Vance withdraws the county-court suit",
        },
        {
            "date": "2026-03-10",
            "precision": "day",
            "kind": "hearing",
            "title": "Jury trial opens in Fresno with opening statements",
        },
        {
            "date": "2026-03-12",
            "precision": "day",
            "kind": "testimony",
            "title": "Vance testifies about the founding agreement",
        },
    ],
}
TRIAL = dt.date(2026, 3, 10)


@pytest.fixture
def vance(db):
    case_load(data=dict(VANCE))


def _filed(text: str, day: dt.date) -> list[str]:
    published = dt.datetime.combine(day, dt.time(15), tzinfo=dt.UTC)
    article = ArticleFactory(text=text, published=published)
    articles_link([article.id])
    links = Link.objects.filter(article=article, target_type="case").select_related("case")
    return [link.case.slug for link in links]


JURY = "Corvid's lawyers told the jury on Wednesday that no one had ever promised her a stake."
SELECTION = "Jury selection started on Monday in Ada Vance's lawsuit, and jurors were questioned."


def test_one_side_in_a_trials_words_while_the_case_is_on_trial_is_the_case(vance):
    assert _filed(JURY, TRIAL + dt.timedelta(days=8)) == ["vance-v-corvid"]
    # jury selection comes in the days before the first day of trial the case file knows
    assert _filed(SELECTION, TRIAL - dt.timedelta(days=1)) == ["vance-v-corvid"]


def test_the_same_words_outside_the_trial_are_another_dispute(vance):
    assert _filed(JURY, TRIAL + dt.timedelta(days=120)) == []
    assert _filed(SELECTION, TRIAL - dt.timedelta(days=60)) == []


def test_words_of_a_suit_but_not_of_a_trial_during_the_trial_are_another_dispute(vance):
    text = "A judge ruled on Tuesday that Corvid must pay a supplier it had stiffed for months."
    assert _filed(text, TRIAL + dt.timedelta(days=8)) == []


def test_one_side_reporting_the_cases_news_is_the_case(vance):
    text = "Ada Vance withdrew her county-court suit on Monday, her lawyer said."
    assert _filed(text, dt.date(2025, 2, 4)) == ["vance-v-corvid"]
    # a withdrawal months later is not the case's event: another suit of hers
    assert _filed(text, dt.date(2025, 9, 10)) == []


def _trial_day(kind: str, title: str) -> EventInfo:
    return EventInfo(
        id=1, case_id=1, date=TRIAL, precision="day", title=title, status="", kind=kind
    )


def test_a_case_is_on_trial_around_its_days_of_trial_only():
    opening = [_trial_day("hearing", "Jury trial opens with opening statements")]
    assert _on_trial(opening, TRIAL - dt.timedelta(days=TRIAL_BEFORE))
    assert _on_trial(opening, TRIAL + dt.timedelta(days=TRIAL_DAYS))
    assert not _on_trial(opening, TRIAL + dt.timedelta(days=TRIAL_DAYS + 1))
    assert not _on_trial(opening, TRIAL - dt.timedelta(days=TRIAL_BEFORE + 1))
    assert not _on_trial(opening, None)
    # a hearing on a motion is no trial; testimony is
    assert not _on_trial([_trial_day("hearing", "Judge hears the motion to dismiss")], TRIAL)
    assert _on_trial([_trial_day("testimony", "Vance testifies")], TRIAL)
