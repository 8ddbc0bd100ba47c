"""The broker is down: pages, the API and reviews still answer (no 500) and keep their data; work
queued once the broker is back gets done.

The first tests point Celery at a closed port on 127.0.0.1 (nothing is disrupted, so they run
everywhere). The last one stops the real Redis (`redis-cli shutdown nosave`) while a worker runs,
only under CI=true or TRACKER_FAULT_TESTS=1, and starts it again in a finally block.
"""

from __future__ import annotations

import subprocess

import pytest
from django.db import transaction

from tests import factories
from tests.support.services import (
    celery_call,
    feed_server,
    free_port,
    needs_disruption_flag,
    needs_postgres,
    needs_redis,
    port_open,
    rss_feed,
    wait_for,
)

REDIS_START = [
    "redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379",
    "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis",
    "--logfile", "/var/log/redis/ci.log",
]  # fmt: skip


def _broker(url: str, options: dict) -> None:
    from tracker.celery import app

    app.conf.broker_url = url
    app.conf.broker_transport_options = options
    app.conf.broker_connection_timeout = 2
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """Celery pointed at a loopback port where nothing listens, for this test only."""
    from tracker.celery import app

    saved = (app.conf.broker_url, dict(app.conf.broker_transport_options or {}))
    _broker(f"redis://127.0.0.1:{free_port()}/0", {"max_retries": 1})
    yield
    _broker(*saved)


@pytest.fixture
def site():
    link = factories.EvidenceFactory(
        link__article__text="Example text about distillation.", exact="Example"
    ).link
    case = factories.CaseFactory(slug="musk-v-openai")
    link.article.cases.add(case)
    event = factories.EventFactory(case=case)
    from tracker.review.roles import user_set_role

    analyst, _ = user_set_role(username="analyst-outage", role="analyst")
    return {"link": link, "case": case, "event": event, "analyst": analyst}


@pytest.mark.django_db(transaction=True)
def test_accepted_hook_does_not_raise_when_the_broker_is_down(broker_down, site):
    """The hook the review services call on acceptance queues after commit; a broker outage must
    not turn a committed review into an error for the reviewer."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    hooks = getattr(settings, "TRACKER_ON_ACCEPTED", [])
    if not hooks:
        pytest.skip("no TRACKER_ON_ACCEPTED hooks configured")
    from kombu.exceptions import OperationalError

    for dotted in hooks:
        try:
            with transaction.atomic():
                import_string(dotted)(kind="event", obj_id=site["event"].pk)
        except OperationalError as exc:
            # Known bug (reported): tracker/alerts/services.py accepted_enqueue (and
            # delivery_send's delay_on_commit) let the broker error escape from the on-commit
            # callback, so a review that committed answers 500. Fix: queue in an on-commit
            # callback that catches kombu's OperationalError and logs it (a periodic sweep then
            # picks up what was missed). Remove this xfail once fixed.
            pytest.xfail(f"{dotted} raised {type(exc).__name__}: {exc}")


@pytest.mark.django_db(transaction=True)
def test_pages_api_and_review_answer_when_the_broker_is_down(broker_down, site, client):
    link, case = site["link"], site["case"]
    for url in [
        "/",
        f"/cases/{case.slug}/",
        f"/cases/{case.slug}/positions/",
        f"/articles/{link.article_id}/",
        "/search/?q=distillation",
        f"/api/v1/articles/?case={case.slug}",
        f"/api/v1/events/?case={case.slug}",
    ]:
        response = client.get(url)
        assert response.status_code < 500, f"{url}: {response.status_code}"

    client.force_login(site["analyst"])
    response = client.post(
        f"/review/link/{link.pk}/review/", {"status": "accepted", "version": link.version}
    )
    assert response.status_code < 500, response.content[:500]
    link.refresh_from_db()
    assert link.status == "accepted"

    event = site["event"]
    response = client.patch(
        f"/api/v1/events/{event.pk}/", {"status": "rejected"}, content_type="application/json"
    )
    assert response.status_code < 500, response.content[:500]


@pytest.mark.services
@pytest.mark.disruptive
@pytest.mark.django_db(transaction=True)
def test_redis_down_then_back_pages_serve_and_queued_work_resumes(workers, site, client):
    needs_postgres()
    needs_redis()
    needs_disruption_flag("stopping Redis")
    pytest.importorskip("tracker.news.tasks", reason="the ingest helper's tasks are not merged")
    from tracker.news.models import Article, Feed

    worker = workers()
    try:
        subprocess.run(["redis-cli", "-h", "127.0.0.1", "shutdown", "nosave"], timeout=30)
        wait_for(lambda: not port_open(6379), timeout=30, what="Redis to stop")
        for url in ["/", f"/cases/{site['case'].slug}/", f"/articles/{site['link'].article_id}/"]:
            assert client.get(url).status_code < 500, url
        client.force_login(site["analyst"])
        link = site["link"]
        response = client.post(
            f"/review/link/{link.pk}/review/", {"status": "accepted", "version": link.version}
        )
        assert response.status_code < 500
    finally:
        if not port_open(6379):
            subprocess.run(REDIS_START, timeout=30)
        wait_for(lambda: port_open(6379), timeout=30, what="Redis to be back")

    xml, guids = rss_feed(n=20, prefix="redis-back")
    with feed_server(xml) as url:
        feed = Feed.objects.create(url=url, title="After the outage")
        celery_call(worker.env, "tracker.news.tasks.feed_fetch", feed.pk)
        wait_for(
            lambda: Article.objects.filter(feed=feed).count() == len(guids),
            timeout=120,
            what="the worker to take queued work again after Redis came back",
        )
