"""Signed webhook deliveries to a loopback receiver: verify, retry after a 500, disable."""

from __future__ import annotations

import json

import pytest

from tests.factories import EventFactory
from tracker.alerts import services, tasks
from tracker.alerts.models import Delivery, Endpoint, Notification
from tracker.alerts.webhook import signature_verify
from tracker.cases.models import ReviewStatus


def _verify(endpoint: Endpoint, received) -> bool:
    return signature_verify(
        secret=endpoint.secret,
        timestamp=received.headers["X-Tracker-Timestamp"],
        body=received.body,
        signature=received.headers["X-Tracker-Signature"],
    )


@pytest.fixture
def hooked(receiver, user, case):
    endpoint = services.endpoint_create(user=user, url=receiver.url)
    services.subscription_create(user=user, case=case, email=False, endpoint=endpoint)
    return endpoint


def test_accepted_event_is_delivered_signed(
    receiver, hooked, case, django_capture_on_commit_callbacks
):
    event = EventFactory(case=case, kind="ruling", title="Judge denies the motion to dismiss")
    with django_capture_on_commit_callbacks() as callbacks:
        notes = services.notify_accepted(kind="event", obj_id=event.pk)
    assert len(notes) == 1 and len(callbacks) == 1  # one delivery queued after commit
    delivery = Delivery.objects.get()
    result = tasks.delivery_send.apply(args=[delivery.pk])
    assert result.get() == Delivery.Status.SENT
    assert len(receiver.requests) == 1
    got = receiver.requests[0]
    assert _verify(hooked, got)
    assert not signature_verify(
        secret="wrong-secret",
        timestamp=got.headers["X-Tracker-Timestamp"],
        body=got.body,
        signature=got.headers["X-Tracker-Signature"],
    )
    payload = json.loads(got.body)
    assert payload["type"] == "notification"
    assert payload["items"][0]["data"]["title"] == "Judge denies the motion to dismiss"
    assert payload["items"][0]["data"]["kind"] == "ruling"
    assert got.headers["X-Tracker-Delivery"] == str(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.response_code, delivery.attempts) == ("sent", 200, 1)


def test_retry_after_500_then_delivered(receiver, hooked, case):
    receiver.answers = [500]
    event = EventFactory(case=case)
    services.notify_accepted(kind="event", obj_id=event.pk)
    delivery = Delivery.objects.get()
    tasks.delivery_send.apply(args=[delivery.pk])  # eager: the retry runs at once
    assert len(receiver.requests) == 2
    assert all(_verify(hooked, r) for r in receiver.requests)
    assert receiver.requests[0].body == receiver.requests[1].body
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("sent", 2, 200)
    hooked.refresh_from_db()
    assert hooked.consecutive_failures == 0 and hooked.active


def test_retry_is_scheduled_with_backoff(receiver, hooked, case, monkeypatch):
    receiver.answers = [503]
    event = EventFactory(case=case)
    services.notify_accepted(kind="event", obj_id=event.pk)
    delivery = Delivery.objects.get()
    services.delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "retrying" and delivery.response_code == 503
    assert delivery.error == "HTTP 503"
    first, later = tasks.backoff(0), tasks.backoff(4)
    assert 30 <= first < 40 and 480 <= later <= 600


def test_endpoint_disabled_after_consecutive_failures(receiver, hooked, case, settings):
    settings.TRACKER_ALERTS_MAX_FAILURES = 3
    settings.TRACKER_ALERTS_MAX_ATTEMPTS = 10
    receiver.answers = [500] * 20
    event = EventFactory(case=case)
    services.notify_accepted(kind="event", obj_id=event.pk)
    delivery = Delivery.objects.get()
    tasks.delivery_send.apply(args=[delivery.pk])
    assert len(receiver.requests) == 3  # stopped when the endpoint was disabled
    hooked.refresh_from_db()
    assert not hooked.active and hooked.disabled_at is not None
    assert hooked.consecutive_failures == 3 and hooked.last_error == "HTTP 500"
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempts == 3
    # nothing new is sent to a disabled endpoint
    other = EventFactory(case=case)
    services.notify_accepted(kind="event", obj_id=other.pk)
    assert Delivery.objects.count() == 1
    assert Notification.objects.count() == 2


def test_gives_up_after_max_attempts(receiver, hooked, case, settings):
    settings.TRACKER_ALERTS_MAX_ATTEMPTS = 2
    receiver.answers = [500, 500, 500]
    event = EventFactory(case=case)
    services.notify_accepted(kind="event", obj_id=event.pk)
    delivery = Delivery.objects.get()
    tasks.delivery_send.apply(args=[delivery.pk])
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, len(receiver.requests)) == ("failed", 2, 2)
    hooked.refresh_from_db()
    assert hooked.active and hooked.consecutive_failures == 2


def test_send_a_test_and_it_reenables(receiver, hooked, case):
    Endpoint.objects.filter(pk=hooked.pk).update(active=False, consecutive_failures=10)
    hooked.refresh_from_db()
    delivery = services.endpoint_test(endpoint=hooked)
    assert delivery.status == "sent" and delivery.kind == "test"
    assert json.loads(receiver.requests[0].body)["type"] == "test"
    assert _verify(hooked, receiver.requests[0])
    hooked.refresh_from_db()
    assert hooked.active and hooked.consecutive_failures == 0


def test_failed_test_is_one_attempt(receiver, hooked):
    receiver.answers = [404]
    delivery = services.endpoint_test(endpoint=hooked)
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("failed", 1, 404)


def test_rejected_event_notifies_nobody(hooked, case):
    event = EventFactory(case=case, status=ReviewStatus.REJECTED)
    assert services.notify_accepted(kind="event", obj_id=event.pk) == []
    assert services.notify_accepted(kind="event", obj_id=987654) == []
    assert not Delivery.objects.exists()
