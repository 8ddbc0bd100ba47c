"""The positions matrix: parties by issues, a stance per cell, with its history and quotes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tracker.cases.models import Case, CaseParty, Issue, Party, ReviewStatus
from tracker.linking.membership import LIVE
from tracker.linking.models import Position


@dataclass
class Cell:
    party: Party
    issue: Issue
    positions: list[Position] = field(default_factory=list)  # oldest first

    @property
    def current(self) -> Position | None:
        """The latest accepted position, else the latest suggested one."""
        accepted = [p for p in self.positions if p.status == ReviewStatus.ACCEPTED]
        pool = accepted or self.positions
        return pool[-1] if pool else None

    @property
    def tentative(self) -> bool:
        current = self.current
        return current is not None and current.status != ReviewStatus.ACCEPTED

    @property
    def changes(self) -> list[Position]:
        """One position per change of stance, oldest first (only when the stance changed)."""
        steps: list[Position] = []
        for position in self.positions:
            if not steps or steps[-1].stance != position.stance:
                steps.append(position)
        return steps if len(steps) > 1 else []


@dataclass
class Row:
    party: Party
    roles: list[str]
    cells: list[Cell]

    @property
    def empty(self) -> bool:
        return not any(cell.positions for cell in self.cells)


@dataclass
class PositionMatrix:
    issues: list[Issue]
    rows: list[Row]
    total: int


def _order_key(position: Position) -> tuple:
    return (position.date or dt.date.min, position.created_at, position.pk)


def case_positions(*, case: Case) -> PositionMatrix:
    """Every party of the case (and any party with a position) by every issue; three queries."""
    issues = list(Issue.objects.filter(case=case))
    roles: dict[int, list[str]] = {}
    parties: dict[int, Party] = {}
    for role in CaseParty.objects.filter(case=case).select_related("party"):
        parties.setdefault(role.party_id, role.party)
        roles.setdefault(role.party_id, []).append(role.get_role_display())
    positions = list(
        Position.objects.filter(issue__case=case, status__in=LIVE).select_related("party")
    )
    positions.sort(key=_order_key)
    cells: dict[tuple[int, int], list[Position]] = {}
    for position in positions:
        parties.setdefault(position.party_id, position.party)
        cells.setdefault((position.party_id, position.issue_id), []).append(position)
    ordered = sorted(parties.values(), key=lambda p: (p.pk not in roles, p.name.lower()))
    rows = [
        Row(
            party=party,
            roles=roles.get(party.pk, []),
            cells=[Cell(party, issue, cells.get((party.pk, issue.pk), [])) for issue in issues],
        )
        for party in ordered
    ]
    return PositionMatrix(issues=issues, rows=rows, total=len(positions))


@dataclass
class Quotes:
    party: Party
    issue: Issue
    cell: Cell
    positions: list[Position]  # newest first


def position_quotes(*, case: Case, party_slug: str, issue_slug: str) -> Quotes | None:
    """The positions (with quotes, articles and rules) behind one cell; three queries."""
    party = Party.objects.filter(slug=party_slug).first()
    issue = Issue.objects.filter(case=case, slug=issue_slug).first()
    if party is None or issue is None:
        return None
    positions = list(
        Position.objects.filter(party=party, issue=issue, status__in=LIVE).select_related(
            "article", "article__feed"
        )
    )
    positions.sort(key=_order_key)
    cell = Cell(party, issue, positions)
    return Quotes(party=party, issue=issue, cell=cell, positions=positions[::-1])
