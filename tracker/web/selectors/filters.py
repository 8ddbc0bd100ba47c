"""The timeline's filters, read from and written back to the query string (shareable URLs)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.http import QueryDict

from tracker.linking.membership import LIVE, REVIEWED

ORDERS = ("newest", "oldest")


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def _slug(value: str | None) -> str:
    value = (value or "").strip()[:100]
    return value if value.replace("-", "").replace("_", "").isalnum() else ""


def _flag(data: QueryDict, name: str) -> bool | None:
    """A 1/0 switch; the last value wins (a form sends a hidden 0 before its checkbox's 1)."""
    values = data.getlist(name)
    if not values:
        return None
    return {"1": True, "0": False}.get(values[-1].strip())


@dataclass(frozen=True)
class TimelineFilters:
    party: str = ""
    claim: str = ""
    issue: str = ""
    clause: str = ""  # "<document slug>:<clause ref>"
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    related: bool = False  # with the known events of related cases (appeals, parallel suits)
    order: str = "newest"  # or "oldest"
    unreviewed: bool = False  # machine suggestions shown too (marked as such)
    # Analysts see suggestions unless they turn them off; readers only when they ask.
    unreviewed_default: bool = field(default=False, compare=False)

    @classmethod
    def from_query(cls, data: QueryDict, *, analyst: bool = False) -> TimelineFilters:
        clause = (data.get("clause") or "").strip()[:201]
        doc, _, ref = clause.partition(":")
        unreviewed = _flag(data, "unreviewed")
        if unreviewed is None:
            # `known=1` (hide suggestions) is the older spelling of unreviewed=0
            unreviewed = False if data.get("known") == "1" else analyst
        return cls(
            party=_slug(data.get("party")),
            claim=_slug(data.get("claim")),
            issue=_slug(data.get("issue")),
            clause=f"{_slug(doc)}:{_slug(ref)}" if _slug(doc) and _slug(ref) else "",
            date_from=_date(data.get("from")),
            date_to=_date(data.get("to")),
            related=data.get("related") == "1",
            order="oldest" if data.get("order") == "oldest" else "newest",
            unreviewed=unreviewed,
            unreviewed_default=analyst,
        )

    def params(self) -> dict[str, str]:
        pairs = {
            "party": self.party,
            "claim": self.claim,
            "issue": self.issue,
            "clause": self.clause,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "related": "1" if self.related else "",
            "order": "oldest" if self.order == "oldest" else "",
            "unreviewed": ""
            if self.unreviewed == self.unreviewed_default
            else "01"[self.unreviewed],
        }
        return {k: v for k, v in pairs.items() if v}

    def query(self, **extra: object) -> str:
        params = self.params()
        params.update({k: str(v) for k, v in extra.items() if v not in (None, "")})
        return urlencode(params)

    def but(self, **changes: object) -> str:
        """The query string of these filters with `changes` (e.g. order="oldest")."""
        return replace(self, **changes).query()

    @property
    def oldest_query(self) -> str:
        return self.but(order="oldest")

    @property
    def newest_query(self) -> str:
        return self.but(order="newest")

    @property
    def unreviewed_query(self) -> str:
        return self.but(unreviewed=True)

    @property
    def reviewed_query(self) -> str:
        return self.but(unreviewed=False)

    @property
    def newest(self) -> bool:
        return self.order != "oldest"

    @property
    def statuses(self) -> tuple[str, ...]:
        """The review states shown: accepted only, or suggested too."""
        return LIVE if self.unreviewed else REVIEWED

    @property
    def targets_active(self) -> bool:
        return bool(self.party or self.claim or self.issue or self.clause)

    @property
    def active(self) -> bool:
        """Filters that narrow the timeline (order and review state do not)."""
        return self.targets_active or bool(self.date_from or self.date_to or self.related)
