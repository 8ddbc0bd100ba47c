"""The clause in force on a date as plain data, for the page, its JSON and the template tag."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from tracker.cases.models import Clause, ClauseVersion
from tracker.cases.selectors import clause_current, clause_diff, clause_in_force


def _version(version: ClauseVersion | None) -> dict | None:
    if version is None:
        return None
    return {"id": version.pk, "effective": version.effective.isoformat(), "text": version.text}


def clause_in_force_data(*, clause: Clause, on: dt.date) -> dict:
    version = clause_in_force(clause=clause, on=on)
    current = clause_current(clause=clause)
    diff = clause_diff(version.text, current.text) if version and current else []
    return {
        "clause": clause.pk,
        "document": clause.document.slug,
        "ref": clause.ref,
        "title": clause.title,
        "date": on.isoformat(),
        "in_force": _version(version),
        "current": _version(current),
        "is_current": version is not None and current is not None and version.pk == current.pk,
        "diff": [{"op": op, "text": text} for op, text in diff],
        "url": reverse("alerts:clause-in-force", args=[clause.pk]),
    }
