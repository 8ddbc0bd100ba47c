"""Reads for primary sources: a case's sources and their health, a document's history as diffs,
the docket entries of events and of a timeline page, the clause versions of a clause page.
Each runs a fixed number of queries, whatever the number of entries or changes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet

from tracker.cases.models import Case, Clause, ClauseVersion, Document, Event
from tracker.cases.selectors import clause_diff

from .models import DocketEntry, DocketParty, DocketSync, DocumentChange, DocumentTrack

RECENT_ENTRIES = 10
HISTORY_CHANGES = 50


@dataclass
class DocketSource:
    sync: DocketSync
    entries: int
    first: dt.date | None
    last: dt.date | None
    recent: list[DocketEntry]
    parties: list[DocketParty]
    suggested: int


@dataclass
class DocumentSource:
    document: Document
    track: DocumentTrack | None
    clauses: int
    removed: int
    last_change: DocumentChange | None


@dataclass
class CaseSources:
    case: Case
    docket: DocketSource | None
    documents: list[DocumentSource] = field(default_factory=list)

    @property
    def errors(self) -> int:
        failing = [d.track for d in self.documents if d.track and d.track.last_error]
        return len(failing) + bool(self.docket and self.docket.sync.last_error)


def case_sources(*, case: Case) -> CaseSources:
    """The case's docket (state, counts, latest entries, listed parties) and its terms
    documents (tracked or not, with their state and last change)."""
    sync = DocketSync.objects.filter(case=case).first()
    docket = None
    if sync is not None:
        entries = DocketEntry.objects.filter(case=case)
        stats = entries.aggregate(n=Count("id"), first=Min("date_filed"), last=Max("date_filed"))
        docket = DocketSource(
            sync=sync,
            entries=stats["n"],
            first=stats["first"],
            last=stats["last"],
            recent=list(
                entries.select_related("event__case").order_by("-date_filed", "-number", "-id")[
                    :RECENT_ENTRIES
                ]
            ),
            parties=list(DocketParty.objects.filter(case=case).select_related("party")),
            suggested=entries.filter(event__status="suggested").count(),
        )
    documents = list(
        case.documents.select_related("owner", "tracking")
        .annotate(
            n_clauses=Count("clauses", distinct=True),
            n_removed=Count("clauses", filter=Q(clauses__removed_on__isnull=False), distinct=True),
        )
        .order_by("title")
    )
    last_changes = _last_changes([d.pk for d in documents])
    return CaseSources(
        case=case,
        docket=docket,
        documents=[
            DocumentSource(
                document=d,
                track=getattr(d, "tracking", None),
                clauses=d.n_clauses,
                removed=d.n_removed,
                last_change=last_changes.get(d.pk),
            )
            for d in documents
        ],
    )


def _last_changes(document_ids: list[int]) -> dict[int, DocumentChange]:
    latest = (
        DocumentChange.objects.filter(document_id__in=document_ids)
        .values("document_id")
        .annotate(last=Max("id"))
        .values_list("last", flat=True)
    )
    return {c.document_id: c for c in DocumentChange.objects.filter(pk__in=list(latest))}


@dataclass
class ChangeView:
    change: DocumentChange
    # each op with its clause (unsaved: for its URL) and, when it changed, its word diff
    # ("diff": [{"op": ..., "text": ...}, ...])
    ops: list[dict]


def document_history(*, document: Document, limit: int = HISTORY_CHANGES) -> list[ChangeView]:
    """The document's latest changes, newest first, each clause change with its word diff."""
    out = []
    for change in DocumentChange.objects.filter(document=document).order_by("-seen_at", "-id")[
        :limit
    ]:
        ops = []
        for op in change.ops:
            item = dict(op, clause=Clause(document=document, ref=op["ref"]))  # for its URL
            if op.get("op") == DocumentChange.Op.CHANGED:
                item["diff"] = [{"op": o, "text": t} for o, t in clause_diff(op["old"], op["new"])]
            ops.append(item)
        out.append(ChangeView(change=change, ops=ops))
    return out


def event_docket_entries(*, event_ids: list[int]) -> dict[int, list[DocketEntry]]:
    """Event id -> the docket entries that are its primary source (one query)."""
    out: dict[int, list[DocketEntry]] = defaultdict(list)
    for entry in DocketEntry.objects.filter(event_id__in=event_ids).order_by("number", "id"):
        out[entry.event_id].append(entry)
    return dict(out)


def case_docket_entries(
    *, case: Case, since: dt.date | None = None, until: dt.date | None = None, limit: int = 200
) -> list[DocketEntry]:
    """The case's docket entries filed between two days (inclusive), newest first."""
    entries = DocketEntry.objects.filter(case=case).select_related("event")
    if since:
        entries = entries.filter(date_filed__gte=since)
    if until:
        entries = entries.filter(date_filed__lte=until)
    return list(entries.order_by("-date_filed", "-number", "-id")[:limit])


def clause_versions_seen(*, clause: Clause) -> list[dict]:
    """The clause's versions as a tracked document saw them: when each was first seen."""
    changes = DocumentChange.objects.filter(document_id=clause.document_id).order_by("seen_at")
    seen: dict[str, dt.datetime] = {}
    for change in changes.only("seen_at", "ops"):
        for op in change.ops:
            if op.get("clause") == clause.pk and op.get("new"):
                seen.setdefault(" ".join(op["new"].split()), change.seen_at)
    versions = ClauseVersion.objects.filter(clause=clause).order_by("-effective")
    return [{"version": v, "seen_at": seen.get(" ".join(v.text.split()))} for v in versions]


def documents_tracked() -> list[Document]:
    return list(
        Document.objects.filter(track=True)
        .select_related("tracking")
        .prefetch_related(Prefetch("cases", queryset=Case.objects.only("slug", "title")))
    )


def timeline_docket_entries(*, case: Case, statuses: tuple[str, ...], narrowed: bool) -> QuerySet:
    """The docket entries the case timeline shows as entries of their own: notable ones (an
    order, a complaint, a verdict...) that no event shown with `statuses` stands for (those
    appear inside their event). None when the timeline is narrowed to a party, claim, issue or
    clause, which a docket entry is not linked to."""
    if narrowed:
        return DocketEntry.objects.none()
    shown = DocketEntry.objects.filter(case=case, event__status__in=statuses).values("pk")
    return (
        DocketEntry.objects.filter(case=case, date_filed__isnull=False)
        .exclude(kind=Event.Kind.OTHER)
        .exclude(pk__in=shown)
    )


def clause_source_of(*, clause: Clause) -> dict:
    """Where a clause's text comes from: the tracked document's state and when each version
    was first seen (two queries, none for a document typed in from a case file)."""
    document = clause.document
    if not document.track:
        return {"clause": clause, "document": document, "tracked": False}
    return {
        "clause": clause,
        "document": document,
        "tracked": True,
        "track": DocumentTrack.objects.filter(document=document).first(),
        "versions": clause_versions_seen(clause=clause),
    }
