"""A statement: what a party says in a text, and the span it says it in (see attribution.py).
Statements found by several rules are deduplicated here, and one that runs into another
party's is cut where that one begins."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Statement:
    """`party_id` says text[start:end]; `rule` names how the speaker was found (see module
    docstring), `shape` how the statement was delimited, `verb` the reporting verb."""

    party_id: int
    start: int
    end: int
    verb: str
    rule: str
    shape: str

    @property
    def how(self) -> str:
        return f"{self.rule}/{self.shape}"


CLAUSE_BREAK = re.compile(r";|,\s*(?:and|but|while|whereas|although|though)\b|\bbut\b")


def split_shared(found: list[Statement], text: str) -> list[Statement]:
    """ "X described it as theft, and Y has said it is legitimate": X's statement ends where
    Y's begins. "Reddit says Anthropic's bots came back after the startup claimed it had
    blocked them": the startup's claim is told by Reddit, inside Reddit's statement, and is
    not Anthropic's own."""
    embedded = {
        (inner.party_id, inner.start)
        for outer in found
        if outer.shape == "clause"
        for inner in found
        if inner.party_id != outer.party_id
        and outer.start < inner.start < outer.end
        and inner.shape == "clause"
        and not CLAUSE_BREAK.search(text, outer.start, inner.start)
    }
    found = [st for st in found if (st.party_id, st.start) not in embedded]
    starts = sorted({(s.start, s.party_id) for s in found})
    out = []
    for st in found:
        cut = next(
            (p for p, party in starts if st.start < p < st.end and party != st.party_id), None
        )
        if cut is not None:
            st = Statement(st.party_id, st.start, cut, st.verb, st.rule, st.shape)
        out.append(st)
    return out


def dedupe(found: list[Statement]) -> list[Statement]:
    seen: set[tuple[int, int]] = set()
    out = []
    for statement in sorted(found, key=lambda s: (s.start, s.end)):
        key = (statement.party_id, statement.start)
        if key not in seen:
            seen.add(key)
            out.append(statement)
    return out


def drop_contained(found: list[Statement]) -> list[Statement]:
    """A party's statement inside another of its own ("said it disagreed with the claims": the
    disagreement inside what it said) repeats it: the outer one stands."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for st in found:
        spans.setdefault(st.party_id, []).append((st.start, st.end))
    return [
        st
        for st in found
        if not any(
            a <= st.start and st.end <= b and (a, b) != (st.start, st.end)
            for a, b in spans[st.party_id]
        )
    ]
