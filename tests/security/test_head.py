"""Finding 17 of issue 18: HEAD is answered like GET (same status and headers, no body) on
every page and feed: every URL pattern of the project that answers GET is asked with HEAD."""

from __future__ import annotations

import pytest

from tests.support.urls import concrete, routes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [None, "analyst"])
def test_head_answers_like_get(client, hostile, users, role):
    if role:
        client.force_login(users[role])
    checked, wrong = [], []
    for route in routes():
        if route.pattern.startswith(("accounts/logout", "api/")):
            continue  # logout is POST only; DRF answers HEAD itself
        path = concrete(route, hostile)
        got = client.get(path)
        if got.status_code != 200:
            continue
        head = client.head(path)
        checked.append(path)
        same = head.status_code == 200 and head["Content-Type"] == got["Content-Type"]
        if not same or head.content:
            wrong.append((path, head.status_code))
    assert wrong == []
    assert {"/", "/feeds/", "/feeds.opml", "/search/"} <= set(checked)
    assert any(p.endswith("feed.atom") for p in checked)
    assert any(p.endswith("events.ics") for p in checked)
