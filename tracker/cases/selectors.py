"""Reads over the case model: the clause in force on a date and its difference to the current
text, a claim's status timeline, and the events of related cases.

Owned by the alerts ("beyond") work; keyword-only, typed, no writes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Prefetch, Q

from .models import (
    Case,
    CaseRelation,
    Claim,
    ClaimStatus,
    Clause,
    ClauseVersion,
    Event,
    ReviewStatus,
)

_TOKEN = re.compile(r"\s+|[^\s]+")


def clause_in_force(*, clause: Clause, on: dt.date) -> ClauseVersion | None:
    """The version in force on `on`: the latest effective on or before it (None before any)."""
    return clause.version_at(on)


def clause_current(*, clause: Clause) -> ClauseVersion | None:
    """The newest version (the one in force today or scheduled last)."""
    return clause.versions.order_by("-effective").first()


def _version_data(version: ClauseVersion | None) -> dict | None:
    if version is None:
        return None
    return {"id": version.pk, "effective": version.effective.isoformat(), "text": version.text}


def clause_in_force_data(*, clause: Clause, on: dt.date) -> dict:
    """The clause in force on `on` as plain data (page, JSON, API, template tag): that
    version, the current one, whether they are the same, and the word difference between them."""
    version = clause_in_force(clause=clause, on=on)
    current = clause_current(clause=clause)
    diff = clause_diff(version.text, current.text) if version and current else []
    return {
        "clause": clause.pk,
        "document": clause.document.slug,
        "ref": clause.ref,
        "title": clause.title,
        "date": on.isoformat(),
        "in_force": _version_data(version),
        "current": _version_data(current),
        "is_current": version is not None and current is not None and version.pk == current.pk,
        "diff": [{"op": op, "text": text} for op, text in diff],
    }


def clause_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level difference from `old` to `new` as (op, text), op in equal/insert/delete.

    Joining the `equal` and `delete` texts gives `old`; `equal` and `insert` give `new`.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        else:
            ops.append((op, text))

    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", "".join(a[i1:i2]))
            continue
        add("delete", "".join(a[i1:i2]))
        add("insert", "".join(b[j1:j2]))
    return ops


# --- claim status ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimHistory:
    """One claim with its status rows, oldest first, and the latest one (None if none)."""

    claim: Claim
    history: list[ClaimStatus]

    @property
    def current(self) -> ClaimStatus | None:
        return self.history[-1] if self.history else None


def claim_status_timeline(*, case: Case) -> list[ClaimStatus]:
    """Every status change of every claim in the case, in date order (claims selected)."""
    return list(
        ClaimStatus.objects.filter(claim__case=case).select_related("claim").order_by("date", "id")
    )


def claim_status_histories(*, case: Case) -> list[ClaimHistory]:
    """Each claim of the case with its history (two queries whatever the size)."""
    claims = case.claims.prefetch_related(
        Prefetch("status_history", queryset=ClaimStatus.objects.order_by("date", "id"))
    ).order_by("title")
    return [ClaimHistory(claim=c, history=list(c.status_history.all())) for c in claims]


def claim_status_on(*, claim: Claim, on: dt.date) -> ClaimStatus | None:
    """The claim's status on a date: the latest change on or before it."""
    return claim.status_history.filter(date__lte=on).order_by("-date", "-id").first()


# --- related cases --------------------------------------------------------------------------

INVERSE_LABEL = {
    CaseRelation.Kind.APPEAL_OF: "Appealed in",
    CaseRelation.Kind.CONSOLIDATED_WITH: "Consolidated with",
    CaseRelation.Kind.PARALLEL_TO: "Parallel to",
    CaseRelation.Kind.COUNTERCLAIM: "Has counterclaim",
}


@dataclass(frozen=True)
class RelatedCase:
    case: Case
    kind: str
    label: str  # read from this case's side: "Appeal of", "Appealed in", ...


@dataclass(frozen=True)
class RelatedEvent:
    event: Event
    related: RelatedCase


def case_relations(*, case: Case) -> list[RelatedCase]:
    """The cases related to this one, either way round, labelled from this case's side."""
    relations = CaseRelation.objects.filter(Q(from_case=case) | Q(to_case=case)).select_related(
        "from_case", "to_case"
    )
    out = [
        RelatedCase(case=r.to_case, kind=r.kind, label=r.get_kind_display())
        if r.from_case_id == case.pk
        else RelatedCase(case=r.from_case, kind=r.kind, label=INVERSE_LABEL[r.kind])
        for r in relations
    ]
    return sorted(out, key=lambda r: (r.case.title, r.kind))


def case_related_events(*, case: Case, status: str = ReviewStatus.ACCEPTED) -> list[RelatedEvent]:
    """Accepted events of the related cases, by date, each with how its case is related."""
    related = {r.case.pk: r for r in case_relations(case=case)}
    if not related:
        return []
    events = Event.objects.filter(case_id__in=related, status=status).order_by("date", "id")
    return [RelatedEvent(event=e, related=related[e.case_id]) for e in events]
