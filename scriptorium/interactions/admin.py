from django.contrib import admin

from scriptorium.interactions.models import Comment, Kudos


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
