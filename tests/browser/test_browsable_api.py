"""DRF's browsable API in Chromium under the site's Content-Security-Policy: no inline style or
script is blocked (a blocked one is a console error, which fails the page), and the buttons DRF
floats with style attributes still float, from api/browsable.css."""

from __future__ import annotations

import pytest

from tests.api.conftest import world  # noqa: F401  (the API's fixture world)
from tests.browser.test_pages import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("list", "/api/v1/links/"),  # with the Filters button
        ("detail", "/api/v1/links/{link}/"),  # with Extra Actions (history)
    ],
)
def test_browsable_api_keeps_the_csp(live_server, world, page, screenshot, name, path):  # noqa: F811
    response = page.goto(live_server.url + path.format(link=world.link.pk))
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    html = page.content()
    assert "<style" not in html and ' style="' not in html
    button = page.locator(".region > button", has_text="Filters")
    menu = page.locator(".region > .dropdown", has_text="Extra Actions")
    floated = button if name == "list" else menu
    assert floated.evaluate("e => getComputedStyle(e).float") == "right"
    assert floated.evaluate("e => getComputedStyle(e).marginRight") == "10px"
    # The JSON is shown highlighted: prettify's script ran and DRF's stylesheet applied.
    assert page.locator("pre.prettyprint span.str").count() > 0
    shoot(screenshot, page, f"browsable-api-{name}")
    page.problems.check()
