"""Ranked article search, one function per database: FTS5 + bm25 on SQLite, tsvector on
PostgreSQL. Each returns [(article_id, rank, title_marked, snippet_marked)] best first."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection
from django.db.models import F, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from tracker.news.models import Article

from .query import START, STOP, Query, fts5_match, websearch_text

CONFIG = "english"
TITLE_WEIGHT, TEXT_WEIGHT = 10.0, 1.0
INDEX_NAME = "search_article_tsv"

Row = tuple[int, float, str, str]


def article_vector() -> SearchVector:
    """The weighted document: title (A) above text (B); the GIN index is built from the same."""
    return SearchVector("title", weight="A", config=CONFIG) + SearchVector(
        "text", weight="B", config=CONFIG
    )


def postgres_expression_index() -> GinIndex:
    """The expression index of migration 0001, replaced in 0002 by the stored column's."""
    return GinIndex(article_vector(), name=INDEX_NAME)


postgres_index = postgres_expression_index  # the name migration 0001 imports


def stored_vector() -> RawSQL:
    """The column news_article.search_tsv (migrations 0002, 0003): article_vector() as
    index_postgres wrote it, GIN-indexed, so ranking reads it instead of rebuilding it."""
    return RawSQL('"news_article"."search_tsv"', [], output_field=SearchVectorField())


# article_vector() in SQL, as migration 0002 first generated the column.
VECTOR_SQL = (
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(text, '')), 'B')"
)


def _id_chunks(article_ids: list[int]) -> Iterator[tuple[list[int], str]]:
    """The ids 500 at a time, each chunk with its placeholders for `IN (...)`."""
    for at in range(0, len(article_ids), 500):
        chunk = article_ids[at : at + 500]
        yield chunk, ",".join(["%s"] * len(chunk))


def index_postgres(article_ids: list[int]) -> None:
    """Write these articles' search vectors (one UPDATE per 500 articles)."""
    with connection.cursor() as cursor:
        for chunk, marks in _id_chunks(article_ids):
            cursor.execute(
                f"UPDATE news_article SET search_tsv = {VECTOR_SQL} WHERE id IN ({marks})",  # noqa: S608
                chunk,
            )


def _scope_sql(scope: QuerySet[Article]) -> tuple[str, tuple]:
    sql, params = scope.values("pk").query.sql_with_params()
    return sql, tuple(params)


# Ranking (bm25) costs a few microseconds per matching article; a query that matches tens of
# thousands of articles (a common word, a short prefix) ranks the RANK_WINDOW most recently
# stored of its matches, so no query costs more than ranking that many rows.
RANK_WINDOW = 5000


def sqlite_search(query: Query, scope: QuerySet[Article], limit: int, offset: int) -> list[Row]:
    match = fts5_match(query)
    if not match:
        return []
    # The scope is the ORM's own compiled SQL; every value (the match expression too) is bound.
    # `+rowid`, not `rowid`: a bare `rowid IN (scope)` lets SQLite drive the FTS5 table by rowid
    # (one full-text lookup per article in scope: 40 s on 30,000 articles); the unary plus keeps
    # MATCH as the index and the scope as a filter on its hits. An unfiltered scope is left out.
    scope_sql, scope_params = _scope_sql(scope) if scope.query.where else ("", ())
    within = f"AND +rowid IN ({scope_sql}) " if scope_sql else ""
    window = (
        "SELECT rowid FROM search_article_fts "  # noqa: S608
        f"WHERE search_article_fts MATCH %s {within}ORDER BY rowid DESC LIMIT 1 OFFSET %s"
    )
    sql = (
        "SELECT rowid, bm25(search_article_fts, %s, %s) AS rank, "  # noqa: S608
        "highlight(search_article_fts, 0, char(2), char(3)), "
        "snippet(search_article_fts, 1, char(2), char(3), '…', 32) "
        "FROM search_article_fts "
        f"WHERE search_article_fts MATCH %s {within}"
        f"AND rowid >= coalesce(({window}), 0) "
        "ORDER BY rank, rowid LIMIT %s OFFSET %s"
    )
    params = (
        *(TITLE_WEIGHT, TEXT_WEIGHT, match, *scope_params),
        *(match, *scope_params, RANK_WINDOW - 1, limit, offset),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(r[0]), float(r[1]), r[2] or "", r[3] or "") for r in cursor.fetchall()]


def postgres_search(query: Query, scope: QuerySet[Article], limit: int, offset: int) -> list[Row]:
    text = websearch_text(query)
    if query.empty or not text:
        return []
    tsquery = SearchQuery(text, search_type="websearch", config=CONFIG)
    # As on SQLite: only the RANK_WINDOW most recently stored matches are ranked, those with an
    # id from the oldest of them on (an uncorrelated subquery over the GIN index: ids only,
    # nothing ranked). Its column is unqualified, so it names the subquery's own table.
    window = (
        scope.annotate(document=RawSQL("search_tsv", [], output_field=SearchVectorField()))
        .filter(document=tsquery)
        .order_by("-pk")
        .values("pk")[RANK_WINDOW - 1 : RANK_WINDOW]
    )
    rows = (
        scope.annotate(document=stored_vector())
        .filter(document=tsquery, pk__gte=Coalesce(Subquery(window), 0))
        .annotate(
            rank=SearchRank(F("document"), tsquery),
            title_marked=SearchHeadline(
                "title", tsquery, config=CONFIG, highlight_all=True, **_sel()
            ),
            snippet=SearchHeadline(
                "text",
                tsquery,
                config=CONFIG,
                max_words=40,
                min_words=20,
                max_fragments=2,
                fragment_delimiter=" … ",
                **_sel(),
            ),
        )
        .order_by("-rank", "pk")
        .values_list("pk", "rank", "title_marked", "snippet")[offset : offset + limit]
    )
    return [(pk, float(rank), title or "", snippet or "") for pk, rank, title, snippet in rows]


def _sel() -> dict[str, str]:
    return {"start_sel": START, "stop_sel": STOP}


def index_sqlite(article_ids: list[int]) -> None:
    """Replace these articles' rows in the FTS5 table (deleted articles just disappear)."""
    with connection.cursor() as cursor:
        for chunk, marks in _id_chunks(article_ids):
            delete = f"DELETE FROM search_article_fts WHERE rowid IN ({marks})"  # noqa: S608
            insert = (
                "INSERT INTO search_article_fts (rowid, title, text) "  # noqa: S608
                f"SELECT id, title, text FROM news_article WHERE id IN ({marks})"
            )
            cursor.execute(delete, chunk)
            cursor.execute(insert, chunk)
