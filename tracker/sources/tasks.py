"""Celery tasks for primary sources: thin; beat queues `sources_due` every few minutes."""

from __future__ import annotations

import logging

from celery import shared_task

from .models import DocketSync
from .services import docket_refresh, dockets_due

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


@shared_task(soft_time_limit=50, time_limit=60)
def sources_due() -> dict:
    """Queued by beat: a refresh for each docket that is due."""
    dockets = dockets_due()
    for sync_id in dockets:
        docket_refresh_task.delay(sync_id)
    if dockets:
        logger.info("queued %d docket refreshes", len(dockets))
    return {"dockets": dockets}
