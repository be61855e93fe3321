"""Accounts in the admin: users with their pseuds (and the action making moderators), and pseuds on their own for
searching."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from scriptorium.accounts.models import Pseud, User
from scriptorium.accounts.moderators import moderators_group


class PseudInline(admin.TabularInline):
    model = Pseud
    fields = ("name", "is_default", "description", "created_at")
    readonly_fields = ("created_at",)
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "date_joined", "last_login", "is_staff", "is_active", "is_system")
    list_filter = ("is_staff", "is_superuser", "is_active", "is_system", "view_adult")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Archive", {"fields": ("about", "view_adult", "is_system")}),
        ("Moderation", {"fields": ("suspended_until", "suspension_reason", "banned_at", "ban_reason")}),
    )
    readonly_fields = ("banned_at",)
    inlines = (PseudInline,)
    actions = ("make_moderators",)

    @admin.action(description="Make the selected accounts moderators", permissions=("change",))
    def make_moderators(self, request, queryset) -> None:
        """The admin's way to the Moderators group (the command line's is ``scriptorium moderation add-moderator``)."""
        group = moderators_group()
        users = list(queryset.filter(is_active=True))
        for user in users:
            user.groups.add(group)
        self.message_user(request, f"{len(users)} account{'s' if len(users) != 1 else ''} made moderators.")


@admin.register(Pseud)
class PseudAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "is_default", "created_at")
    list_filter = ("is_default",)
    search_fields = ("name", "user__username", "user__email")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
    readonly_fields = ("created_at",)
