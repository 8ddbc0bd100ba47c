"""Review writes: accept, reject, undo, retarget and add links, positions and events.

The API and the pages both call these. Every change is checked here too (analysts and editors
only), goes through `save()` so django-simple-history records it with its user, and is guarded
by optimistic locking (tracker.core.versioning, the one scheme of every row people edit): when
two analysts change the same item the second gets `Conflict` instead of overwriting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from tracker.cases.models import Event, Issue, Origin, Party, ReviewStatus
from tracker.core.hooks import hooks_call
from tracker.core.versioning import (
    Conflict,
    change_locked,
    save_recorded,
)
from tracker.linking.membership import coverage_changed
from tracker.linking.models import TARGET_TYPES, Evidence, Link, Position
from tracker.news.models import Article
from tracker.review.quotes import QUOTE_MAX, quote_locate
from tracker.review.roles import can_review
from tracker.review.targets import target_resolve

__all__ = [
    "Conflict",
    "bulk_review",
    "event_review",
    "item_review",
    "link_create",
    "link_retarget",
    "link_review",
    "position_create",
    "position_review",
    "target_resolve",
]

STATUSES = tuple(ReviewStatus.values)

M = TypeVar("M", Link, Position, Event)


def _require_reviewer(user) -> None:
    if not can_review(user):
        raise PermissionDenied("Only analysts and editors may review or add evidence.")


def _check_status(status: str) -> str:
    if status not in STATUSES:
        raise ValidationError(
            f"Unknown status {status!r}; use one of {', '.join(STATUSES)}.", code="status"
        )
    return status


def _mark_reviewed(obj: Model, *, user, status: str) -> None:
    obj.status = status
    if status == ReviewStatus.ACCEPTED:
        # After the commit (never for a change rolled back by a conflict), once `obj` has a pk.
        transaction.on_commit(lambda: _announce_accepted(obj))
    if status == ReviewStatus.SUGGESTED:  # undo: back in the queue, reviewed by no one
        obj.reviewed_by, obj.reviewed_at = None, None
    else:
        obj.reviewed_by, obj.reviewed_at = user, timezone.now()


def _announce_accepted(obj: Model) -> None:
    """Call each settings.TRACKER_ON_ACCEPTED hook (alerts sit above review: no import)."""
    kind = {Link: "link", Position: "position", Event: "event"}[type(obj)]
    # a follower's alert must never undo or fail a review: a failing hook is logged only
    hooks_call("TRACKER_ON_ACCEPTED", kind=kind, obj_id=obj.pk)


def _review(obj: M, *, user, status: str, expected_version: int | None) -> M:
    """Accept, reject or undo (status "suggested") a link, position or event."""
    _require_reviewer(user)
    _check_status(status)
    return change_locked(
        obj,
        user=user,
        expected_version=expected_version,
        apply=lambda fresh: _mark_reviewed(fresh, user=user, status=status),
    )


def link_review(*, link: Link, user, status: str, expected_version: int | None = None) -> Link:
    return _review(link, user=user, status=status, expected_version=expected_version)


def position_review(
    *, position: Position, user, status: str, expected_version: int | None = None
) -> Position:
    return _review(position, user=user, status=status, expected_version=expected_version)


def event_review(*, event: Event, user, status: str, expected_version: int | None = None) -> Event:
    """Accept, reject or undo an event; the case's coverage version is bumped (its timeline
    counts events by status)."""
    with transaction.atomic():
        event = _review(event, user=user, status=status, expected_version=expected_version)
        coverage_changed(case_ids=[event.case_id])
    return event


@transaction.atomic
def event_create(*, user, values: dict) -> Event:
    """An analyst's own event (the API's POST /events/): `values` are its case, date and
    wording; it stands accepted, by them, at full confidence, as events from case files do."""
    _require_reviewer(user)
    event = Event(
        **values,
        origin=Origin.ANALYST,
        status=ReviewStatus.ACCEPTED,
        confidence=1.0,
        reviewed_by=user,
        reviewed_at=timezone.now(),
    )
    return save_recorded(event, user)


def item_review(*, obj: Model, user, status: str, expected_version: int | None = None) -> Model:
    """Review a link, position or event, whichever `obj` is."""
    if isinstance(obj, Link):
        return link_review(link=obj, user=user, status=status, expected_version=expected_version)
    if isinstance(obj, Position):
        return position_review(
            position=obj, user=user, status=status, expected_version=expected_version
        )
    if isinstance(obj, Event):
        return event_review(event=obj, user=user, status=status, expected_version=expected_version)
    raise TypeError(f"cannot review a {type(obj).__name__}")


@dataclass
class BulkResult:
    done: list[Model] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def bulk_review(
    *, items: Iterable[Model | tuple[Model, int | None]], user, status: str
) -> BulkResult:
    """Review many items; each is an object or (object, expected_version).

    Each item commits on its own: a stale one lands in `conflicts` and the others still go.
    """
    _require_reviewer(user)
    _check_status(status)
    result = BulkResult()
    for item in items:
        obj, expected = item if isinstance(item, tuple) else (item, None)
        try:
            result.done.append(
                item_review(obj=obj, user=user, status=status, expected_version=expected)
            )
        except Conflict as conflict:
            result.conflicts.append(conflict)
    return result


def _article_case(article: Article):
    """The article's case when it has exactly one (to resolve names within it)."""
    cases = list(article.cases.all()[:2])
    return cases[0] if len(cases) == 1 else None


def _quote_error(message: str, code: str, field: str = "evidence") -> ValidationError:
    """A quote problem, on the field the API calls it: "evidence" for links, "quote" else."""
    return ValidationError({field: ValidationError(message, code=code)})


def _locate(
    article: Article, quote: str, prefix: str = "", suffix: str = "", *, field: str = "evidence"
) -> dict:
    quote = quote if isinstance(quote, str) else ""
    if len(quote) > QUOTE_MAX:
        raise _quote_error(
            f"The quote is {len(quote)} characters long; keep it under {QUOTE_MAX}.",
            "quote",
            field,
        )
    if not quote.strip():
        raise _quote_error("Give the quote: select it in the article.", "quote_required", field)
    selector = quote_locate(article.text, quote, prefix or "", suffix or "")
    if selector is None:
        shown = quote.strip() if len(quote.strip()) <= 80 else quote.strip()[:77] + "..."
        raise _quote_error(
            f"Quote not found: the article's text does not contain the quote “{shown}”.",
            "quote_not_found",
            field,
        )
    selector["prefix"] = selector["prefix"][-200:]
    selector["suffix"] = selector["suffix"][:200]
    return selector


def link_retarget(
    *, link: Link, user, target_type: str, target: object, expected_version: int | None = None
) -> Link:
    """Point a link at another target (and accept it): e.g. the right one of two parties."""
    _require_reviewer(user)
    new_target = target_resolve(
        target_type=target_type, target=target, case=_article_case(link.article)
    )
    clash = (
        Link.objects.filter(article_id=link.article_id, **{target_type: new_target})
        .exclude(pk=link.pk)
        .first()
    )
    if clash is not None:
        raise ValidationError(
            f"This article already has a link to {clash.target_label} (#{clash.pk}); "
            "review that one instead.",
            code="duplicate",
        )

    def apply(fresh: Link) -> None:
        for kind in TARGET_TYPES:
            setattr(fresh, kind, None)
        fresh.target_type = target_type
        setattr(fresh, target_type, new_target)
        _mark_reviewed(fresh, user=user, status=ReviewStatus.ACCEPTED)

    try:
        return change_locked(link, user=user, expected_version=expected_version, apply=apply)
    except IntegrityError:
        raise ValidationError(
            "This article already has a link to that target.", code="duplicate"
        ) from None


def link_create(
    *,
    article: Article,
    target_type: str,
    target: object,
    quotes: list[str] | list[Mapping[str, str]],
    user,
    status: str = "accepted",
    contexts: list[tuple[str, str]] | None = None,
) -> Link:
    """Add an analyst's link with evidence; the server finds each quote in `article.text`.

    Each quote is a string or a mapping with "exact" (and optional "prefix", "suffix"), as the
    API's evidence items are. A quote the text lacks raises ValidationError on "evidence".

    `contexts` optionally gives (prefix, suffix) per quote, to pick the right one of several
    places. When the article already links to the target, that link gets the new evidence and
    the status.
    """
    _require_reviewer(user)
    _check_status(status)
    obj = target_resolve(target_type=target_type, target=target, case=_article_case(article))
    if not quotes:
        raise _quote_error("Give at least one quote from the article.", "quote_required")
    selectors = _quotes_locate(article, quotes, list(contexts or []))
    with transaction.atomic():
        link = _analyst_link(article, target_type, obj, user=user, status=status)
        for selector in selectors:
            Evidence.objects.get_or_create(
                link=link,
                start=selector["start"],
                end=selector["end"],
                defaults={k: selector[k] for k in ("exact", "prefix", "suffix")},
            )
    return link


def _quotes_locate(
    article: Article,
    quotes: list[str] | list[Mapping[str, str]],
    contexts: list[tuple[str, str]],
) -> list[dict]:
    """Each quote's selector in the article's text; a quote it lacks raises ValidationError."""
    selectors = []
    for index, quote in enumerate(quotes):
        prefix, suffix = contexts[index] if index < len(contexts) else ("", "")
        if isinstance(quote, Mapping):  # the API's evidence items: {"exact", "prefix"?, ...}
            prefix, suffix = quote.get("prefix") or prefix, quote.get("suffix") or suffix
            quote = quote.get("exact") or ""
        selectors.append(_locate(article, quote, prefix, suffix))
    return selectors


def _analyst_link(article: Article, target_type: str, obj: Model, *, user, status: str) -> Link:
    """The article's link to `obj`, new (the analyst's) or existing, with `status` recorded."""
    link = Link.objects.filter(article=article, **{target_type: obj}).first()
    if link is None:
        link = Link(
            article=article,
            target_type=target_type,
            origin=Origin.ANALYST,
            confidence=1.0,
            created_by=user,
        )
        setattr(link, target_type, obj)
        _mark_reviewed(link, user=user, status=status)
        try:
            with transaction.atomic():
                return save_recorded(link, user)
        except IntegrityError:  # someone added it just now: add to theirs
            link = Link.objects.get(article=article, **{target_type: obj})
    # new evidence and the status on an existing link: a recorded change
    return change_locked(
        link,
        user=user,
        expected_version=None,
        apply=lambda fresh: _mark_reviewed(fresh, user=user, status=status),
    )


def position_create(
    *,
    article: Article,
    party: Party | str,
    issue: Issue | str,
    stance: str,
    quote: str,
    user,
    prefix: str = "",
    suffix: str = "",
    status: str = "accepted",
) -> Position:
    """Record a party's stance on an issue, shown by a quote the server finds in the article."""
    _require_reviewer(user)
    _check_status(status)
    if stance not in Position.Stance.values:
        raise ValidationError(
            f"Unknown stance {stance!r}; use one of {', '.join(Position.Stance.values)}.",
            code="stance",
        )
    case = _article_case(article)
    issue_obj = target_resolve(target_type="issue", target=issue, case=case, field="issue")
    party_obj = target_resolve(
        target_type="party", target=party, case=issue_obj.case, field="party"
    )
    selector = _locate(article, quote, prefix, suffix, field="quote")
    when = article.published.date() if article.published else timezone.now().date()

    with transaction.atomic():
        existing = Position.objects.filter(
            article=article, party=party_obj, issue=issue_obj, start=selector["start"]
        ).first()
        if existing is not None:

            def apply(fresh: Position) -> None:
                fresh.stance = stance
                _mark_reviewed(fresh, user=user, status=status)

            return change_locked(existing, user=user, expected_version=None, apply=apply)
        position = Position(
            article=article,
            party=party_obj,
            issue=issue_obj,
            stance=stance,
            rule=f"analyst {user.get_username()}",
            quote=selector["exact"],
            prefix=selector["prefix"],
            suffix=selector["suffix"],
            start=selector["start"],
            end=selector["end"],
            date=when,
            origin=Origin.ANALYST,
            confidence=1.0,
            created_by=user,
        )
        _mark_reviewed(position, user=user, status=status)
        return save_recorded(position, user)
