"""The index autocomplete reads: (status, word, type, tag) so canonical tags whose words start with what was typed
come first, in one range that stops after a page. On PostgreSQL the word column uses varchar_pattern_ops, so
``word LIKE 'nat%'`` is one range of the index whatever the database's collation; SQLite compares bytes."""

from django.db import migrations

INDEX = "tagword_lookup_idx"


def forwards(apps, schema_editor):
    opclass = " varchar_pattern_ops" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON tags_tagword (status, word{opclass}, type, tag_id)")


def backwards(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("tags", "0004_filters_words_wranglers")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
