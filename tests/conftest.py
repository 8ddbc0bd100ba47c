"""Shared fixtures. Factories live in tests/factories.py.

The Playwright fixtures (`browser`, `page`, `phone_page`, `screenshot`) are one plugin for the
whole suite, so any test package can use them and only one Playwright ever runs.
"""

from __future__ import annotations

pytest_plugins = ["tests.browser_fixtures"]

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the coverage aggregates are cached under (case id,
    version), and a test database rolled back reuses both (SQLite reuses ids)."""
    from django.core.cache import cache

    cache.clear()
    yield
