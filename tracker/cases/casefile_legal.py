"""Case-file keys for the court record (design.md, "Later additions"):

`caption`, `date_filed`, `date_terminated` (ISO dates), `cause`, `nature_of_suit`,
`jurisdiction`, `jury_demand`, `judge` (the name of a party in the file), `courtlistener_docket`
(CourtListener's docket id) and `pacer_case_id`.

A key the file leaves out leaves the stored value alone, so an older file does not wipe what a
docket refresh or an editor filled in; `null` or `""` clears it. The judge is a party with the
role "judge" in the case: naming one adds that role; the dump names the latest judge assigned.

casefile.py validates these with the rest of the file and calls these to load and dump.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from .casefile_base import LoadReport
from .models import Case, CaseParty, Party

STR, DAY, ID = "string", "day", "id"
KEYS = {
    "caption": STR,
    "date_filed": DAY,
    "date_terminated": DAY,
    "cause": STR,
    "nature_of_suit": STR,
    "jurisdiction": STR,
    "jury_demand": STR,
    "judge": STR,
    "courtlistener_docket": ID,
    "pacer_case_id": STR,
}
TEXT_FIELDS = ("caption", "cause", "nature_of_suit", "jurisdiction", "jury_demand")
LIMITS = {f: Case._meta.get_field(f).max_length for f in (*TEXT_FIELDS, "pacer_case_id")}


def parse_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def parse_id(value: Any) -> int | None:
    """CourtListener's docket id as a whole number: 68571705 or "68571705"; None if neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip()) or None
    return None


def check_value(fail: Callable[[str, str], None], value: Any, kind: str, path: str) -> None:
    if kind == DAY:
        if not isinstance(value, str) or parse_day(value) is None:
            fail(path, f"{value!r} is not a date (YYYY-MM-DD)")
    elif kind == ID and parse_id(value) is None:
        fail(path, f"{value!r} is not a CourtListener docket id (a positive whole number)")


def check_references(*, data: dict, fail: Callable[[str, str], None], ref) -> None:
    """The judge is a party of the file; termination is not before filing; the docket id is
    not another case's; texts fit their columns."""
    if data.get("judge"):
        ref("judge", data["judge"])
    filed = parse_day(data.get("date_filed") or "")
    ended = parse_day(data.get("date_terminated") or "")
    if filed and ended and ended < filed:
        fail("date_terminated", f"{ended} is before date_filed {filed}")
    for key, limit in LIMITS.items():
        if isinstance(data.get(key), str) and limit and len(data[key]) > limit:
            fail(key, f"is {len(data[key])} characters long (at most {limit})")
    docket_id = parse_id(data.get("courtlistener_docket"))
    if docket_id is not None:
        other = Case.objects.filter(courtlistener_docket=docket_id).exclude(slug=data["slug"])
        if owner := other.values_list("slug", flat=True).first():
            fail("courtlistener_docket", f"{docket_id} is already the docket of case {owner!r}")


def case_values(data: dict) -> dict[str, Any]:
    """The Case fields these keys set, only for the keys present in the file."""
    out: dict[str, Any] = {}
    for key in (*TEXT_FIELDS, "pacer_case_id"):
        if key in data:
            out[key] = data[key] or ""
    for key in ("date_filed", "date_terminated"):
        if key in data:
            out[key] = parse_day(data[key] or "")
    if "courtlistener_docket" in data:
        out["courtlistener_docket"] = parse_id(data["courtlistener_docket"])
    return out


def judge_load(*, case: Case, data: dict, parties: dict[str, Party], report: LoadReport) -> None:
    if not data.get("judge"):
        return
    party = parties[data["judge"].casefold()]
    _, created = CaseParty.objects.get_or_create(case=case, party=party, role=CaseParty.Role.JUDGE)
    report.count(created, False)


def case_judge(*, case: Case) -> Party | None:
    """The judge assigned last (a case reassigned keeps its earlier judge as a party)."""
    role = (
        CaseParty.objects.filter(case=case, role=CaseParty.Role.JUDGE)
        .select_related("party")
        .order_by("-id")
        .first()
    )
    return role.party if role else None


def case_dump(*, case: Case) -> dict[str, Any]:
    judge = case_judge(case=case)
    return {
        "caption": case.caption,
        "date_filed": case.date_filed.isoformat() if case.date_filed else None,
        "date_terminated": case.date_terminated.isoformat() if case.date_terminated else None,
        "cause": case.cause,
        "nature_of_suit": case.nature_of_suit,
        "jurisdiction": case.jurisdiction,
        "jury_demand": case.jury_demand,
        "judge": judge.name if judge else None,
        "courtlistener_docket": case.courtlistener_docket,
        "pacer_case_id": case.pacer_case_id,
    }
