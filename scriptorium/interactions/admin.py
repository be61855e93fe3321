from django.contrib import admin

from scriptorium.interactions.models import Block, Bookmark, Comment, Kudos, Mute


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("id", "work", "chapter", "author_name", "state", "deleted", "created_at")
    list_filter = ("state", "deleted", "frozen")
    raw_id_fields = ("work", "chapter", "parent", "thread", "user", "pseud")
    readonly_fields = ("state", "deleted", "created_at", "edited_at")  # counters: change these on the site


@admin.register(Kudos)
class KudosAdmin(admin.ModelAdmin):
    list_display = ("id", "work", "chapter", "user", "created_at")
    raw_id_fields = ("work", "chapter", "user")
    readonly_fields = ("guest_key", "created_at")


@admin.register(Bookmark)
class BookmarkAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "work", "series", "external", "work_title", "rec", "private", "created_at")
    list_filter = ("rec", "private")
    raw_id_fields = ("user", "work", "series", "external")
    # counters: change privacy on the site; what a deleted work was is written as it is deleted
    readonly_fields = (
        "private",
        "created_at",
        "updated_at",
        "work_title",
        "work_creators",
        "work_fandoms",
        "work_deleted_at",
    )


@admin.register(Block, Mute)
class RelationAdmin(admin.ModelAdmin):
    list_display = ("id", "__str__", "created_at")
    readonly_fields = ("created_at",)

    def get_raw_id_fields(self, request, obj=None):
        return ("blocker", "blocked") if self.model is Block else ("muter", "muted")
