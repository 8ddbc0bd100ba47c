"""Hostile content in a real browser: no dialog, no script error, no request leaves the site."""

from __future__ import annotations

import pytest

from tests.support.urls import concrete, routes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hostile_pages_run_no_script_in_a_browser(live_server, hostile, users, page, client):
    client.raise_request_exception = False
    urls = [
        concrete(r, hostile)
        for r in routes()
        if not r.pattern.startswith(("api/", "accounts/", "alerts/"))
    ]
    urls += ["/search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"]
    shown = []
    for url in urls:
        response = client.get(url)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            shown.append(url)
    assert len(shown) >= 8, shown
    client.force_login(users["analyst"])  # the browser reviews as an analyst
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    shown.append("/review/")
    for url in shown:
        page.goto(live_server.url + url, wait_until="networkidle")
        leaked = page.evaluate("() => typeof window.__hostile_ran !== 'undefined'")
        assert not leaked, url
    page.problems.check()
