"""Shapes of a reader's own things (bookmarks, kudos, comments, subscriptions, Marked for Later, history): what a
client sends (``…Input``: an unknown field is a 400 naming it) and what the API answers, as the pages show them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from scriptorium.api.serializers import HtmlField, WorkSerializer
from scriptorium.interactions.models.bookmark import BOOKMARK_TAG_MAX, BOOKMARK_TAGS_MAX
from scriptorium.interactions.models.comment import COMMENT_MAX
from scriptorium.notifications.models.subscription import TARGET_FIELDS, SubscriptionKind

#: Ids in a body: what the database holds (larger ones name nothing).
ID_MAX = 2**63 - 1


class StrictSerializer(serializers.Serializer):
    """A request body: a field this endpoint does not take is refused (400, naming it), never ignored."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                takes = ", ".join(sorted(self.fields)) or "nothing"
                raise serializers.ValidationError(
                    {str(name): [f"Unknown field. This endpoint takes: {takes}."] for name in unknown}
                )
        return super().to_internal_value(data)


def _id(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=ID_MAX, **kwargs)


# --- Bookmarks -------------------------------------------------------------------------------------------------


class BookmarkFieldsInput(StrictSerializer):
    notes = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, help_text="Plain text or simple HTML."
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=BOOKMARK_TAG_MAX),
        required=False,
        max_length=BOOKMARK_TAGS_MAX,
        help_text="Your own tags for it (no commas inside a tag).",
    )
    rec = serializers.BooleanField(required=False, help_text="Recommend it.")
    private = serializers.BooleanField(required=False, help_text="Only you see it.")

    def validate_tags(self, tags: list[str]) -> list[str]:
        if any("," in tag for tag in tags):
            raise serializers.ValidationError("A tag cannot hold a comma: give each tag on its own.")
        return tags


class BookmarkCreateInput(BookmarkFieldsInput):
    work = _id(required=False, help_text="The work to bookmark (or give a series).")
    series = _id(required=False, help_text="The series to bookmark (or give a work).")

    def validate(self, attrs):
        if ("work" in attrs) == ("series" in attrs):
            raise serializers.ValidationError({"work": ["Give a work or a series (one of them)."]})
        return attrs


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class BookmarkSerializer(serializers.Serializer):
    """A bookmark as one's bookmarks page shows it: a work or series no longer available shows only that."""

    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="What it bookmarks: work, series, external or deleted (a deleted work).")
    available = serializers.SerializerMethodField()
    work = serializers.SerializerMethodField()
    series = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    notes = HtmlField()
    tags = serializers.ListField(child=serializers.CharField())
    rec = serializers.BooleanField()
    private = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_available(self, bookmark) -> bool:
        """Whether you may still open what it points at."""
        target = bookmark.work if bookmark.work_id else bookmark.series if bookmark.series_id else None
        if target is None:
            return bookmark.external_id is not None
        return bool(getattr(target, "available", True))

    @extend_schema_field(WorkSerializer(allow_null=True))
    def get_work(self, bookmark) -> dict | None:
        if not bookmark.work_id or not getattr(bookmark.work, "available", True):
            return None
        return WorkSerializer(bookmark.work, context=self.context).data

    @extend_schema_field(RefSerializer(allow_null=True))
    def get_series(self, bookmark) -> dict | None:
        if not bookmark.series_id or not getattr(bookmark.series, "available", True):
            return None
        return {"id": bookmark.series.pk, "title": bookmark.series.title}

    def get_title(self, bookmark) -> str:
        """What the page names it by ("" for a work or series you may no longer open)."""
        if bookmark.external_id:
            return bookmark.external.title
        if bookmark.work_id:
            return bookmark.work.title if self.get_available(bookmark) else ""
        if bookmark.series_id:
            return bookmark.series.title if self.get_available(bookmark) else ""
        return getattr(bookmark, "work_title", "") or ""


class BookmarkPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = BookmarkSerializer(many=True)


class BookmarkWrittenSerializer(BookmarkSerializer):
    held_message = serializers.CharField(
        help_text="Why a bookmark meant to be public was kept private (the spam check), else empty."
    )


# --- Kudos -----------------------------------------------------------------------------------------------------


class KudosInput(StrictSerializer):
    chapter = _id(required=False, help_text="Kudos on one chapter of the work instead of the whole work.")


class KudosSummarySerializer(serializers.Serializer):
    """The kudos line of the work's page."""

    names = serializers.ListField(child=serializers.CharField(), help_text="Accounts, newest first (the first 50).")
    more = serializers.IntegerField(help_text="Accounts beyond those named.")
    accounts = serializers.IntegerField()
    guests = serializers.IntegerField()
    total = serializers.IntegerField()
    given = serializers.BooleanField(help_text="You have left kudos on the work.")


# --- Comments --------------------------------------------------------------------------------------------------


class CommentInput(StrictSerializer):
    text = serializers.CharField(
        trim_whitespace=False, max_length=COMMENT_MAX * 2, help_text="Plain text or simple HTML."
    )
    parent = _id(required=False, help_text="The comment this replies to.")


class CommentEditInput(StrictSerializer):
    text = serializers.CharField(trim_whitespace=False, max_length=COMMENT_MAX * 2)


class CommentAuthorSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="As the page signs it (a pseud, a guest's name, or a deleted account).")
    username = serializers.CharField(allow_null=True)
    guest = serializers.BooleanField()


class CommentSerializer(serializers.Serializer):
    """A comment as its page shows it. A deleted one (or one by an account you muted) stays only as the place
    its replies hang from: no author, no text."""

    id = serializers.IntegerField(source="comment.id")
    parent = serializers.IntegerField(source="comment.parent_id", allow_null=True)
    depth = serializers.IntegerField()
    placeholder = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField()
    held = serializers.BooleanField(source="comment.is_held", help_text="Waiting for the creators' approval.")
    by_creator = serializers.BooleanField()
    created_at = serializers.DateTimeField(source="comment.created_at")
    edited_at = serializers.DateTimeField(source="comment.edited_at", allow_null=True)
    can_reply = serializers.BooleanField()
    can_edit = serializers.BooleanField()
    can_delete = serializers.BooleanField()

    def get_placeholder(self, node) -> str | None:
        """Why only a placeholder is shown: "deleted", "muted", or null."""
        if node.comment.deleted:
            return "deleted"
        return "muted" if node.muted else None

    @extend_schema_field(CommentAuthorSerializer(allow_null=True))
    def get_author(self, node) -> dict | None:
        comment = node.comment
        if comment.deleted or node.muted:
            return None
        user = comment.pseud.user if comment.pseud_id else None
        return {"name": comment.author_name, "username": user.username if user else None, "guest": comment.is_guest}

    @extend_schema_field(serializers.CharField())
    def get_text(self, node) -> str:
        if node.comment.deleted or node.muted:
            return ""
        return HtmlField().to_representation(node.comment.text)


class ChapterCommentsSerializer(serializers.Serializer):
    chapter_id = serializers.IntegerField(source="chapter.id")
    position = serializers.IntegerField(source="chapter.position")
    count = serializers.IntegerField(help_text="Published comments.")
    held = serializers.IntegerField(help_text="Waiting for approval, among those you see.")
    comments = CommentSerializer(many=True, help_text="In thread order (each reply after its parent).")


class CommentGateSerializer(serializers.Serializer):
    open = serializers.BooleanField(help_text="Whether you may comment.")
    reason = serializers.CharField(help_text="Why not, as the page says it.")


class CommentThreadsSerializer(serializers.Serializer):
    gate = CommentGateSerializer()
    chapters = ChapterCommentsSerializer(many=True)


class CommentWrittenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    work_id = serializers.IntegerField()
    chapter_id = serializers.IntegerField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    text = serializers.SerializerMethodField()
    held = serializers.BooleanField(source="is_held", help_text="Shown once the creators approve it.")
    deleted = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    url = serializers.SerializerMethodField()

    def get_text(self, comment) -> str:
        """The text as the page shows it ("" once deleted)."""
        return "" if comment.deleted else HtmlField().to_representation(comment.text)

    def get_url(self, comment) -> str:
        """The comment's page address."""
        request = self.context.get("request")
        path = comment.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


# --- Subscriptions ---------------------------------------------------------------------------------------------


class SubscriptionInput(StrictSerializer):
    kind = serializers.ChoiceField(choices=SubscriptionKind.choices)
    target_id = _id(help_text="The work's, account's, series', tag's or saved search's id.")


class SubscriptionSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SubscriptionKind.choices)
    target_id = serializers.IntegerField()
    name = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_name(self, subscription) -> str | None:
        """What it follows, as the subscriptions page names it (null: a work the account may no longer see)."""
        target = getattr(subscription, TARGET_FIELDS[SubscriptionKind(subscription.kind)])
        # work_shown: set by the subscriptions selector (the reader's visibility); one just made was checked.
        if subscription.kind == SubscriptionKind.WORK and not getattr(subscription, "work_shown", target.posted):
            return None
        for attr in ("title", "username", "name"):
            if hasattr(target, attr):
                return getattr(target, attr)
        return ""


# --- Marked for Later and history ------------------------------------------------------------------------------


class LaterInput(StrictSerializer):
    work = _id(help_text="The work to mark for later.")


class HistorySettingsInput(StrictSerializer):
    enabled = serializers.BooleanField(help_text="Record the works you open.")


class HistorySettingsSerializer(serializers.Serializer):
    enabled = serializers.BooleanField()


class ReadingChapterSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    title = serializers.CharField()


class ReadingSerializer(serializers.Serializer):
    """An entry of the history or of Marked for Later; a deleted work's entry keeps the title it remembers."""

    id = serializers.IntegerField(help_text="The entry's own id.")
    available = serializers.SerializerMethodField()
    work = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    work_deleted = serializers.SerializerMethodField()
    chapter = serializers.SerializerMethodField()
    paragraph = serializers.IntegerField()
    views = serializers.IntegerField()
    last_read_at = serializers.DateTimeField(allow_null=True)
    marked_for_later = serializers.BooleanField()
    marked_at = serializers.DateTimeField(allow_null=True)

    def get_available(self, reading) -> bool:
        return bool(reading.work_id and getattr(reading.work, "available", False))

    @extend_schema_field(WorkSerializer(allow_null=True))
    def get_work(self, reading) -> dict | None:
        return WorkSerializer(reading.work, context=self.context).data if self.get_available(reading) else None

    def get_title(self, reading) -> str:
        if self.get_available(reading):
            return reading.work.title
        return reading.work_title if not reading.work_id else ""

    def get_work_deleted(self, reading) -> bool:
        return reading.work_id is None

    @extend_schema_field(ReadingChapterSerializer(allow_null=True))
    def get_chapter(self, reading) -> dict | None:
        chapter = reading.chapter if self.get_available(reading) else None
        if chapter is None:
            return None
        return {"id": chapter.pk, "position": chapter.position, "title": chapter.title}


class ReadingPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ReadingSerializer(many=True)


class HistoryPageSerializer(ReadingPageSerializer):
    enabled = serializers.BooleanField(help_text="Whether your history records the works you open.")


class SubscriptionPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = SubscriptionSerializer(many=True)
