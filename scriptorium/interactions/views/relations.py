"""Blocked and muted accounts: the pages that list them, add one by username and remove one.

The block and mute buttons on profile pages post here too (with ``next`` set to the profile).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from scriptorium.core.forms import add_service_errors, form_data
from scriptorium.interactions import selectors, services
from scriptorium.interactions.forms import UsernameForm
from scriptorium.interactions.models import RELATIONS_MAX, Block, Mute
from scriptorium.interactions.views.common import back_to_next

KINDS = {
    "blocked": {
        "model": Block,
        "add": services.block_add,
        "remove": services.block_remove,
        "field": "blocked",
        "title": "Blocked accounts",
        "verb": "Block",
        "undo": "Unblock",
        "intro": "Accounts you block cannot comment on your works or reply to your comments.",
        "added": "{name} is blocked.",
        "removed": "{name} is no longer blocked.",
    },
    "muted": {
        "model": Mute,
        "add": services.mute_add,
        "remove": services.mute_remove,
        "field": "muted",
        "title": "Muted accounts",
        "verb": "Mute",
        "undo": "Unmute",
        "intro": "You no longer see the works and comments of accounts you mute. They are not told.",
        "added": "{name} is muted.",
        "removed": "{name} is no longer muted.",
    },
}


def _manage(request: HttpRequest, kind: str) -> HttpResponse:
    words = KINDS[kind]
    here = reverse(f"interactions:{kind}")
    form = UsernameForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            made = words["add"](actor=request.user, username=form.cleaned_data["username"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            if request.POST.get("next"):  # a profile's button: say why there
                messages.error(request, " ".join(exc.messages))
                return back_to_next(request, here)
        else:
            name = getattr(made, words["field"]).username
            messages.success(request, words["added"].format(name=name))
            return back_to_next(request, here)
    context = {
        "kind": kind,
        "words": words,
        "form": form,
        "limit": RELATIONS_MAX,
        "entries": selectors.relations_list(request.user, words["model"]),
    }
    return render(request, "interactions/relations.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def blocked(request: HttpRequest) -> HttpResponse:
    return _manage(request, "blocked")


@login_required
@require_http_methods(["GET", "POST"])
def muted(request: HttpRequest) -> HttpResponse:
    return _manage(request, "muted")


def _remove(request: HttpRequest, kind: str, user_id: int) -> HttpResponse:
    words = KINDS[kind]
    name = request.POST.get("name", "That account")
    if words["remove"](actor=request.user, user_id=user_id):
        messages.success(request, words["removed"].format(name=name))
    return back_to_next(request, reverse(f"interactions:{kind}"))


@login_required
@require_POST
def unblock(request: HttpRequest, user_id: int) -> HttpResponse:
    return _remove(request, "blocked", user_id)


@login_required
@require_POST
def unmute(request: HttpRequest, user_id: int) -> HttpResponse:
    return _remove(request, "muted", user_id)
