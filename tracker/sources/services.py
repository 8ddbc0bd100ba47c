"""Writes for primary sources: attach a case to its docket, refresh it, and record how that went.

Every remote failure ends as a message on the source's state (last_error), shown on the case's
sources page; nothing stored is removed or rolled back by a failure (each page read is committed
as it comes, and the marks only move past what was stored).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tracker.cases.models import Case

from .courtlistener import Client, RemoteError, Throttled, docket_id_parse
from .dockets import RefreshReport, docket_sync
from .models import DocketSync

logger = logging.getLogger(__name__)
MAX_BACKOFF = dt.timedelta(hours=24)


class AttachError(ValueError):
    """The docket cannot be attached (bad id, or another case's docket)."""


def docket_attach(*, case: Case, url_or_id: str | int) -> DocketSync:
    """Attach `case` to a CourtListener docket (id or URL); the first refresh reads it all."""
    try:
        docket_id = docket_id_parse(url_or_id)
    except ValueError as exc:
        raise AttachError(str(exc)) from exc
    other = Case.objects.filter(courtlistener_docket=docket_id).exclude(pk=case.pk).first()
    if other is not None:
        raise AttachError(f"docket {docket_id} is already attached to {other.slug}")
    with transaction.atomic():
        if case.courtlistener_docket != docket_id:
            case.courtlistener_docket = docket_id
            case.save(update_fields=["courtlistener_docket", "updated_at"])
        sync, created = DocketSync.objects.get_or_create(
            case=case, defaults={"docket_id": docket_id}
        )
        if not created and sync.docket_id != docket_id:
            # Another docket: start over (its marks belong to the old one); entries stay.
            sync.docket_id, sync.entries_since, sync.parties_since = docket_id, None, None
            sync.next_try_at = None
            sync.save(update_fields=["docket_id", "entries_since", "parties_since", "next_try_at"])
    return sync


def docket_refresh(*, sync: DocketSync, client: Client | None = None) -> RefreshReport:
    """Read what changed on the docket since the last refresh; record success or the error.

    Raises nothing for a remote failure: the error is on `sync` (and in the log)."""
    client = client or Client()
    report = RefreshReport()
    now = timezone.now()
    DocketSync.objects.filter(pk=sync.pk).update(last_attempt_at=now)
    try:
        docket_sync(sync=sync, client=client, report=report)
    except RemoteError as exc:
        report.requests = client.requests
        _failed(sync=sync, error=exc, requests=client.requests)
        logger.warning("docket %s of %s: %s", sync.docket_id, sync.case.slug, exc)
        return report
    report.requests = client.requests
    DocketSync.objects.filter(pk=sync.pk).update(
        last_success_at=timezone.now(),
        last_error="",
        failures=0,
        next_try_at=None,
        requests_last=client.requests,
    )
    sync.refresh_from_db()
    return report


def _failed(*, sync: DocketSync, error: RemoteError, requests: int) -> None:
    now = timezone.now()
    failures = sync.failures + 1
    if isinstance(error, Throttled):
        wait = dt.timedelta(seconds=error.retry_after)
    else:
        wait = min(dt.timedelta(minutes=5) * 2 ** min(failures - 1, 10), MAX_BACKOFF)
    DocketSync.objects.filter(pk=sync.pk).update(
        last_error=str(error),
        last_error_at=now,
        failures=failures,
        next_try_at=now + wait,
        requests_last=requests,
    )
    sync.refresh_from_db()


def dockets_due(*, now: dt.datetime | None = None) -> list[int]:
    """Ids of the dockets to refresh now: never read, or read TRACKER_SOURCES_INTERVAL ago,
    and not waiting out a Retry-After or a backoff."""
    now = now or timezone.now()
    stale = now - dt.timedelta(seconds=settings.TRACKER_SOURCES_INTERVAL)
    never_or_stale = Q(last_success_at__isnull=True) | Q(last_success_at__lte=stale)
    return list(
        DocketSync.objects.filter(
            (Q(next_try_at__isnull=True) & never_or_stale) | Q(next_try_at__lte=now)
        )
        .order_by("last_attempt_at")
        .values_list("pk", flat=True)
    )
