"""Filters for quotes and figures on the pages."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import pluralize
from django.utils.formats import date_format, localize
from django.utils.html import format_html_join

register = template.Library()

_BAR = (
    '<rect class="chart-bar{}" x="{}" y="{}" width="{}" height="{}">'
    "<title>Week of {}: {} article{}</title></rect>"
)

_ENDS = '.!?…"”’)]'
_OPENS = '"“‘(['


def quote_marked(text: str | None) -> str:
    """A quote with an ellipsis where it was cut: before it when it does not start a sentence
    (a lower-case first letter), after it when it does not end one."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    first = text.lstrip(_OPENS)[:1]
    lead = "…" if first and first.islower() else ""
    trail = "" if text[-1] in _ENDS else "…"
    return f"{lead}{text}{trail}"


@register.filter
def quote(text: str | None) -> str:
    return quote_marked(text)


@register.filter
def percent(value: float | None) -> str:
    """0.35 -> "35%"; 0.30000000000000004 -> "30%" (no float noise)."""
    try:
        return f"{round(float(value) * 100):d}%"
    except (TypeError, ValueError):
        return ""


@register.simple_tag
def chart_bars(chart) -> str:
    """The weekly chart's bars as SVG rects (up to 156 a page), built in one pass rather than a
    template loop over each bar's six values: the numbers unlocalised, as {% localize off %}
    renders them (the chart's coordinates), the week as the `date` filter formats it, every
    value escaped."""
    plain = [
        (
            "" if bar.count else " is-zero",
            *(localize(value, use_l10n=False) for value in (bar.x, bar.y, bar.width, bar.height)),
            date_format(bar.week, "M j, Y"),
            localize(bar.count, use_l10n=False),
            pluralize(bar.count),
        )
        for bar in chart.bars
    ]
    return format_html_join("", _BAR, plain)
