"""Celery tasks for primary sources: thin; beat queues `sources_due` every few minutes."""

from __future__ import annotations

import logging

from celery import shared_task

from .models import DocketSync, DocumentTrack
from .services import docket_refresh, dockets_due, document_refresh, documents_due

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,  # idempotent: entries upsert by CourtListener's id, marks only move forward
    soft_time_limit=900,  # waiting out a short Retry-After a few times fits in this
    time_limit=960,
)
def docket_refresh_task(sync_id: int) -> dict:
    """Refresh one docket; a remote failure is recorded on it (the task itself succeeds)."""
    sync = DocketSync.objects.select_related("case").filter(pk=sync_id).first()
    if sync is None:
        return {"docket_sync": sync_id, "skipped": "no such docket"}
    return docket_refresh(sync=sync).as_json()


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def document_refresh_task(track_id: int) -> dict:
    """Fetch one tracked terms document; a failure is recorded on it."""
    track = DocumentTrack.objects.select_related("document").filter(pk=track_id).first()
    if track is None or not track.document.track:
        return {"document_track": track_id, "skipped": "not tracked"}
    return document_refresh(track=track)


@shared_task(soft_time_limit=50, time_limit=60)
def sources_due() -> dict:
    """Queued by beat: a refresh for each docket and tracked document that is due."""
    dockets, documents = dockets_due(), documents_due()
    for sync_id in dockets:
        docket_refresh_task.delay(sync_id)
    for track_id in documents:
        document_refresh_task.delay(track_id)
    if dockets or documents:
        logger.info("queued %d docket and %d document refreshes", len(dockets), len(documents))
    return {"dockets": dockets, "documents": documents}
