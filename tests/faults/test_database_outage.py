"""The database goes away in the middle of an ingest: the worker's task retries and the ingest
ends complete (every entry stored once).

Two ways: (1) the worker's connections to the test database are terminated (pg_terminate_backend:
touches only this test run's database, so it runs whenever PostgreSQL is configured);
(2) the PostgreSQL server itself is restarted (pg_ctlcluster), only under CI=true or
TRACKER_FAULT_TESTS=1, since that disrupts every other user of the server.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.support.services import (
    celery_call,
    feed_server,
    needs_disruption_flag,
    needs_postgres,
    rss_feed,
    wait_for,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ENTRIES = 1500


def _cluster() -> tuple[str, str]:
    versions = sorted(os.listdir("/etc/postgresql")) if Path("/etc/postgresql").is_dir() else []
    if not versions:
        pytest.skip("no Debian PostgreSQL cluster under /etc/postgresql to restart")
    return versions[-1], "main"


def _pg_ready() -> bool:
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], timeout=10).returncode == 0


def _count(feed_id: int) -> int:
    from tracker.news.models import Article

    try:
        return Article.objects.filter(feed_id=feed_id).count()
    except Exception:  # the server is restarting: reconnect next time
        connection.close()
        return -1


def _terminate_worker_connections() -> int:
    """End every other backend connected to this test database (the worker's)."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cur.fetchone()[0]


def _ingest_through(outage, workers) -> tuple[int, str]:
    """Start an ingest, cause `outage` once some articles are stored, wait for the rest."""
    pytest.importorskip("tracker.news.tasks", reason="the ingest helper's tasks are not merged")
    from tracker.news.models import Feed

    xml, _guids = rss_feed(n=ENTRIES, prefix=f"outage-{time.monotonic_ns()}", words=300)
    with feed_server(xml) as url:
        feed = Feed.objects.create(url=url, title="Outage feed")
        worker = workers()
        celery_call(worker.env, "tracker.news.tasks.feed_fetch", feed.pk)
        wait_for(
            lambda: _count(feed.pk) >= 25, timeout=120, interval=0.02, what="the first articles"
        )
        outage()
        at = _count(feed.pk)
        connection.close()
        done = lambda: _count(feed.pk) == ENTRIES or "raised" in worker.output()  # noqa: E731
        wait_for(done, timeout=300, interval=1, what="the ingest to end after the outage")
        time.sleep(2)
        return at, worker.output()


def _check(feed_count_at_outage: int, log: str) -> None:
    from tracker.news.models import Article

    stored = Article.objects.filter(source_key__startswith="feed:")
    identities = list(stored.values_list("identity", flat=True))
    assert len(identities) == len(set(identities))
    assert len(identities) == ENTRIES


def test_worker_connection_dropped_mid_ingest_recovers(workers):
    needs_postgres()
    at, log = _ingest_through(_terminate_worker_connections, workers)
    _check(at, log)


@pytest.mark.disruptive
def test_postgres_restarted_mid_ingest_recovers(workers):
    needs_postgres()
    needs_disruption_flag("restarting PostgreSQL")
    version, name = _cluster()

    def restart() -> None:
        connection.close()
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"],
            check=True,
            timeout=120,
        )

    try:
        at, log = _ingest_through(restart, workers)
    finally:
        if not _pg_ready():
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "start"],
                timeout=120,
            )
            wait_for(_pg_ready, timeout=60, what="PostgreSQL to be back")
        connection.close()
    _check(at, log)
