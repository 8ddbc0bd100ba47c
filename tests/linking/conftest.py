"""Fixtures for the linking tests: the demo case, and articles written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.seeds import SEEDS  # noqa: F401 (used by the linking tests)
from tracker.cases.models import Case
from tracker.linking.matcher import matcher_invalidate

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "tracker" / "demo" / "musk-v-openai.json"
PUBLISHED = dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fresh_matcher():
    matcher_invalidate()
    yield
    matcher_invalidate()


@pytest.fixture
def demo_case(db) -> Case:
    call_command("loadcase", str(DEMO), stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Case.objects.get(slug="musk-v-openai")
