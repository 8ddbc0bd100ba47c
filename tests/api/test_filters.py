"""Filters (case, party, claim, issue, clause, status, origin, target type, dates, q) and
cursor pagination."""

from __future__ import annotations

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
