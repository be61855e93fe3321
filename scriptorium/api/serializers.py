"""What the API answers: read-only shapes of works, chapters, tags and series. Stored user HTML goes out through
``core.sanitize.display_html`` (the same allow-list and image rule as the pages)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from scriptorium.core.sanitize import display_html
from scriptorium.tags.models import TagType
from scriptorium.works.bylines import byline_of

#: A work's tags by type, under these keys (the rating is the work's ``rating``).
TAG_KEYS = {
    TagType.WARNING: "warnings",
    TagType.CATEGORY: "categories",
    TagType.FANDOM: "fandoms",
    TagType.RELATIONSHIP: "relationships",
    TagType.CHARACTER: "characters",
    TagType.ADDITIONAL: "additional_tags",
}


class HtmlField(serializers.CharField):
    """Stored, sanitized user HTML, as the pages show it."""

    def to_representation(self, value: str) -> str:
        return str(display_html(value or ""))


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class CreatorSerializer(serializers.Serializer):
    pseud = serializers.CharField(source="pseud.name")
    username = serializers.CharField(source="pseud.user.username")


class ExternalCreatorSerializer(serializers.Serializer):
    """An author known by name only, for whom the work was archived (``by NAME [archived by …]``)."""

    id = serializers.IntegerField(source="external_creator.id")
    name = serializers.CharField(source="external_creator.name")
    url = serializers.SerializerMethodField()
    claimed = serializers.BooleanField(
        source="external_creator.is_claimed",
        help_text="The author claimed the work: it is now credited to their pseud (in `creators`), and the byline "
        "no longer shows this name.",
    )

    def get_url(self, creatorship) -> str:
        """The author's page of works (AO3's ``/external_authors/ID``)."""
        return _absolute(self.context.get("request"), creatorship.external_creator.get_absolute_url())


class WorkTagsSerializer(serializers.Serializer):
    warnings = serializers.ListField(child=serializers.CharField())
    categories = serializers.ListField(child=serializers.CharField())
    fandoms = serializers.ListField(child=serializers.CharField())
    relationships = serializers.ListField(child=serializers.CharField())
    characters = serializers.ListField(child=serializers.CharField())
    additional_tags = serializers.ListField(child=serializers.CharField())


class WorkSeriesSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="series.id")
    title = serializers.CharField(source="series.title")
    position = serializers.IntegerField()


class WorkSerializer(serializers.Serializer):
    """A work as a listing shows it (its blurb)."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    title = serializers.CharField()
    creators = CreatorSerializer(
        source="creatorships.all",
        many=True,
        help_text="The pseuds credited. For a work archived on its author's behalf, the archivist's pseud keeps it "
        "here and the author is in `external_creators`.",
    )
    external_creators = ExternalCreatorSerializer(source="external_creatorships.all", many=True)
    byline = serializers.SerializerMethodField()
    rating = serializers.CharField()
    tags = serializers.SerializerMethodField()
    language = serializers.CharField()
    summary = HtmlField()
    word_count = serializers.IntegerField()
    chapter_count = serializers.IntegerField()
    expected_chapters = serializers.IntegerField(allow_null=True)
    complete = serializers.BooleanField()
    restricted = serializers.BooleanField()
    posted = serializers.BooleanField()
    published_on = serializers.DateField(allow_null=True)
    revised_on = serializers.DateField(allow_null=True)
    kudos_count = serializers.IntegerField()
    hits_count = serializers.IntegerField()
    comments_count = serializers.IntegerField()
    bookmarks_count = serializers.IntegerField()
    series = WorkSeriesSerializer(source="series_parts.all", many=True)

    def get_url(self, work) -> str:
        """The work's page."""
        return _absolute(self.context.get("request"), work.get_absolute_url())

    def get_byline(self, work) -> str:
        """The byline as the page reads it, without "by": "NAME [archived by ARCHIVIST]" for an archived work."""
        return byline_of(work).text

    @extend_schema_field(WorkTagsSerializer)
    def get_tags(self, work) -> dict[str, list[str]]:
        tags: dict[str, list[str]] = {key: [] for key in TAG_KEYS.values()}
        for tagging in work.taggings.all():
            key = TAG_KEYS.get(tagging.tag.type)
            if key:
                tags[key].append(tagging.tag.name)
        return tags


class WorkDetailSerializer(WorkSerializer):
    """A work with its notes (the text is in its chapters)."""

    notes = HtmlField()
    end_notes = HtmlField()


class ChapterSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    title = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)


class ChapterSerializer(ChapterSummarySerializer):
    work_id = serializers.IntegerField()
    summary = HtmlField()
    notes = HtmlField()
    end_notes = HtmlField()
    text = HtmlField()
    word_count = serializers.IntegerField()


class TagRefSerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.ChoiceField(choices=TagType.choices)
    canonical = serializers.BooleanField()


class TagSerializer(serializers.Serializer):
    """A tag with its wrangling, as its page shows it."""

    name = serializers.CharField(source="tag.name")
    type = serializers.ChoiceField(source="tag.type", choices=TagType.choices)
    canonical = serializers.BooleanField(source="tag.canonical")
    merger = TagRefSerializer(source="tag.merger", allow_null=True, help_text="The canonical tag of a synonym.")
    synonyms = TagRefSerializer(many=True)
    fandoms = TagRefSerializer(many=True)
    characters = TagRefSerializer(many=True)
    meta_tags = TagRefSerializer(many=True)
    sub_tags = TagRefSerializer(many=True)
    children = serializers.DictField(child=TagRefSerializer(many=True))
    work_count = serializers.IntegerField()


class SeriesSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="series.id")
    title = serializers.CharField(source="series.title")
    summary = HtmlField(source="series.summary")
    notes = HtmlField(source="series.notes")
    complete = serializers.BooleanField(source="series.complete")
    creators = serializers.SerializerMethodField()
    word_count = serializers.IntegerField()
    works = WorkSerializer(many=True)

    @extend_schema_field(CreatorSerializer(many=True))
    def get_creators(self, found) -> list[dict[str, str]]:
        return [{"pseud": p.name, "username": p.user.username} for p in found.creators]


class WorkPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = WorkSerializer(many=True)
