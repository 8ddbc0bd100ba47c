"""PostgreSQL stores the article's wide columns with lz4 (migration news 0003) where it can."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _lz4_supported() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
            "AND 'lz4' = ANY(enumvals)"
        )
        return cursor.fetchone() is not None


def test_article_bodies_are_compressed_with_lz4():
    if connection.vendor != "postgresql":
        pytest.skip("column compression is PostgreSQL's (SQLite stores text as it is)")
    if not _lz4_supported():
        pytest.skip("this PostgreSQL server was built without lz4: the migration leaves pglz")
    body = " ".join(
        f"The witness was asked about exhibit {n} and the training logs." for n in range(200)
    )
    article = ArticleFactory(text=body, html=f"<p>{body}</p>", original=f"<p>{body}</p>")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attcompression FROM pg_attribute "
            "WHERE attrelid = 'news_article'::regclass AND attname IN ('original', 'html', 'text')"
        )
        assert dict(cursor.fetchall()) == {"original": "l", "html": "l", "text": "l"}
        cursor.execute(
            "SELECT pg_column_compression(text), pg_column_compression(html), "
            "pg_column_compression(original) FROM news_article WHERE id = %s",
            [article.pk],
        )
        assert cursor.fetchone() == ("lz4", "lz4", "lz4")
