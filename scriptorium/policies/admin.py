"""Policy versions in Django's admin: read-only (publishing happens on the site's own editor, one version per
change); acceptances can be looked up by account."""

from __future__ import annotations

from django.contrib import admin

from scriptorium.policies.models import PolicyAcceptance, PolicyVersion


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    list_display = ("kind", "number", "published_at", "published_by", "requires_acceptance", "note")
    list_filter = ("kind", "requires_acceptance")
    readonly_fields = [f.name for f in PolicyVersion._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(PolicyAcceptance)
class PolicyAcceptanceAdmin(admin.ModelAdmin):
    list_display = ("user", "version", "accepted_at", "at_signup")
    list_filter = ("at_signup", "version__kind")
    search_fields = ("user__username",)
    raw_id_fields = ("user", "version")
    readonly_fields = ("user", "version", "accepted_at", "at_signup")

    def has_add_permission(self, request: object) -> bool:
        return False
