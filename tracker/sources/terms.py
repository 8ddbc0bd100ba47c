"""Follow a terms document at its URL: read it, split it into clauses, compare with what is stored.

Each clause read is matched to a stored clause of the document: by ref, then by title, then by
finding the stored text in the new document the way quotes are found again in a changed
article (tracker.linking.anchors.quote_find: exact, then normalised, then fuzzy). A clause keeps
its row across versions, so the links and alerts that point at it stay with it. Then:

- a matched clause whose text changed gets a new ClauseVersion dated the document's own "last
  updated" date when it states a later one, else the day the change was first seen;
- a clause that matches nothing is added, with its first version;
- a clause the last read found and this one does not is closed (removed_on), never deleted;
  a closed clause that comes back is opened again;
- what changed is one DocumentChange (the history page, the Atom feed and the alert read it).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from tracker.cases.models import Clause, ClauseVersion, Document
from tracker.linking.anchors import quote_find

from .models import DocumentChange, DocumentTrack
from .terms_text import LEADING_NUMBER, ParsedClause, ParsedDocument

ANCHOR_CHARS = 300  # how much of a stored clause is looked for in the new document


def text_hash(parsed: ParsedDocument) -> str:
    return hashlib.sha256(parsed.text.encode()).hexdigest()


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _title_key(title: str) -> str:
    return " ".join(LEADING_NUMBER.sub("", title).casefold().split())


def _latest(clause: Clause) -> ClauseVersion | None:
    versions = list(clause.versions.all())
    return max(versions, key=lambda v: v.effective) if versions else None


def _match(parsed: ParsedDocument, clauses: list[Clause]) -> dict[int, Clause]:
    """Parsed clause position -> stored clause, by ref, then title, then the stored text."""
    found: dict[int, Clause] = {}
    used: set[int] = set()
    for key in (lambda c: c.ref.casefold(), lambda c: _title_key(c.title)):
        index = {}
        for clause in clauses:
            if clause.pk not in used:
                index.setdefault(key(clause), clause)
        for pc in parsed.clauses:
            clause = index.get(key(pc))
            if pc.position not in found and clause is not None and clause.pk not in used:
                found[pc.position] = clause
                used.add(clause.pk)
    _match_by_text(parsed, [c for c in clauses if c.pk not in used], found)
    return found


def _match_by_text(parsed: ParsedDocument, clauses: list[Clause], found: dict) -> None:
    full, spans, at = "", [], 0
    for pc in parsed.clauses:
        spans.append((at, at + len(pc.text), pc.position))
        full += pc.text + "\n\n"
        at = len(full)
    for clause in clauses:
        latest = _latest(clause)
        if latest is None or not latest.text.strip():
            continue
        hit = quote_find(full, latest.text.strip()[:ANCHOR_CHARS], "", "")
        if hit is None:
            continue
        for start, end, position in spans:
            if start <= hit["start"] < end and position not in found:
                found[position] = clause
                break


def _version_date(*, stated: dt.date | None, latest: ClauseVersion | None, today: dt.date):
    if stated and stated <= today and (latest is None or stated > latest.effective):
        return stated
    return today


def _free_ref(ref: str, taken: set[str]) -> str:
    candidate, n = ref, 2
    while candidate.casefold() in taken:
        candidate, n = f"{ref[:85]}-{n}", n + 1
    taken.add(candidate.casefold())
    return candidate


def _version_write(clause: Clause, text: str, day: dt.date, latest: ClauseVersion | None) -> None:
    if latest is not None and latest.effective >= day:
        # changed again the same day (or the stated date did not move): that day's text is this
        latest.text = text
        latest.save(update_fields=["text"])
        return
    ClauseVersion.objects.create(clause=clause, text=text, effective=day)


def _op(op: str, clause: Clause, pc: ParsedClause | None, old: str) -> dict:
    return {
        "op": op,
        "clause": clause.pk,
        "ref": clause.ref,
        "title": pc.title if pc else clause.title,
        "old": old,
        "new": pc.text if pc else "",
    }


def document_apply(
    *, track: DocumentTrack, parsed: ParsedDocument, now: dt.datetime | None = None
) -> DocumentChange | None:
    """Store what changed between the stored clauses and `parsed`; the change, or None."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    document: Document = track.document
    baseline = not track.text_hash
    with transaction.atomic():
        clauses = list(document.clauses.prefetch_related(Prefetch("versions")).select_for_update())
        found = _match(parsed, clauses)
        taken = {c.ref.casefold() for c in clauses}
        ops: list[dict] = []
        seen: list[int] = []
        for pc in parsed.clauses:
            clause = found.get(pc.position)
            if clause is None:
                ref = _free_ref(pc.ref, taken)
                clause = Clause.objects.create(
                    document=document, ref=ref, title=pc.title[:300], position=pc.position
                )
                ClauseVersion.objects.create(
                    clause=clause, text=pc.text, effective=parsed.stated or today
                )
                ops.append(_op(DocumentChange.Op.ADDED, clause, pc, ""))
            else:
                ops += _update(clause, pc, stated=parsed.stated, today=today)
            seen.append(clause.pk)
        for clause in clauses:
            if clause.pk in track.clause_ids and clause.pk not in seen and not clause.removed_on:
                clause.removed_on = today
                clause.save(update_fields=["removed_on"])
                latest = _latest(clause)
                ops.append(
                    _op(DocumentChange.Op.REMOVED, clause, None, latest.text if latest else "")
                )
        track.clause_ids, track.text_hash = seen, text_hash(parsed)
        track.save(update_fields=["clause_ids", "text_hash"])
        if not ops:
            return None
        return DocumentChange.objects.create(
            document=document,
            seen_at=now,
            effective=parsed.stated if parsed.stated and parsed.stated <= today else today,
            baseline=baseline,
            ops=ops,
        )


def _update(clause: Clause, pc: ParsedClause, *, stated, today) -> list[dict]:
    ops = []
    fields = []
    if clause.position != pc.position:
        clause.position = pc.position
        fields.append("position")
    if clause.removed_on:
        clause.removed_on = None
        fields.append("removed_on")
        ops.append(_op(DocumentChange.Op.RESTORED, clause, pc, ""))
    if fields:
        clause.save(update_fields=fields)
    latest = _latest(clause)
    if latest is None or not _same(latest.text, pc.text):
        day = _version_date(stated=stated, latest=latest, today=today)
        old = latest.text if latest else ""
        _version_write(clause, pc.text, day, latest)
        if not ops:
            ops.append(_op(DocumentChange.Op.CHANGED, clause, pc, old))
    return ops
