"""The article search index: an FTS5 table on SQLite, a GIN expression index on PostgreSQL.

Both are created only on their own database (the other one gets nothing), then filled from the
articles already stored. `tracker.search.services.articles_index` keeps them current.
"""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_article_fts USING fts5("
    "title, text, tokenize = 'porter unicode61 remove_diacritics 2')"
)
SQLITE_FILL = (
    "INSERT INTO search_article_fts (rowid, title, text) "
    "SELECT id, title, text FROM news_article"
)
SQLITE_DROP = "DROP TABLE IF EXISTS search_article_fts"


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
        schema_editor.execute(SQLITE_FILL)
    elif connection.vendor == "postgresql":
        from tracker.search.backends import postgres_index

        schema_editor.add_index(apps.get_model("news", "Article"), postgres_index())


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif connection.vendor == "postgresql":
        from tracker.search.backends import postgres_index

        schema_editor.remove_index(apps.get_model("news", "Article"), postgres_index())


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
