"""Alerts: follow and unfollow, webhook endpoints, matching accepted things, deliveries, digests.

Entry points: `accepted_enqueue` (the hook in settings.TRACKER_ON_ACCEPTED that the review
services call after they accept something), the Celery tasks in tasks.py, and the pages.
One delivery attempt (e-mail or signed webhook) lives in sending.py.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tracker.cases.models import Case, Event

from .matching import KINDS, accepted_match
from .models import Delivery, Endpoint, Frequency, Notification, Subscription
from .sending import delivery_attempt
from .webhook import UnsafeURL, url_check

log = logging.getLogger(__name__)

TARGET_TYPES = tuple(Subscription.Target.values)


# --- following ------------------------------------------------------------------------------


def user_email_set(*, user, email: str) -> None:
    """Give the user the address alerts by e-mail are sent to (asked for when following)."""
    user.email = email.strip()
    user.full_clean(exclude=[f.name for f in user._meta.fields if f.name != "email"])
    user.save(update_fields=["email"])


def subscription_create(
    *,
    user,
    case: Case,
    target_type: str = "case",
    target=None,
    on_events: bool = True,
    on_evidence: bool = True,
    on_positions: bool = True,
    event_kinds: Iterable[str] = (),
    frequency: str = Frequency.IMMEDIATE,
    email: bool = True,
    endpoint: Endpoint | None = None,
) -> Subscription:
    """Follow the case or a party, claim, issue or clause in it; following it again updates."""
    if target_type not in TARGET_TYPES:
        raise ValidationError(f"target_type must be one of {', '.join(TARGET_TYPES)}")
    kinds = sorted(set(event_kinds))
    bad = [k for k in kinds if k not in Event.Kind.values]
    if bad:
        raise ValidationError(f"unknown event kind: {', '.join(bad)}")
    if frequency not in Frequency.values:
        raise ValidationError(f"frequency must be one of {', '.join(Frequency.values)}")
    if endpoint is not None and endpoint.user_id != user.pk:
        raise ValidationError("that webhook endpoint is not yours")
    if not email and endpoint is None:
        raise ValidationError("choose e-mail or a webhook endpoint (or both)")
    targets = {t: None for t in TARGET_TYPES if t != "case"}
    if target_type != "case":
        if target is None:
            raise ValidationError(f"a {target_type} to follow is required")
        _check_in_case(case, target_type, target)
        targets[target_type] = target
    values = {
        "on_events": on_events,
        "on_evidence": on_evidence,
        "on_positions": on_positions,
        "event_kinds": kinds,
        "frequency": frequency,
        "email": email,
        "endpoint": endpoint,
        "active": True,
    }
    sub, _ = Subscription.objects.update_or_create(
        user=user, case=case, target_type=target_type, **targets, defaults=values
    )
    return sub


def _check_in_case(case: Case, target_type: str, target) -> None:
    if target_type in {"claim", "issue"} and target.case_id != case.pk:
        raise ValidationError(f"that {target_type} is not in {case}")
    if target_type == "party" and not case.roles.filter(party=target).exists():
        raise ValidationError(f"{target} is not a party to {case}")
    if target_type == "clause" and not case.documents.filter(pk=target.document_id).exists():
        raise ValidationError(f"that clause's document is not part of {case}")


def subscription_delete(*, user, subscription_id: int) -> bool:
    deleted, _ = Subscription.objects.filter(user=user, pk=subscription_id).delete()
    return bool(deleted)


def endpoint_create(*, user, url: str) -> Endpoint:
    try:
        url_check(url)
    except UnsafeURL as exc:
        raise ValidationError(f"cannot send webhooks to {url}: {exc}") from exc
    endpoint, _ = Endpoint.objects.get_or_create(user=user, url=url)
    return endpoint


def endpoint_enable(*, endpoint: Endpoint) -> Endpoint:
    Endpoint.objects.filter(pk=endpoint.pk).update(
        active=True, consecutive_failures=0, disabled_at=None
    )
    endpoint.refresh_from_db()
    return endpoint


def endpoint_delete(*, user, endpoint_id: int) -> bool:
    deleted, _ = Endpoint.objects.filter(user=user, pk=endpoint_id).delete()
    return bool(deleted)


# --- accepted -> notifications -> deliveries ------------------------------------------------


def accepted_enqueue(*, kind: str, obj_id: int) -> None:
    """The TRACKER_ON_ACCEPTED hook: match in a task once the accepting transaction commits.

    A broker outage never turns the committed review into an error: the matching then runs
    here (database only), and its deliveries wait as pending for `deliveries_requeue`.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    transaction.on_commit(lambda: _queue_match(kind, obj_id))


def terms_changed_enqueue(*, change_id: int) -> None:
    """The TRACKER_ON_TERMS_CHANGED hook: a tracked terms document changed (sources)."""
    transaction.on_commit(lambda: _queue_match(Notification.Kind.TERMS, change_id))


def _queue_match(kind: str, obj_id: int) -> None:
    from . import tasks

    try:
        tasks.alerts_on_accepted.delay(kind=kind, obj_id=obj_id)
        return
    except Exception as exc:  # noqa: BLE001 - kombu/redis errors vary by transport
        log.warning("alerts: cannot queue matching of %s %s (%s); matching now", kind, obj_id, exc)
    try:
        notify_accepted(kind=kind, obj_id=obj_id)
    except Exception:
        log.exception("alerts: matching %s %s failed", kind, obj_id)


@transaction.atomic
def notify_accepted(*, kind: str, obj_id: int) -> list[Notification]:
    """Record a notification for each subscription that wants this accepted object.

    Immediate subscriptions get their deliveries created (and sent after commit); digest ones
    wait for `digests_send`. Running it twice adds nothing.
    """
    match = accepted_match(kind=kind, obj_id=obj_id)
    if match is None or not match.subscriptions:
        return []
    created: list[Notification] = []
    for sub in match.subscriptions:
        note, new = Notification.objects.get_or_create(
            subscription=sub,
            kind=match.kind,
            obj_id=match.obj_id,
            defaults={
                "title": match.title[:1000],
                "body": match.body,
                "url": match.url,
                "data": match.data,
            },
        )
        if new:
            created.append(note)
    immediate = [n for n in created if n.subscription.frequency == Frequency.IMMEDIATE]
    if immediate:
        deliveries_create(notifications=immediate, kind="immediate")
    return created


def deliveries_create(*, notifications: list[Notification], kind: str) -> list[Delivery]:
    """One delivery per user by e-mail and per endpoint, each carrying its notifications."""
    now = timezone.now()
    by_channel: dict[tuple, list[Notification]] = defaultdict(list)
    for note in notifications:
        sub = note.subscription
        if sub.email:
            by_channel[(sub.user, None)].append(note)
        if sub.endpoint is not None and sub.endpoint.active:
            by_channel[(sub.user, sub.endpoint)].append(note)
    deliveries = []
    for (user, endpoint), notes in by_channel.items():
        notes = list({n.pk: n for n in notes}.values())
        subject = _subject(kind, notes)
        delivery = Delivery.objects.create(
            user=user,
            channel=Delivery.Channel.WEBHOOK if endpoint else Delivery.Channel.EMAIL,
            endpoint=endpoint,
            kind=kind,
            subject=subject[:1000],
            payload={
                "type": "digest" if kind != "immediate" else "notification",
                "frequency": kind,
                "items": [_item(n) for n in notes],
            },
        )
        delivery.notifications.set(notes)
        deliveries.append(delivery)
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(sent_at=now)
    _enqueue(deliveries)
    return deliveries


def _item(note: Notification) -> dict:
    return {
        "kind": note.kind,
        "title": note.title,
        "body": note.body,
        "url": note.url,
        "subscription": note.subscription_id,
        "data": note.data,
    }


def _subject(kind: str, notes: list[Notification]) -> str:
    if kind == "immediate" and len(notes) == 1:
        return f"[tracker] {one_line(notes[0].title)}"
    label = {"immediate": "Updates", "daily": "Daily digest", "weekly": "Weekly digest"}
    return f"[tracker] {label.get(kind, kind)}: {len(notes)} new item{'s' * (len(notes) != 1)}"


def one_line(text: str) -> str:
    """A title fit for a mail header: line breaks and other controls become single spaces."""
    return " ".join("".join(" " if ch < " " or ch == "\x7f" else ch for ch in text).split())


def _enqueue(deliveries: list[Delivery]) -> None:
    ids = [d.pk for d in deliveries]
    if ids:
        transaction.on_commit(lambda: _queue_sends(ids))


def _queue_sends(ids: list[int]) -> int:
    """Queue sending; on a broker error leave the rest pending for `deliveries_requeue`."""
    from . import tasks

    for n, pk in enumerate(ids):
        try:
            tasks.delivery_send.delay(pk)
        except Exception as exc:  # noqa: BLE001 - kombu/redis errors vary by transport
            log.warning(
                "alerts: cannot queue %d deliveries (%s); they stay pending", len(ids) - n, exc
            )
            return n
    return len(ids)


def deliveries_requeue(*, pending_after: int = 300, retrying_after: int = 7200) -> int:
    """Queue again what a broker outage or a lost worker left behind: deliveries pending for
    `pending_after` seconds, or retrying with no attempt for `retrying_after` seconds."""
    now = timezone.now()
    stuck = Delivery.objects.filter(
        Q(status=Delivery.Status.PENDING, updated_at__lt=now - dt.timedelta(seconds=pending_after))
        | Q(
            status=Delivery.Status.RETRYING,
            updated_at__lt=now - dt.timedelta(seconds=retrying_after),
        )
    ).exclude(kind="test")
    ids = list(stuck.order_by("id").values_list("id", flat=True)[:1000])
    return _queue_sends(ids)


@transaction.atomic
def digests_send(*, frequency: str) -> list[Delivery]:
    """Gather the pending notifications of daily or weekly subscriptions into digests."""
    if frequency not in {Frequency.DAILY, Frequency.WEEKLY}:
        raise ValueError("digests are daily or weekly")
    pending = list(
        Notification.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            sent_at__isnull=True,
            subscription__frequency=frequency,
            subscription__active=True,
        )
        .select_related("subscription__user", "subscription__endpoint")
        .order_by("subscription__user_id", "created_at", "id")
    )
    if not pending:
        return []
    return deliveries_create(notifications=pending, kind=str(frequency))


def endpoint_test(*, endpoint: Endpoint) -> Delivery:
    """Send a test delivery now, once (even to a disabled endpoint: success enables it again)."""
    delivery = Delivery.objects.create(
        user=endpoint.user,
        channel=Delivery.Channel.WEBHOOK,
        endpoint=endpoint,
        kind="test",
        subject="[tracker] Test delivery",
        payload={"type": "test", "items": []},
    )
    result = delivery_attempt(delivery_id=delivery.pk)
    if result is not None and result.status == Delivery.Status.SENT and not endpoint.active:
        endpoint_enable(endpoint=endpoint)
    return result or delivery
