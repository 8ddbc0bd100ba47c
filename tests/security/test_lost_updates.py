"""Finding 10 of issue 18: no lost updates. Cases, parties, claims, issues, clauses and feeds
carry a `version` (and an ETag); a PATCH that sends back a stale one, in the body or as
If-Match, is a 409 with the current state and changes nothing. Links, positions and events
check theirs too (a stale If-Match was accepted before)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

KINDS = [
    ("case", "title", lambda o: o["case"].slug),
    ("party", "description", lambda o: o["party"].pk),
    ("claim", "description", lambda o: o["claim"].pk),
    ("issue", "description", lambda o: o["issue"].pk),
    ("clause", "title", lambda o: o["clause"].pk),
    ("feed", "title", lambda o: o["feed"].pk),
]


@pytest.fixture
def editors(users):
    first, second = APIClient(), APIClient()
    first.force_authenticate(users["editor"])
    second.force_authenticate(users["editor"])
    return first, second


@pytest.mark.parametrize(("kind", "field", "key"), KINDS)
@pytest.mark.parametrize("how", ["body", "if-match"])
def test_a_stale_version_is_a_conflict_not_a_lost_update(hostile, editors, kind, field, key, how):
    first, second = editors
    url = reverse(f"api:{kind}-detail", args=[key(hostile)])
    read = first.get(url)
    assert read.status_code == 200
    version = read.json()["version"]
    assert read["ETag"] == f'"{version}"'
    saved = second.patch(url, {field: "second editor's words", "version": version}, format="json")
    assert saved.status_code == 200, saved.content
    assert saved.json()["version"] != version
    body = {field: "first editor's words"}
    if how == "body":
        stale = first.patch(url, {**body, "version": version}, format="json")
    else:
        stale = first.patch(url, body, format="json", HTTP_IF_MATCH=f'"{version}"')
    assert stale.status_code == 409
    assert stale.json()["current"][field] == "second editor's words"
    assert first.get(url).json()[field] == "second editor's words"


@pytest.mark.parametrize(("kind", "field", "key"), KINDS[:2])
def test_a_fresh_version_and_no_version_both_write(hostile, editors, kind, field, key):
    first, _ = editors
    url = reverse(f"api:{kind}-detail", args=[key(hostile)])
    version = first.get(url).json()["version"]
    fresh = first.patch(url, {field: "edited once"}, format="json", HTTP_IF_MATCH=f'"{version}"')
    assert fresh.status_code == 200 and fresh.json()[field] == "edited once"
    assert first.patch(url, {field: "edited twice"}, format="json").status_code == 200


def test_a_stale_if_match_on_a_link_is_a_conflict(hostile, users):
    client = APIClient()
    client.force_authenticate(users["analyst"])
    link = hostile["link"]
    url = reverse("api:link-detail", args=[link.pk])
    version = client.get(url).json()["version"]
    assert client.patch(url, {"status": "rejected"}, format="json").status_code == 200
    stale = client.patch(url, {"status": "accepted"}, format="json", HTTP_IF_MATCH=f'"{version}"')
    assert stale.status_code == 409
    link.refresh_from_db()
    assert link.status == "rejected"
