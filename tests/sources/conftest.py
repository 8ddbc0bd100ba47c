"""Fixtures for primary sources: a fake CourtListener on 127.0.0.1 and a client that records
its waits instead of sleeping."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.sources.fake_courtlistener import FakeCourtListener
from tracker.sources.courtlistener import Client

TOKEN = "test-token-123"


@pytest.fixture
def fake(settings):
    server = FakeCourtListener(token=TOKEN, page_size=3)
    settings.TRACKER_FETCH_ALLOW_PRIVATE = True
    settings.COURTLISTENER_URL = server.base_url
    settings.COURTLISTENER_TOKEN = TOKEN
    yield server
    server.close()


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def courtlistener(fake, sleeps):
    def make(**kwargs) -> Client:
        return Client(sleep=sleeps, **kwargs)

    return make


@pytest.fixture
def case(db):
    return f.CaseFactory(slug="acme-v-widgets", title="Acme v. Widgets", docket="")
