"""SQL and full-text-search injection through API filters, search and page parameters:
no 500, no data changed, and a filter never widens to "everything"."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.security.fingerprint import changed, database_fingerprint
from tests.support.urls import concrete, routes

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "' OR 1=1--",
    "' OR '1'='1",
    '" OR ""="',
    '"; DROP TABLE news_article; --',
    "'; DELETE FROM linking_link; --",
    "1; UPDATE cases_case SET title='x'",
    "1 UNION SELECT username, password FROM auth_user--",
    "NEAR(",
    "NEAR(distillation musk, 2",
    "*",
    '"',
    '"unbalanced',
    "distill*",
    "title:musk",
    "^musk",
    "a AND",
    "OR",
    "NOT",
    "(((",
    ")",
    "-musk",
    "musk:*",
    "!!",
    "& |",
    "\\",
    "%",
    "_",
    "%' AND 1=1 AND '%'='",
    "\x00",
    "musk\x00openai",
    "🤖 ∑ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "x" * 5000,
]
PARAMS = ["case", "q", "status", "search", "ordering", "cursor", "target_type", "party",
          "issue", "stance", "since", "until", "kind", "story", "article", "source", "page"]  # fmt: skip


def _list_urls(objects: dict) -> list[str]:
    """Every API list and export, every page that takes a query, and search."""
    urls = {
        concrete(r, objects)
        for r in routes()
        if r.pattern.startswith("api/v1/") and "(?P<" not in r.pattern
    }
    return sorted(
        urls
        | {
            "/search/",
            "/review/",
            f"/cases/{objects['case'].slug}/",
            f"/cases/{objects['case'].slug}/positions/",
            f"/cases/{objects['case'].slug}/feed.atom",
            f"/cases/{objects['case'].slug}/events.ics",
        }
    )


def test_injection_in_every_filter_is_harmless(client, hostile, users):
    client.raise_request_exception = False  # a crash is a 500 to record
    client.force_login(users["viewer"])
    before = database_fingerprint()
    problems: list[str] = []
    for url in _list_urls(hostile):
        for payload in PAYLOADS:
            query = urlencode(dict.fromkeys(PARAMS, payload))
            response = client.get(f"{url}?{query}")
            if response.status_code >= 500:
                problems.append(f"{url} {payload[:40]!r}: {response.status_code}")
    assert not problems, "\n".join(dict.fromkeys(problems))
    assert changed(before, database_fingerprint()) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_with_hostile_syntax_answers(client, hostile, payload):
    client.raise_request_exception = False
    response = client.get("/search/", {"q": payload})
    assert response.status_code in (200, 400), response.status_code


@pytest.mark.parametrize("payload", ["' OR 1=1--", "' OR '1'='1", "%", "_", "*"])
def test_case_filter_does_not_widen_to_everything(client, hostile, payload):
    """An injected case slug matches no case: the list is empty (or refused), never all rows."""
    client.raise_request_exception = False
    for kind in ("articles", "links", "events", "positions"):
        response = client.get(f"/api/v1/{kind}/", {"case": payload})
        assert response.status_code in (200, 400, 404), (kind, response.status_code)
        if response.status_code == 200:
            assert response.json()["results"] == [], (kind, payload)


def test_search_still_finds_after_the_attempts(client, hostile):
    """The index and the data survived: a plain query still finds the hostile article."""
    for payload in PAYLOADS[:6]:
        client.get("/search/", {"q": payload})
    response = client.get("/api/v1/articles/", {"case": hostile["case"].slug})
    assert [a["id"] for a in response.json()["results"]] == [hostile["article"].pk]
