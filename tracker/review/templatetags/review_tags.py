"""Template helpers for review: the user's role, item versions, tagging choices."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from tracker.linking.models import Link, Position
from tracker.news.models import Article
from tracker.review import roles, selectors
from tracker.review.quotes import context_cut

register = template.Library()


@register.filter
def role(user) -> str:
    return roles.role_of(user) or ""


@register.filter
def can_review(user) -> bool:
    return roles.can_review(user)


@register.simple_tag
def quote_in_context(prefix: str, exact: str, suffix: str, start: int | None = None) -> str:
    """The quote marked, between the words around it cut at word boundaries (context_cut)."""
    before, after = context_cut(prefix or "", suffix or "", start=start)
    return format_html("{}<mark>{}</mark>{}", before, exact, after)


@register.simple_tag
def review_tag_choices(article) -> dict:
    return selectors.tag_choices(article=article)


# A number no row's id reaches, put where the id goes in a URL reversed once per page.
_PK_SLOT = str(2**63 - 1)


def _per_render(context, key: tuple, make) -> str:
    """`make()` once per page, kept under `key` on its context: partials and includes share
    the context, while each gets a render_context of its own."""
    cache = context.__dict__.setdefault("_review_tags", {})
    if key not in cache:
        cache[key] = make()
    return cache[key]


@register.simple_tag(takes_context=True)
def row_url(context, name: str, *args) -> str:
    """reverse(name, args=args) whose last argument is a row's id, reversing `name` once per
    page: a queue page has up to 500 rows with four URLs each, and reverse() was a fifth of its
    rendering time."""
    *head, pk = args
    pattern = _per_render(context, (name, *head), lambda: reverse(name, args=[*head, _PK_SLOT]))
    return pattern.replace(_PK_SLOT, str(int(pk)))


@register.simple_tag(takes_context=True)
def article_url(context, pk: int) -> str:
    """The article's get_absolute_url() from its id, built once per page (an article's page is
    named by its id alone)."""
    pattern = _per_render(context, ("article",), lambda: Article(pk=_PK_SLOT).get_absolute_url())
    return pattern.replace(_PK_SLOT, str(int(pk)))


@register.simple_tag(takes_context=True)
def csrf_input(context) -> str:
    """{% csrf_token %}'s hidden input, built once per page instead of once per form."""
    return _per_render(context, ("csrf",), lambda: CsrfTokenNode().render(context))


@register.simple_tag(takes_context=True)
def choice_options(context, choices, selected) -> SafeString:
    """<option>s for (value, label) `choices`, `selected` marked: built once per page for each
    list and selected value (the queue renders one <select> per link row, with six target types).
    Kept under the choices' values, not their id(): a list freed during the page leaves its id to
    the next one made, which would be shown the first one's options."""
    return _per_render(
        context,
        ("options", tuple(map(tuple, choices)), selected),
        lambda: format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (value, mark_safe(" selected") if value == selected else "", label)
                for value, label in choices
            ),
        ),
    )


@register.filter(expects_localtime=True)
def day(value) -> str:
    """`value|date:"j M Y"` (in the current time zone), formatted once per day and language: a
    queue page dates each of its rows, and most rows share a few days."""
    if not value:
        return ""
    return _day(value.date() if isinstance(value, dt.datetime) else value, get_language())


@lru_cache(maxsize=4096)
def _day(value: dt.date, language: str | None) -> str:
    return date_format(value, "j M Y")


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
        return f"{obj.get_target_type_display()} “{obj.target}” in “{obj.article.title}”"
    if isinstance(obj, Position):
        return f"{obj.party} {obj.stance} “{obj.issue}”"
    return str(obj)
