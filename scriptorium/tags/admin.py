"""Tags in the admin: search, filter by type, rename. Wrangling (canonical, synonyms, parents, meta tags) happens
on the wrangling pages, whose services keep the invariants, the filter table and the audit log: here it is
read-only."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from scriptorium.tags.models import Tag
from scriptorium.tags.models.tag import FREE_TYPES
from scriptorium.tags.services import normalize_tag_name, validate_tag_name


class TagAdminForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ("name", "type")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if "type" in self.fields:  # writers' tags only: the fixed vocabularies come from a migration
            self.fields["type"].choices = [(t.value, t.label) for t in FREE_TYPES]

    def clean_name(self) -> str:
        name = normalize_tag_name(self.cleaned_data["name"])
        validate_tag_name(name)
        return name


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = TagAdminForm
    list_display = ("name", "type", "canonical", "merger", "work_count", "created_at")
    list_filter = ("type", "canonical")
    search_fields = ("name",)
    list_select_related = ("merger",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Tag]:
        return super().get_queryset(request).annotate(_work_count=Count("taggings"))

    @admin.display(description="Works", ordering="_work_count")
    def work_count(self, tag: Tag) -> int:
        return tag._work_count

    def get_readonly_fields(self, request: HttpRequest, obj: Tag | None = None) -> tuple[str, ...]:
        # The fixed vocabularies (ratings, warnings, categories) are spelled exactly as AO3 does; a tag's type
        # and wrangling change only through the wrangling pages.
        if obj is not None and obj.is_fixed:
            return ("name", "type", "canonical", "merger", "wrangle")
        if obj is not None:
            return ("type", "canonical", "merger", "wrangle")
        return ("canonical", "merger")

    @admin.display(description="Wrangling")
    def wrangle(self, tag: Tag) -> str:
        url = reverse("tags:wrangle", kwargs={"name": tag.name})
        return format_html('<a href="{}">Wrangle “{}”</a>', url, tag.name)
