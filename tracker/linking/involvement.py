"""Which events an article involves a party, claim, issue or clause in (`Involvement`), kept
with the memberships.

An article involves a target in an event when a quote of its link to the target lies within
NEAR characters of a quote of its link to the event (the same sentence or the next), both links
not rejected: not merely somewhere in an article that reports the event. `memberships_refresh`
calls `involvements_sync` for each batch of articles after their links or quotes changed, with
whether each article's membership of the event's case is reviewed; the timeline's target filters
then read the events from an index, never the quotes of the whole case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from .models import Evidence, Involvement

NEAR = 160  # characters around an event's quote where a target's quote involves it
TARGETS = ("party", "claim", "issue", "clause")  # what the timeline filters by
Key = tuple  # (case id, event id, article id, party id, claim id, issue id, clause id)


def _quotes(article_ids: list[int]) -> tuple[dict, dict]:
    """The spans of these articles' live event links ((event id, case id, start, end) by
    article) and of their live links to a target ((party, claim, issue, clause) ids, start,
    end by article): two reads of the quotes, the second only of the articles that report an
    event (most name parties and report none)."""
    from .membership import LIVE  # (the membership module calls this one)

    live = Evidence.objects.filter(link__status__in=LIVE).order_by()
    told: dict[int, list[tuple]] = defaultdict(list)
    events = live.filter(
        link__article_id__in=article_ids,
        link__target_type="event",
        link__event__isnull=False,
        link__event__case__isnull=False,
    )
    for article_id, event_id, case_id, start, end in events.values_list(
        "link__article_id", "link__event_id", "link__event__case_id", "start", "end"
    ):
        told[article_id].append((event_id, case_id, start, end))
    named: dict[int, list[tuple]] = defaultdict(list)
    if not told:
        return told, named
    targets = live.filter(link__article_id__in=list(told), link__target_type__in=TARGETS)
    for article_id, *ids, start, end in targets.values_list(
        "link__article_id", *(f"link__{kind}_id" for kind in TARGETS), "start", "end"
    ):
        named[article_id].append((tuple(ids), start, end))
    return told, named


def involvements_wanted(
    article_ids: list[int], reviewed: Mapping[tuple[int, int], bool]
) -> dict[Key, bool]:
    """The involvement rows these articles should have, each with whether the article's
    membership of the event's case is reviewed (`reviewed`: (case id, article id) -> bool)."""
    told, named = _quotes(article_ids)
    wanted: dict[Key, bool] = {}
    for article_id, events in told.items():
        for targets, start, end in named.get(article_id, ()):
            for event_id, case_id, s, e in events:
                if start < e + NEAR and end > s - NEAR:
                    key = (case_id, event_id, article_id, *targets)
                    wanted[key] = reviewed.get((case_id, article_id), False)
    return wanted


def involvements_sync(article_ids: list[int], wanted: Mapping[Key, bool]) -> None:
    """Make these articles' involvement rows `wanted`: the rows no longer wanted deleted, the
    missing ones inserted, those whose membership changed review updated (a few queries)."""
    have = {
        (case_id, event_id, article_id, *targets): (pk, reviewed)
        for pk, case_id, event_id, article_id, reviewed, *targets in Involvement.objects.filter(
            article_id__in=article_ids
        ).values_list(
            "pk", "case_id", "event_id", "article_id", "reviewed", *(f"{k}_id" for k in TARGETS)
        )
    }
    gone = [pk for key, (pk, _) in have.items() if key not in wanted]
    if gone:
        Involvement.objects.filter(pk__in=gone).delete()
    Involvement.objects.bulk_create(
        [
            Involvement(
                case_id=key[0],
                event_id=key[1],
                article_id=key[2],
                reviewed=reviewed,
                **{f"{kind}_id": pk for kind, pk in zip(TARGETS, key[3:], strict=True)},
            )
            for key, reviewed in wanted.items()
            if key not in have
        ],
        batch_size=1000,
    )
    for value in (True, False):
        flipped = [
            have[key][0]
            for key, reviewed in wanted.items()
            if reviewed is value and key in have and have[key][1] is not value
        ]
        if flipped:
            Involvement.objects.filter(pk__in=flipped).update(reviewed=value)
