"""Optimistic locking: one `version` counter, one check, one bump, for every row people edit.

Cases, parties, claims, issues, clauses, feeds, events, links and positions are `Versioned`.
Their `version` starts at 1 and moves by one with every write of the row, whoever writes it:

- a `save()` of a stored row claims the next version first (`version_claim`: `UPDATE ... SET
  version = version + 1`), so the admin, case-file loads, the services, docket syncs and feed
  fetches all move it without knowing about it, as `auto_now` moves `updated_at`;
- a queryset's `update()` and `bulk_update()` on these models move it too (`VersionedQuerySet`);
- a change of a row's many-to-many relations (a claim's parties, a feed's cases) is no write
  of the row: `related_set` and `related_add` make it and move the version; a writer of
  other rows that belong to it (a party's aliases) calls `version_claim` itself.

A writer that must not overwrite what it did not see (an editor's PATCH, a review) calls
`change_locked` with the version the user read: the claim is then conditional (`... WHERE
version = <read>`); no row claimed means someone wrote since, and `Conflict` carries the row
as it is now and who changed it when. The claim comes before the row is read again and
changed, so two writers never both pass the check (on SQLite too, which has no row locks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F

M = TypeVar("M", bound=models.Model)
VERSION_MAX = 2**63


class VersionedQuerySet(models.QuerySet):
    """`update()` and `bulk_update()` move each row's version, unless told its value."""

    def update(self, **kwargs: Any) -> int:
        kwargs.setdefault("version", F("version") + 1)
        return super().update(**kwargs)

    def bulk_update(self, objs: Iterable[models.Model], fields: Iterable[str], **kwargs: Any):
        objs, fields = list(objs), list(fields)
        if "version" not in fields:
            for obj in objs:
                obj.version += 1
            fields.append("version")
        return super().bulk_update(objs, fields, **kwargs)


class Versioned(models.Model):
    """A row people edit: its `version` moves with every write (see the module)."""

    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Bumped on every change."
    )

    objects = VersionedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding or self.__dict__.pop("_version_claimed", False):
            super().save(*args, **kwargs)
            return
        with transaction.atomic(using=kwargs.get("using")):
            version_claim(self)
            super().save(*args, **kwargs)


class Conflict(Exception):
    """Someone changed the row since the caller read it. `current` is the row now."""

    def __init__(self, current: models.Model) -> None:
        self.current = current
        history = getattr(current, "history", None)
        last = history.select_related("history_user").first() if history is not None else None
        self.changed_by: str | None = getattr(last and last.history_user, "username", None)
        self.changed_at: dt.datetime | None = last.history_date if last else None
        who = self.changed_by or "someone"
        when = f"{self.changed_at:%Y-%m-%d %H:%M:%S} UTC" if self.changed_at else "just now"
        self.message = f"Changed by {who} at {when}; review again."
        super().__init__(self.message)


def version_parse(expected_version: object) -> int | None:
    """The version a caller sent (a form's or a body's value): None when it sent none; a value
    that is no version this site gives is a ValidationError (code "version"), never ignored."""
    if expected_version is None or expected_version == "":
        return None
    try:
        version = int(expected_version)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        version = -1
    if isinstance(expected_version, bool) or not 0 <= version < VERSION_MAX:
        shown = str(expected_version)[:40]
        raise ValidationError(f"Bad version {shown!r}: not one this site gave.", code="version")
    return version


def version_claim(obj: models.Model) -> None:
    """Move the stored row's version on by one and set `obj.version` to the new value."""
    version = _claim(type(obj), obj.pk, expected=None)
    if version is not None:
        obj.version = version


def _claim(model: type[models.Model], pk: Any, *, expected: int | None) -> int | None:
    """The one bump: `UPDATE ... SET version = version + 1` of the row (only from `expected`
    when given: Conflict when it is not at it); the new version, None when no row is stored."""
    row = model._base_manager.filter(pk=pk)
    claim = row if expected is None else row.filter(version=expected)
    if claim.update(version=F("version") + 1):
        return expected + 1 if expected is not None else row.values_list("version").get()[0]
    if expected is None:  # not stored (any more): nothing to claim
        return None
    raise Conflict(model._default_manager.get(pk=pk))


def related_set(obj: models.Model, name: str, items: Iterable[models.Model]) -> bool:
    """Make `items` the whole of `obj`'s many-to-many `name`; True (and the row's version
    moved) when that changed it."""
    items = list(items)
    manager = getattr(obj, name)
    if set(manager.values_list("pk", flat=True)) == {item.pk for item in items}:
        return False
    manager.set(items)
    version_claim(obj)
    return True


def related_add(obj: models.Model, name: str, items: Iterable[models.Model]) -> bool:
    """Add `items` to `obj`'s many-to-many `name`; True (and the row's version moved) when one
    was not there yet."""
    manager = getattr(obj, name)
    have = set(manager.values_list("pk", flat=True))
    new = [item for item in items if item.pk not in have]
    if not new:
        return False
    manager.add(*new)
    version_claim(obj)
    return True


def save_recorded(obj: M, user) -> M:
    """Save, with `user` as the author of the history record (API, command and task writes)."""
    obj._history_user = user  # django-simple-history reads it
    obj.save()
    return obj


def change_locked(obj: M, *, user, expected_version: object, apply: Callable[[M], None]) -> M:
    """Claim the row's next version (from `expected_version` when given: stale -> Conflict),
    then read it again, `apply` the change and save it, recorded under `user`."""
    expected = version_parse(expected_version)
    model = type(obj)
    with transaction.atomic():
        _claim(model, obj.pk, expected=expected)
        fresh = model._default_manager.get(pk=obj.pk)
        apply(fresh)
        fresh._version_claimed = True  # this save is the claimed version's write
        return save_recorded(fresh, user)
