"""A broker outage never fails the review that accepted something, and loses no alert."""

from __future__ import annotations

import pytest
from kombu.exceptions import OperationalError

from tests.factories import EventFactory
from tracker.alerts import services, tasks
from tracker.alerts.models import Delivery, Notification


def _down(*args, **kwargs):
    raise OperationalError("Error 111 connecting to 127.0.0.1:9. Connection refused.")


@pytest.fixture
def broker_down(monkeypatch):
    monkeypatch.setattr(tasks.alerts_on_accepted, "delay", _down)
    monkeypatch.setattr(tasks.delivery_send, "delay", _down)


def test_matching_runs_inline_and_deliveries_wait(
    broker_down, user, case, django_capture_on_commit_callbacks
):
    services.subscription_create(user=user, case=case)
    event = EventFactory(case=case)
    with django_capture_on_commit_callbacks(execute=True):
        services.accepted_enqueue(kind="event", obj_id=event.pk)  # does not raise
    assert Notification.objects.filter(obj_id=event.pk).count() == 1
    delivery = Delivery.objects.get()
    assert delivery.status == "pending"


def test_requeue_picks_up_pending_deliveries(user, case, monkeypatch):
    services.subscription_create(user=user, case=case)
    services.notify_accepted(kind="event", obj_id=EventFactory(case=case).pk)
    services.notify_accepted(kind="event", obj_id=EventFactory(case=case).pk)
    queued = []
    monkeypatch.setattr(tasks.delivery_send, "delay", lambda pk: queued.append(pk))
    assert services.deliveries_requeue() == 0  # too recent: the first queueing may still run
    ids = sorted(Delivery.objects.values_list("pk", flat=True))
    assert services.deliveries_requeue(pending_after=-1) == 2 and sorted(queued) == ids
    Delivery.objects.filter(pk=ids[0]).update(status="sent")
    queued.clear()
    assert services.deliveries_requeue(pending_after=-1) == 1 and queued == [ids[1]]
    monkeypatch.setattr(tasks.delivery_send, "delay", _down)
    assert services.deliveries_requeue(pending_after=-1) == 0  # broker still down: no error
