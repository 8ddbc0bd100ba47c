"""Read-side querysets the API, its exports and its feeds share."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from tracker.cases.models import Event, ReviewStatus
from tracker.linking.membership import case_article_ids, case_target_q
from tracker.linking.models import Evidence, Link, Position
from tracker.news.models import Article, Story

LINK_TARGETS = ("party", "claim", "issue", "clause__document", "case", "event")


def case_link_q(slug: str) -> Q:
    """The links of a case: to its own targets, or any link from one of its articles."""
    return case_target_q(slug) | Q(article_id__in=case_article_ids(case=slug))


def links_qs() -> QuerySet[Link]:
    return Link.objects.select_related(*LINK_TARGETS, "reviewed_by", "created_by")


def articles_qs(*, with_links: bool = True) -> QuerySet[Article]:
    qs = Article.objects.all()
    if with_links:
        qs = qs.prefetch_related(
            Prefetch(
                "links",
                queryset=Link.objects.select_related(*LINK_TARGETS)
                .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("start")))
                .order_by("id"),
            )
        )
    return qs


def positions_qs() -> QuerySet[Position]:
    return Position.objects.select_related("party", "issue__case", "reviewed_by")


def event_article_ids(event_ids: list[int]) -> dict[int, list[int]]:
    """The articles reporting each event: non-rejected links to it, by event id."""
    out: dict[int, list[int]] = {pk: [] for pk in event_ids}
    rows = (
        Link.objects.filter(event_id__in=event_ids)
        .exclude(status=ReviewStatus.REJECTED)
        .order_by("article_id")
        .values_list("event_id", "article_id")
    )
    for event_id, article_id in rows:
        out[event_id].append(article_id)
    return out


def events_qs() -> QuerySet[Event]:
    return Event.objects.select_related("case", "reviewed_by").prefetch_related(
        Prefetch(
            "links",
            queryset=Link.objects.exclude(status=ReviewStatus.REJECTED)
            .only("id", "article_id", "event_id")
            .order_by("article_id"),
            to_attr="reporting_links",
        )
    )


def stories_qs() -> QuerySet[Story]:
    return Story.objects.prefetch_related(
        Prefetch("articles", queryset=Article.objects.only("id", "story_id").order_by("id"))
    )
