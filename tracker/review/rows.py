"""The review queue's rows as plain dicts: what each row shows, prepared once per row.

A queue page renders up to 50 rows of each kind, each naming some twenty values. Read from model
instances, every `{{ item.article.title }}` cost the template engine a failed item lookup (an
exception) before the attribute, every `get_FOO_display` a call, `item.evidence.all` a new
queryset; the page spent more time there than in its queries. Here each value is read once, and
the template finds it by its key on the first try. The rows' HTML is the same.

Every row has the ids, version and review state the forms need (`_reviewed`), and the values of
the queue's orders (tracker.review.cursor.ORDER_FIELDS) for its "Show more" cursor.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db.models import Field, Model
from django.utils.encoding import force_str

from tracker.cases.models import Event
from tracker.linking.models import Link, Position
from tracker.news.models import Article

Row = dict[str, Any]


@cache
def _choices(field: Field) -> dict:
    return dict(field.flatchoices)


def _display(item: Model, name: str) -> str:
    """`item.get_<name>_display()`, reading the field's choices once: Django's makes them into
    a dict on every call, which was a fifth of the rows' CPU (three labels a row)."""
    field = item._meta.get_field(name)
    value = getattr(item, field.attname)
    return force_str(_choices(field).get(value, value), strings_only=True)


def _article(article: Article | None) -> Row | None:
    """What a row names of an article: its page, title, outlet and date (never its text)."""
    if article is None:
        return None
    return {
        "pk": article.pk,
        "title": article.title,
        "source": article.source,
        "published": article.published,
    }


def _reviewed(item: Link | Position | Event) -> Row:
    reviewer = item.reviewed_by
    return {
        "pk": item.pk,
        "id": item.pk,
        "version": item.version,
        "status": item.status,
        "status_label": _display(item, "status"),
        "confidence": item.confidence,
        "created_at": item.created_at,
        "origin_label": _display(item, "origin"),
        "reviewed_by": reviewer.username if reviewer is not None else "",
        "reviewed_at": item.reviewed_at,
    }


def _quote(prefix: str, exact: str, suffix: str, start: int | None) -> Row:
    return {"prefix": prefix, "exact": exact, "suffix": suffix, "start": start}


def link_row(link: Link) -> Row:
    """A link's row (from review.selectors.links_for_queue, its target and `quotes` attached by
    links_attach)."""
    quotes = link.quotes
    return {
        **_reviewed(link),
        "target_type": link.target_type,
        "target_type_label": _display(link, "target_type"),
        "target": str(link.target),
        "target_label": link.target_label,
        "stale": link.stale,
        "quote": _quote(*quotes[0]) if quotes else None,
        "more_quotes": max(len(quotes) - 1, 0),
        "article": _article(link.article),
    }


def position_row(position: Position) -> Row:
    """A position's row (from review.selectors.positions_for_rows)."""
    return {
        **_reviewed(position),
        "party": position.party.name,
        "stance": position.stance,
        "stance_label": _display(position, "stance"),
        "issue": position.issue.title,
        "case": position.issue.case.title,
        "quote": position.quote
        and _quote(position.prefix, position.quote, position.suffix, position.start),
        "rule": position.rule,
        "article": _article(position.article),
        "date": position.date,
    }


def event_row(event: Event) -> Row:
    """An event's row (from review.selectors.events_for_rows, its `reports` attached)."""
    return {
        **_reviewed(event),
        "kind_label": _display(event, "kind"),
        "title": event.title,
        "date_iso": event.date_iso,
        "date_display": event.date_display,
        "precision_label": _display(event, "precision"),
        "case": event.case.title,
        "reports": [_article(report.article) for report in event.reports],
    }
