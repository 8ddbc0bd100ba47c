"""Playwright on Debian's chromium (/usr/bin/chromium); never `playwright install`.

Every browser test skips, saying why, when that binary or the playwright package is missing.
Each page fails its test on a console error, an uncaught exception, a dialog (alert/confirm:
a sign of injected script) or a failed request.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("TRACKER_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + sync Playwright


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright package is missing"
    )
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class PageProblems(list):
    def check(self) -> None:
        assert not self, "the page reported problems:\n" + "\n".join(self)


def _request_failed(problems: PageProblems, request) -> None:
    # ERR_ABORTED is the browser cancelling a request because the page moved on (a navigation
    # or an htmx swap while, say, the favicon was loading): not a failure of the page. Refused,
    # blocked or broken requests carry other codes and are kept.
    if "net::ERR_ABORTED" not in (request.failure or ""):
        problems.append(f"failed request: {request.url} {request.failure}")


def _open_page(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    problems = PageProblems()
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"exception: {e}"))
    page.on("requestfailed", lambda r: _request_failed(problems, r))

    def on_dialog(dialog):
        problems.append(f"dialog: {dialog.type} {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.problems = problems
    return context, page


@pytest.fixture
def page(browser):
    """A desktop-width page; `page.problems.check()` asserts nothing went wrong."""
    context, page = _open_page(browser, 1280, 900)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    """A 390 px wide page, as on a phone."""
    context, page = _open_page(browser, 390, 844)
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """screenshot(page, name): save test-artifacts/<name>.png to look at."""

    def take(page, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True, caret="initial")
        return path

    return take
