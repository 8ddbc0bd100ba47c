"""Finding 1 of issue 18: TRACKER_PUBLIC_READ=0 protects every page, feed and API read.

Every URL pattern of the project (tests/support/urls.py) is requested with GET by an anonymous
client and by a logged-in account that has no role: none may answer 200 with the case's text.
A viewer still reads everything. Decision: with public reading off, "no role" means "no read".
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from tests.support.urls import concrete, routes

pytestmark = pytest.mark.django_db

# Pages that stay open: logging in, the API's description and the health check (no case data).
OPEN = ("accounts/", "api/schema/", "api/docs/", "healthz")
MARK = "Musk testified about distillation"  # in the hostile article's text


def _pages(objects: dict) -> list[str]:
    paths = []
    for route in routes():
        if route.pattern.startswith(OPEN):
            continue
        path = concrete(route, objects)
        if path:
            paths.append(path)
    return paths


@pytest.fixture
def private(settings):
    settings.TRACKER_PUBLIC_READ = False
    return settings


def test_anonymous_reads_nothing(client, hostile, private):
    client.raise_request_exception = False
    pages = _pages(hostile)
    assert "/" in pages and "/search/" in pages and "/feeds.opml" in pages
    leaks = []
    for path in pages:
        response = client.get(path + ("?q=Musk" if path == "/search/" else ""))
        if response.status_code == 200 or MARK.encode() in _content(response):
            leaks.append((path, response.status_code))
    assert leaks == []


def test_account_without_a_role_reads_nothing(client, hostile, private):
    client.raise_request_exception = False
    user = get_user_model().objects.create_user("norole", password="a-long-password-9")
    client.force_login(user)
    leaks = []
    for path in _pages(hostile):
        if path.startswith("/alerts/") and "clause" not in path:
            continue  # the user's own subscriptions: no case text without a case to read
        response = client.get(path)
        if response.status_code == 200 or MARK.encode() in _content(response):
            leaks.append((path, response.status_code))
    assert leaks == []
    token = Token.objects.create(user=user)
    api = client.get("/api/v1/articles/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.status_code == 403


def test_viewer_reads_pages_feeds_and_api(client, hostile, users, private):
    client.force_login(users["viewer"])
    case = hostile["case"]
    for path in (
        "/",
        f"/cases/{case.slug}/",
        f"/articles/{hostile['article'].pk}/",
        "/search/?q=Musk",
        "/feeds/",
        "/feeds.opml",
        f"/clauses/{hostile['clause'].pk}/in-force/",
        f"/cases/{case.slug}/feed.atom",
        f"/cases/{case.slug}/events.ics",
        f"/api/v1/articles/?case={case.slug}",
        f"/api/v1/export/articles.csv?case={case.slug}",
    ):
        assert client.get(path).status_code == 200, path


def test_feed_readers_may_send_a_token(client, hostile, users, private):
    token, _ = Token.objects.get_or_create(user=users["viewer"])
    url = f"/cases/{hostile['case'].slug}/feed.atom"
    assert client.get(url).status_code == 403
    assert client.get(url, HTTP_AUTHORIZATION="Token not-a-token").status_code == 403
    assert client.get(url, HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200


def test_anonymous_page_is_sent_to_log_in(client, hostile, private):
    response = client.get(f"/cases/{hostile['case'].slug}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def _content(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content
