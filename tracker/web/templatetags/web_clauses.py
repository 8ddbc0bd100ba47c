"""`{% load web_clauses %}{% clause_in_force clause date %}`: the clause text in force on the date of
an article or event, with its difference to the current text (templates/web/_clause_in_force.html).
"""

from __future__ import annotations

import datetime as dt

from django import template

from tracker.cases.models import Clause
from tracker.cases.selectors import clause_in_force_data

register = template.Library()


@register.inclusion_tag("web/_clause_in_force.html")
def clause_in_force(clause: Clause, on: dt.date | dt.datetime | None) -> dict:
    if isinstance(on, dt.datetime):
        on = on.date()
    return {"d": clause_in_force_data(clause=clause, on=on or dt.date.today())}
