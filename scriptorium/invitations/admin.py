"""Admin pages: invitation codes (list, "Issue codes" for bulk creation) and the queue (list, send now)."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from scriptorium.invitations.models import Invitation, InvitationRequest, QueueRelease
from scriptorium.invitations.services import ISSUE_MAX, invitation_issue, signup_link


class IssueForm(forms.Form):
    count = forms.IntegerField(label="How many codes", min_value=1, max_value=ISSUE_MAX, initial=10)
    to = forms.CharField(
        label="Give them to (username)", required=False, help_text="Empty: codes for the admins to hand out."
    )
    expires_at = forms.DateTimeField(label="Expire at", required=False, help_text="Empty: never.")

    def clean_to(self) -> object:
        username = self.cleaned_data["to"].strip()
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise ValidationError(f"There is no active account named {username}.")
        return user


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("code", "creator", "sent_to", "created_at", "expires_at", "redeemed_at", "redeemed_by")
    list_filter = (("redeemed_at", admin.EmptyFieldListFilter), "created_at")
    search_fields = ("code", "sent_to", "creator__username", "redeemed_by__username")
    readonly_fields = ("code", "link", "created_at", "redeemed_at", "redeemed_by", "sent_at")
    raw_id_fields = ("creator",)
    change_list_template = "admin/invitations/invitation/change_list.html"

    def get_urls(self) -> list:
        extra = [path("issue/", self.admin_site.admin_view(self.issue_view), name="invitations_invitation_issue")]
        return extra + super().get_urls()

    def issue_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            return redirect("admin:invitations_invitation_changelist")
        form = IssueForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            made = invitation_issue(count=data["count"], creator=data["to"], expires_at=data["expires_at"])
            who = f" for {data['to'].username}" if data["to"] else ""
            self.message_user(request, f"{len(made)} code{'s' if len(made) != 1 else ''} issued{who}.")
            return redirect(reverse("admin:invitations_invitation_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": "Issue invitation codes",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/invitations/invitation/issue.html", context)

    @admin.display(description="Sign-up link")
    def link(self, obj: Invitation) -> str:
        return signup_link(obj)


@admin.register(InvitationRequest)
class InvitationRequestAdmin(admin.ModelAdmin):
    list_display = ("email", "created_at", "invited_at", "invitation")
    list_filter = (("invited_at", admin.EmptyFieldListFilter),)
    search_fields = ("email",)
    readonly_fields = ("created_at", "invited_at", "invitation")
    actions = ("move_to_front",)

    @admin.action(description="Move the selected requests to the front of the queue")
    def move_to_front(self, request: HttpRequest, queryset) -> None:
        first = InvitationRequest.objects.waiting().order_by("created_at").values_list("created_at", flat=True)
        start = (first.first() or timezone.now()) - datetime.timedelta(seconds=queryset.count() + 1)
        moved = 0
        for offset, item in enumerate(queryset.filter(invited_at__isnull=True).order_by("created_at")):
            item.created_at = start + datetime.timedelta(seconds=offset)
            item.save(update_fields=["created_at"])
            moved += 1
        self.message_user(request, f"{moved} request{'s' if moved != 1 else ''} moved to the front.", messages.INFO)


@admin.register(QueueRelease)
class QueueReleaseAdmin(admin.ModelAdmin):
    list_display = ("date", "released", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
