"""Who may read and write what: anonymous, viewer, analyst, editor."""

from __future__ import annotations

import pytest
from django.urls import reverse


def link_patch(client, world):
    url = reverse("api:link-detail", args=[world.link.id])
    return client.patch(url, {"status": "accepted"}, format="json")


def case_patch(client, world):
    url = reverse("api:case-detail", args=[world.case.slug])
    return client.patch(url, {"summary": "Updated."}, format="json")


def feed_post(client, world):
    return client.post(
        reverse("api:feed-list"),
        {"url": "https://feeds.example.org/rss", "title": "Example", "cases": ["musk-v-openai"]},
        format="json",
    )


def event_post(client, world):
    return client.post(
        reverse("api:event-list"),
        {"case": "musk-v-openai", "date": "2026-05-02", "title": "Hearing", "kind": "hearing"},
        format="json",
    )


WRITES = {
    "link_patch": (link_patch, "analyst"),
    "event_post": (event_post, "analyst"),
    "case_patch": (case_patch, "editor"),
    "feed_post": (feed_post, "editor"),
}
RANK = {None: -1, "viewer": 0, "analyst": 1, "editor": 2}


@pytest.mark.parametrize("role", [None, "viewer", "analyst", "editor"])
@pytest.mark.parametrize("write", sorted(WRITES))
def test_write_matrix(make_client, world, role, write):
    action, needed = WRITES[write]
    response = action(make_client(role), world)
    if RANK[role] >= RANK[needed]:
        assert response.status_code in (200, 201), response.content
    elif role is None:
        assert response.status_code in (401, 403)
        assert "detail" in response.json()
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", [None, "viewer", "analyst", "editor"])
@pytest.mark.parametrize("name", ["article", "link", "position", "event", "story", "case"])
def test_everyone_reads_when_public(make_client, world, role, name):
    response = make_client(role).get(reverse(f"api:{name}-list"))
    assert response.status_code == 200
    assert response.json()["results"]


def test_private_mode_needs_a_login(make_client, world, settings):
    settings.TRACKER_PUBLIC_READ = False
    anon = make_client().get(reverse("api:article-list"))
    assert anon.status_code in (401, 403)
    assert make_client("viewer").get(reverse("api:article-list")).status_code == 200
    assert make_client().get(f"/cases/{world.case.slug}/events.ics").status_code == 403


def test_session_login_works_too(client, django_user_model, world):
    from tracker.review.roles import user_set_role

    user, _ = user_set_role(username="sam", role="analyst", password="a-long-password-1")
    client.force_login(user)
    url = reverse("api:link-detail", args=[world.link.id])
    response = client.patch(url, '{"status": "rejected"}', content_type="application/json")
    assert response.status_code == 200
    assert response.json()["reviewed_by"] == "sam"


def test_token_from_createuser(world, capsys):
    from django.core.management import call_command
    from rest_framework.test import APIClient

    call_command("createuser", "ana", "--role", "analyst")
    token = capsys.readouterr().out.strip().splitlines()[-1]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert link_patch(client, world).status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get(reverse("api:article-list")).status_code == 401


def test_an_editor_turning_full_text_on_opens_the_backlog(make_client, world):
    """The backlog is the server's to set: turning full text on sets it, a client cannot."""
    from tests.factories import FeedFactory

    feed = FeedFactory(etag='"v1"', fetch_full_text=False)
    url = reverse("api:feed-detail", args=[feed.id])
    editor = make_client("editor")
    response = editor.patch(url, {"full_text_backlog": True}, format="json")
    assert response.status_code == 200 and response.json()["full_text_backlog"] is False
    response = editor.patch(url, {"fetch_full_text": True}, format="json")
    assert response.status_code == 200
    assert response.json()["full_text_backlog"] is True
    feed.refresh_from_db()
    assert feed.full_text_backlog and feed.etag == ""  # the next fetch reads the feed whole
    response = editor.patch(url, {"fetch_full_text": False}, format="json")
    assert response.json()["full_text_backlog"] is False
