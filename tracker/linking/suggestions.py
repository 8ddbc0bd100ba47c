"""Suggested events: candidates from articles merged into known events, into each other, or
stored as new suggestions (status suggested, origin auto), and the event links to make.

A candidate is the same event as a stored or pending one when `events.same_event` says so (same
case, overlapping dates, similar sentence), or when the clustering put both articles in one
story and they state the same date at the same precision.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simple_history.utils import bulk_create_with_history

from tracker.cases.models import Event, Origin, ReviewStatus
from tracker.linking.analysis import Analysis, Context, Wanted
from tracker.linking.events import Candidate, EventInfo, same_event
from tracker.news.models import Article


@dataclass
class Pending:
    """A new event to suggest: the first candidate that told it, and every report of it."""

    info: EventInfo
    candidate: Candidate
    reports: list[tuple[int, Candidate]] = field(default_factory=list)  # (article id, candidate)
    stories: set[int] = field(default_factory=set)  # the stories of the articles reporting it


def events_suggest(
    *, articles: list[Article], analyses: dict[int, Analysis], context: Context
) -> None:
    """Merge candidates into known events or into each other; create the new ones; link."""
    pending: list[Pending] = []
    for article in articles:
        for candidate in analyses[article.id].candidates:
            match = _match(candidate, article.story_id, context, pending)
            if match is not None and match.id is not None:
                if match.status != ReviewStatus.REJECTED:
                    want_event(analyses[article.id], match.id, candidate)
                continue
            group = next((p for p in pending if p.info is match), None)
            if group is None:
                group = _pending_new(candidate, context)
                pending.append(group)
            group.reports.append((article.id, candidate))
            if article.story_id is not None:
                group.stories.add(article.story_id)
    if pending:
        _pending_store(pending, analyses)


def _match(
    candidate: Candidate, story_id: int | None, context: Context, pending: list[Pending]
) -> EventInfo | None:
    """The known or pending event the candidate is: alike (`same_event`), or stated at the same
    date by an article of the same story."""
    events = context.cases[candidate.case_id].events
    match = next((e for e in events if same_event(candidate, e)), None)
    if match is not None or story_id is None:
        return match
    return next(
        (
            p.info
            for p in pending
            if p.info.case_id == candidate.case_id
            and (p.info.date, p.info.precision) == (candidate.date, candidate.precision)
            and story_id in p.stories
        ),
        None,
    )


def _pending_new(candidate: Candidate, context: Context) -> Pending:
    """A new suggestion from a candidate, also added to its case's events (for the next
    candidates to merge into)."""
    case = context.cases[candidate.case_id]
    info = EventInfo(
        id=None,
        case_id=candidate.case_id,
        date=candidate.date,
        precision=candidate.precision,
        title=candidate.title,
        status=ReviewStatus.SUGGESTED,
        stems=candidate.stems,
        kind=candidate.kind,
        names=case.names,
    )
    case.events.append(info)
    return Pending(info=info, candidate=candidate)


def _pending_store(pending: list[Pending], analyses: dict[int, Analysis]) -> None:
    """Store the new suggestions (one already stored under the same case, date and title is
    reused) and link their reports."""
    existing = {
        (case_id, date, title): (event_id, status)
        for event_id, case_id, date, title, status in Event.objects.filter(
            case_id__in={p.info.case_id for p in pending},
            title__in=[p.info.title for p in pending],
        ).values_list("id", "case_id", "date", "title", "status")
    }
    fresh = []
    for group in pending:
        same = existing.get((group.info.case_id, group.info.date, group.info.title))
        if same is None:
            fresh.append(group)
            continue
        # stored already: its stems differ from this title's, or another worker stored it after
        # this one read the case's events
        group.info.id, group.info.status = same
        if group.info.status != ReviewStatus.REJECTED:
            _reports_link(group, same[0], analyses)
    created = bulk_create_with_history([_event_row(group) for group in fresh], Event)
    for event, group in zip(created, fresh, strict=True):
        group.info.id = event.id
        _reports_link(group, event.id, analyses)


def _event_row(group: Pending) -> Event:
    return Event(
        case_id=group.info.case_id,
        date=group.info.date,
        precision=group.info.precision,
        kind=group.candidate.kind,
        title=group.info.title,
        status=ReviewStatus.SUGGESTED,
        origin=Origin.AUTO,
        confidence=group.candidate.confidence,
    )


def _reports_link(group: Pending, event_id: int, analyses: dict[int, Analysis]) -> None:
    for article_id, candidate in group.reports:
        want_event(analyses[article_id], event_id, candidate)


def want_event(analysis: Analysis, event_id: int, candidate: Candidate) -> None:
    wanted = analysis.links.setdefault(("event", event_id), Wanted(0.0, []))
    wanted.confidence = max(wanted.confidence, candidate.confidence)
    if (candidate.start, candidate.end) not in wanted.spans:
        wanted.spans.append((candidate.start, candidate.end))
