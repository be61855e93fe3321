from django.contrib import admin

from scriptorium.moderation.models import Action, Case, Report


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("id", "target_kind", "target_label", "state", "assignee", "created_at")
    list_filter = ("state", "target_kind")
    readonly_fields = ("target_kind", "target_id", "target_label", "target_url", "work_id", "created_at")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("id", "case", "category", "reporter", "email", "created_at")
    list_filter = ("category",)


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    """The audit log, read-only: nobody edits history."""

    list_display = ("created_at", "moderator_name", "kind", "target_label", "reason")
    list_filter = ("kind",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
