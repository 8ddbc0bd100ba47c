"""The queue page costs the same number of queries for 10 items as for 200."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EventFactory,
    EvidenceFactory,
    LinkFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db
# session, user, role, the three counts (one query), the rows of each kind (links: their
# targets, one query per kind of target shown, three here, and their evidence; events: their
# newest reports), 5 for target names, the cases; a case filter reads the case first
MAX_QUERIES = 18


def fill(case, parties, issue, n: int) -> None:
    claim = ClaimFactory(case=case)
    for i in range(n):
        article = ArticleFactory(text=f"OpenAI said {i} things about distillation.")
        article.cases.add(case)
        link = LinkFactory(article=article, party=parties["openai"], confidence=i / n)
        EvidenceFactory(link=link, exact="OpenAI", start=0, end=6)
        EvidenceFactory(link=link, exact="said", start=7, end=11)
        LinkFactory(article=article, target_type="claim", party=None, claim=claim)
        PositionFactory(party=parties["musk"], issue=issue, article=article, start=i, quote="x")
        event = EventFactory(case=case, status="suggested", title=f"Event {i}")
        LinkFactory(article=article, target_type="event", party=None, event=event)


@pytest.mark.parametrize("n", [10, 200])
@pytest.mark.parametrize(
    ("params", "budget"),
    [
        ({}, MAX_QUERIES),
        ({"case": "musk-v-openai", "order": "newest"}, MAX_QUERIES + 1),
        # "any" reads each kind's first ids status by status (3 queries), then their rows, and
        # counts a full page's total (up to COUNT_MAX)
        ({"status": "any", "case": "musk-v-openai"}, MAX_QUERIES + 1 + 3 * 3 + 3),
        # links only, and a full page's total counted (the waiting counts are for all types)
        ({"status": "suggested", "target": "claim"}, MAX_QUERIES - 3),
    ],
)
def test_queue_query_count_is_constant(
    client, analyst, case, parties, issue, django_assert_max_num_queries, n, params, budget
):
    fill(case, parties, issue, n)
    client.force_login(analyst)
    with django_assert_max_num_queries(budget):
        response = client.get(reverse("review:queue"), params)
    html = response.content.decode()
    links = n if params.get("target") else 3 * n
    shown = min(50, links) if params.get("target") else min(50, links) + 2 * min(50, n)
    assert html.count('class="q-item') == shown
    assert ("<mark>OpenAI</mark>" in html) is not bool(params.get("target"))


@pytest.mark.parametrize("n", [20, 200])
def test_show_more_costs_what_the_first_page_does(
    client, analyst, case, parties, issue, django_assert_max_num_queries, n
):
    """A "Show more" page (a cursor, not an offset) reads its 50 rows in the first page's
    queries, however far into the queue it is."""
    fill(case, parties, issue, n)  # 3n links
    client.force_login(analyst)
    url = reverse("review:queue") + "?show=links"
    seen = 0
    while url:
        with django_assert_max_num_queries(MAX_QUERIES):
            html = client.get(url).content.decode()
        seen += html.count('class="q-item')
        found = re.search(r'href="(\?[^"#]*)#q-h-link"', html)
        url = reverse("review:queue") + unescape(found[1]) if found else ""
    assert seen == 3 * n


@pytest.mark.parametrize("n", [10, 200])
def test_events_name_their_newest_reports_in_constant_queries(
    client, analyst, case, parties, issue, django_assert_max_num_queries, n
):
    """An event's row names its three newest reports, however many articles report it."""
    event = EventFactory(case=case, status="suggested", title="Hearing on the motion")
    articles = [ArticleFactory(title=f"Report number {i}") for i in range(n)]
    for article in articles:
        LinkFactory(article=article, target_type="event", party=None, event=event)
    client.force_login(analyst)
    with django_assert_max_num_queries(MAX_QUERIES):
        html = client.get(reverse("review:queue"), {"show": "events"}).content.decode()
    newest = [a.title for a in sorted(articles, key=lambda a: a.pk, reverse=True)]
    assert all(title in html for title in newest[:3])
    assert newest[3] not in html


@pytest.mark.parametrize("n", [10, 200])
def test_bulk_htmx_query_count_grows_only_with_the_selection(
    client, analyst, case, parties, issue, django_assert_max_num_queries, n
):
    fill(case, parties, issue, n)
    client.force_login(analyst)
    from tracker.linking.models import Link

    items = [f"link:{pk}:1" for pk in Link.objects.values_list("pk", flat=True)[:5]]
    # 5 items: about 18 queries each (claim, review, history, membership refresh), the same at
    # every n; the refresh reads the stored membership rows once more per link since b00c092,
    # and the stored event reports once more (and keeps their events' tallies) since they exist;
    # since the case head and the timeline's filters read counters, it also counts the article's
    # accepted links and reads its quotes and involvements (3 per item; 113 measured)
    with django_assert_max_num_queries(115):
        response = client.post(
            reverse("review:bulk"), {"status": "accepted", "items": items}, HTTP_HX_REQUEST="true"
        )
    assert "Accepted: 5." in response.content.decode()


def test_the_three_waiting_counts_are_one_query(
    case, parties, issue, django_assert_num_queries, monkeypatch
):
    """The page and every row it changes show three counts: one round trip, not three."""
    from tracker.review import selectors

    monkeypatch.setattr(selectors, "COUNT_MAX", 12)
    fill(case, parties, issue, 5)  # 15 suggested links, 5 positions, 5 events
    with django_assert_num_queries(1):
        counts = selectors.queue_counts(case=case)
    assert counts == {"links": 12, "positions": 5, "events": 5}
    assert str(counts["links"]) == "12+"


def test_counts_stop_at_the_bound_and_say_so(client, analyst, case, parties, issue, monkeypatch):
    """A queue of more than COUNT_MAX suggestions is not counted to the end: "N+"."""
    from tracker.review import selectors

    monkeypatch.setattr(selectors, "COUNT_MAX", 12)
    fill(case, parties, issue, 10)  # 30 suggested links, 10 positions, 10 events
    counts = selectors.queue_counts(case=case)
    assert (counts["links"], counts["positions"], counts["events"]) == (12, 10, 10)
    assert (str(counts["links"]), str(counts["positions"])) == ("12+", "10")
    client.force_login(analyst)
    html = client.get(reverse("review:queue"), {"limit": 50}).content.decode()
    assert "<strong>12+</strong> links" in html and "<strong>10</strong> positions" in html
