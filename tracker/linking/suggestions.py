"""Suggested events: candidates from articles merged into known events, into each other, or
stored as new suggestions (status suggested, origin auto), and the event links to make.

A candidate is the same event as a stored or pending one when `events.same_event` says so (same
case, overlapping dates, similar sentence), or when the clustering put both articles in one
story and they state the same date at the same precision.
"""

from __future__ import annotations

from simple_history.utils import bulk_create_with_history

from tracker.cases.models import Event, Origin, ReviewStatus
from tracker.linking.analysis import Analysis, Context, Wanted
from tracker.linking.events import Candidate, EventInfo, same_event
from tracker.news.models import Article


def events_suggest(
    *, articles: list[Article], analyses: dict[int, Analysis], context: Context
) -> None:
    """Merge candidates into known events or into each other; create the new ones; link."""
    pending: list[tuple[EventInfo, Candidate, list[tuple[int, Candidate]], set[int]]] = []
    for article in articles:
        for candidate in analyses[article.id].candidates:
            events = context.cases[candidate.case_id].events
            match = next((e for e in events if same_event(candidate, e)), None)
            if match is None and article.story_id is not None:
                # Articles the clustering put in one story, stating the same date: one event.
                match = next(
                    (
                        p[0]
                        for p in pending
                        if p[0].case_id == candidate.case_id
                        and (p[0].date, p[0].precision) == (candidate.date, candidate.precision)
                        and article.story_id in p[3]
                    ),
                    None,
                )
            if match is not None and match.id is not None:
                if match.status != ReviewStatus.REJECTED:
                    want_event(analyses[article.id], match.id, candidate)
                continue
            group = next((p for p in pending if p[0] is match), None)
            if group is None:
                info = EventInfo(
                    id=None,
                    case_id=candidate.case_id,
                    date=candidate.date,
                    precision=candidate.precision,
                    title=candidate.title,
                    status=ReviewStatus.SUGGESTED,
                    stems=candidate.stems,
                    kind=candidate.kind,
                    names=context.cases[candidate.case_id].names,
                )
                events.append(info)
                group = (info, candidate, [], set())
                pending.append(group)
            group[2].append((article.id, candidate))
            if article.story_id is not None:
                group[3].add(article.story_id)
    if not pending:
        return
    existing = {
        (case_id, date, title): (event_id, status)
        for event_id, case_id, date, title, status in Event.objects.filter(
            case_id__in={p[0].case_id for p in pending}, title__in=[p[0].title for p in pending]
        ).values_list("id", "case_id", "date", "title", "status")
    }
    fresh = []
    for group in pending:
        info, _, reports, _ = group
        same = existing.get((info.case_id, info.date, info.title))
        if same is None:
            fresh.append(group)
            continue
        info.id, info.status = same  # stored already (its stems differ from this title's)
        for article_id, candidate in reports:
            if info.status != ReviewStatus.REJECTED:
                want_event(analyses[article_id], info.id, candidate)
    created = bulk_create_with_history(
        [
            Event(
                case_id=info.case_id,
                date=info.date,
                precision=info.precision,
                kind=candidate.kind,
                title=info.title,
                status=ReviewStatus.SUGGESTED,
                origin=Origin.AUTO,
                confidence=candidate.confidence,
            )
            for info, candidate, _, _ in fresh
        ],
        Event,
    )
    for event, (info, _, reports, _) in zip(created, fresh, strict=True):
        info.id = event.id
        for article_id, candidate in reports:
            want_event(analyses[article_id], event.id, candidate)


def want_event(analysis: Analysis, event_id: int, candidate: Candidate) -> None:
    wanted = analysis.links.setdefault(("event", event_id), Wanted(0.0, []))
    wanted.confidence = max(wanted.confidence, candidate.confidence)
    if (candidate.start, candidate.end) not in wanted.spans:
        wanted.spans.append((candidate.start, candidate.end))
