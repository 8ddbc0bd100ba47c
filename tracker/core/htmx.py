"""htmx requests: when a view answers with a fragment rather than the whole page."""

from __future__ import annotations

from django.http import HttpRequest


def partial_wanted(request: HttpRequest) -> bool:
    """An htmx request that swaps part of a page. A history restore (htmx found no snapshot of
    the page in its cache) needs the whole page, as does every request without htmx. A view
    that answers both ways varies on HX-Request (and HX-History-Restore-Request)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request
