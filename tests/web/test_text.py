from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tracker.web.text import Span, html_clean, safe_href, segments_split, text_diff, weekly_chart

TEXT = "Elon Musk said xAI partly used OpenAI models."


def span(start, end, kind, pk=1):
    return Span(start, end, pk, pk, kind, kind)


def test_overlapping_spans_split_into_segments():
    event = span(0, len(TEXT), "event", 1)
    party = span(0, 9, "party", 2)
    clause = span(31, 44, "clause", 3)
    segments = segments_split(TEXT, [event, party, clause])
    assert "".join(s.text for s in segments) == TEXT
    assert [s.text for s in segments] == [
        "Elon Musk",
        " said xAI partly used ",
        "OpenAI models",
        ".",
    ]
    first = segments[0]
    assert first.kind == "party" and first.outer == "event"  # innermost colours, outer underlines
    assert first.anchors == [1, 2]
    assert segments[1].kind == "event" and segments[1].outer == ""


def test_spans_outside_the_text_are_ignored():
    segments = segments_split("short", [span(3, 50, "party"), span(4, 4, "party")])
    assert [(s.text, s.spans) for s in segments] == [("short", [])]


@given(
    st.text(max_size=40),
    st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=6),
)
def test_segments_always_rebuild_the_text(text, pairs):
    spans = [span(a, b, "issue", i) for i, (a, b) in enumerate(pairs)]
    segments = segments_split(text, spans)
    assert "".join(s.text for s in segments) == text
    for segment in segments:
        assert segment.text


def test_diff_marks_words():
    parts = text_diff("You may not use output.", "You may not use Output, ever.")
    assert ("delete", "output") in [(p.op, p.text) for p in parts]
    assert any(p.op == "insert" and "ever" in p.text for p in parts)
    assert "".join(p.text for p in parts if p.op != "insert") == "You may not use output."


def test_safe_href_only_http():
    assert safe_href("https://example.org/a") == "https://example.org/a"
    for bad in [
        "javascript:alert(1)",
        " JAVASCRIPT:alert(1)",
        "data:text/html,x",
        "//evil",
        "/x",
        "",
    ]:
        assert safe_href(bad) == ""


def test_html_clean_strips_scripts_handlers_and_media():
    out = html_clean(
        '<p onclick="x()">a<script>b</script><img src=x onerror=y><a href="javascript:z">l</a></p>'
    )
    assert "script" not in out and "onclick" not in out and "<img" not in out
    assert "javascript" not in out


def test_weekly_chart_fills_gaps():
    monday = dt.date(2026, 4, 27)
    chart = weekly_chart({monday: 3, monday - dt.timedelta(weeks=3): 1})
    assert len(chart.bars) == 12 and chart.total == 4 and chart.peak == 3
    assert [b.count for b in chart.bars][-4:] == [1, 0, 0, 3]
    assert chart.busiest.week == monday
