"""An article whose news is a case's event just reported covers the case, wherever it tells the
event (routing.routes_covering, analysis._news): texts and events written for these tests."""

from __future__ import annotations

import datetime as dt

from tracker.linking.analysis import NEWS_DAYS, _news
from tracker.linking.events import EventInfo
from tracker.linking.routing import NO_PARTY, Route, routes_covering

DAY = dt.date(2026, 5, 2)


def _event(date: dt.date, precision: str = "day", event_id: int | None = 1) -> EventInfo:
    return EventInfo(
        id=event_id, case_id=1, date=date, precision=precision, title="Roe testifies", status=""
    )


def _found(*events: EventInfo) -> list:
    return [(e, 0.5, (0, 4)) for e in events]


def test_an_event_of_the_days_before_is_the_articles_news():
    assert _news(_found(_event(DAY - dt.timedelta(days=2))), DAY)
    assert _news(_found(_event(DAY)), DAY)
    assert _news(_found(_event(DAY - dt.timedelta(days=NEWS_DAYS))), DAY)


def test_an_old_event_a_vague_one_a_later_one_or_no_day_is_not():
    assert not _news(_found(_event(DAY - dt.timedelta(days=NEWS_DAYS + 1))), DAY)
    assert not _news(_found(_event(dt.date(2026, 4, 1), precision="month")), DAY)
    assert not _news(_found(_event(DAY + dt.timedelta(days=1))), DAY)
    assert not _news(_found(_event(DAY, event_id=None)), DAY)  # a suggestion, not a known event
    assert not _news(_found(_event(DAY)), None)
    assert not _news([], DAY)


def _told_once_in_paragraph(paragraph: int, *, news: bool) -> Route:
    return Route(case_id=1, paragraphs={paragraph: {NO_PARTY}}, news=news)


def test_news_told_in_one_later_paragraph_covers_the_case():
    # "Google calls distillation theft", the testimony two days before told in paragraph 2
    assert routes_covering([_told_once_in_paragraph(1, news=True)])
    # the same paragraph recalling an old event is a mention in passing
    assert not routes_covering([_told_once_in_paragraph(1, news=False)])
    # in the lead it covers the case as before
    assert routes_covering([_told_once_in_paragraph(0, news=False)])
