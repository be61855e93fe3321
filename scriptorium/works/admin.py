"""Works and series in the admin, for moderators: find, inspect, hide (restrict) or delete.

Text and metadata are edited on the site, through ``scriptorium.works.services`` (which sanitizes HTML and keeps
counts and dates right), so the admin shows them read-only.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from scriptorium.works.models import Chapter, Creatorship, Series, SeriesPart, Tagging, Work


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ChapterInline(_ReadOnlyInline):
    model = Chapter
    fields = ("position", "title", "word_count", "published_on", "modified_at")
    readonly_fields = fields


class CreatorshipInline(_ReadOnlyInline):
    model = Creatorship
    fields = ("position", "pseud")
    readonly_fields = fields


class TaggingInline(_ReadOnlyInline):
    model = Tagging
    fields = ("position", "tag")
    readonly_fields = fields


@admin.register(Work)
class WorkAdmin(admin.ModelAdmin):
    list_display = ("title", "posted", "restricted", "rating", "chapter_count", "word_count", "revised_on")
    list_filter = ("posted", "restricted", "complete", "rating", "language", "import_format")
    search_fields = ("title", "creators__name", "creators__user__username")
    date_hierarchy = "created_at"
    fields = (
        "title",
        "restricted",
        "posted",
        "rating",
        "language",
        "complete",
        "expected_chapters",
        "chapter_count",
        "word_count",
        "published_on",
        "revised_on",
        "completed_on",
        "revision",
        "summary",
        "notes",
        "end_notes",
        "import_format",
        "import_problems",
        "created_at",
        "modified_at",
    )
    readonly_fields = tuple(f for f in fields if f != "restricted")
    inlines = (CreatorshipInline, TaggingInline, ChapterInline)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # works are posted on the site, where the text is sanitized and counted


class SeriesPartInline(_ReadOnlyInline):
    model = SeriesPart
    fields = ("position", "work")
    readonly_fields = fields


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ("title", "complete", "modified_at")
    list_filter = ("complete",)
    search_fields = ("title", "creators__name")
    fields = ("title", "complete", "creators", "summary", "notes", "created_at", "modified_at")
    readonly_fields = ("creators", "summary", "notes", "created_at", "modified_at")
    inlines = (SeriesPartInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
