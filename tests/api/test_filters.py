"""Filters (case, party, claim, issue, clause, status, origin, target type, dates, q) and
cursor pagination."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from tests import factories as f


def ids(client, name: str, **params) -> set[int]:
    response = client.get(reverse(f"api:{name}-list"), params)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_case_filter_keeps_shared_parties_from_leaking(anon, world):
    shared = f.LinkFactory(article=world.other_article, party=world.openai)
    assert ids(anon, "article", case="musk-v-openai") == {world.article.id}
    assert ids(anon, "article", case="other-case") == {world.other_article.id}
    links = ids(anon, "link", case="musk-v-openai")
    assert world.link.id in links and shared.id not in links
    assert shared.id in ids(anon, "link", case="other-case")


def test_case_links_are_its_articles_links_and_links_to_its_own_targets(anon, world):
    """A rejected link to the case's claim from another case's article is the case's (it names
    the case's claim) though it places the article nowhere; every link from the case's articles
    is the case's, whatever its target; a party link from another case's article is not."""
    claim = world.case.claims.get()
    rejected = f.LinkFactory(
        article=world.other_article,
        target_type="claim",
        party=None,
        claim=claim,
        status="rejected",
    )
    elsewhere = f.LinkFactory(article=world.other_article, party=world.openai)
    links = ids(anon, "link", case="musk-v-openai")
    assert rejected.id in links and world.link.id in links and elsewhere.id not in links
    assert links == {*world.article.links.values_list("id", flat=True), rejected.id}
    theirs = set(world.other_article.links.values_list("id", flat=True))
    assert ids(anon, "link", case="other-case") == theirs >= {rejected.id, elsewhere.id}
    assert ids(anon, "link", case="no-such-case") == set()


def test_article_filters(anon, world):
    a, other = world.article.id, world.other_article.id
    assert ids(anon, "article", party="openai") == {a}
    assert ids(anon, "article", party="OpenAI") == {a}
    assert ids(anon, "article", issue="distillation") == {a}
    assert ids(anon, "article", clause="openai-terms#use-of-output") == {a}
    assert ids(anon, "article", status="rejected") == {a}
    assert ids(anon, "article", target_type="event") == {a}
    assert ids(anon, "article", published_after="2026-04-01") == {a}
    assert ids(anon, "article", published_before="2026-04-01") == {other}
    assert ids(anon, "article", published_after="2026-04-30T17:00:00Z") == {a}
    assert ids(anon, "article", q="Grok distillation") == {a}
    assert ids(anon, "article", q="ruled") == {other}
    assert ids(anon, "article", q="rulings") == {other}  # the word's other forms
    assert ids(anon, "article", q="distil* -ruled") == {a}
    assert ids(anon, "article", q='"called distillation" OR "court ruled"') == {a, other}
    assert ids(anon, "article", q="grok -distillation") == set()
    assert ids(anon, "article", q="***") == set()  # no word to look for
    assert ids(anon, "article", case="no-such-case") == set()


def test_link_position_event_filters(anon, world):
    assert ids(anon, "link", target_type="party") == {world.link.id}
    assert ids(anon, "link", party="openai", status="suggested") == {world.link.id}
    assert ids(anon, "link", q="OpenAI models") == {world.link.id}
    assert ids(anon, "link", origin="analyst") == set()
    assert ids(anon, "position", party="OpenAI", issue="distillation") == {world.position.id}
    assert ids(anon, "position", stance="supports") == set()
    assert ids(anon, "event", precision="month") == {world.month_event.id}
    assert ids(anon, "event", date_before="2026-01-01") == {world.month_event.id}
    assert ids(anon, "event", article=world.article.id) == {world.event.id}
    assert ids(anon, "story", case="other-case") == set()
    assert ids(anon, "party", case="musk-v-openai") == {world.openai.id, world.musk.id}


def test_cursor_pagination_walks_every_row_once(anon, db):
    made = {f.ArticleFactory().id for _ in range(7)}
    seen: list[int] = []
    url = reverse("api:article-list") + "?page_size=3"
    pages = 0
    while url:
        body = anon.get(url).json()
        assert set(body) == {"next", "previous", "results"}
        assert len(body["results"]) <= 3
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
        pages += 1
        if pages > 1:
            assert body["previous"]
    assert pages == 3
    assert sorted(seen) == sorted(made)
    assert seen == sorted(seen, reverse=True)  # newest first


def test_link_parameters_describe_one_link_together(anon, world):
    def ids(**params):
        body = anon.get("/api/v1/articles/", params).json()
        return {a["id"] for a in body["results"]}

    slug = world.openai.slug
    assert ids(party=slug) == {world.article.pk}
    # the OpenAI link is suggested; the article's accepted link is to the issue
    assert ids(party=slug, status="accepted") == set()
    assert ids(party=slug, status="suggested") == {world.article.pk}
    assert ids(issue="distillation", status="accepted") == {world.article.pk}
    assert ids(clause="openai-terms#use-of-output", status="accepted") == set()
    assert ids(target_type="issue", origin="auto", status="accepted") == {world.article.pk}
    # and an export takes the same meaning
    csv = anon.get("/api/v1/export/articles.csv", {"party": slug, "status": "accepted"})
    assert csv.status_code == 200
    assert len(b"".join(csv.streaming_content).decode().strip().splitlines()) == 1  # header


def test_claims_carry_their_status_history(anon, world):
    from tracker.cases.models import ClaimStatus

    ClaimStatus.objects.create(
        claim=world.claim, status="pleaded", date=dt.date(2024, 8, 5), note="In the complaint."
    )
    ClaimStatus.objects.create(
        claim=world.claim,
        status="survives-motion-to-dismiss",
        date=dt.date(2025, 3, 4),
        source_url="https://court.example/order",
    )
    body = anon.get(f"/api/v1/claims/{world.claim.pk}/").json()
    assert [(s["status"], s["date"]) for s in body["status_history"]] == [
        ("pleaded", "2024-08-05"),
        ("survives-motion-to-dismiss", "2025-03-04"),
    ]
    assert body["status_history"][1]["source_url"] == "https://court.example/order"
