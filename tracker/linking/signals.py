"""Membership kept on single-row writes: a Link saved (every review write, the admin, a shell),
an article filed under a case through `Article.cases` (add, remove, clear), an event whose status
changed or that is deleted (the rows say which articles are tied to an accepted or suggested
event), an article deleted (its rows go with it; the counts and versions of its cases follow),
a story deleted (its articles and the copies of its id lose it), a link deleted outside the
linking services (a cascade from its article's target, the admin, a shell),
a quote saved (the events an article involves a target in, tracker.linking.involvement).
Bulk writes do not send these signals; the services that make them (linking's batches, ingest's
filing, which the linking hook follows) call `memberships_refresh` themselves."""

from __future__ import annotations

import threading

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from tracker.cases.models import Event
from tracker.news.models import Article, Story

from .membership import (
    event_memberships_refresh,
    memberships_forget,
    memberships_held,
    memberships_refresh,
)
from .models import EventReport, Evidence, Link, Membership


@receiver(post_save, sender=Link, dispatch_uid="linking.membership.link_saved")
def _link_saved(sender, instance: Link, raw: bool = False, **kwargs) -> None:
    if not raw:  # loaddata: the fixture carries its own rows
        memberships_refresh([instance.article_id])


@receiver(post_save, sender=Evidence, dispatch_uid="linking.membership.evidence_saved")
def _evidence_saved(sender, instance: Evidence, raw: bool = False, **kwargs) -> None:
    """A quote added or moved one at a time (an analyst's link, the admin): the events its
    article involves its targets in follow (the linking batches write quotes in bulk and
    refresh their articles themselves)."""
    if not raw:
        memberships_refresh([instance.link.article_id])


@receiver(m2m_changed, sender=Article.cases.through, dispatch_uid="linking.membership.filed")
def _filed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:  # article.cases.add(case): this article
        memberships_refresh([instance.pk])
    elif pk_set:  # case.articles.add(article, ...): those articles
        memberships_refresh(pk_set)
    else:  # case.articles.clear(): every article that was a member by filing
        memberships_refresh(instance.memberships.values_list("article_id", flat=True))


@receiver(pre_save, sender=Event, dispatch_uid="linking.membership.event_saving")
def _event_saving(sender, instance: Event, raw: bool = False, **kwargs) -> None:
    if not raw and instance.pk is not None:
        found = Event.objects.filter(pk=instance.pk).values_list("status", flat=True)
        instance._status_stored = found.first()


@receiver(post_save, sender=Event, dispatch_uid="linking.membership.event_saved")
def _event_saved(sender, instance: Event, created: bool, raw: bool = False, **kwargs) -> None:
    stored = getattr(instance, "_status_stored", None)
    if not raw and not created and stored is not None and stored != instance.status:
        event_memberships_refresh([instance.pk])  # a new event has no links yet


@receiver(pre_delete, sender=Event, dispatch_uid="linking.membership.event_deleting")
def _event_deleting(sender, instance: Event, **kwargs) -> None:
    linked = Link.objects.filter(event=instance).values_list("article_id", flat=True)
    instance._linked_articles = list(linked.order_by().distinct())


@receiver(post_delete, sender=Event, dispatch_uid="linking.membership.event_deleted")
def _event_deleted(sender, instance: Event, **kwargs) -> None:
    memberships_refresh(getattr(instance, "_linked_articles", ()))  # its links went with it


@receiver(pre_delete, sender=Article, dispatch_uid="linking.membership.article_deleting")
def _article_deleting(sender, instance: Article, **kwargs) -> None:
    instance._held = memberships_held(instance.pk)


@receiver(post_delete, sender=Article, dispatch_uid="linking.membership.article_deleted")
def _article_deleted(sender, instance: Article, **kwargs) -> None:
    if hasattr(instance, "_held"):
        memberships_forget(instance.pk, instance._held)


@receiver(pre_delete, sender=Story, dispatch_uid="linking.membership.story_deleting")
def _story_deleting(sender, instance: Story, **kwargs) -> None:
    """Before a story goes (emptied by a re-clustering, or from the admin), the rows that copy
    its id are made what their articles say, as if it were gone already: the deletion would
    otherwise null the copies (SET_NULL) behind the counters' back, and an article moved out
    of it meanwhile would then be counted as leaving no story."""
    copies = (
        model.objects.filter(story=instance).values_list("article_id", flat=True).order_by()
        for model in (Membership, EventReport)
    )
    ids = {pk for rows in copies for pk in rows}
    members = Article.objects.filter(story=instance)
    ids.update(members.values_list("pk", flat=True))
    members.update(story=None)  # what the deletion's SET_NULL does, done first
    memberships_refresh(ids)


_deleted = threading.local()  # per thread and database: articles whose links were deleted


@receiver(post_delete, sender=Link, dispatch_uid="linking.membership.link_deleted")
def _link_deleted(sender, instance: Link, using: str, **kwargs) -> None:
    """A link deleted anywhere (the admin, a shell, a cascade from its claim, issue, event,
    party or clause): its article is refreshed once the transaction commits, with every other
    article whose links it deleted, in one `memberships_refresh` (a bulk delete stays a few
    queries per thousand articles). The services that delete links refresh at once as well;
    a second refresh finds nothing to change."""
    _deleted.__dict__.setdefault(using, set()).add(instance.article_id)
    # one callback per link (a rolled back savepoint drops its own): the first to run after
    # the commit refreshes them all, the others find nothing pending
    transaction.on_commit(lambda: _links_deleted_refresh(using), using=using)


def _links_deleted_refresh(using: str) -> None:
    pending = _deleted.__dict__.pop(using, set())
    if pending:
        memberships_refresh(pending)
