"""Filters for quotes and figures on the pages."""

from __future__ import annotations

from django import template

register = template.Library()

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
