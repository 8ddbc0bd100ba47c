"""Search index services. `articles_index` is the ingest hook (settings.TRACKER_AFTER_INGEST)."""

from __future__ import annotations

from django.db import connection, transaction


def articles_index(article_ids: list[int]) -> None:
    """Bring the search index up to date for these articles.

    SQLite: their rows in the FTS5 table are replaced. PostgreSQL: their weighted tsvector
    column is written (the GIN index on it follows).
    """
    ids = sorted({int(i) for i in article_ids})
    if not ids:
        return
    from .backends import index_postgres, index_sqlite

    with transaction.atomic():
        if connection.vendor == "sqlite":
            index_sqlite(ids)
        elif connection.vendor == "postgresql":
            index_postgres(ids)


def articles_reindex() -> int:
    """Rebuild the whole index (after a bulk import that bypassed ingestion)."""
    from tracker.news.models import Article

    ids = list(Article.objects.values_list("pk", flat=True))
    articles_index(ids)
    return len(ids)
