"""The checker the hostile-content tests rely on finds what it must (and passes clean pages)."""

from __future__ import annotations

import pytest

from tests.support.html_check import html_problems


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script src="https://evil.example/x.js"></script>',
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)></svg>",
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href=" JaVaScRiPt:alert(1)">x</a>',
        '<a href="java\tscript:alert(1)">x</a>',
        '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<style>@import 'x.css';</style>",
        '<iframe src="/"></iframe>',
        '<base href="https://evil.example/">',
        '<div hx-on:click="alert(1)">x</div>',
        '<div hx-vals="js:{a: alert(1)}">x</div>',
        '<meta http-equiv="refresh" content="0;url=/">',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
    ],
)
def test_hostile_markup_is_reported(html):
    assert html_problems(f"<html><body>{html}</body></html>")


def test_escaped_markup_and_static_assets_are_clean():
    page = (
        '<html><head><link rel="stylesheet" href="/static/css/tracker.css">'
        '<script src="/static/js/htmx.min.js" defer></script></head><body>'
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;#106;avascript:</p>"
        '<a href="/articles/1/">ok</a><a href="https://example.org/a">out</a>'
        '<script type="application/json" id="d">{"a": "&lt;/script&gt;"}</script></body></html>'
    )
    assert html_problems(page) == []
