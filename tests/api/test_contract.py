"""The REST contract of design.md: exact field names and shapes."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

LINK_KEYS = {"id", "target_type", "target", "status", "origin", "confidence", "evidence"}
EVIDENCE_KEYS = {"exact", "prefix", "suffix", "start", "end", "part"}  # part: an extension


def test_articles_list_has_contract_fields(anon, world):
    response = anon.get(reverse("api:article-list"), {"case": "musk-v-openai"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"next", "previous", "results"}
    [article] = body["results"]
    assert {"id", "url", "title", "published", "source", "story", "links"} <= set(article)
    assert "text" not in article
    assert article["id"] == world.article.id
    assert article["story"] == world.story.id
    assert dt.datetime.fromisoformat(article["published"]) == world.article.published
    by_type = {link["target_type"]: link for link in article["links"]}
    assert set(by_type) == {"party", "issue", "clause", "event"}
    for link in article["links"]:
        assert set(link) >= LINK_KEYS
        assert link["status"] in {"suggested", "accepted", "rejected"}
        assert link["origin"] in {"auto", "analyst"}
        assert 0 <= link["confidence"] <= 1
    party = by_type["party"]
    assert party["target"] == "OpenAI"
    assert by_type["issue"]["target"] == "distillation"
    assert by_type["clause"]["target"] == "openai-terms#use-of-output"
    [evidence] = party["evidence"]
    assert set(evidence) == EVIDENCE_KEYS
    assert evidence["exact"] == "OpenAI models"


def test_article_detail_adds_text_that_offsets_index(anon, world):
    response = anon.get(reverse("api:article-detail", args=[world.article.id]))
    assert response.status_code == 200
    body = response.json()
    assert body["text"] == world.article.text
    for link in body["links"]:
        for ev in link["evidence"]:
            assert body["text"][ev["start"] : ev["end"]] == ev["exact"]


def test_positions_contract(anon, world):
    response = anon.get(reverse("api:position-list"), {"case": "musk-v-openai"})
    [position] = response.json()["results"]
    expected = {"party", "issue", "stance", "status", "quote", "article", "date"}
    assert expected <= set(position)
    assert position["party"] == "OpenAI"
    assert position["issue"] == "distillation"
    assert position["stance"] == "opposes"
    assert position["article"] == world.article.id
    assert position["date"] == "2026-04-30"


def test_events_contract_dates_as_precise_as_known(anon, world):
    response = anon.get(reverse("api:event-list"), {"case": "musk-v-openai"})
    results = {e["title"]: e for e in response.json()["results"]}
    expected = {"id", "date", "precision", "kind", "title", "status", "articles"}
    assert expected <= set(results["Musk testifies"])
    assert results["Musk testifies"]["date"] == "2026-04-30"
    assert results["Musk testifies"]["articles"] == [world.article.id]
    assert results["Complaint amended"]["date"] == "2025-03"
    assert results["Complaint amended"]["precision"] == "month"
    assert results["Complaint amended"]["articles"] == []


def test_stories_contract(anon, world):
    response = anon.get(reverse("api:story-list"), {"case": "musk-v-openai"})
    [story] = response.json()["results"]
    assert {"id", "title", "articles"} <= set(story)
    assert story["articles"] == [world.article.id]


def test_cases_by_slug(anon, world):
    response = anon.get(reverse("api:case-list"))
    assert {c["slug"] for c in response.json()["results"]} == {"musk-v-openai", "other-case"}
    detail = anon.get(reverse("api:case-detail", args=["musk-v-openai"])).json()
    assert detail["title"] == "Musk v. OpenAI"
    assert {(p["name"], p["role"]) for p in detail["parties"]} == {
        ("Elon Musk", "plaintiff"),
        ("OpenAI", "defendant"),
    }


def test_lists_hold_every_status_unless_filtered(anon, world):
    links = anon.get(reverse("api:link-list")).json()["results"]
    assert {link["status"] for link in links} == {"suggested", "accepted", "rejected"}
    rejected = anon.get(reverse("api:link-list"), {"status": "rejected"}).json()["results"]
    assert [link["target_type"] for link in rejected] == ["clause"]


def test_link_detail_shows_reviewer_fields(anon, world):
    body = anon.get(reverse("api:link-detail", args=[world.link.id])).json()
    assert body["reviewed_by"] is None
    assert body["reviewed_at"] is None
    assert body["article"] == world.article.id
    assert body["version"] == 1


def test_documents_and_clauses_with_versions(anon, world):
    docs = anon.get(reverse("api:document-list")).json()["results"]
    [clause] = docs[0]["clauses"]
    assert clause["label"] == "openai-terms#use-of-output"
    assert clause["versions"][0]["effective"] == "2024-01-31"
    clauses = anon.get(reverse("api:clause-list"), {"document": "openai-terms"}).json()
    assert [c["ref"] for c in clauses["results"]] == ["use-of-output"]
