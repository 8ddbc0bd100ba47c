"""Read-side querysets the API, its exports and its feeds share."""

from __future__ import annotations

from django.db.models import FilteredRelation, Prefetch, Q, QuerySet

from tracker.cases.models import Case, Event, ReviewStatus
from tracker.linking.membership import case_target_q
from tracker.linking.models import TARGET_LABEL_VALUES, Evidence, Link, Position
from tracker.news.models import Article, Story

LINK_TARGETS = ("party", "claim", "issue", "clause__document", "case", "event")


def case_links(links: QuerySet[Link], slug: str) -> QuerySet[Link]:
    """The links of a case: to its own targets, or any link from one of its articles.

    The article's membership is joined (its one row for this case, through a filtered
    relation), not tested as `article_id IN (the case's articles)`: beside the OR, PostgreSQL
    hashed all 100,000 memberships of a case before returning the first link (155-197 ms for
    a page of 50), where the join is one index lookup per link read, newest first, and stops
    when the page is full (under 1 ms, at any cursor). The case is looked up first, so the
    targets are matched on its id (no join to the case table for each kind of target)."""
    case_id = Case.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if case_id is None:
        return links.none()
    membership = FilteredRelation(
        "article__memberships", condition=Q(article__memberships__case=case_id)
    )
    return links.annotate(of_case=membership).filter(
        Q(of_case__isnull=False) | case_target_q(case_id)
    )


def links_qs() -> QuerySet[Link]:
    """Links with their targets and reviewers, each kind fetched once for the page (a few
    rows: one instance per party, shared by its links) rather than joined to every link: with
    the filters' own joins, nine more made the planner's work, not the rows, the page's cost."""
    return Link.objects.prefetch_related(*LINK_TARGETS, "reviewed_by", "created_by")


# What an article's nested link shows (ArticleLinkSerializer): its own fields and its
# target's label, nothing else of the target (a case's summary, an event's description, ...).
NESTED_LINK_FIELDS = (
    *("id", "article_id", "target_type", "status", "origin", "confidence", "reason"),
    *TARGET_LABEL_VALUES,
)


def articles_qs(*, with_links: bool = True) -> QuerySet[Article]:
    """Articles with their links, each with its target's label and its evidence. The links'
    targets are read for their labels only: every column of six targets joined to some 200
    links a page came to 2 KB a row (30 ms of the page at 100,000 articles, load 10)."""
    qs = Article.objects.all()
    if with_links:
        qs = qs.prefetch_related(
            Prefetch(
                "links",
                queryset=Link.objects.select_related(*LINK_TARGETS)
                .only(*NESTED_LINK_FIELDS)
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
