"""Writes for primary sources: attach a case to its docket and refresh it; fetch tracked terms
documents; record how each try went.

Every remote failure ends as a message on the source's state (last_error), shown on the case's
sources page; nothing stored is removed or rolled back by a failure (each page read is committed
as it comes, and the marks only move past what was stored).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tracker.cases.models import Case, Document
from tracker.core.fetch import FetchError, url_fetch
from tracker.core.hooks import hooks_call

from .courtlistener import Client, RemoteError, Throttled, docket_id_parse
from .dockets import RefreshReport, docket_sync
from .models import DocketSync, DocumentChange, DocumentTrack
from .terms import document_apply, text_hash
from .terms_text import NotTerms, document_parse

logger = logging.getLogger(__name__)
MAX_BACKOFF = dt.timedelta(hours=24)
TERMS_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"


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


# --- tracked terms documents ----------------------------------------------------------------


def document_track_sync(*, document: Document) -> DocumentTrack | None:
    """Start (or keep) tracking a document whose `track` is on; None when it is off."""
    if not document.track or not document.url:
        return None
    track, _ = DocumentTrack.objects.get_or_create(document=document)
    return track


def document_refresh(*, track: DocumentTrack, now: dt.datetime | None = None) -> dict:
    """Fetch the document (conditionally), compare its clauses, record success or the error.

    Raises nothing for a remote failure or a page that is not terms: the error is on `track`."""
    now = now or timezone.now()
    document = track.document
    DocumentTrack.objects.filter(pk=track.pk).update(last_attempt_at=now)
    try:
        result = url_fetch(
            url=document.url,
            etag=track.etag,
            last_modified=track.last_modified,
            accept=TERMS_ACCEPT,
        )
        change = None
        if not result.not_modified:
            parsed = document_parse(
                body=result.body, content_type=result.content_type, url=document.url
            )
            if text_hash(parsed) != track.text_hash:
                change = document_apply(track=track, parsed=parsed, now=now)
    except (FetchError, NotTerms) as exc:
        _track_failed(track=track, error=str(exc), now=now)
        logger.warning("tracked document %s: %s", document.slug, exc)
        return {"document": document.slug, "error": str(exc)}
    DocumentTrack.objects.filter(pk=track.pk).update(
        etag=result.etag,
        last_modified=result.last_modified,
        last_success_at=now,
        last_error="",
        failures=0,
        next_try_at=None,
        requests_last=1 + len(result.redirects),
    )
    track.refresh_from_db()
    if change is not None and not change.baseline:
        _terms_changed(change_id=change.pk)
    return {
        "document": document.slug,
        "not_modified": result.not_modified,
        "change": change.pk if change else None,
        "ops": len(change.ops) if change else 0,
    }


def document_read_file(*, track: DocumentTrack, path: Path, seen: dt.datetime) -> dict:
    """Read a saved copy of the document as if fetched at `seen` (the demo's recordings, or a
    page saved by hand). A copy older than the last read is skipped: reading a recording again
    changes nothing."""
    document = track.document
    if DocumentChange.objects.filter(document=document, seen_at__gte=seen).exists():
        return {"document": document.slug, "skipped": "older than the last read"}
    content_type = "text/plain" if path.suffix == ".txt" else "text/html; charset=utf-8"
    try:
        parsed = document_parse(body=path.read_bytes(), content_type=content_type, url=str(path))
    except NotTerms as exc:
        _track_failed(track=track, error=str(exc), now=seen)
        return {"document": document.slug, "error": str(exc)}
    change = None
    if text_hash(parsed) != track.text_hash:
        change = document_apply(track=track, parsed=parsed, now=seen)
    DocumentTrack.objects.filter(pk=track.pk).update(
        last_attempt_at=timezone.now(), last_success_at=timezone.now(), last_error="", failures=0
    )
    track.refresh_from_db()
    return {"document": document.slug, "change": change.pk if change else None}


def _track_failed(*, track: DocumentTrack, error: str, now: dt.datetime) -> None:
    failures = track.failures + 1
    wait = min(dt.timedelta(minutes=5) * 2 ** min(failures - 1, 10), MAX_BACKOFF)
    DocumentTrack.objects.filter(pk=track.pk).update(
        last_error=error, last_error_at=now, failures=failures, next_try_at=now + wait
    )
    track.refresh_from_db()


def _terms_changed(*, change_id: int) -> None:
    """The TRACKER_ON_TERMS_CHANGED hooks (alerts), after commit; one that fails is logged."""
    hooks_call("TRACKER_ON_TERMS_CHANGED", change_id=change_id)  # alerts can be sent again


def documents_due(*, now: dt.datetime | None = None) -> list[int]:
    """Ids of the tracked documents to fetch now (as dockets_due), tracking any document
    whose `track` was turned on since (case file, admin)."""
    for document in Document.objects.filter(track=True, tracking__isnull=True).exclude(url=""):
        document_track_sync(document=document)
    now = now or timezone.now()
    stale = now - dt.timedelta(seconds=settings.TRACKER_SOURCES_INTERVAL)
    never_or_stale = Q(last_success_at__isnull=True) | Q(last_success_at__lte=stale)
    return list(
        DocumentTrack.objects.filter(document__track=True)
        .filter((Q(next_try_at__isnull=True) & never_or_stale) | Q(next_try_at__lte=now))
        .order_by("last_attempt_at")
        .values_list("pk", flat=True)
    )
