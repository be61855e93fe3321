"""The search index's own table: one narrow row per listed (posted) work, written only by the search backends.

Filters and most sorts read this table instead of the wide works table, so a scan over a million rows stays in
memory. Tag filters read the tags app's filter table (``WorkFilter``) directly, so they are always current;
the readers' counters (kudos, hits, bookmarks, comments) are read from the works table, which keeps them.
The full-text part lives beside it: an FTS5 table on SQLite, a ``tsvector`` column on PostgreSQL (created by
``search.0002`` per database vendor, see docs/search.md).
"""

from __future__ import annotations

from django.db import models


class RowidOneToOneField(models.OneToOneField):
    """A one-to-one primary key declared ``integer`` on SQLite, so it is the table's rowid (one B-tree lookup
    per row instead of two); the usual ``bigint`` elsewhere."""

    def db_type(self, connection: object) -> str | None:
        if getattr(connection, "vendor", "") == "sqlite":
            return "integer"
        return super().db_type(connection)


class SearchDocument(models.Model):
    work = RowidOneToOneField("works.Work", primary_key=True, on_delete=models.CASCADE, related_name="search_document")
    restricted = models.BooleanField(default=False)
    rating = models.CharField(max_length=32)
    language = models.CharField(max_length=16)
    complete = models.BooleanField(default=False)
    chapter_count = models.PositiveIntegerField(default=0)
    word_count = models.PositiveIntegerField(default=0)
    posted_on = models.DateField()
    updated_on = models.DateField()
    #: Distinct fandoms the work is found under, not counting one that is a meta tag of another (crossover >= 2).
    fandom_count = models.PositiveSmallIntegerField(default=0)
    title_sort = models.CharField(max_length=255)
    creator_sort = models.CharField(max_length=255)
    #: The work's ``revision`` when indexed: ``scriptorium search check`` reports rows whose work moved on.
    revision = models.PositiveIntegerField(default=0)
    #: A digest of the indexed metadata and text (tags and creators included): stale when it differs.
    digest = models.CharField(max_length=32, default="")

    class Meta:
        indexes = [
            models.Index(fields=["updated_on", "work"], name="searchdoc_updated_idx"),
            models.Index(fields=["posted_on", "work"], name="searchdoc_posted_idx"),
            models.Index(fields=["word_count", "work"], name="searchdoc_words_idx"),
            models.Index(fields=["title_sort", "work"], name="searchdoc_title_idx"),
            models.Index(fields=["creator_sort", "work"], name="searchdoc_creator_idx"),
            # Counts every work a guest may list from a narrow index (PostgreSQL: an index-only scan instead of
            # reading the whole table with its text vectors: 6 ms instead of 40 ms at 100,000 works).
            models.Index(fields=["restricted", "work"], name="searchdoc_restricted_idx"),
        ]

    def __str__(self) -> str:
        return f"search document of work {self.work_id}"


class SearchTag(models.Model):
    """``work`` is found under tag ``tag_id`` (its canonical tags and their meta tags, as the tags app's filter
    table has it), with the two things most listings need beside it: whether the work is restricted, and its
    updated date. Counting a tag's works, or reading a tag's newest works, is then one range of one index."""

    pk = models.CompositePrimaryKey("work_id", "tag_id")
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="+")
    tag_id = models.BigIntegerField()
    restricted = models.BooleanField(default=False)
    updated_on = models.DateField()

    class Meta:
        indexes = [
            models.Index(fields=["tag_id", "updated_on", "work", "restricted"], name="searchtag_tag_updated_idx"),
        ]

    def __str__(self) -> str:
        return f"work {self.work_id} under tag {self.tag_id}"
