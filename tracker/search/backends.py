"""Ranked article search, one function per database: FTS5 + bm25 on SQLite, tsvector on
PostgreSQL. Each returns [(article_id, rank, title_marked, snippet_marked)] best first."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import QuerySet

from .query import START, STOP, Query, fts5_match, tsquery_text

CONFIG = "english"
TITLE_WEIGHT, TEXT_WEIGHT = 10.0, 1.0
INDEX_NAME = "search_article_tsv"

Row = tuple[int, float, str, str]


def article_vector() -> SearchVector:
    """The weighted document: title (A) above text (B), as VECTOR_SQL writes it."""
    return SearchVector("title", weight="A", config=CONFIG) + SearchVector(
        "text", weight="B", config=CONFIG
    )


def postgres_expression_index() -> GinIndex:
    """The expression index of migration 0001, replaced in 0002 by the stored column's."""
    return GinIndex(article_vector(), name=INDEX_NAME)


postgres_index = postgres_expression_index  # the name migration 0001 imports

# article_vector() in SQL, as index_postgres writes it into search_article_vector (0005).
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
    """Replace these articles' rows in search_article_vector (deleted articles just disappear),
    one DELETE and one INSERT per 500 articles."""
    with connection.cursor() as cursor:
        for chunk, marks in _id_chunks(article_ids):
            delete = f"DELETE FROM search_article_vector WHERE article_id IN ({marks})"  # noqa: S608
            insert = (
                "INSERT INTO search_article_vector (article_id, vector) "  # noqa: S608
                f"SELECT id, {VECTOR_SQL} FROM news_article WHERE id IN ({marks})"
            )
            cursor.execute(delete, chunk)
            cursor.execute(insert, chunk)


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


def _within_sql(within: QuerySet | None) -> tuple[str, tuple]:
    """The ORM's own compiled SQL of a one-column query of article ids, and its parameters."""
    if within is None:
        return "", ()
    sql, params = within.query.sql_with_params()
    return sql, tuple(params)


# Every query ranks a bounded candidate set: the RANK_WINDOW most recently stored articles that
# match (within the scope), best first, equal ranks newest first. Ranking costs a few
# microseconds per article, so a word found in 80,000 articles costs what one in 5,000 does,
# and a reader sees the best of the recent coverage rather than the best of years ago.
RANK_WINDOW = 5000


def sqlite_search(query: Query, within: QuerySet | None, limit: int, offset: int) -> list[Row]:
    match = fts5_match(query)
    if not match:
        return []
    # `within` is the ORM's own compiled SQL; every value (the match expression too) is bound.
    # `+rowid`, not `rowid`: a bare `rowid IN (scope)` lets SQLite drive the FTS5 table by rowid
    # (one full-text lookup per article in scope: 40 s on 30,000 articles); the unary plus keeps
    # MATCH as the index and the scope as a filter on its hits.
    within_sql, within_params = _within_sql(within)
    scoped = f"AND +rowid IN ({within_sql}) " if within_sql else ""
    window = (
        "SELECT rowid FROM search_article_fts "  # noqa: S608
        f"WHERE search_article_fts MATCH %s {scoped}ORDER BY rowid DESC LIMIT 1 OFFSET %s"
    )
    sql = (
        "SELECT rowid, bm25(search_article_fts, %s, %s) AS rank, "  # noqa: S608
        "highlight(search_article_fts, 0, char(2), char(3)), "
        "snippet(search_article_fts, 1, char(2), char(3), '…', 32) "
        "FROM search_article_fts "
        f"WHERE search_article_fts MATCH %s {scoped}"
        f"AND rowid >= coalesce(({window}), 0) "
        "ORDER BY rank, rowid DESC LIMIT %s OFFSET %s"
    )
    params = (
        *(TITLE_WEIGHT, TEXT_WEIGHT, match, *within_params),
        *(match, *within_params, RANK_WINDOW - 1, limit, offset),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(r[0]), float(r[1]), r[2] or "", r[3] or "") for r in cursor.fetchall()]


TSQUERY = f"to_tsquery('{CONFIG}'::regconfig, %s)"
# ts_headline's options: the engine's markers around each match (mark_snippet escapes the text,
# then turns them into <mark>); the whole title, and up to two fragments of the text.
TITLE_OPTIONS = f"StartSel='{START}', StopSel='{STOP}', HighlightAll=true"
SNIPPET_OPTIONS = (
    f"StartSel='{START}', StopSel='{STOP}', MaxWords=40, MinWords=20, MaxFragments=2, "
    "FragmentDelimiter=' … '"
)
# Three levels, each bounded by the one inside it: the candidates (the newest RANK_WINDOW
# matches, read newest first from the primary key, or from the GIN index when the words are
# rare: ids and vectors only, from the narrow vector table), ranked (ts_rank on those only),
# then the page's rows joined to their articles for the headlines (ts_headline on `limit` rows).
POSTGRES_SQL = (
    "SELECT page.article_id, page.rank, "  # noqa: S608
    f"ts_headline('{CONFIG}'::regconfig, a.title, {TSQUERY}, %s), "
    f"ts_headline('{CONFIG}'::regconfig, a.text, {TSQUERY}, %s) "
    "FROM ("
    f"SELECT c.article_id, ts_rank(c.vector, {TSQUERY}) AS rank FROM ("
    "SELECT v.article_id, v.vector FROM search_article_vector v "
    f"WHERE v.vector @@ {TSQUERY} {{scoped}}"
    "ORDER BY v.article_id DESC LIMIT %s"
    ") c ORDER BY rank DESC, c.article_id DESC LIMIT %s OFFSET %s"
    ") page JOIN news_article a ON a.id = page.article_id "
    "ORDER BY page.rank DESC, page.article_id DESC"
)


def postgres_search(query: Query, within: QuerySet | None, limit: int, offset: int) -> list[Row]:
    text = tsquery_text(query)
    if not text:
        return []
    within_sql, within_params = _within_sql(within)
    scoped = f"AND v.article_id IN ({within_sql}) " if within_sql else ""
    params = (
        *(text, TITLE_OPTIONS, text, SNIPPET_OPTIONS),
        *(text, text, *within_params, RANK_WINDOW, limit, offset),
    )
    with connection.cursor() as cursor:
        cursor.execute(POSTGRES_SQL.format(scoped=scoped), params)
        return [(int(r[0]), float(r[1]), r[2] or "", r[3] or "") for r in cursor.fetchall()]


def matching_sql(query: Query) -> tuple[str, list] | None:
    """SQL selecting the ids of every article that matches `query` in the index (no ranking,
    no window), with its parameters; None when the query has no positive term."""
    if connection.vendor == "postgresql":
        text = tsquery_text(query)
        sql = f"SELECT article_id FROM search_article_vector WHERE vector @@ {TSQUERY}"  # noqa: S608
        return (sql, [text]) if text else None
    match = fts5_match(query)
    sql = "SELECT rowid FROM search_article_fts WHERE search_article_fts MATCH %s"
    return (sql, [match]) if match else None
