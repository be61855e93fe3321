"""Wrangling pages: the overview, a fandom's unwrangled tags (with bulk actions), one tag's wrangling page and
the audit log. Every view and action answers 403 to a signed-in user without the wrangler permission (and sends
a visitor who is not signed in to the login page)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from scriptorium.tags import selectors, wrangling, wrangling_selectors
from scriptorium.tags.bulk import BULK_ACTIONS, tags_bulk_wrangle
from scriptorium.tags.filters import pending_refreshes
from scriptorium.tags.models import Tag, TagType
from scriptorium.tags.models.tag import PARENT_TYPES

View = Callable[..., HttpResponse]
BIN_LABELS = {
    TagType.CHARACTER: "Characters",
    TagType.RELATIONSHIP: "Relationships",
    TagType.ADDITIONAL: "Additional tags",
}


def wrangler_required(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not wrangling.can_wrangle(request.user):
            raise PermissionDenied("Only tag wranglers can do that.")
        return view(request, *args, **kwargs)

    return wrapped


def _tag_or_404(name: str) -> Tag:
    tag = selectors.tag_named(name)
    if tag is None:
        raise Http404("No tag found.")
    return tag


def _target(request: HttpRequest, field: str = "target") -> Tag:
    name = request.POST.get(field, "").strip()
    if not name:
        raise ValidationError("Type the name of a tag.")
    tag = selectors.tag_named(name)
    if tag is None:
        raise ValidationError(f"There is no tag named “{name}”.")
    return tag


def _report_refresh(request: HttpRequest, refresh: object | None) -> None:
    if refresh is not None:
        messages.info(
            request,
            f"{refresh.work_count} work{pluralize(refresh.work_count)} {pluralize(refresh.work_count, 'is,are')}"
            " being moved in the background; listings show the change when "
            "the update on the wrangling page is done.",
        )


@wrangler_required
@require_GET
def wrangling_index(request: HttpRequest) -> HttpResponse:
    find = request.GET.get("find", "").strip()
    if find:
        found = selectors.tag_named(find)
        if found is not None:
            return redirect("tags:wrangle", name=found.name)
        messages.error(request, f"There is no tag named “{find}”.")
    context = {
        "pending": pending_refreshes(),
        "fandoms": wrangling_selectors.canonical_fandoms(),
        "unwrangled_fandoms": wrangling_selectors.unwrangled_fandoms()[:100],
        "recent": wrangling_selectors.log_entries()[:10],
    }
    return render(request, "tags/wrangling/index.html", context)


@wrangler_required
@require_GET
def fandom_bin(request: HttpRequest, name: str) -> HttpResponse:
    fandom = _tag_or_404(name)
    if fandom.type != TagType.FANDOM:
        raise Http404("Not a fandom.")
    tag_type = request.GET.get("type", TagType.CHARACTER)
    if tag_type not in wrangling_selectors.BIN_TYPES:
        tag_type = TagType.CHARACTER
    paginator = Paginator(wrangling_selectors.fandom_unwrangled(fandom, tag_type), 50)
    context = {
        "fandom": fandom,
        "tag_type": tag_type,
        "type_label": BIN_LABELS[tag_type].lower(),
        "counts": [(t, BIN_LABELS[t], n) for t, n in wrangling_selectors.fandom_unwrangled_counts(fandom).items()],
        "page": paginator.get_page(request.GET.get("page")),
        "actions": [(key, label) for key, (label, _) in BULK_ACTIONS.items()],
        "pending": pending_refreshes(),
    }
    return render(request, "tags/wrangling/fandom.html", context)


@wrangler_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    back = request.POST.get("next", "")
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("wrangling:index")
    tags = selectors.tags_by_ids([int(i) for i in request.POST.getlist("tags") if i.isdigit()])
    action = request.POST.get("action", "")
    try:
        needs_target = BULK_ACTIONS.get(action, ("", False))[1]
        target = _target(request) if needs_target else None
        result = tags_bulk_wrangle(actor=request.user, tags=tags, action=action, target=target)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(back)
    if result.done:
        messages.success(request, f"{BULK_ACTIONS[action][0].rstrip('…')}: {', '.join(result.done)}.")
    for error in result.errors:
        messages.error(request, error)
    _report_refresh(request, result.refresh)
    return redirect(back)


@wrangler_required
@require_GET
def log(request: HttpRequest) -> HttpResponse:
    tag_name = request.GET.get("tag", "").strip()
    page = Paginator(wrangling_selectors.log_entries(tag_name=tag_name), 50).get_page(request.GET.get("page"))
    return render(request, "tags/wrangling/log.html", {"page": page, "tag_name": tag_name})


def _act(request: HttpRequest, tag: Tag) -> str:
    """Run the action the tag's wrangling page posted; returns the success message."""
    action, actor = request.POST.get("action", ""), request.user
    if action == "canonical":
        wrangling.tag_make_canonical(actor=actor, tag=tag)
        return f"“{tag.name}” is canonical."
    if action == "synonym":
        target = _target(request)
        wrangling.tag_make_synonym(actor=actor, tag=tag, target=target, move_synonyms="move" in request.POST)
        return f"“{tag.name}” is now a synonym of “{target.name}”."
    if action == "unwrangle":
        wrangling.tag_unwrangle(actor=actor, tag=tag)
        return f"“{tag.name}” is unwrangled."
    if action in ("parent_add", "parent_remove", "meta_add", "meta_remove", "sub_add", "sub_remove"):
        other = _target(request)
        service = {
            "parent_add": lambda: wrangling.tag_parent_add(actor=actor, tag=tag, parent=other),
            "parent_remove": lambda: wrangling.tag_parent_remove(actor=actor, tag=tag, parent=other),
            "meta_add": lambda: wrangling.tag_meta_add(actor=actor, tag=tag, meta=other),
            "meta_remove": lambda: wrangling.tag_meta_remove(actor=actor, tag=tag, meta=other),
            "sub_add": lambda: wrangling.tag_meta_add(actor=actor, tag=other, meta=tag),
            "sub_remove": lambda: wrangling.tag_meta_remove(actor=actor, tag=other, meta=tag),
        }[action]
        service()
        return "Saved."
    raise ValidationError("Unknown action.")


@wrangler_required
@require_http_methods(["GET", "POST"])
def tag_wrangle(request: HttpRequest, name: str) -> HttpResponse:
    tag = _tag_or_404(name)
    if request.method == "POST":
        try:
            messages.success(request, _act(request, tag))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("tags:wrangle", name=tag.name)
    context = {
        "tag": tag,
        "page": selectors.tag_page(tag),
        "parent_types": [TagType(t).label.lower() for t in PARENT_TYPES.get(tag.type, ())],
        "can_have_meta": not tag.is_fixed,
        "log": wrangling_selectors.log_entries(tag_name=tag.name)[:20],
        "pending": pending_refreshes(),
        "uses": tag.taggings.count(),
        "suggestions": wrangling_selectors.synonym_suggestions(tag),
        "fandoms_in_use": wrangling_selectors.fandoms_in_use(tag) if tag.type in PARENT_TYPES else [],
    }
    return render(request, "tags/wrangling/tag.html", context)
