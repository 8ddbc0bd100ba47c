"""Calling the hooks named in settings: how a lower app reaches the apps above it (ingest ->
linking and search, a case load -> relinking, review -> alerts, a terms change -> alerts)
without importing them. Each hook is a dotted path to a callable taking keyword arguments."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def hooks_call(
    setting: str, *, before: Callable[[str], None] | None = None, **kwargs
) -> list[tuple[str, Exception]]:
    """Call each hook of settings.<setting> in order with `kwargs` (`before(path)` first, if
    given). One that raises is logged and does not stop the others, nor the caller, whose work
    is done: returns (path, exception) for each hook that failed."""
    failed = []
    for dotted in getattr(settings, setting):
        if before:
            before(dotted)
        try:
            import_string(dotted)(**kwargs)
        except Exception as exc:  # noqa: BLE001 - the caller's work stands; the hook can rerun
            logger.exception("%s hook %s failed for %s", setting, dotted, kwargs)
            failed.append((dotted, exc))
    return failed


def hooks_of(setting: str) -> list[tuple[str, Callable[..., object]]]:
    """The hooks of settings.<setting> in order, (path, callable), for a caller that runs them
    its own way (ingest's batches run each on halves of a batch when it fails)."""
    return [(dotted, import_string(dotted)) for dotted in getattr(settings, setting)]
