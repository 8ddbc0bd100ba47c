"""Optimistic locking for review writes, and recording who made each change.

A write first claims the row with a conditional `UPDATE ... SET version = version + 1 WHERE
version = expected`; no row updated means someone changed it since it was read: `Conflict`,
carrying the current state and who changed it when. Then the fresh row is changed and saved
through `save()`, so django-simple-history records it, with the acting user.

Links, positions and events are all locked this way, on their `version` column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model

M = TypeVar("M", bound=Model)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class Conflict(Exception):
    """Someone changed the item since the caller read it. `current` is its state now."""

    def __init__(self, current: Model) -> None:
        self.current = current
        last = current.history.select_related("history_user").first()
        self.changed_by = getattr(last.history_user, "username", None) if last else None
        self.changed_at = last.history_date if last else None
        who = self.changed_by or "someone"
        when = f"{self.changed_at:%Y-%m-%d %H:%M:%S} UTC" if self.changed_at else "just now"
        self.message = f"Changed by {who} at {when}; review again."
        super().__init__(self.message)


def version_parse(expected_version: object) -> int | None:
    if expected_version is None or expected_version == "":
        return None
    try:
        version = int(expected_version)
    except (TypeError, ValueError):
        version = -1
    if not 0 <= version < 2**63:
        shown = str(expected_version)[:40]
        raise ValidationError(f"Bad version {shown!r}: not one this site gave.", code="version")
    return version


def save_recorded(obj: M, user) -> M:
    obj._history_user = user  # simple_history: the user for API, command and task writes too
    obj.save()
    return obj


def change_locked(obj: M, *, user, expected_version: object, apply: Callable[[M], None]) -> M:
    """Claim the row with a conditional UPDATE on `version`, then apply and save (recorded)."""
    model = type(obj)
    expected = version_parse(expected_version)
    with transaction.atomic():
        claim = model.objects.filter(pk=obj.pk)
        if expected is not None:
            claim = claim.filter(version=expected)
        if not claim.update(version=F("version") + 1):
            raise Conflict(model.objects.get(pk=obj.pk))
        fresh = model.objects.get(pk=obj.pk)
        apply(fresh)
        return save_recorded(fresh, user)
