"""What a case page's cached sections depend on, read in one query.

A section of the case page (the timeline, the filter panel, the case head's standing) is
rendered or read once and cached under the case's stamp: its coverage version (bumped by
ingest, relinking and every review action on a link or an event: tracker.linking.membership)
and, for the rows the case owns, how many there are, their highest id and the sum of their edit
versions or their latest write. Any write to the case's coverage, events, claims and their
statuses, issues, parties, clauses, docket entries or related cases changes the stamp, so a
cached section is never served after one. The stamp is read from the database on every
request: each server process may keep its own cache (locmem).

Rows shared with other cases (a story's title, an article's outlet) are not in the stamp; the
sections that show them are cached for FRAGMENT_TTL seconds at most.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db import connection

from tracker.cases.models import (
    Case,
    CaseParty,
    CaseRelation,
    Claim,
    ClaimStatus,
    Clause,
    Event,
    Issue,
    Party,
)
from tracker.linking.models import CoverageVersion
from tracker.sources.models import DocketEntry

FRAGMENT_TTL = 120  # seconds a rendered section may show a shared row's older text


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _branches() -> list[tuple[str, str, str]]:
    """(name, FROM ... WHERE with a %s for the case id, the edit figure): the rows a case owns
    that its page shows, and what shows an edit to them (a version or a write time); `t` is
    the counted table, its primary key `t.id` (the coverage version's is the case's)."""
    documents = _table(Case.documents.through)
    return [
        (
            "coverage",
            f"(SELECT case_id AS id, version FROM {_table(CoverageVersion)}) t"  # noqa: S608
            " WHERE t.id = %s",
            "MAX(t.version)",
        ),
        ("events", f"{_table(Event)} t WHERE t.case_id = %s", "SUM(t.version)"),
        ("event_writes", f"{_table(Event)} t WHERE t.case_id = %s", "MAX(t.updated_at)"),
        ("claims", f"{_table(Claim)} t WHERE t.case_id = %s", "SUM(t.version)"),
        (
            "statuses",
            f"{_table(ClaimStatus)} t JOIN {_table(Claim)} c ON c.id = t.claim_id"
            " WHERE c.case_id = %s",
            "MAX(t.created_at)",
        ),
        ("issues", f"{_table(Issue)} t WHERE t.case_id = %s", "SUM(t.version)"),
        (
            "roles",
            f"{_table(CaseParty)} t JOIN {_table(Party)} p ON p.id = t.party_id"
            " WHERE t.case_id = %s",
            "SUM(p.version)",
        ),
        (
            "clauses",
            f"{_table(Clause)} t JOIN {documents} d ON d.document_id = t.document_id"
            " WHERE d.case_id = %s",
            "SUM(t.version)",
        ),
        ("docket", f"{_table(DocketEntry)} t WHERE t.case_id = %s", "MAX(t.updated_at)"),
        (
            "relations",
            f"{_table(CaseRelation)} t WHERE t.from_case_id = %s OR t.to_case_id = %s",
            "MAX(t.created_at)",
        ),
    ]


class PageStamp(NamedTuple):
    coverage: int  # the case's coverage version
    rows: str  # the case row and, per kind of row it owns: how many, the highest id, an edit figure


def case_page_stamp(*, case: Case) -> PageStamp:
    """What changes with every write to what the case's timeline, filter panel and head show
    (see the module): one query, a row per kind of row."""
    sql, params = [], []
    for name, rows, figure in _branches():  # table names and constants; the case id a param
        sql.append(f"SELECT '{name}', COUNT(*), MAX(t.id), CAST({figure} AS TEXT) FROM {rows}")  # noqa: S608
        params += [case.pk] * rows.count("%s")
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql), params)
        found = sorted(tuple(str(value) for value in row) for row in cursor.fetchall())
    coverage = next((int(row[3]) for row in found if row[0] == "coverage" and row[1] != "0"), 0)
    return PageStamp(coverage, repr((case.pk, case.version, str(case.updated_at), found)))
