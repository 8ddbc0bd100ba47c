"""The Celery app bench/workers.py starts its workers with (`celery -A _worker`): tracker's own,
plus one log line per task saying what the task cost the database, so a run reports queries
and connection setups per article, figures a loaded machine does not change.

    bench-task queries=<SQL statements> connects=<connections opened>

The counts are kept per process (the pool's child runs the tasks) from its first task on.
"""

from __future__ import annotations

import logging

from celery.signals import task_postrun
from django.db.backends.signals import connection_created

from tracker.celery import app

__all__ = ["app"]

logger = logging.getLogger("bench.worker")
_counts = {"queries": 0, "connects": 0}


def _count(execute, sql, params, many, context):
    _counts["queries"] += 1
    return execute(sql, params, many, context)


def _connected(sender, connection, **kwargs) -> None:
    """Every new connection (Celery closes them around each task) counts its statements."""
    _counts["connects"] += 1
    if _count not in connection.execute_wrappers:
        connection.execute_wrappers.append(_count)


def _task_done(**kwargs) -> None:
    logger.warning("bench-task queries=%(queries)d connects=%(connects)d", _counts)
    _counts.update(queries=0, connects=0)


connection_created.connect(_connected, weak=False)
task_postrun.connect(_task_done, weak=False)
