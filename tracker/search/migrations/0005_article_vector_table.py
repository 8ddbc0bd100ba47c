"""PostgreSQL: the search vectors move out of news_article into their own narrow table,
search_article_vector (article id, vector), GIN-indexed, as SQLite keeps its FTS5 table.

news_article's rows are wide (original, html, text: about 4 KB each, two to a page) and the
vector column sat out of line in its TOAST table, so reading one candidate's vector cost five
buffers and ranking it detoasted it again: ranking the newest 5,000 matches of a common word read
88,000 buffers (72 ms at 100,000 articles). In their own table the vectors sit inline (STORAGE
MAIN), eight or nine to a page: 1,200 buffers, 8 ms. The table is the search app's alone
(written by its index hook, read by its search), like SQLite's FTS5 table; it has no foreign key,
so a flush of the models' tables never trips over it (the hook deletes an article's row when the
article is gone). SQLite: nothing.
"""

from django.db import migrations

VECTOR_SQL = (
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(text, '')), 'B')"
)
CREATE = (
    "CREATE TABLE search_article_vector ("
    "article_id bigint PRIMARY KEY, vector tsvector NOT NULL)"
)
INLINE = "ALTER TABLE search_article_vector ALTER COLUMN vector SET STORAGE MAIN"
FILL = (
    "INSERT INTO search_article_vector (article_id, vector) "
    f"SELECT id, coalesce(search_tsv, {VECTOR_SQL}) FROM news_article"
)
INDEX = "CREATE INDEX search_article_vector_gin ON search_article_vector USING gin (vector)"
DROP_COLUMN = "ALTER TABLE news_article DROP COLUMN IF EXISTS search_tsv"

# backwards: the column of migration 0003 (written by the hook), filled from the table.
ADD_COLUMN = "ALTER TABLE news_article ADD COLUMN IF NOT EXISTS search_tsv tsvector"
REFILL = (
    "UPDATE news_article a SET search_tsv = v.vector "
    "FROM search_article_vector v WHERE v.article_id = a.id"
)
COLUMN_INDEX = (
    "CREATE INDEX IF NOT EXISTS search_article_tsv_col ON news_article USING gin (search_tsv)"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in (CREATE, INLINE, FILL, INDEX, DROP_COLUMN, "ANALYZE search_article_vector"):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in (ADD_COLUMN, REFILL, COLUMN_INDEX, "DROP TABLE search_article_vector"):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_fts_prefix_index")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
