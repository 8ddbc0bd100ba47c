"""Writes to the case side outside case files (cases.casefile loads those): an editor's create
or change through the API (`editor_save`), and, after any write to names, aliases or keywords
(the admin too), the relink of the affected cases (`cases_changed`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db import transaction
from django.db.models import Model

from tracker.core.hooks import hooks_call
from tracker.core.versioning import change_locked, save_recorded

from .models import Alias, Case, Claim, Clause, Event, Issue, Party

M = TypeVar("M", bound=Model)


def cases_changed(*, case_ids: Iterable[int]) -> None:
    """Run the TRACKER_AFTER_CASE_LOAD hooks for these cases once the transaction commits: for
    edits outside case files (the admin, the API) to names, aliases and keywords."""
    for case_id in sorted(set(case_ids)):
        transaction.on_commit(lambda case_id=case_id: _after_load(case_id), robust=True)


def case_ids_of(obj: Model) -> list[int]:
    """The cases whose links an edit of this party, alias, claim, issue, clause or event (its
    keywords) can change."""
    if isinstance(obj, Alias):
        obj = obj.party
    if isinstance(obj, Party):
        return list(obj.roles.values_list("case_id", flat=True))
    if isinstance(obj, Claim | Issue | Event):
        return [obj.case_id]
    if isinstance(obj, Clause):
        return list(obj.document.cases.values_list("pk", flat=True))
    if isinstance(obj, Case):
        return [obj.pk]
    return []


def _after_load(case_id: int) -> None:
    hooks_call("TRACKER_AFTER_CASE_LOAD", case_id=case_id)  # a failed relink can be run again


@transaction.atomic
def editor_save(
    *,
    obj: M,
    values: dict,
    user=None,
    before_save: Callable[[M], None] | None = None,
    expected_version: int | None = None,
) -> M:
    """An editor's new or changed row (case, party, claim, issue, clause; news' feeds too):
    `values` (validated) set, many-to-many ones after the save, the editor recorded in its
    history, and the cases whose links it can change relinked after commit. A change is
    locked (tracker.core.versioning.change_locked): made from `expected_version` when given,
    else from the row as it is, so a stale version is a Conflict and nothing is written."""
    relations = {n: v for n, v in values.items() if obj._meta.get_field(n).many_to_many}

    def apply(target: M) -> None:
        for name, value in values.items():
            if name not in relations:
                setattr(target, name, value)
        if before_save:
            before_save(target)

    if obj.pk is None:
        apply(obj)
        save_recorded(obj, user)
    else:
        obj = change_locked(obj, user=user, expected_version=expected_version, apply=apply)
    for name, value in relations.items():
        getattr(obj, name).set(value)
    cases_changed(case_ids=case_ids_of(obj))
    return obj
