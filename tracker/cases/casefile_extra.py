"""Case-file extensions, both optional so older files still load:

- a claim's `"status_history": [{"status", "date", "source", "note"}]` (ClaimStatus rows);
- the case's `"related": [{"case": slug, "kind", "note"}]` (CaseRelation rows from this case).

casefile.py validates them with the rest of the file (SPEC) and calls these to load and dump.
"""

from __future__ import annotations

from typing import Any

from .casefile_base import CaseFileError, LoadReport, parse_date, upsert
from .models import Case, CaseRelation, Claim, ClaimStatus

STATUS_CHOICES = tuple(ClaimStatus.Status.values)
RELATION_CHOICES = tuple(CaseRelation.Kind.values)


def claim_status_load(*, claim: Claim, items: list[dict], report: LoadReport) -> None:
    for item in items:
        day, precision = parse_date(item["date"])
        upsert(
            ClaimStatus,
            {"claim": claim, "status": item["status"], "date": day},
            {
                "precision": precision,
                "source_url": item.get("source") or "",
                "note": item.get("note") or "",
            },
            report,
        )


def related_load(*, case: Case, items: list[dict], report: LoadReport) -> None:
    for i, item in enumerate(items):
        other = Case.objects.filter(slug=item["case"]).first()
        if other is None:
            raise CaseFileError(
                [f"related[{i}].case: no case {item['case']!r} is loaded (load its file first)"]
            )
        upsert(
            CaseRelation,
            {"from_case": case, "to_case": other, "kind": item["kind"]},
            {"note": item.get("note") or ""},
            report,
        )


def claim_status_dump(*, claim: Claim) -> list[dict[str, Any]]:
    out = []
    for row in sorted(claim.status_history.all(), key=lambda r: (r.date, r.pk)):
        item: dict[str, Any] = {"status": row.status, "date": _date_out(row)}
        if row.source_url:
            item["source"] = row.source_url
        if row.note:
            item["note"] = row.note
        out.append(item)
    return out


def related_dump(*, case: Case) -> list[dict[str, Any]]:
    out = []
    for rel in case.relations_from.select_related("to_case").order_by("id"):
        item: dict[str, Any] = {"case": rel.to_case.slug, "kind": rel.kind}
        if rel.note:
            item["note"] = rel.note
        out.append(item)
    return out


def _date_out(row: ClaimStatus) -> str:
    if row.precision == "year":
        return f"{row.date:%Y}"
    if row.precision == "month":
        return f"{row.date:%Y-%m}"
    return row.date.isoformat()
