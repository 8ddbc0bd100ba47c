"""The building blocks of case-file loading that casefile.py and its extension modules
(casefile_extra.py, casefile_legal.py) share: the error, the load report, the idempotent upsert
and the mixed-precision date. Kept apart so those modules import it and not each other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Model

from .models import Case


class CaseFileError(ValueError):
    """A case file that cannot be loaded; `problems` lists each one with its place."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def parse_date(value: str) -> tuple[dt.date, str] | None:
    """'2026-04-30' -> (date, 'day'); '2026-04' -> (1 April, 'month'); '2026' -> (1 Jan, 'year')."""
    for fmt, precision in (("%Y-%m-%d", "day"), ("%Y-%m", "month"), ("%Y", "year")):
        try:
            return dt.datetime.strptime(value, fmt).date(), precision
        except ValueError:
            continue
    return None


@dataclass
class LoadReport:
    case: Case
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def count(self, created: bool, changed: bool) -> None:
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1


def upsert(model: type[Model], lookup: dict, values: dict, report: LoadReport) -> Model:
    """Find by `lookup`, create with `values` or save only the fields that differ."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**{**_plain(lookup), **values})
        report.count(True, False)
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=[*changed, *(["updated_at"] if _has(model, "updated_at") else [])])
    report.count(False, bool(changed))
    return obj


def _plain(lookup: dict) -> dict:
    return {k.removesuffix("__iexact"): v for k, v in lookup.items()}


def _has(model: type[Model], name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())
