"""Outside tools against a live server of the test suite (pytest-django's live_server).

`served` is the API world of tests/api (a case, parties, an article with links and evidence,
events of day and month precision) behind a real HTTP server, with an analyst's token.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import httpx
import pytest

from tests.api.conftest import World, world  # noqa: F401  (the fixture, shared)
from tracker.review.roles import user_set_role


@dataclass
class Served:
    url: str
    token: str
    world: World

    def get(self, path: str, **kwargs) -> httpx.Response:
        return httpx.get(self.url + path, timeout=30, **kwargs)

    def schema(self) -> dict:
        response = self.get("/api/schema/", params={"format": "json"})
        assert response.status_code == 200, response.text[:500]
        return json.loads(response.content)


@pytest.fixture
def served(live_server, world) -> Served:  # noqa: F811
    _, token = user_set_role(username="client-analyst", role="editor")
    return Served(live_server.url, token, world)
