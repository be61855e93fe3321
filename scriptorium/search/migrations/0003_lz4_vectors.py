"""PostgreSQL: compress the text vectors with LZ4 instead of pglz, where the server was built with it.

A phrase or a ranked search reads each candidate's chapter-text vector (stored out of line, compressed);
LZ4 decompresses several times faster. Rows written before keep pglz until ``scriptorium reindex``.
Nothing to do on SQLite.
"""

from django.db import migrations


def use_lz4(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
        if cursor.fetchone() is None:
            return
    for column in ("document", "body"):
        schema_editor.execute(f"ALTER TABLE search_searchdocument ALTER COLUMN {column} SET COMPRESSION lz4")


def use_default(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in ("document", "body"):
        schema_editor.execute(f"ALTER TABLE search_searchdocument ALTER COLUMN {column} SET COMPRESSION DEFAULT")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_search_index")]

    operations = [migrations.RunPython(use_lz4, use_default)]
