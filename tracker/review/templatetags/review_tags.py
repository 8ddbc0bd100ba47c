"""Template helpers for review: the user's role, item versions, tagging choices."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from tracker.linking.models import Link, Position
from tracker.review import roles, selectors

register = template.Library()


@register.filter
def role(user) -> str:
    return roles.role_of(user) or ""


@register.filter
def can_review(user) -> bool:
    return roles.can_review(user)


@register.simple_tag
def review_tag_choices(article) -> dict:
    return selectors.tag_choices(article=article)


@register.simple_tag
def choice_options(choices, selected) -> SafeString:
    """<option>s for (value, label) `choices`, `selected` marked: one Python loop per row rather
    than a template loop (the queue renders one <select> per link row)."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if value == selected else "", label)
            for value, label in choices
        ),
    )


@register.filter
def fk_value(obj, name: str):
    """The id of a foreign key by field name (for <select> values), without a query."""
    return getattr(obj, f"{name}_id", None)


@register.filter
def tag_value(obj, kind: str) -> str:
    """The value of a tagging choice: "party:12"."""
    return f"{kind}:{obj.pk}"


@register.filter
def as_str(value) -> str:
    return "" if value is None else str(value)


@register.filter
def history_value(value) -> str:
    """A value in a history table: dates readable, booleans as yes/no, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return f"{value:%d %b %Y, %H:%M:%S}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, float):  # 0.30000000000000004 reads 0.3
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


@register.filter
def item_title(obj) -> str:
    """A readable name for a reviewed item."""
    if isinstance(obj, Link):
        return f"{obj.get_target_type_display()} “{obj.target_label}” in “{obj.article.title}”"
    if isinstance(obj, Position):
        return f"{obj.party} {obj.stance} “{obj.issue}”"
    return str(obj)
