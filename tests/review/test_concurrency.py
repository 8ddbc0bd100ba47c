"""Two analysts racing on one item: one change wins, the other gets Conflict, nothing is lost."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection

from tests.factories import LinkFactory
from tests.review.conftest import make_user
from tracker.linking.models import Link
from tracker.review import services


@pytest.mark.django_db(transaction=True)
def test_two_analysts_at_once_one_wins_one_conflicts(case, parties, article):
    users = [make_user("ana", "analyst"), make_user("bob", "analyst")]
    link = LinkFactory(article=article, party=parties["openai"])
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def review(user, status: str) -> None:
        try:
            seen = Link.objects.get(pk=link.pk)  # both read version 1
            barrier.wait(timeout=10)
            for _ in range(100):
                try:
                    services.link_review(
                        link=seen, user=user, status=status, expected_version=seen.version
                    )
                    break
                except OperationalError as exc:
                    # SQLite's in-memory test database shares a cache across threads, whose
                    # table locks ignore busy_timeout; a file database (WAL, IMMEDIATE) waits
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.05)
            else:
                raise AssertionError("the database stayed locked")
            outcomes[user.username] = "saved"
        except services.Conflict as conflict:
            outcomes[user.username] = f"conflict:{conflict.current.status}"
        except Exception as exc:  # reported by the assertion below
            outcomes[user.username] = f"error:{exc!r}"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=review, args=(users[0], "accepted")),
        threading.Thread(target=review, args=(users[1], "rejected")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(v.split(":")[0] for v in outcomes.values()) == ["conflict", "saved"], outcomes
    winner = next(name for name, v in outcomes.items() if v == "saved")
    stored = Link.objects.get(pk=link.pk)
    assert stored.version == 2
    assert stored.reviewed_by.username == winner
    loser_saw = next(v for v in outcomes.values() if v.startswith("conflict"))
    assert loser_saw == f"conflict:{stored.status}"  # the loser is shown the winner's change
    assert stored.history.count() == 2  # created + the one change
