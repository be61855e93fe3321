"""Built downloads in the admin, read-only: which files exist, how long they took, and why a build failed."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from scriptorium.transfer.models import Download


@admin.register(Download)
class DownloadAdmin(admin.ModelAdmin):
    list_display = ("work", "format", "revision", "status", "size", "build_seconds", "built_at")
    list_filter = ("status", "format")
    search_fields = ("work__title", "content_hash")
    raw_id_fields = ("work",)
    readonly_fields = [field.name for field in Download._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
