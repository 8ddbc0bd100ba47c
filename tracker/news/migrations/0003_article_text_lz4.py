"""PostgreSQL: compress the article's wide columns (original, html, text) with lz4 instead of
pglz, where the server has it (PostgreSQL 14+ built with lz4). Storing an article compresses
all three, and every read of a body (linking, indexing, the article page) decompresses one; lz4
costs a fraction of pglz both ways. Values already stored keep their method until rewritten.
Nothing happens on SQLite or on a server without lz4."""

from django.db import migrations

COLUMNS = ("original", "html", "text")


def _lz4_supported(schema_editor) -> bool:
    if schema_editor.connection.vendor != "postgresql":
        return False
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
            "AND 'lz4' = ANY(enumvals)"
        )
        return cursor.fetchone() is not None


def _compression(method: str):
    def apply(apps, schema_editor) -> None:
        if not _lz4_supported(schema_editor):
            return
        table = schema_editor.quote_name(apps.get_model("news", "Article")._meta.db_table)
        for column in COLUMNS:
            schema_editor.execute(
                f"ALTER TABLE {table} ALTER COLUMN {schema_editor.quote_name(column)} "
                f"SET COMPRESSION {method}"
            )

    return apply


class Migration(migrations.Migration):
    dependencies = [("news", "0002_feed_full_text_backlog")]

    operations = [migrations.RunPython(_compression("lz4"), _compression("default"))]
