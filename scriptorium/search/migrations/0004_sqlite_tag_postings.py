"""SQLite: the filter tags of each indexed work as posting lists (an FTS5 table of tag tokens).

A search with several included tags or any excluded tag merges these lists (one FTS5 MATCH) instead of probing
each candidate work's tags one by one; see ``SQLiteSearchBackend.tag_index``. Filled here from the index
already built, so an upgraded archive needs no ``scriptorium reindex``. Nothing to do on PostgreSQL.
"""

from django.db import migrations

SQLITE_TAG_POSTINGS = "CREATE VIRTUAL TABLE IF NOT EXISTS search_tagfts USING fts5(tags, detail=none, columnsize=0)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(SQLITE_TAG_POSTINGS)
    schema_editor.execute(
        "INSERT INTO search_tagfts (rowid, tags) SELECT d.work_id, 'all' || COALESCE((SELECT ' ' ||"
        " group_concat('t' || t.tag_id, ' ') FROM search_searchtag t WHERE t.work_id = d.work_id), '')"
        " FROM search_searchdocument d"
    )
    schema_editor.execute("INSERT INTO search_tagfts (search_tagfts) VALUES ('optimize')")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_tagfts")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_lz4_vectors")]

    operations = [migrations.RunPython(create, drop)]
