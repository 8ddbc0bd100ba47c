"""Reviewing and adding links (and positions, events) through the API."""

from __future__ import annotations

from django.urls import reverse

from tracker.linking.models import Link


def test_analyst_accepts_a_link_and_it_shows_who_and_when(analyst, world):
    url = reverse("api:link-detail", args=[world.link.id])
    response = analyst.patch(url, {"status": "accepted"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "accepted"
    assert body["reviewed_by"] == "analyst-user"
    assert body["reviewed_at"]
    assert body["version"] == 2
    assert response["ETag"] == '"2"'
    world.link.refresh_from_db()
    assert world.link.status == "accepted"


def test_stale_version_is_a_409_with_current_state(analyst, world):
    url = reverse("api:link-detail", args=[world.link.id])
    assert (
        analyst.patch(url, {"status": "rejected", "version": 1}, format="json").status_code == 200
    )
    response = analyst.patch(url, {"status": "accepted", "version": 1}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["current"]["status"] == "rejected"
    assert body["current"]["version"] == 2
    world.link.refresh_from_db()
    assert world.link.status == "rejected"


def test_if_match_header_locks_too(analyst, world):
    url = reverse("api:link-detail", args=[world.link.id])
    stale = analyst.patch(url, {"status": "accepted"}, format="json", HTTP_IF_MATCH='"7"')
    assert stale.status_code == 409
    fresh = analyst.patch(url, {"status": "accepted"}, format="json", HTTP_IF_MATCH='"1"')
    assert fresh.status_code == 200


def test_patch_rejects_a_status_outside_the_choices(analyst, world):
    url = reverse("api:link-detail", args=[world.link.id])
    response = analyst.patch(url, {"status": "maybe"}, format="json")
    assert response.status_code == 400
    assert "status" in response.json()


def test_analyst_adds_a_link_and_the_server_fills_the_offsets(analyst, world):
    text = world.article.text
    response = analyst.post(
        reverse("api:link-list"),
        {
            "article": world.article.id,
            "target_type": "party",
            "target": "Elon Musk",
            "evidence": [{"exact": "the billionaire"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["origin"] == "analyst"
    assert body["target"] == "Elon Musk"
    [ev] = body["evidence"]
    assert text[ev["start"] : ev["end"]] == "the billionaire"
    assert text[: ev["start"]].endswith(ev["prefix"])
    assert text[ev["end"] :].startswith(ev["suffix"])
    assert ev["prefix"]
    link = Link.objects.get(pk=body["id"])
    assert link.created_by.username == "analyst-user"


def test_a_quote_not_in_the_text_is_a_400_that_says_so(analyst, world):
    response = analyst.post(
        reverse("api:link-list"),
        {
            "article": world.article.id,
            "target_type": "party",
            "target": "Elon Musk",
            "evidence": [{"exact": "words nobody wrote"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "does not contain" in response.json()["evidence"][0]
    assert "words nobody wrote" in response.json()["evidence"][0]
    assert not Link.objects.filter(article=world.article, party=world.musk).exists()


def test_unknown_target_and_target_type_are_400s(analyst, world):
    base = {"article": world.article.id, "evidence": [{"exact": "Grok"}]}
    unknown = analyst.post(
        reverse("api:link-list"),
        {**base, "target_type": "party", "target": "Nobody Inc"},
        format="json",
    )
    assert unknown.status_code == 400
    assert "target" in unknown.json()
    bad_type = analyst.post(
        reverse("api:link-list"),
        {**base, "target_type": "planet", "target": "Mars"},
        format="json",
    )
    assert bad_type.status_code == 400
    assert "target_type" in bad_type.json()
    missing = analyst.post(
        reverse("api:link-list"),
        {**base, "article": 10**15, "target_type": "party", "target": "OpenAI"},
        format="json",
    )
    assert missing.status_code == 400
    assert "article" in missing.json()


def test_history_lists_every_change_with_who_and_what(analyst, world):
    url = reverse("api:link-detail", args=[world.link.id])
    analyst.patch(url, {"status": "accepted"}, format="json")
    analyst.patch(url, {"status": "rejected"}, format="json")
    response = analyst.get(reverse("api:link-history", args=[world.link.id]))
    assert response.status_code == 200
    entries = response.json()
    assert [e["action"] for e in entries] == ["created", "changed", "changed"]
    status_changes = [
        (c["from"], c["to"]) for e in entries for c in e["changes"] if c["field"] == "status"
    ]
    assert status_changes == [
        (None, "suggested"),
        ("suggested", "accepted"),
        ("accepted", "rejected"),
    ]
    assert entries[-1]["who"] == "analyst-user"
    assert entries[-1]["when"]
    reviewers = [c["to"] for e in entries for c in e["changes"] if c["field"] == "reviewed_by"]
    assert reviewers[-1] == "analyst-user"


def test_position_and_event_review(analyst, world):
    url = reverse("api:position-detail", args=[world.position.id])
    response = analyst.patch(url, {"status": "rejected"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["reviewed_by"] == "analyst-user"
    url = reverse("api:event-detail", args=[world.event.id])
    response = analyst.patch(url, {"status": "rejected"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"


def test_event_review_is_locked_by_its_version(analyst, world):
    url = reverse("api:event-detail", args=[world.event.id])
    version = analyst.get(url).json()["version"]
    ok = analyst.patch(url, {"status": "rejected", "version": version}, format="json")
    assert ok.status_code == 200, ok.content
    stale = analyst.patch(url, {"status": "accepted", "version": version}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current"]["status"] == "rejected"


def test_analyst_adds_a_position_from_a_quote(analyst, world):
    response = analyst.post(
        reverse("api:position-list"),
        {
            "article": world.article.id,
            "party": "Musk",
            "issue": "distillation",
            "stance": "supports",
            "quote": "partly relied on OpenAI models",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["party"], body["issue"], body["stance"]) == (
        "Elon Musk",
        "distillation",
        "supports",
    )
    assert world.article.text[body["start"] : body["end"]] == "partly relied on OpenAI models"
    missing = analyst.post(
        reverse("api:position-list"),
        {
            "article": world.article.id,
            "party": "Musk",
            "issue": "distillation",
            "stance": "supports",
            "quote": "never said this",
        },
        format="json",
    )
    assert missing.status_code == 400
    assert "quote" in missing.json()
    nobody = analyst.post(
        reverse("api:position-list"),
        {
            "article": world.article.id,
            "party": "Nobody Inc",
            "issue": "distillation",
            "stance": "opposes",
            "quote": "Grok",
        },
        format="json",
    )
    assert nobody.status_code == 400
    assert "party" in nobody.json()


def test_analyst_adds_an_event(analyst, world):
    response = analyst.post(
        reverse("api:event-list"),
        {
            "case": "musk-v-openai",
            "date": "2026-05-01",
            "precision": "month",
            "kind": "ruling",
            "title": "Judge rules on motion",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["date"] == "2026-05"
    assert response.json()["origin"] == "analyst"


def test_editor_edits_a_case_and_a_party(editor, world):
    url = reverse("api:case-detail", args=["musk-v-openai"])
    response = editor.patch(url, {"status": "decided"}, format="json")
    assert response.status_code == 200
    world.case.refresh_from_db()
    assert world.case.status == "decided"
    dup = editor.patch(
        reverse("api:party-detail", args=[world.musk.id]), {"name": "openai"}, format="json"
    )
    assert dup.status_code == 400
    assert "name" in dup.json()


def test_history_entries_accept_both_spellings():
    from tracker.api.serializers import history_entries

    new = [
        {
            "id": 1,
            "who": "a",
            "when": "t",
            "action": "changed",
            "reason": "",
            "changes": [{"field": "status", "old": "suggested", "new": "accepted"}],
        }
    ]
    old = [
        {
            "id": 1,
            "user": "a",
            "at": "t",
            "kind": "created",
            "changes": [],
            "initial": [{"field": "status", "value": "suggested"}],
        }
    ]
    assert history_entries(new)[0]["changes"] == [
        {"field": "status", "from": "suggested", "to": "accepted"}
    ]
    [entry] = history_entries(old)
    assert (entry["who"], entry["action"]) == ("a", "created")
    assert entry["changes"] == [{"field": "status", "from": None, "to": "suggested"}]
