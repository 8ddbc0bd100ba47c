"""The clause in force on a date as plain data, for the page, its JSON and the template tag."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from tracker.cases import selectors
from tracker.cases.models import Clause


def clause_in_force_data(*, clause: Clause, on: dt.date) -> dict:
    """cases.selectors.clause_in_force_data with the address of the page showing it."""
    data = selectors.clause_in_force_data(clause=clause, on=on)
    data["url"] = reverse("alerts:clause-in-force", args=[clause.pk])
    return data
