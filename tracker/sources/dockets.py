"""Keep a case in step with its CourtListener docket.

A refresh reads the docket (one request), then only the entries and parties modified since the
last refresh (`date_modified__gte`, oldest first, so each page read moves the mark forward and a
refresh cut short by throttling resumes where it stopped), and:

- fills the case's court record (caption, dates, cause...) where it is empty or still holds
  what the last refresh wrote: a value an editor changed is left alone;
- names the assigned judge as a party with the role judge when the case has none;
- upserts the entries (number, date, description, documents with their links) and the parties;
- matches each new entry to the case's event of its kind on its day (an order on the day of a
  ruling: the entry becomes the event's primary source, its URL the event's source_url when it
  had none), and suggests an event for a new notable entry that matches none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify

from tracker.cases.models import Case, CaseParty, Event, Origin, Party, ReviewStatus

from .courtlistener import Client
from .models import DocketEntry, DocketParty, DocketSync

# The case fields a docket fills: case field <- docket key(s), first non-empty wins.
FIELDS = {
    "caption": ("case_name_full", "case_name"),
    "docket": ("docket_number",),
    "date_filed": ("date_filed",),
    "date_terminated": ("date_terminated",),
    "cause": ("cause",),
    "nature_of_suit": ("nature_of_suit",),
    "jurisdiction": ("jurisdiction_type",),
    "jury_demand": ("jury_demand",),
    "pacer_case_id": ("pacer_case_id",),
}
DATES = {"date_filed", "date_terminated"}
# What kind of event an entry is, from the first words of its description.
KINDS = [
    (
        Event.Kind.FILING,
        r"(first |second |third )?amended complaint|complaint\b|notice of removal"
        r"|answer\b.{0,80}counterclaims?\b|counterclaims?\b",
    ),
    (Event.Kind.APPEAL, r"notice of appeal|notice of cross.appeal"),
    (Event.Kind.VERDICT, r"(jury )?verdict"),
    (Event.Kind.SETTLEMENT, r"(notice of )?settlement|stipulation (of|for) dismissal"),
    (Event.Kind.RULING, r"(\w+ ){0,2}order\b|opinion\b|memorandum (and|&) order|judgment\b"),
    (Event.Kind.HEARING, r"minute entry|hearing\b|(jury |bench )?trial held"),
]
SUGGEST_KINDS = {kind for kind, _ in KINDS}
# The events an entry of a kind can be the source of (a minute entry of a trial day records
# the testimony given that day).
MATCHES = {Event.Kind.HEARING: (Event.Kind.HEARING, Event.Kind.TESTIMONY)}
ENTRY_FIELDS = [
    "number",
    "date_filed",
    "description",
    "documents",
    "remote_modified",
    "url",
    "kind",
]


@dataclass
class RefreshReport:
    requests: int = 0
    entries_created: int = 0
    entries_updated: int = 0
    parties: int = 0
    fields_filled: list[str] = field(default_factory=list)
    matched: int = 0
    suggested: int = 0

    def as_json(self) -> dict:
        return {**self.__dict__}


def entry_kind(description: str) -> str:
    head = " ".join(description.split()[:12]).lower()
    for kind, pattern in KINDS:
        if re.match(pattern, head):
            return kind
    return Event.Kind.OTHER


def docket_sync(*, sync: DocketSync, client: Client, report: RefreshReport) -> None:
    """Read the docket, its entries and parties since the marks in `sync`; see the docstring.
    Raises courtlistener.RemoteError; what was read before the error is kept."""
    docket = client.get(client.url(f"dockets/{sync.docket_id}/"))
    with transaction.atomic():
        _apply_docket(sync=sync, data=docket, client=client, report=report)
    backfilled = sync.entries_since is not None  # the first read backfills: no suggestions
    params = {"docket": sync.docket_id, "order_by": "date_modified"}
    if sync.entries_since:
        params["date_modified__gte"] = sync.entries_since.isoformat()
    for page in client.pages(client.url("docket-entries/", params)):
        with transaction.atomic():
            created = _entries_upsert(sync=sync, rows=page, client=client, report=report)
            _events_match(case=sync.case, entries=created, suggest=backfilled, report=report)
            sync.entries_since = _newest(page, sync.entries_since)
            sync.save(update_fields=["entries_since"])
    params = {"docket": sync.docket_id}
    if sync.parties_since:
        params["date_modified__gte"] = sync.parties_since.isoformat()
    for page in client.pages(client.url("parties/", params)):
        with transaction.atomic():
            _parties_upsert(sync=sync, rows=page, report=report)
            sync.parties_since = _newest(page, sync.parties_since)
            sync.save(update_fields=["parties_since"])


def _newest(rows: list[dict], mark: dt.datetime | None) -> dt.datetime | None:
    for row in rows:
        when = _datetime(row.get("date_modified"))
        if when and (mark is None or when > mark):
            mark = when
    return mark


def _datetime(value) -> dt.datetime | None:
    try:
        return parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _date(value) -> dt.date | None:
    try:
        return parse_date(value[:10]) if isinstance(value, str) else None
    except ValueError:
        return None


def _text(value, limit: int) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def _site_url(client: Client, path) -> str:
    """An absolute http(s) URL on CourtListener's site for `path` ("" when it is not one)."""
    if not isinstance(path, str) or not path:
        return ""
    parts = urlsplit(client.base_url)
    url = urljoin(f"{parts.scheme}://{parts.netloc}/", path)
    target = urlsplit(url)
    return url if target.scheme in ("http", "https") and target.netloc == parts.netloc else ""


def _remote_value(data: dict, name: str, keys: tuple[str, ...]):
    for key in keys:
        if name in DATES:
            if value := _date(data.get(key)):
                return value
        elif value := _text(data.get(key), Case._meta.get_field(name).max_length or 100_000):
            return value
    return None if name in DATES else ""


def _apply_docket(*, sync: DocketSync, data: dict, client: Client, report: RefreshReport) -> None:
    case = Case.objects.select_for_update().get(pk=sync.case_id)
    changed = []
    for name, keys in FIELDS.items():
        new = _remote_value(data, name, keys)
        current = getattr(case, name)
        as_text = lambda v: v.isoformat() if isinstance(v, dt.date) else (v or "")  # noqa: E731
        last = sync.applied.get(name)
        if current not in ("", None) and as_text(current) != last:
            continue  # an editor's value (or one from the case file): theirs
        if as_text(current) != as_text(new):
            setattr(case, name, new)
            changed.append(name)
        sync.applied[name] = as_text(new)
    if changed:
        case.save(update_fields=[*changed, "updated_at"])
        report.fields_filled += changed
    _judge_fill(case=case, name=_text(data.get("assigned_to_str"), 200), report=report)
    sync.page_url = _site_url(client, data.get("absolute_url")) or sync.page_url
    sync.save(update_fields=["applied", "page_url"])


def _judge_fill(*, case: Case, name: str, report: RefreshReport) -> None:
    if not name or case.roles.filter(role=CaseParty.Role.JUDGE).exists():
        return
    party = Party.objects.filter(name__iexact=name).first() or _party_create(name)
    CaseParty.objects.get_or_create(case=case, party=party, role=CaseParty.Role.JUDGE)
    report.fields_filled.append("judge")


def _party_create(name: str) -> Party:
    base = slugify(name)[:180] or "judge"
    slug, n = base, 2
    while Party.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return Party.objects.create(name=name, slug=slug, kind=Party.Kind.PERSON)


def _documents(row: dict, client: Client) -> list[dict]:
    out = []
    for doc in row.get("recap_documents") or []:
        if not isinstance(doc, dict):
            continue
        url = _site_url(client, doc.get("absolute_url"))
        out.append(
            {
                "number": _text(str(doc.get("document_number") or ""), 20),
                "attachment": doc.get("attachment_number")
                if isinstance(doc.get("attachment_number"), int)
                else None,
                "description": _text(doc.get("description"), 1000),
                "url": url,
                "available": doc.get("is_available") is True,
                "pages": doc.get("page_count") if isinstance(doc.get("page_count"), int) else None,
            }
        )
    return out


def _entry_values(row: dict, client: Client) -> dict:
    number = row.get("entry_number")
    description = _text(row.get("description"), 20_000)
    url = _site_url(client, row.get("absolute_url"))
    docs = _documents(row, client)
    if not url and docs:
        url = next((d["url"] for d in docs if d["url"]), "")
    return {
        "number": number if isinstance(number, int) and number >= 0 else None,
        "date_filed": _date(row.get("date_filed")),
        "description": description,
        "documents": docs,
        "remote_modified": _datetime(row.get("date_modified")),
        "url": url,
        "kind": entry_kind(description),
    }


def _entries_upsert(
    *, sync: DocketSync, rows: list[dict], client: Client, report: RefreshReport
) -> list[DocketEntry]:
    """Store one page of entries (two queries and the writes); return the ones created."""
    values = {}
    for row in rows:
        if isinstance(row.get("id"), int) and row["id"] > 0:
            values[row["id"]] = _entry_values(row, client)
    existing = {
        e.remote_id: e for e in DocketEntry.objects.filter(case=sync.case, remote_id__in=values)
    }
    new, changed = [], []
    for remote_id, fields in values.items():
        entry = existing.get(remote_id)
        if entry is None:
            new.append(DocketEntry(case=sync.case, remote_id=remote_id, **fields))
        elif any(getattr(entry, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(entry, k, v)
            changed.append(entry)
    created = DocketEntry.objects.bulk_create(new)
    if changed:
        DocketEntry.objects.bulk_update(changed, ENTRY_FIELDS)
    report.entries_created += len(new)
    report.entries_updated += len(changed)
    return created


def _parties_upsert(*, sync: DocketSync, rows: list[dict], report: RefreshReport) -> None:
    known = {n.casefold(): pk for pk, n in sync.case.parties.values_list("pk", "name")}
    for pk, alias in sync.case.parties.values_list("pk", "aliases__name"):
        if alias:
            known.setdefault(alias.casefold(), pk)
    for row in rows:
        name = _text(row.get("name"), 500)
        if not name or not isinstance(row.get("id"), int):
            continue
        types = [
            _text(t.get("name"), 100)
            for t in row.get("party_types") or []
            if isinstance(t, dict) and _text(t.get("name"), 100)
        ]
        DocketParty.objects.update_or_create(
            case=sync.case,
            remote_id=row["id"],
            defaults={"name": name, "types": types, "party_id": known.get(name.casefold())},
        )
        report.parties += 1


def _events_match(
    *, case: Case, entries: list[DocketEntry], suggest: bool, report: RefreshReport
) -> None:
    """Tie each new entry to its event (same day, same kind), or suggest one for review."""
    days = {e.date_filed for e in entries if e.date_filed and e.kind in SUGGEST_KINDS}
    if not days:
        return
    events: dict[tuple[dt.date, str], Event] = {}
    for event in Event.objects.filter(case=case, date__in=days, precision=Event.Precision.DAY):
        events.setdefault((event.date, event.kind), event)
    for entry in sorted(entries, key=lambda e: (e.number is None, e.number or 0)):
        if not entry.date_filed or entry.kind not in SUGGEST_KINDS or entry.event_id:
            continue
        event = next(
            (
                events[(entry.date_filed, kind)]
                for kind in MATCHES.get(entry.kind, (entry.kind,))
                if (entry.date_filed, kind) in events
            ),
            None,
        )
        if event is not None:
            report.matched += 1
            if not event.source_url and entry.url:
                Event.objects.filter(pk=event.pk, source_url="").update(source_url=entry.url)
        elif suggest:
            event = _suggest(case=case, entry=entry)
            events[(entry.date_filed, entry.kind)] = event
            report.suggested += 1
        else:
            continue
        entry.event = event
        entry.save(update_fields=["event"])


def _suggest(*, case: Case, entry: DocketEntry) -> Event:
    number = f"Docket #{entry.number}: " if entry.number is not None else "Docket: "
    first = re.split(r"(?<=[.;])\s", entry.description, maxsplit=1)[0]
    title = number + (first[:200] + ("..." if len(first) > 200 else ""))
    event, _ = Event.objects.get_or_create(
        case=case,
        date=entry.date_filed,
        title=title[:500],
        defaults={
            "precision": Event.Precision.DAY,
            "kind": entry.kind,
            "description": entry.description[:5000],
            "source_url": entry.url,
            "status": ReviewStatus.SUGGESTED,
            "origin": Origin.AUTO,
            "confidence": 0.7,
        },
    )
    return event
