"""The browser fixtures live in tests/browser_fixtures.py, registered once for the whole suite by
tests/conftest.py: a second registration would start a second Playwright (and fail)."""
