from django.contrib import admin
from django.http import HttpRequest

from scriptorium.leaving.models import AccountDeletion
from scriptorium.leaving.reference import account_reference


@admin.register(AccountDeletion)
class AccountDeletionAdmin(admin.ModelAdmin):
    """Read only: the lines are written by the deletion itself and kept as they were."""

    list_display = ("deleted_at", "reference", "works_orphaned", "works_deleted", "credits_removed", "comments_kept")
    search_fields = ("reference",)
    date_hierarchy = "deleted_at"
    readonly_fields = [f.name for f in AccountDeletion._meta.fields]

    def get_search_results(self, request: HttpRequest, queryset: object, search_term: str) -> tuple[object, bool]:
        """An account's id typed in the search box finds its line (its reference is computed from the id)."""
        term = search_term.strip()
        if term.isdigit():
            return queryset.filter(reference=account_reference(int(term))), False
        return super().get_search_results(request, queryset, search_term)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
