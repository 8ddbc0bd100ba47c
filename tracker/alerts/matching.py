"""Which subscriptions want to hear about one accepted thing, and what to tell them.

Matching starts from the accepted object and asks the database only for the subscriptions that
could match it (by case and by the party, claim, issue or clause it concerns); it never scans
the data. Event-kind filters are applied in Python to those few subscriptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from tracker.cases.models import Case, Event, ReviewStatus
from tracker.linking.models import Link, Position
from tracker.sources.models import DocumentChange

from .models import Notification, Subscription

KINDS = tuple(Notification.Kind.values)


@dataclass
class Match:
    """What one accepted object says, and the subscriptions that want it."""

    kind: str
    obj_id: int
    title: str
    body: str
    url: str
    data: dict[str, Any]
    subscriptions: list[Subscription] = field(default_factory=list)


def _site(path: str) -> str:
    return getattr(settings, "TRACKER_SITE_URL", "").rstrip("/") + path


def _case_url(case: Case) -> str:
    return _site(case.get_absolute_url())


def _wants_kind(sub: Subscription, event_kind: str | None) -> bool:
    return not sub.event_kinds or event_kind is None or event_kind in sub.event_kinds


def _subscriptions(query: Q, flag: str) -> list[Subscription]:
    return list(
        Subscription.objects.filter(query, active=True, **{flag: True})
        .select_related("user", "case", "endpoint")
        .order_by("id")
    )


def match_event(event_id: int) -> Match | None:
    event = Event.objects.select_related("case").filter(pk=event_id).first()
    if event is None or event.status != ReviewStatus.ACCEPTED:
        return None
    subs = _subscriptions(Q(target_type=Subscription.Target.CASE, case=event.case), "on_events")
    return Match(
        kind=Notification.Kind.EVENT,
        obj_id=event.pk,
        title=f"{event.case}: {event.get_kind_display()}, {event.date_display}: {event.title}",
        body=event.description,
        url=_case_url(event.case),
        data={
            "type": "event",
            "id": event.pk,
            "case": event.case.slug,
            "date": event.date_iso,
            "precision": event.precision,
            "kind": event.kind,
            "title": event.title,
        },
        subscriptions=[s for s in subs if _wants_kind(s, event.kind)],
    )


def _link_cases(link: Link) -> list[Case]:
    target = link.target
    cases = {c.pk: c for c in link.article.cases.all()}
    if link.target_type == "case":
        cases[target.pk] = target
    elif link.target_type in {"claim", "issue", "event"}:
        cases[target.case_id] = target.case
    elif link.target_type == "clause" and not cases:
        cases.update({c.pk: c for c in target.document.cases.all()})
    elif link.target_type == "party" and not cases:
        cases.update({c.pk: c for c in target.cases.all()})
    return list(cases.values())


def match_link(link_id: int) -> Match | None:
    link = (
        Link.objects.select_related("article", "party", "claim__case", "issue__case")
        .select_related("clause__document", "case", "event__case")
        .prefetch_related("evidence")
        .filter(pk=link_id)
        .first()
    )
    if link is None or link.status != ReviewStatus.ACCEPTED:
        return None
    cases = _link_cases(link)
    query = Q(target_type=Subscription.Target.CASE, case__in=cases)
    if link.target_type in {"party", "claim", "issue", "clause"}:
        query |= Q(target_type=link.target_type, **{link.target_type: link.target})
    event_kind = link.event.kind if link.target_type == "event" else None
    subs = [s for s in _subscriptions(query, "on_evidence") if _wants_kind(s, event_kind)]
    quotes = [e.exact for e in link.evidence.all()]
    article = link.article
    return Match(
        kind=Notification.Kind.LINK,
        obj_id=link.pk,
        title=f"New evidence for {link.get_target_type_display().lower()} "
        f"{link.target_label}: {article.title}",
        body="\n".join(f"“{q}”" for q in quotes),
        url=_site(article.get_absolute_url()),
        data={
            "type": "link",
            "id": link.pk,
            "cases": sorted(c.slug for c in cases),
            "target_type": link.target_type,
            "target": link.target_label,
            "article": {"id": article.pk, "title": article.title, "url": article.url},
            "evidence": quotes,
        },
        subscriptions=subs,
    )


def _previous_stance(position: Position) -> str | None:
    earlier = (
        Position.objects.filter(
            party=position.party, issue=position.issue, status=ReviewStatus.ACCEPTED
        )
        .exclude(pk=position.pk)
        .order_by("-date", "-id")
        .values_list("stance", flat=True)
        .first()
    )
    return earlier


def match_position(position_id: int) -> Match | None:
    position = (
        Position.objects.select_related("party", "issue__case", "article")
        .filter(pk=position_id)
        .first()
    )
    if position is None or position.status != ReviewStatus.ACCEPTED:
        return None
    case = position.issue.case
    query = (
        Q(target_type=Subscription.Target.CASE, case=case)
        | Q(target_type=Subscription.Target.PARTY, party=position.party)
        | Q(target_type=Subscription.Target.ISSUE, issue=position.issue)
    )
    before = _previous_stance(position)
    changed = before is not None and before != position.stance
    verb = f"now {position.stance}" if changed else position.stance
    title = f"{position.party} {verb} “{position.issue.title}”"
    if changed:
        title += f" (before: {before})"
    return Match(
        kind=Notification.Kind.POSITION,
        obj_id=position.pk,
        title=title,
        body=f"“{position.quote}”" if position.quote else "",
        url=_site(reverse("web:positions", args=[case.slug])),
        data={
            "type": "position",
            "id": position.pk,
            "case": case.slug,
            "party": position.party.name,
            "issue": position.issue.slug,
            "stance": position.stance,
            "previous_stance": before,
            "changed": changed,
            "date": position.date.isoformat() if position.date else None,
            "article": position.article_id,
            "quote": position.quote,
        },
        subscriptions=_subscriptions(query, "on_positions"),
    )


def match_terms(change_id: int) -> Match | None:
    """A tracked terms document changed: followers of its cases and of the clauses touched."""
    change = DocumentChange.objects.select_related("document").filter(pk=change_id).first()
    if change is None or change.baseline or not change.ops:
        return None
    document = change.document
    clause_ids = [op["clause"] for op in change.ops]
    query = Q(target_type=Subscription.Target.CASE, case__documents=document) | Q(
        target_type=Subscription.Target.CLAUSE, clause_id__in=clause_ids
    )
    subs = {s.pk: s for s in _subscriptions(query, "on_events")}
    counts = ", ".join(f"{n} {op}" for op in DocumentChange.Op.values if (n := change.count(op)))
    return Match(
        kind=Notification.Kind.TERMS,
        obj_id=change.pk,
        title=f"{document.title} changed ({counts}), seen {change.seen_at:%Y-%m-%d}",
        body="\n".join(f"{op['op']}: {op['title']}" for op in change.ops),
        url=_site(reverse("sources:document-history", args=[document.slug])),
        data={
            "type": "terms",
            "id": change.pk,
            "document": document.slug,
            "effective": change.effective.isoformat(),
            "changes": [
                {"op": op["op"], "ref": op["ref"], "title": op["title"]} for op in change.ops
            ],
        },
        subscriptions=list(subs.values()),
    )


MATCHERS = {
    "event": match_event,
    "link": match_link,
    "position": match_position,
    "terms": match_terms,
}


def accepted_match(*, kind: str, obj_id: int) -> Match | None:
    """The match for an accepted object, or None when it is gone or no longer accepted."""
    if kind not in MATCHERS:
        raise ValueError(f"unknown kind {kind!r} (one of {', '.join(MATCHERS)})")
    return MATCHERS[kind](obj_id)
