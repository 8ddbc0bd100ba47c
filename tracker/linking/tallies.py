"""What each event's reports count (`EventTally`), kept from the change in its reports.

`memberships_refresh` rewrites the event reports of a batch of articles (tracker.linking
.membership); the tallies of the events they report change by what the batch's reports were and
are: plain sums for articles, accepted links and articles in no story; for the distinct stories
and outlets, a story (or outlet) counts once more or once less only when no article outside the
batch reports the event in it, which two small reads say. A read of the page is then one row per
event. `tallies_recount` counts everything from the reports again (a repair).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Value
from django.db.models.functions import NullIf

from tracker.cases.models import Event

from .models import EventReport, EventTally

SUMS = ("articles", "reviewed", "loose")
Reports = Mapping[tuple[int, int], tuple]  # (event id, article id) -> (..., story id, source)


def _sums(delta: dict[int, dict[str, int]], rows: Reports, sign: int) -> None:
    for (event_id, _), (accepted, _published, story_id, _source, *_) in rows.items():
        found = delta[event_id]
        found["articles"] += sign
        found["reviewed"] += sign * bool(accepted)
        found["loose"] += sign * (story_id is None)


def _pairs(rows: Reports, at: int) -> set[tuple[int, object]]:
    """(event id, story id) (at=2) or (event id, outlet) (at=3) pairs these reports hold."""
    return {(event_id, values[at]) for (event_id, _), values in rows.items() if values[at]}


def _stories_elsewhere(pairs: set, article_ids: list[int]) -> set:
    """The (event, story) pairs among `pairs` that an article outside the batch reports."""
    if not pairs:
        return set()
    found = EventReport.objects.filter(
        event_id__in={e for e, _ in pairs}, story_id__in={s for _, s in pairs}
    ).exclude(article_id__in=article_ids)
    return set(found.values_list("event_id", "story_id").order_by().distinct()) & pairs


def _outlets_elsewhere(pairs: set, article_ids: list[int]) -> set:
    """The (event, outlet) pairs among `pairs` that an article outside the batch reports: one
    EXISTS per outlet, each stopping at its first row (an event may have thousands)."""
    if not pairs:
        return set()
    outlets = sorted({s for _, s in pairs})
    others = EventReport.objects.exclude(article_id__in=article_ids)
    rows = (
        Event.objects.filter(pk__in={e for e, _ in pairs})
        .annotate(
            **{
                f"o{n}": Exists(others.filter(event_id=OuterRef("pk"), source=outlet))
                for n, outlet in enumerate(outlets)
            }
        )
        .values_list("pk", *(f"o{n}" for n in range(len(outlets))))
    )
    return {(pk, outlets[n]) for pk, *held in rows for n, yes in enumerate(held) if yes} & pairs


def tallies_change(old: Reports, new: Reports, article_ids: list[int]) -> None:
    """Apply to the events' tallies the change of these articles' reports from `old` to `new`
    (both (event id, article id) -> (accepted, published, story id, source, ...)); run after
    the reports are written, in the same transaction (`memberships_refresh`'s)."""
    delta: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    _sums(delta, old, -1)
    _sums(delta, new, 1)
    changed = {
        name: _pairs(old, at) ^ _pairs(new, at) for name, at in (("stories", 2), ("outlets", 3))
    }
    events = {event_id for pairs in changed.values() for event_id, _ in pairs}
    events |= {pk for pk, change in delta.items() if any(change.values())}
    if not events:
        return
    EventTally.objects.bulk_create(
        [EventTally(event_id=pk) for pk in events], ignore_conflicts=True
    )
    if any(changed.values()):
        # Locked (in id order) before the reads below, so that of two batches adding an
        # event's first report in one story, the later one sees the other's.
        locked = EventTally.objects.filter(event_id__in=events).order_by("pk").select_for_update()
        list(locked.values_list("pk", flat=True))
    for name, at, elsewhere in (
        ("stories", 2, _stories_elsewhere),
        ("outlets", 3, _outlets_elsewhere),
    ):
        after = _pairs(new, at)
        for pair in changed[name] - elsewhere(changed[name], article_ids):
            delta[pair[0]][name] += 1 if pair in after else -1
    _tallies_add({pk: change for pk, change in delta.items() if any(change.values())})


def _tallies_add(delta: Mapping[int, Mapping[str, int]]) -> None:
    for pk, change in sorted(delta.items()):
        EventTally.objects.filter(event_id=pk).update(
            **{name: F(name) + n for name, n in change.items() if n}
        )


@transaction.atomic  # the wrong tallies are deleted and written again: never seen missing
def tallies_recount(event_ids: Iterable[int] | None = None) -> int:
    """Count the tallies of these events (all when None) from their reports again; returns how
    many were wrong."""
    reports = EventReport.objects.all()
    tallies = EventTally.objects.all()
    if event_ids is not None:
        reports = reports.filter(event_id__in=list(event_ids))
        tallies = tallies.filter(event_id__in=list(event_ids))
    counted = {
        row.pop("event_id"): row
        for row in reports.order_by()
        .values("event_id")
        .annotate(
            articles=Count("id"),
            reviewed=Count("id", filter=Q(accepted=True)),
            loose=Count("id", filter=Q(story__isnull=True)),
            stories=Count("story", distinct=True),
            outlets=Count(NullIf(F("source"), Value("")), distinct=True),
        )
    }
    kept = {
        row.pop("event_id"): row
        for row in tallies.values("event_id", *SUMS, "stories", "outlets")
        if any(value for key, value in row.items() if key != "event_id")
    }
    wrong = {pk for pk in set(counted) | set(kept) if counted.get(pk) != kept.get(pk)}
    EventTally.objects.filter(event_id__in=wrong).delete()
    EventTally.objects.bulk_create(
        [EventTally(event_id=pk, **counted[pk]) for pk in wrong if pk in counted]
    )
    return len(wrong)
