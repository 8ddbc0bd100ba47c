"""Where a case stands: what a newcomer needs before the timeline, in a fixed number of queries.

Court, docket, judge, stage, the latest known development with its date and source, the next
scheduled date, the last update, counts, and each claim's current status. Only what a person
stands behind counts here (case-file or accepted events, accepted links).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db.models import Max, Prefetch
from django.urls import reverse
from django.utils import timezone

from tracker.cases.models import Case, CaseParty, Claim, ClaimStatus, Event, ReviewStatus
from tracker.linking.membership import REVIEWED, case_memberships
from tracker.linking.models import CaseOutlet, CoverageVersion, Link
from tracker.web.text import safe_href

from .entries import outlet_name

# What the latest known event says about the stage the case is at.
STAGES = {
    Event.Kind.FILING: "Pleadings",
    Event.Kind.HEARING: "Hearings",
    Event.Kind.TESTIMONY: "Trial",
    Event.Kind.RULING: "Ruling issued",
    Event.Kind.VERDICT: "Verdict",
    Event.Kind.SETTLEMENT: "Settled",
    Event.Kind.APPEAL: "On appeal",
}


@dataclass(frozen=True)
class Source:
    url: str
    label: str


@dataclass
class ClaimNow:
    claim: Claim
    status: ClaimStatus | None  # the latest step, None when the record has none


@dataclass
class Standing:
    judges: list[str]
    stage: str
    latest: Event | None
    latest_source: Source | None
    next: Event | None
    last_update: dt.date | None
    articles: int
    outlets: int
    reviewed_links: int
    claims: list[ClaimNow]


def _source(event: Event | None) -> Source | None:
    """Where an event comes from: its own source (a docket, an order), else the first article
    that reports it."""
    if event is None:
        return None
    href = safe_href(event.source_url)
    if href:
        host = (urlsplit(href).hostname or "").removeprefix("www.")
        return Source(href, host or "source")
    link = (
        Link.objects.filter(event=event, status__in=(ReviewStatus.ACCEPTED, ReviewStatus.SUGGESTED))
        .select_related("article")
        .only("article__id", "article__source", "article__url", "article__title")
        .order_by("-status", "article__published", "article_id")  # accepted first
        .first()
    )
    if link is None:
        return None
    return Source(reverse("web:article", args=[link.article_id]), outlet_name(link.article))


def _claims(case: Case) -> list[ClaimNow]:
    history = Prefetch(
        "status_history", queryset=ClaimStatus.objects.order_by("-date", "-id"), to_attr="steps"
    )
    claims = Claim.objects.filter(case=case).prefetch_related(history).order_by("title")
    return [ClaimNow(claim, claim.steps[0] if claim.steps else None) for claim in claims]


def _stage(case: Case, latest: Event | None) -> str:
    if case.status != Case.Status.OPEN:
        return case.get_status_display()
    return STAGES.get(latest.kind, "") if latest else ""


def _coverage_totals(case: Case) -> dict:
    """The reviewed coverage: articles, outlets, the newest article's date, accepted links;
    read from the counters the writes keep (tracker.linking.membership): three indexed reads
    whatever the case holds."""
    kept = CoverageVersion.objects.filter(case=case).values("articles", "links").first()
    outlets = CaseOutlet.objects.filter(case=case, reviewed__gt=0).count()
    last = case_memberships(case=case, statuses=REVIEWED).aggregate(last=Max("published"))
    kept = kept or {"articles": 0, "links": 0}
    return {"n": kept["articles"], "outlets": outlets, "reviewed_links": kept["links"], **last}


def case_standing(*, case: Case, today: dt.date | None = None) -> Standing:
    """Where `case` stands on `today` (default: today); nine queries at most, each an indexed
    read of a few rows."""
    today = today or timezone.localdate()
    known = Event.objects.filter(case=case, status=ReviewStatus.ACCEPTED)
    latest = known.filter(date__lte=today).order_by("-date", "-id").first()
    upcoming = known.filter(date__gt=today).order_by("date", "id").first()
    judges = CaseParty.objects.filter(case=case, role=CaseParty.Role.JUDGE)
    totals = _coverage_totals(case)
    # the newest dated thing on the record: an article, or a known event that has happened
    last = totals["last"].date() if totals["last"] else None
    last_update = max((d for d in (last, latest.date if latest else None) if d), default=None)
    return Standing(
        judges=list(judges.values_list("party__name", flat=True)),
        stage=_stage(case, latest),
        latest=latest,
        latest_source=_source(latest),
        next=upcoming,
        last_update=last_update,
        articles=totals["n"],
        outlets=totals["outlets"],
        reviewed_links=totals["reviewed_links"],
        claims=_claims(case),
    )
