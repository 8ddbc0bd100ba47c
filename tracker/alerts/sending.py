"""Sending one delivery: one attempt by e-mail or signed webhook, its outcome recorded, and the
endpoint's run of failures counted (disabled after TRACKER_ALERTS_MAX_FAILURES in a row)."""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Delivery, Endpoint
from .webhook import webhook_post

log = logging.getLogger(__name__)


def max_attempts() -> int:
    return int(getattr(settings, "TRACKER_ALERTS_MAX_ATTEMPTS", 6))


def max_failures() -> int:
    return int(getattr(settings, "TRACKER_ALERTS_MAX_FAILURES", 10))


def delivery_attempt(*, delivery_id: int) -> Delivery | None:
    """Try one delivery once; record the outcome. Status RETRYING means: try again later."""
    delivery = Delivery.objects.select_related("user", "endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in {Delivery.Status.SENT, Delivery.Status.FAILED}:
        return delivery
    endpoint = delivery.endpoint
    if delivery.channel == Delivery.Channel.WEBHOOK and (
        endpoint is None or (not endpoint.active and delivery.kind != "test")
    ):
        return _finish(delivery, ok=False, code=None, error="the endpoint is disabled or gone")
    if delivery.attempts >= max_attempts() and delivery.kind != "test":
        # Attempts were claimed but never finished (a worker killed mid-send): give up.
        error = f"gave up after {delivery.attempts} attempts: {delivery.error or 'no answer'}"
        return _finish(delivery, ok=False, code=None, error=error)
    # Claiming records that an attempt is under way, so a worker killed during it leaves a
    # retrying delivery with the reason instead of a pending one that looks untried.
    claimed = Delivery.objects.filter(
        pk=delivery.pk, attempts=delivery.attempts, status=delivery.status
    ).update(
        attempts=F("attempts") + 1,
        status=Delivery.Status.RETRYING,
        error=f"attempt {delivery.attempts + 1} did not finish",
        updated_at=timezone.now(),
    )
    if not claimed:  # another worker is on this attempt (a redelivered task): leave it
        return Delivery.objects.get(pk=delivery.pk)
    delivery.attempts += 1
    if delivery.channel == Delivery.Channel.EMAIL:
        ok, code, error = _send_email(delivery)
    else:
        ok, code, error = _send_webhook(delivery)
    final = ok or delivery.kind == "test" or delivery.attempts >= max_attempts()
    final = final or error.startswith("cannot ")
    if endpoint is not None:
        _count_endpoint(endpoint, ok=ok, error=error)
        endpoint.refresh_from_db()
        if not endpoint.active and delivery.kind != "test":
            final = True
    if final:
        return _finish(delivery, ok=ok, code=code, error=error)
    delivery.status = Delivery.Status.RETRYING
    delivery.response_code, delivery.error = code, error
    delivery.save(update_fields=["status", "response_code", "error", "updated_at"])
    return delivery


def _finish(delivery: Delivery, *, ok: bool, code: int | None, error: str) -> Delivery:
    delivery.status = Delivery.Status.SENT if ok else Delivery.Status.FAILED
    delivery.response_code, delivery.error = code, error
    delivery.delivered_at = timezone.now() if ok else None
    delivery.save(update_fields=["status", "response_code", "error", "delivered_at", "updated_at"])
    return delivery


def _count_endpoint(endpoint: Endpoint, *, ok: bool, error: str) -> None:
    if ok:
        Endpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=0, last_error="")
        return
    Endpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1, last_error=error[:1000]
    )
    Endpoint.objects.filter(
        pk=endpoint.pk, active=True, consecutive_failures__gte=max_failures()
    ).update(active=False, disabled_at=timezone.now())


def delivery_body(delivery: Delivery) -> bytes:
    payload = {"delivery": delivery.pk, "subject": delivery.subject, **delivery.payload}
    return json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()


def _send_webhook(delivery: Delivery) -> tuple[bool, int | None, str]:
    endpoint = delivery.endpoint
    result = webhook_post(
        url=endpoint.url,
        secret=endpoint.secret,
        body=delivery_body(delivery),
        headers={
            "X-Tracker-Delivery": str(delivery.pk),
            "X-Tracker-Event": str(delivery.payload.get("type", "notification")),
        },
    )
    error = f"cannot deliver: {result.error}" if result.permanent else result.error
    return result.ok, result.status, error


def _send_email(delivery: Delivery) -> tuple[bool, int | None, str]:
    address = delivery.user.email
    if not address:
        return False, None, "cannot send: the user has no e-mail address"
    context = {"delivery": delivery, "items": delivery.payload.get("items", [])}
    text = render_to_string("alerts/email.txt", context)
    try:
        subject = " ".join(delivery.subject.split())  # stored before titles were made one line
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
    except Exception as exc:  # noqa: BLE001 - any backend error is a failed attempt to retry
        log.warning("e-mail delivery %s failed: %s", delivery.pk, exc)
        return False, None, f"{type(exc).__name__}: {exc}"[:1000]
    return True, None, ""
