"""Shared fixtures. Factories live in tests/factories.py.

The Playwright fixtures (`browser`, `page`, `phone_page`, `screenshot`) are one plugin for the
whole suite, so any test package can use them and only one Playwright ever runs.
"""

from __future__ import annotations

pytest_plugins = ["tests.browser_fixtures"]
