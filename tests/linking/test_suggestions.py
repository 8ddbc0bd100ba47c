"""Suggested events: a candidate told again after another worker stored its suggestion."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ArticleFactory
from tests.linking.conftest import PUBLISHED
from tracker.cases.models import Event, Origin, ReviewStatus
from tracker.linking.analysis import Analysis
from tracker.linking.context import context_load
from tracker.linking.events import Candidate, stems
from tracker.linking.suggestions import events_suggest

pytestmark = pytest.mark.django_db

TITLE = "OpenAI filed a motion on March 3, 2026 to exclude Musk's expert"


def test_a_suggestion_stored_meanwhile_gets_the_report(demo_case):
    """The context was read before another worker stored the same suggestion: the report links
    to the stored event instead of making a second one."""
    article = ArticleFactory(text=TITLE + ".", published=PUBLISHED)
    context = context_load()
    stored = Event.objects.create(
        case=demo_case,
        date=dt.date(2026, 3, 3),
        precision="day",
        kind="filing",
        title=TITLE,
        status=ReviewStatus.SUGGESTED,
        origin=Origin.AUTO,
    )
    candidate = Candidate(
        demo_case.id, dt.date(2026, 3, 3), "day", "filing", TITLE, 0, len(TITLE), 0.4, stems("x")
    )
    analysis = Analysis(candidates=[candidate])
    events_suggest(articles=[article], analyses={article.id: analysis}, context=context)
    assert Event.objects.filter(case=demo_case, title=TITLE).count() == 1
    assert ("event", stored.id) in analysis.links
