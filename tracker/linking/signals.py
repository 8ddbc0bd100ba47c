"""Membership kept on single-row writes: a Link saved (every review write, the admin, a shell)
or an article filed under a case through `Article.cases` (add, remove, clear). Bulk writes do
not send these signals; the services that make them (linking's batches, ingest's filing, which
the linking hook follows) call `memberships_refresh` themselves."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from tracker.news.models import Article

from .membership import memberships_refresh
from .models import Link


@receiver(post_save, sender=Link, dispatch_uid="linking.membership.link_saved")
def _link_saved(sender, instance: Link, raw: bool = False, **kwargs) -> None:
    if not raw:  # loaddata: the fixture carries its own rows
        memberships_refresh([instance.article_id])


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
