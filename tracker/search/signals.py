"""The index follows an article's deletion wherever it is made (the admin, a queryset, a shell,
a cascade): its row in the index table (PostgreSQL's search_article_vector, SQLite's FTS5 table;
neither has a foreign key) goes in the same transaction, so no orphan takes a candidate's place
among the ranked matches."""

from __future__ import annotations

from django.db.models.signals import post_delete
from django.dispatch import receiver

from tracker.news.models import Article

from .services import articles_index


@receiver(post_delete, sender=Article, dispatch_uid="search.article_deleted")
def _article_deleted(sender, instance: Article, **kwargs) -> None:
    articles_index([instance.pk])  # the article is gone: its row is deleted, none written
