"""Celery tasks for alerts: thin, by id, calling the services."""

from __future__ import annotations

import random

from celery import shared_task

from . import services
from .models import Delivery


@shared_task(acks_late=True)
def alerts_on_accepted(*, kind: str, obj_id: int) -> int:
    """Match one accepted object against the subscriptions (idempotent: unique notifications)."""
    return len(services.notify_accepted(kind=kind, obj_id=obj_id))


def backoff(retries: int) -> int:
    """Seconds before retry number `retries` + 1: 30 s, 1 min, 2 min... up to an hour, jittered."""
    base = min(3600, 30 * 2**retries)
    return base + random.randint(0, base // 4)


@shared_task(bind=True, acks_late=True, max_retries=None)
def delivery_send(self, delivery_id: int) -> str | None:
    """One attempt; while the service says RETRYING, retry with exponential backoff."""
    delivery = services.delivery_attempt(delivery_id=delivery_id)
    if delivery is None:
        return None
    if delivery.status == Delivery.Status.RETRYING:
        raise self.retry(countdown=backoff(self.request.retries))
    return delivery.status


@shared_task
def digests_send(*, frequency: str) -> int:
    return len(services.digests_send(frequency=frequency))


@shared_task
def deliveries_requeue() -> int:
    """Beat: queue again deliveries left pending by a broker outage or lost retries."""
    return services.deliveries_requeue()
