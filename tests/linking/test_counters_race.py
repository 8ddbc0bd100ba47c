"""Two writers refreshing the memberships of articles of one case at once (PostgreSQL: SQLite's
writers take turns): the counters they keep end as a recount says, and neither fails."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from tests import factories as f
from tracker.linking.membership import memberships_refresh
from tracker.linking.models import (
    CaseOutlet,
    CaseStory,
    CaseWeek,
    CoverageVersion,
    Link,
    TargetType,
)
from tracker.linking.tallies import tallies_recount

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and concurrent writers: PostgreSQL"
    ),
]


def _told(n: int):
    """A case, an accepted event and `n` articles of one story and week linked to it, whose
    links were written in bulk (no signal): no membership is recorded yet."""
    case = f.CaseFactory()
    event = f.EventFactory(case=case, status="accepted", title="Hearing held")
    story = f.StoryFactory(title="One story")
    articles = [f.ArticleFactory(story=story, source=f"Outlet {k}") for k in range(n)]
    Link.objects.bulk_create(
        [
            Link(article=a, target_type=TargetType.EVENT, event=event, status="accepted")
            for a in articles
        ]
    )
    return case, event, story, articles


def _race(first: list[int], second: list[int]) -> list[BaseException]:
    """`first` refreshed in a transaction held open a moment while `second` is refreshed."""
    started, errors = threading.Event(), []

    def hold() -> None:
        try:
            with transaction.atomic():
                memberships_refresh(first)
                started.set()
                time.sleep(0.5)  # the other writer reaches the rows this one wrote
        except BaseException as exc:  # reported by the caller's assertion
            errors.append(exc)
        finally:
            started.set()
            connection.close()

    def follow() -> None:
        try:
            started.wait(10)
            memberships_refresh(second)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=hold), threading.Thread(target=follow)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


def test_two_writers_creating_one_case_counter_both_count():
    case, event, story, articles = _told(2)
    assert _race([articles[0].pk], [articles[1].pk]) == []
    assert CaseStory.objects.get(case=case, story=story).articles == 2
    assert sum(CaseWeek.objects.filter(case=case).values_list("articles", flat=True)) == 2
    assert CoverageVersion.objects.get(case=case).articles == 2
    assert CoverageVersion.objects.get(case=case).links == 2  # one accepted link each
    assert tallies_recount([event.pk]) == 0


def test_two_writers_refreshing_one_article_count_it_once():
    case, event, story, articles = _told(1)
    assert _race([articles[0].pk], [articles[0].pk]) == []
    assert CaseStory.objects.get(case=case, story=story).articles == 1
    assert sum(CaseWeek.objects.filter(case=case).values_list("articles", flat=True)) == 1
    assert CoverageVersion.objects.get(case=case).articles == 1
    assert CoverageVersion.objects.get(case=case).links == 1
    assert list(CaseOutlet.objects.filter(case=case).values_list("articles", flat=True)) == [1]
    assert tallies_recount([event.pk]) == 0
