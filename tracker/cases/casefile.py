"""Case files: validate, load (`case_load`) and dump (`case_dump`) the JSON format of design.md.

Validation runs over the whole file before anything is written and reports every problem with
its place (`parties[3].kind: 'company' is not one of person, organization`). Loading is one
transaction and idempotent: rows are found by slug or name and saved only when a value differs,
so a second load changes nothing (not even history).

Beyond the contract, a clause may carry `versions` (earlier texts with their dates), a party
`roles` (more than one role), an event `source_url`, `description` and `keywords` (words reports
use for it, matched like a claim's), a claim `status_history`
and the case `related` cases (both optional: loaded and dumped by casefile_extra.py).
The court record's keys are casefile_legal.py's; what these modules share (the error, the load
report, the upsert, dates) is casefile_base.py's, so none of them imports another in a cycle.
Sections owned by apps above cases (the feeds) are loaded and dumped through
settings.TRACKER_CASEFILE_SECTIONS.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.module_loading import import_string
from django.utils.text import slugify

from tracker.core.versioning import related_set, version_claim

from . import casefile_extra, casefile_legal
from .casefile_base import CaseFileError, LoadReport, parse_date, upsert
from .models import (
    Alias,
    Case,
    CaseParty,
    CaseRelation,
    Claim,
    ClaimStatus,
    Clause,
    ClauseVersion,
    Document,
    Event,
    Issue,
    Origin,
    Party,
    ReviewStatus,
)
from .services import cases_changed

# --- validation -----------------------------------------------------------------------------

SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
STR, STR_LIST, DATE, OBJ_LIST = "string", "list of strings", "date", "list of objects"
DAY, ID = casefile_legal.DAY, casefile_legal.ID  # a day (YYYY-MM-DD); a whole number
BOOL = "boolean"


@dataclass(frozen=True)
class Key:
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    slug: bool = False
    url: bool = False  # an absolute http(s) URL (shown as a link): other schemes are refused
    item: dict[str, Key] | None = None


def _http_url(value: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return True


@dataclass
class Validator:
    problems: list[str] = field(default_factory=list)

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def check_object(self, value: Any, spec: dict[str, Key], path: str) -> None:
        if not isinstance(value, dict):
            self.fail(path or "(top)", f"expected an object, got {_type_name(value)}")
            return
        for key in value:
            if key not in spec:
                self.fail(_join(path, key), f"unknown key (allowed: {', '.join(spec)})")
        for key, rule in spec.items():
            where = _join(path, key)
            if key not in value or value[key] is None:
                if rule.required:
                    self.fail(where, "is required")
                continue
            self.check_value(value[key], rule, where)

    def check_value(self, value: Any, rule: Key, path: str) -> None:
        checks = {
            STR: self._check_string,
            DATE: self._check_date,
            BOOL: self._check_bool,
            STR_LIST: self._check_strings,
            OBJ_LIST: self._check_objects,
        }
        if rule.kind in checks:
            checks[rule.kind](value, rule, path)
        else:  # DAY, ID: the court record's kinds
            casefile_legal.check_value(self.fail, value, rule.kind, path)

    def _check_string(self, value: Any, rule: Key, path: str) -> None:
        if not isinstance(value, str):
            self.fail(path, f"expected a string, got {_type_name(value)}")
        elif rule.required and not value.strip():
            self.fail(path, "must not be empty")
        elif rule.choices and value not in rule.choices:
            self.fail(path, f"{value!r} is not one of {', '.join(rule.choices)}")
        elif rule.slug and not SLUG_RE.match(value):
            self.fail(path, f"{value!r} is not a slug (letters, digits, - and _)")
        elif rule.url and value and not _http_url(value):
            self.fail(path, f"{value[:200]!r} is not an http(s) URL")

    def _check_date(self, value: Any, rule: Key, path: str) -> None:
        if not isinstance(value, str):
            self.fail(path, f"expected a date string, got {_type_name(value)}")
        elif parse_date(value) is None:
            self.fail(path, f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")

    def _check_bool(self, value: Any, rule: Key, path: str) -> None:
        if not isinstance(value, bool):
            self.fail(path, f"expected true or false, got {_type_name(value)}")

    def _check_strings(self, value: Any, rule: Key, path: str) -> None:
        if not isinstance(value, list):
            self.fail(path, f"expected a list of strings, got {_type_name(value)}")
            return
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{path}[{i}]", f"expected a non-empty string, got {item!r}")

    def _check_objects(self, value: Any, rule: Key, path: str) -> None:
        if not isinstance(value, list):
            self.fail(path, f"expected a list, got {_type_name(value)}")
            return
        for i, item in enumerate(value):
            self.check_object(item, rule.item or {}, f"{path}[{i}]")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "null" if value is None else f"a {type(value).__name__}"
    )


ROLE_CHOICES = tuple(CaseParty.Role.values)
VERSION = {"text": Key(STR, required=True), "effective": Key(DATE, required=True)}
CLAUSE = {
    "ref": Key(STR, required=True, slug=True),
    "title": Key(STR, required=True),
    "text": Key(STR),
    "effective": Key(DATE),
    "keywords": Key(STR_LIST),
    "versions": Key(OBJ_LIST, item=VERSION),
}
SPEC = {
    "slug": Key(STR, required=True, slug=True),
    "title": Key(STR, required=True),
    "summary": Key(STR),
    "court": Key(STR),
    "docket": Key(STR),
    "status": Key(STR, choices=tuple(Case.Status.values)),
    **{key: Key(kind) for key, kind in casefile_legal.KEYS.items()},
    "parties": Key(
        OBJ_LIST,
        item={
            "name": Key(STR, required=True),
            "kind": Key(STR, required=True, choices=tuple(Party.Kind.values)),
            "role": Key(STR, choices=ROLE_CHOICES),
            "roles": Key(STR_LIST),
            "aliases": Key(STR_LIST),
            "description": Key(STR),
        },
    ),
    "claims": Key(
        OBJ_LIST,
        item={
            "slug": Key(STR, required=True, slug=True),
            "title": Key(STR, required=True),
            "description": Key(STR),
            "by": Key(STR_LIST),
            "against": Key(STR_LIST),
            "keywords": Key(STR_LIST),
            "status_history": Key(
                OBJ_LIST,
                item={
                    "status": Key(STR, required=True, choices=tuple(ClaimStatus.Status.values)),
                    "date": Key(DATE, required=True),
                    "source": Key(STR, url=True),
                    "note": Key(STR),
                },
            ),
        },
    ),
    "issues": Key(
        OBJ_LIST,
        item={
            "slug": Key(STR, required=True, slug=True),
            "title": Key(STR, required=True),
            "description": Key(STR),
            "keywords": Key(STR_LIST),
        },
    ),
    "documents": Key(
        OBJ_LIST,
        item={
            "slug": Key(STR, required=True, slug=True),
            "title": Key(STR, required=True),
            "owner": Key(STR),
            "url": Key(STR, url=True),
            "track": Key(BOOL),
            "clauses": Key(OBJ_LIST, item=CLAUSE),
        },
    ),
    "events": Key(
        OBJ_LIST,
        item={
            "date": Key(DATE, required=True),
            "precision": Key(STR, choices=tuple(Event.Precision.values)),
            "kind": Key(STR, choices=tuple(Event.Kind.values)),
            "title": Key(STR, required=True),
            "description": Key(STR),
            "source_url": Key(STR, url=True),
            "keywords": Key(STR_LIST),
        },
    ),
    "feeds": Key(OBJ_LIST, item={"url": Key(STR, required=True), "title": Key(STR)}),
    "related": Key(
        OBJ_LIST,
        item={
            "case": Key(STR, required=True, slug=True),
            "kind": Key(STR, required=True, choices=tuple(CaseRelation.Kind.values)),
            "note": Key(STR),
        },
    ),
}


def casefile_validate(data: Any) -> None:
    """Raise CaseFileError listing every problem in `data`, or return if there is none."""
    v = Validator()
    v.check_object(data, SPEC, "")
    if v.problems:
        raise CaseFileError(v.problems)
    _check_references(data, v)
    if v.problems:
        raise CaseFileError(v.problems)


def _check_references(data: dict, v: Validator) -> None:
    """What the schema cannot say: names and slugs are unique, parties named are defined, and
    the keys that depend on each other agree."""
    _check_party_names(data, v)
    defined = {p["name"].casefold() for p in data.get("parties") or []}

    def ref(path: str, name: str) -> None:
        if name.casefold() not in defined:
            v.fail(path, f"party {name!r} is not defined in this file's parties")

    for i, claim in enumerate(data.get("claims") or []):
        for side in ("by", "against"):
            for j, name in enumerate(claim.get(side) or []):
                ref(f"claims[{i}].{side}[{j}]", name)
    _check_documents(data, v, ref)
    casefile_legal.check_references(data=data, fail=v.fail, ref=ref)
    for i, rel in enumerate(data.get("related") or []):
        if rel["case"] == data["slug"]:
            v.fail(f"related[{i}].case", "a case cannot be related to itself")
    for key in ("claims", "issues", "documents"):
        seen: set[str] = set()
        for i, item in enumerate(data.get(key) or []):
            if item["slug"] in seen:
                v.fail(f"{key}[{i}].slug", f"{item['slug']!r} appears twice")
            seen.add(item["slug"])


def _check_party_names(data: dict, v: Validator) -> None:
    """Each role is known; no name or alias names two parties."""
    names: dict[str, str] = {}
    for i, party in enumerate(data.get("parties") or []):
        for j, role in enumerate(party.get("roles") or []):
            if role not in ROLE_CHOICES:
                v.fail(
                    f"parties[{i}].roles[{j}]", f"{role!r} is not one of {', '.join(ROLE_CHOICES)}"
                )
        for j, label in enumerate([party["name"], *(party.get("aliases") or [])]):
            key = label.casefold()
            if key in names and names[key] != party["name"]:
                where = f"parties[{i}].name" if j == 0 else f"parties[{i}].aliases[{j - 1}]"
                v.fail(where, f"{label!r} already names {names[key]}")
            names[key] = party["name"]


def _check_documents(data: dict, v: Validator, ref: Callable[[str, str], None]) -> None:
    """A tracked document has a URL to fetch; its owner is a party; a clause's text is dated."""
    for i, doc in enumerate(data.get("documents") or []):
        if doc.get("track") and not (doc.get("url") or "").startswith(("http://", "https://")):
            v.fail(f"documents[{i}].track", "needs the document's url (http or https) to fetch")
        if doc.get("owner"):
            ref(f"documents[{i}].owner", doc["owner"])
        for j, clause in enumerate(doc.get("clauses") or []):
            if clause.get("text") and not clause.get("effective"):
                v.fail(f"documents[{i}].clauses[{j}].effective", "is required with text")


# --- loading --------------------------------------------------------------------------------


def case_load(*, data: Any) -> LoadReport:
    """Validate and load a case file's data in one transaction; return what changed.

    When something changed, the TRACKER_AFTER_CASE_LOAD hooks run once it is committed (a
    relink of the case's articles): a hook that fails is logged, the load stands."""
    casefile_validate(data)
    with transaction.atomic():
        report = _load(data)
        if report.created or report.updated:
            cases_changed(case_ids=[report.case.pk])
    return report


def casefile_load_path(*, path: str) -> LoadReport:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except json.JSONDecodeError as exc:
        raise CaseFileError(
            [f"{path}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"]
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseFileError([f"{path}: cannot read: {exc}"]) from exc
    return case_load(data=data)


def _load(data: dict) -> LoadReport:
    case_values = {k: data.get(k) or "" for k in ("title", "summary", "court", "docket")}
    case_values["status"] = data.get("status") or Case.Status.OPEN
    case_values.update(casefile_legal.case_values(data))
    report = LoadReport(case=None)  # type: ignore[arg-type]
    case = upsert(Case, {"slug": data["slug"]}, case_values, report)
    report.case = case
    parties = {
        p["name"].casefold(): _load_party(case, p, report) for p in data.get("parties") or []
    }
    by_name = lambda name: parties[name.casefold()]  # noqa: E731
    for item in data.get("claims") or []:
        _load_claim(case, item, by_name, report)
    for item in data.get("issues") or []:
        upsert(Issue, {"case": case, "slug": item["slug"]}, _text_values(item), report)
    documents = [_load_document(item, by_name, report) for item in data.get("documents") or []]
    if documents:
        case.documents.add(*documents)
    for item in data.get("events") or []:
        _load_event(case, item, report)
    for name, (load, _dump) in settings.TRACKER_CASEFILE_SECTIONS.items():
        import_string(load)(case=case, items=data.get(name) or [], report=report)
    casefile_extra.related_load(case=case, items=data.get("related") or [], report=report)
    casefile_legal.judge_load(case=case, data=data, parties=parties, report=report)
    return report


def _text_values(item: dict) -> dict:
    """A claim's or issue's title, description and keywords."""
    return {
        "title": item["title"],
        "description": item.get("description") or "",
        "keywords": item.get("keywords") or [],
    }


def _load_claim(case: Case, item: dict, by_name, report: LoadReport) -> None:
    claim = upsert(Claim, {"case": case, "slug": item["slug"]}, _text_values(item), report)
    changed = related_set(claim, "by", [by_name(n) for n in item.get("by") or []])
    changed |= related_set(claim, "against", [by_name(n) for n in item.get("against") or []])
    if changed:
        report.updated += 1
    casefile_extra.claim_status_load(
        claim=claim, items=item.get("status_history") or [], report=report
    )


def _load_event(case: Case, item: dict, report: LoadReport) -> None:
    day, implied = parse_date(item["date"])
    upsert(
        Event,
        {"case": case, "date": day, "title": item["title"]},
        {
            "precision": item.get("precision") or implied,
            "kind": item.get("kind") or Event.Kind.OTHER,
            "description": item.get("description") or "",
            "source_url": item.get("source_url") or "",
            "keywords": item.get("keywords") or [],
            "status": ReviewStatus.ACCEPTED,
            "origin": Origin.CASEFILE,
        },
        report,
    )


ALIAS_CHUNK = 500


def _load_aliases(party: Party, aliases: list[str], report: LoadReport) -> None:
    """Add the party's new aliases: looked up by their lower-cased names (the index of the
    unique constraint), 500 a query, and inserted in bulk; one owned by another party is an
    error. (An `iexact` query per alias scanned the table each time: 11 minutes for 100,000.)
    An alias differing from a known one only in case ("ROSS" after "Ross") is that alias, its
    first spelling kept and counted unchanged: the matcher reads a name's case variants as a
    reader does (capitals, inner capitals, a brand in capitals), not the lowercase word."""
    known = {a.lower() for a in party.aliases.values_list("name", flat=True)}
    new: dict[str, str] = {}
    for alias in aliases:
        key = alias.lower()
        if key not in known and key not in new:
            new[key] = alias
        else:
            report.unchanged += 1
    keys = list(new)
    for at in range(0, len(keys), ALIAS_CHUNK):
        chunk = keys[at : at + ALIAS_CHUNK]
        owner = (
            Alias.objects.annotate(key=Lower("name"))
            .filter(key__in=chunk)
            .exclude(party=party)
            .select_related("party")
            .first()
        )
        if owner is not None:
            raise CaseFileError([f"parties: alias {owner.name!r} already belongs to {owner.party}"])
    Alias.objects.bulk_create([Alias(party=party, name=name) for name in new.values()], 1000)
    if new:
        version_claim(party)
    report.created += len(new)


def _load_party(case: Case, item: dict, report: LoadReport) -> Party:
    # a description the file leaves out keeps the one another case file gave the party
    told = {"description": item["description"]} if item.get("description") else {}
    party = upsert(Party, {"name__iexact": item["name"]}, {"kind": item["kind"], **told}, report)
    if not party.slug:
        party.slug = _free_slug(item["name"])
        party.save(update_fields=["slug"])
    if party.name != item["name"]:
        party.name = item["name"]
        party.save(update_fields=["name", "updated_at"])
    _load_aliases(party, item.get("aliases") or [], report)
    for role in [item["role"]] if item.get("role") else []:
        _, created = CaseParty.objects.get_or_create(case=case, party=party, role=role)
        report.count(created, False)
    for role in item.get("roles") or []:
        _, created = CaseParty.objects.get_or_create(case=case, party=party, role=role)
        report.count(created, False)
    return party


def _free_slug(name: str) -> str:
    base = slugify(name) or "party"
    slug, n = base, 2
    while Party.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _load_document(item: dict, by_name, report: LoadReport) -> Document:
    owner = by_name(item["owner"]) if item.get("owner") else None
    doc = upsert(
        Document,
        {"slug": item["slug"]},
        {
            "title": item["title"],
            "owner": owner,
            "url": item.get("url") or "",
            **({"track": item["track"]} if "track" in item else {}),
        },
        report,
    )
    for c in item.get("clauses") or []:
        clause = upsert(
            Clause,
            {"document": doc, "ref": c["ref"]},
            {"title": c["title"], "keywords": c.get("keywords") or []},
            report,
        )
        versions = list(c.get("versions") or [])
        if c.get("text"):
            versions.append({"text": c["text"], "effective": c["effective"]})
        for version in versions:
            day, _ = parse_date(version["effective"])
            upsert(
                ClauseVersion,
                {"clause": clause, "effective": day},
                {"text": version["text"]},
                report,
            )
    return doc


# --- dumping --------------------------------------------------------------------------------


def case_dump(*, case: Case) -> dict:
    """The case as case-file data, in the format `case_load` reads."""
    roles: dict[int, list[str]] = {}
    for cp in CaseParty.objects.filter(case=case).order_by("id"):
        roles.setdefault(cp.party_id, []).append(cp.role)
    claims = list(case.claims.prefetch_related("by", "against", "status_history").order_by("id"))
    documents = list(
        case.documents.select_related("owner").prefetch_related("clauses__versions").order_by("id")
    )
    out = {
        "slug": case.slug,
        "title": case.title,
        "summary": case.summary,
        "court": case.court,
        "docket": case.docket,
        "status": case.status,
        **casefile_legal.case_dump(case=case),
        "parties": [
            _party_out(p, roles.get(p.pk, [])) for p in _parties_named(roles, claims, documents)
        ],
        "claims": [_claim_out(c) for c in claims],
        "issues": [_text_out(i) for i in case.issues.order_by("id")],
        "documents": [_document_out(d) for d in documents],
        "events": [
            _event_out(e)
            for e in case.events.filter(status=ReviewStatus.ACCEPTED).order_by("date", "id")
        ],
    }
    for name, (_load, dump) in settings.TRACKER_CASEFILE_SECTIONS.items():
        out[name] = import_string(dump)(case=case)
    if related := casefile_extra.related_dump(case=case):
        out["related"] = related
    return out


def _parties_named(roles: dict[int, list[str]], claims: list[Claim], documents: list[Document]):
    """The parties with a role in the case, on a side of a claim or owning a document."""
    party_ids = set(roles)
    for claim in claims:
        party_ids |= {p.pk for p in claim.by.all()} | {p.pk for p in claim.against.all()}
    party_ids |= {d.owner_id for d in documents if d.owner_id}
    return Party.objects.filter(pk__in=party_ids).prefetch_related("aliases").order_by("id")


def _party_out(party: Party, roles: list[str]) -> dict:
    out: dict[str, Any] = {"name": party.name, "kind": party.kind}
    if len(roles) == 1:
        out["role"] = roles[0]
    elif roles:
        out["roles"] = roles
    out["aliases"] = [a.name for a in sorted(party.aliases.all(), key=lambda a: a.pk)]
    if party.description:
        out["description"] = party.description
    return out


def _text_out(obj: Claim | Issue, **extra: Any) -> dict:
    out = {"slug": obj.slug, "title": obj.title, **extra, "keywords": list(obj.keywords)}
    if obj.description:
        out["description"] = obj.description
    return out


def _claim_out(claim: Claim) -> dict:
    by, against = [p.name for p in claim.by.all()], [p.name for p in claim.against.all()]
    out = _text_out(claim, by=by, against=against)
    if history := casefile_extra.claim_status_dump(claim=claim):
        out["status_history"] = history
    return out


def _document_out(doc: Document) -> dict:
    clauses = []
    for clause in sorted(doc.clauses.all(), key=lambda c: c.pk):
        versions = sorted(clause.versions.all(), key=lambda v: v.effective)
        out: dict[str, Any] = {"ref": clause.ref, "title": clause.title}
        if versions:
            out["text"] = versions[-1].text
            out["effective"] = versions[-1].effective.isoformat()
        out["keywords"] = list(clause.keywords)
        if len(versions) > 1:
            out["versions"] = [
                {"text": v.text, "effective": v.effective.isoformat()} for v in versions[:-1]
            ]
        clauses.append(out)
    return {
        "slug": doc.slug,
        "title": doc.title,
        "owner": doc.owner.name if doc.owner else None,
        "url": doc.url,
        **({"track": True} if doc.track else {}),
        "clauses": clauses,
    }


def _event_out(event: Event) -> dict:
    out = {
        "date": event.date.isoformat(),
        "precision": event.precision,
        "kind": event.kind,
        "title": event.title,
    }
    if event.description:
        out["description"] = event.description
    if event.source_url:
        out["source_url"] = event.source_url
    if event.keywords:
        out["keywords"] = list(event.keywords)
    return out
