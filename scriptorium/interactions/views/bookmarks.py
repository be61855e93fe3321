"""Bookmark pages: bookmark a work, a series or an external work; edit and delete; a user's bookmarks and a
work's public bookmarks. Forms work without JavaScript; a refusal comes back with what was typed.

A work or series the viewer could not find in a listing answers 404 before anything else, guests included,
so a bookmark link never tells a guest that a restricted work exists. Guests are then sent to log in.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from scriptorium.accounts.models import User
from scriptorium.accounts.selectors import user_active_or_404
from scriptorium.core.forms import add_service_errors, form_data
from scriptorium.interactions import services
from scriptorium.interactions.forms import BookmarkForm, ExternalWorkForm
from scriptorium.interactions.models import Bookmark
from scriptorium.interactions.selectors import bookmarks as bookmark_selectors
from scriptorium.interactions.views.common import found_or_404
from scriptorium.search.blocking import page_blocking
from scriptorium.works.models import Series, Work
from scriptorium.works.selectors import series_or_404, work_listed_or_404, work_visible_or_404


def _page(request: HttpRequest, items: object) -> object:
    return Paginator(items, bookmark_selectors.BOOKMARKS_PER_PAGE).get_page(request.GET.get("page"))


def _user_bookmarks_url(user: User) -> str:
    return reverse("interactions:user_bookmarks", kwargs={"username": user.username})


def _form_page(request: HttpRequest, context: dict[str, object], *, failed: bool) -> HttpResponse:
    return render(request, "interactions/bookmark_form.html", context, status=400 if failed else 200)


def _initial(bookmark: Bookmark) -> dict[str, object]:
    initial: dict[str, object] = {
        "notes": bookmark.notes,
        "tags": ", ".join(bookmark.tags),
        "rec": bookmark.rec,
        "private": bookmark.private,
    }
    if bookmark.external_id:
        ext = bookmark.external
        initial.update(url=ext.url, title=ext.title, creator=ext.creator, summary=ext.summary)
    return initial


def _create(
    request: HttpRequest, *, form: BookmarkForm, target: dict[str, object], context: dict[str, object]
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        external = form.external_input() if isinstance(form, ExternalWorkForm) else None
        try:
            bookmark = services.bookmark_create(
                actor=request.user, data=form.bookmark_input(), external=external, **target
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            context["twice"] = getattr(exc, "code", "") == "twice"
        else:
            if bookmark.held_message:
                messages.warning(request, bookmark.held_message)
            else:
                messages.success(request, "Bookmark saved.")
            return HttpResponseRedirect(_user_bookmarks_url(request.user))
    return _form_page(request, {**context, "form": form, "mode": "new"}, failed=request.method == "POST")


def _bookmark_target(request: HttpRequest, kind: str, target: Work | Series) -> HttpResponse:
    """Bookmark a work or series the viewer found: guests log in first; a second bookmark edits the first."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    existing = bookmark_selectors.bookmark_of(request.user, **{kind: target})
    if existing is not None and request.method == "GET":
        messages.info(request, f"You have already bookmarked this {kind}: you can edit your bookmark here.")
        return HttpResponseRedirect(reverse("interactions:bookmark_edit", kwargs={"bookmark_id": existing.pk}))
    context = {kind: target, "existing": existing, "back": target.get_absolute_url()}
    return _create(request, form=BookmarkForm(form_data(request)), target={kind: target}, context=context)


@require_http_methods(["GET", "POST"])
def bookmark_work(request: HttpRequest, work_id: int) -> HttpResponse:
    return _bookmark_target(request, "work", work_listed_or_404(request.user, work_id))


@require_http_methods(["GET", "POST"])
def bookmark_series(request: HttpRequest, series_id: int) -> HttpResponse:
    series = series_or_404(series_id)
    try:
        services.check_series_bookmarkable(request.user, series)
    except Series.DoesNotExist:
        raise Http404("No series found.") from None
    return _bookmark_target(request, "series", series)


@login_required
@require_http_methods(["GET", "POST"])
def bookmark_external(request: HttpRequest) -> HttpResponse:
    context = {"external": True, "back": _user_bookmarks_url(request.user)}
    return _create(request, form=ExternalWorkForm(form_data(request)), target={}, context=context)


def _own_or_404(request: HttpRequest, bookmark_id: int) -> Bookmark:
    """One of the viewer's own bookmarks (404 for anyone else's, as for a missing one)."""
    return found_or_404(bookmark_selectors.own_bookmark(request.user, bookmark_id), "bookmark")


@login_required
@require_http_methods(["GET", "POST"])
def bookmark_edit(request: HttpRequest, bookmark_id: int) -> HttpResponse:
    bookmark = _own_or_404(request, bookmark_id)
    form_class = ExternalWorkForm if bookmark.external_id else BookmarkForm
    form = form_class(form_data(request), initial=_initial(bookmark))
    if request.method == "POST" and form.is_valid():
        external = form.external_input() if isinstance(form, ExternalWorkForm) else None
        try:
            bookmark = services.bookmark_update(
                actor=request.user, bookmark=bookmark, data=form.bookmark_input(), external=external
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if bookmark.held_message:
                messages.warning(request, bookmark.held_message)
            else:
                messages.success(request, "Bookmark updated.")
            return HttpResponseRedirect(f"{_user_bookmarks_url(request.user)}#{bookmark.anchor}")
    context = {
        "form": form,
        "mode": "edit",
        "bookmark": bookmark,
        "work": bookmark.work,
        "series": bookmark.series,
        "external": bool(bookmark.external_id),
        "back": f"{_user_bookmarks_url(request.user)}#{bookmark.anchor}",
    }
    return _form_page(request, context, failed=request.method == "POST")


@login_required
@require_http_methods(["GET", "POST"])
def bookmark_delete(request: HttpRequest, bookmark_id: int) -> HttpResponse:
    bookmark = _own_or_404(request, bookmark_id)
    if request.method == "POST":
        services.bookmark_delete(actor=request.user, bookmark=bookmark)
        messages.success(request, "Bookmark deleted.")
        return HttpResponseRedirect(_user_bookmarks_url(request.user))
    return render(request, "interactions/bookmark_confirm_delete.html", {"bookmark": bookmark})


def user_bookmarks(request: HttpRequest, username: str) -> HttpResponse:
    """A user's bookmarks: private ones only to their owner."""
    owner = user_active_or_404(username)
    recs = request.GET.get("recs") == "1"
    blocked = page_blocking(request, request.user)
    items = bookmark_selectors.bookmarks_of_user(request.user, owner, recs_only=recs, shown=blocked.shown_q("work_id"))
    if blocked.blocklist.active:
        blocked.count(bookmark_selectors.bookmarks_of_user(request.user, owner, recs_only=recs), "work_id")
    context = {
        "owner": owner,
        "blocked": blocked,
        "page": _page(request, items),
        "own": request.user.is_authenticated and request.user.pk == owner.pk,
        "recs": request.GET.get("recs") == "1",
    }
    return render(request, "interactions/user_bookmarks.html", context)


def work_bookmarks(request: HttpRequest, work_id: int) -> HttpResponse:
    """A work's public bookmarks (404 for a work the viewer may not open, as for a missing one)."""
    work = work_visible_or_404(request.user, work_id)
    items = bookmark_selectors.bookmarks_of_work(request.user, work)
    return render(request, "interactions/work_bookmarks.html", {"work": work, "page": _page(request, items)})
