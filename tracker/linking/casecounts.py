"""What a case's memberships count per story (`CaseStory`), per week (`CaseWeek`) and per outlet
(`CaseOutlet`), kept from the change in its membership rows.

`memberships_refresh` rewrites the memberships of a batch of articles; each case's counts change
by what the batch's rows were and are (plain sums, so a batch's change is exact). The touched
counters are read locked in one query per table and written in one UPDATE (and one INSERT for
new ones). `case_counts_recount` counts everything from the memberships again (a repair).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from django.db import transaction
from django.db.models import Count, IntegerField, Q, Sum
from django.db.models.functions import Cast, TruncWeek
from django.utils import timezone

from tracker.core.bulk import rows_update

from .models import CaseOutlet, CaseStory, CaseWeek, Membership

Rows = Mapping[tuple[int, int], tuple]  # (case id, article id) -> (reviewed, published, story
# id, tied, tied_live, source, links): membership.FIELDS
STORY_COUNTS = ("articles", "reviewed", "tied", "tied_live")
WEEK_COUNTS = ("articles", "reviewed")
OUTLET_COUNTS = ("articles", "reviewed")
SITE_ZONE = timezone.get_default_timezone  # settings.TIME_ZONE


def week_of(published: dt.datetime) -> dt.date:
    """The Monday of the week an article was published in, in the site's time zone
    (settings.TIME_ZONE, as `truncated_week` reads it): never the zone a request or a
    worker happens to have activated."""
    aware = timezone.is_aware(published)
    day = timezone.localtime(published, SITE_ZONE()).date() if aware else published.date()
    return day - dt.timedelta(days=day.weekday())


def truncated_week(field: str) -> TruncWeek:
    """The database's week of `field` in the site's time zone (the weeks `week_of` counts)."""
    return TruncWeek(field, tzinfo=SITE_ZONE())


def _deltas(old: Rows, new: Rows) -> tuple[dict, dict, dict]:
    stories: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    weeks: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    outlets: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for rows, sign in ((old, -1), (new, 1)):
        for (case_id, _), values in rows.items():
            reviewed, published, story_id, tied, tied_live, source, _links = values
            if story_id is not None:
                found = stories[(case_id, story_id)]
                for n, value in enumerate((1, reviewed, tied, tied_live)):
                    found[n] += sign * bool(value)
            for counters, key in ((weeks, published and week_of(published)), (outlets, source)):
                if key:
                    found = counters[(case_id, key)]
                    found[0] += sign
                    found[1] += sign * bool(reviewed)
    return tuple(
        {key: change for key, change in counters.items() if any(change)}
        for counters in (stories, weeks, outlets)
    )


def _add(model, key: str, names: tuple[str, ...], delta: dict[tuple, list[int]]) -> None:
    """Add `delta` ((case id, key value) -> changes of `names`) to `model`'s counters: the
    touched rows read locked in id order in one query and written back in one UPDATE. Missing
    rows are first created at zero, a row another writer created meanwhile kept (no
    IntegrityError), and the rows read locked again; from the lock to their commit, two
    writers adding to one counter take turns."""
    if not delta:
        return
    column = model._meta.get_field(key).attname
    rows = (
        model.objects.filter(
            case_id__in={c for c, _ in delta}, **{f"{key}__in": {k for _, k in delta}}
        )
        .order_by("pk")
        .select_for_update()
    )

    def locked() -> dict[tuple, tuple]:
        found = rows.values_list("pk", "case_id", column, *names)
        return {(case_id, value): (pk, counts) for pk, case_id, value, *counts in found}

    have = locked()
    missing = [k for k in delta if k not in have]
    if missing:
        model.objects.bulk_create(
            [model(case_id=c, **{column: v}, **dict.fromkeys(names, 0)) for c, v in missing],
            ignore_conflicts=True,
        )
        have = locked()
    update = [
        (have[k][0], *(a + b for a, b in zip(have[k][1], change, strict=True)))
        for k, change in delta.items()
    ]
    rows_update(model, list(names), update)


def case_counts_change(old: Rows, new: Rows) -> None:
    """Apply the change of a batch's membership rows from `old` to `new` to its cases' story
    and week counters; run after the rows are written, in the same transaction."""
    stories, weeks, outlets = _deltas(old, new)
    _add(CaseStory, "story", STORY_COUNTS, stories)
    _add(CaseWeek, "week", WEEK_COUNTS, weeks)
    _add(CaseOutlet, "source", OUTLET_COUNTS, outlets)


@transaction.atomic  # readers see the old counters or the new ones, never none
def case_counts_recount() -> None:
    """Count every case's story, week and outlet counters from the memberships again."""
    as_int = {name: Sum(Cast(name, IntegerField())) for name in ("reviewed", "tied", "tied_live")}
    members = Membership.objects.order_by()
    stories = members.filter(story__isnull=False).values("case_id", "story_id")
    CaseStory.objects.all().delete()
    CaseStory.objects.bulk_create(
        [CaseStory(**row) for row in stories.annotate(articles=Count("id"), **as_int)],
        batch_size=1000,
    )
    weeks = (
        members.filter(published__isnull=False)
        .annotate(week=truncated_week("published"))
        .values("case_id", "week")
        .annotate(articles=Count("id"), reviewed=Count("id", filter=Q(reviewed=True)))
    )
    CaseWeek.objects.all().delete()
    CaseWeek.objects.bulk_create(
        [CaseWeek(**{**row, "week": _date(row["week"])}) for row in weeks], batch_size=1000
    )
    outlets = (
        members.exclude(source="")
        .values("case_id", "source")
        .annotate(articles=Count("id"), reviewed=Count("id", filter=Q(reviewed=True)))
    )
    CaseOutlet.objects.all().delete()
    CaseOutlet.objects.bulk_create([CaseOutlet(**row) for row in outlets], batch_size=1000)


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
