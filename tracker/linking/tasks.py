"""Celery tasks for linking: thin wrappers that take ids and call the services."""

from __future__ import annotations

import logging

from celery import shared_task

from tracker.linking.matcher import matcher_invalidate
from tracker.linking.services import articles_relink

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, soft_time_limit=600, time_limit=900)
def articles_relink_task(*, case_id: int | None = None, party_id: int | None = None) -> int:
    """Relink after aliases, parties or keywords changed (idempotent: safe to run twice)."""
    matcher_invalidate()
    return articles_relink(case_id=case_id, party_id=party_id)


def case_loaded(*, case_id: int) -> None:
    """The TRACKER_AFTER_CASE_LOAD hook: relink the case's articles on a worker, or here when
    the broker cannot be reached (the relink is idempotent, so a later duplicate is harmless)."""
    matcher_invalidate()
    try:
        articles_relink_task.delay(case_id=case_id)
    except Exception as exc:  # noqa: BLE001 - kombu's errors vary by transport
        logger.warning("broker unreachable (%s): relinking case %s in this process", exc, case_id)
        articles_relink(case_id=case_id)
