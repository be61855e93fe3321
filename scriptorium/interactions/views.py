"""Kudos and comment pages. Every form works without JavaScript: a POST, then a redirect back to the anchor.

The work is always found through ``Work.objects.visible_to``: kudos or comments on a work the reader may not
open answer 404, exactly like a missing work. A refused comment comes back on its own page with the message
and everything typed, and nothing saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from scriptorium.core.forms import add_service_errors, form_data
from scriptorium.interactions import history, hits, selectors, services
from scriptorium.interactions.forms import CommentEditForm, CommentForm, CommentSettingsForm
from scriptorium.interactions.guests import client_ip, stored_guest_key, today_guest_key, transient_guest_key
from scriptorium.interactions.models import Comment
from scriptorium.works.models import Chapter, Creatorship, Work


def work_page_context(request: HttpRequest, work: Work, *, shown: list[Chapter], creator: bool) -> dict[str, object]:
    """What a work page adds for kudos, comments, bookmarks, history and mutes; records the reader's hit (in
    the cache only) and, for an account with its history on, the reading (one upsert)."""
    guest_ip = None if request.user.is_authenticated else client_ip(request)
    if work.posted and not creator:
        guest = transient_guest_key(guest_ip) if guest_ip else ""
        hits.hits_record(
            work_id=work.pk,
            reader=hits.reader_key(user_id=request.user.pk, guest_key=guest),
            chapter_id=shown[0].pk if len(shown) == 1 else None,  # a chapter read on its own page
        )
    state = selectors.work_viewer_state(request.user, work)
    reply_to = request.GET.get("reply_to", "")
    found = selectors.work_page(
        request.user,
        work,
        shown=shown,
        creator=creator,
        reply_to=int(reply_to) if reply_to.isdigit() else None,
        guest_key=today_guest_key(guest_ip) if guest_ip else None,
        blocked=state.blocked,
    )
    tracking = bool(request.user.is_authenticated and work.posted and not creator and state.history_on and shown)
    continue_reading = _continue_reading(state, shown)
    if tracking:
        front = request.resolver_match is None or request.resolver_match.url_name != "chapter"
        history.reading_record(user_id=request.user.pk, work_id=work.pk, chapter_id=shown[0].pk, keep_place=front)
    return {
        "interactions": found,
        "viewer_state": state,
        "continue_reading": continue_reading,
        "reading_tracked": tracking,
        "shown_chapter_ids": ",".join(str(c.pk) for c in shown),
    }


def _continue_reading(state: selectors.ViewerState, shown: list[Chapter]) -> dict[str, object] | None:
    """Where the reader stopped last time, when that is somewhere else than the top of this page."""
    if state.last_chapter_id is None or state.views == 0 or not shown:
        return None
    here = len(shown) == 1 and shown[0].pk == state.last_chapter_id
    if here and state.paragraph <= 1:
        return None
    url = reverse("works:chapter", kwargs={"work_id": shown[0].work_id, "chapter_id": state.last_chapter_id})
    if state.paragraph > 1:
        url += f"#p-{state.paragraph}"
    return {"url": url, "position": state.last_chapter_position, "paragraph": state.paragraph, "here": here}


def _visible_work(request: HttpRequest, work_id: int) -> Work:
    return get_object_or_404(Work.objects.visible_to(request.user), pk=work_id)


def _back(request: HttpRequest, work: Work, anchor: str = "") -> HttpResponseRedirect:
    """Back to the page the form was on (a page of this work), at ``anchor``."""
    target = request.POST.get("next", "")
    base = work.get_absolute_url()
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) and (
        target == base or target.startswith((base + "/", base + "?"))
    )
    url = target if safe else base
    return HttpResponseRedirect(url.split("#", 1)[0] + (f"#{anchor}" if anchor else ""))


def _is_creator(request: HttpRequest, work: Work) -> bool:
    user = request.user
    return user.is_authenticated and Creatorship.objects.filter(work=work, pseud__user=user).exists()


# --- Kudos -----------------------------------------------------------------------------------------------


def _give_kudos(request: HttpRequest, work: Work, chapter: Chapter | None) -> HttpResponse:
    key = "" if request.user.is_authenticated else stored_guest_key(client_ip(request))
    try:
        services.kudos_give(actor=request.user, work=work, chapter=chapter, guest_key=key)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _back(request, work)
    messages.success(request, "Thank you for leaving kudos!")
    return _back(request, work, f"chapter-kudos-{chapter.pk}" if chapter else "kudos")


@require_POST
def kudos_work(request: HttpRequest, work_id: int) -> HttpResponse:
    return _give_kudos(request, _visible_work(request, work_id), None)


@require_POST
def kudos_chapter(request: HttpRequest, work_id: int, chapter_id: int) -> HttpResponse:
    work = _visible_work(request, work_id)
    return _give_kudos(request, work, get_object_or_404(Chapter, pk=chapter_id, work=work))


# --- Comments --------------------------------------------------------------------------------------------


def _form_page(request: HttpRequest, context: dict[str, object], *, failed: bool) -> HttpResponse:
    return render(request, "interactions/comment_form.html", context, status=400 if failed else 200)


@require_http_methods(["GET", "POST"])
def comment_new(request: HttpRequest, work_id: int, chapter_id: int) -> HttpResponse:
    """Post a comment or a reply; a refusal comes back here with what was typed."""
    work = _visible_work(request, work_id)
    chapter = get_object_or_404(Chapter, pk=chapter_id, work=work)
    if request.method == "GET":
        return HttpResponseRedirect(f"{chapter.get_absolute_url()}#comments")
    form = CommentForm(request.POST, guest=not request.user.is_authenticated, prefix_id="new-comment")
    parent = None
    if form.is_valid():
        parent_id = form.cleaned_data.get("parent")
        if parent_id:
            parent = Comment.objects.filter(pk=parent_id, work=work).select_related("thread").first()
            if parent is None or not selectors.comment_shown_to(
                request.user, parent, creator=_is_creator(request, work)
            ):
                form.add_error(None, "That comment is not available, so you can’t reply to it.")
        if not form.errors:
            origin = "" if request.user.is_authenticated else transient_guest_key(client_ip(request))
            try:
                comment = services.comment_create(
                    actor=request.user, chapter=chapter, data=form.comment_input(), parent=parent, origin=origin
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if comment.is_held:
                    messages.success(request, "Your comment was received. It will appear once the creator approves it.")
                else:
                    messages.success(request, "Your comment was posted.")
                return HttpResponseRedirect(f"{chapter.get_absolute_url()}#{comment.anchor}")
    context = {"work": work, "chapter": chapter, "form": form, "parent": parent, "mode": "new"}
    return _form_page(request, context, failed=True)


def comment_detail(request: HttpRequest, comment_id: int) -> HttpResponse:
    """A comment's permanent address: its place on its chapter's page."""
    comment = selectors.comment_for_viewer(request.user, comment_id)
    if comment is None or not selectors.comment_shown_to(
        request.user, comment, creator=_is_creator(request, comment.work)
    ):
        raise Http404("No comment found.")
    return HttpResponseRedirect(f"{comment.chapter.get_absolute_url()}#{comment.anchor}")


def _comment_or_404(request: HttpRequest, comment_id: int) -> Comment:
    comment = selectors.comment_for_viewer(request.user, comment_id)
    if comment is None:
        raise Http404("No comment found.")
    return comment


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment_or_404(request, comment_id)
    if comment.user_id != request.user.pk:
        raise PermissionDenied("Only the comment’s author can edit it.")
    form = CommentEditForm(form_data(request), initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(actor=request.user, comment=comment, text=form.cleaned_data["text"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Your comment was updated.")
            return HttpResponseRedirect(f"{comment.chapter.get_absolute_url()}#{comment.anchor}")
    context = {"work": comment.work, "chapter": comment.chapter, "form": form, "comment": comment, "mode": "edit"}
    return _form_page(request, context, failed=request.method == "POST")


@require_http_methods(["GET", "POST"])
def comment_delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment_or_404(request, comment_id)
    own = request.user.is_authenticated and comment.user_id == request.user.pk
    moderator = _is_creator(request, comment.work) or (request.user.is_authenticated and request.user.is_staff)
    if not own and not moderator:
        raise PermissionDenied("Only the comment’s author or the work’s creators can delete it.")
    back = f"{comment.chapter.get_absolute_url()}#comments"
    if request.method == "POST":
        try:
            services.comment_delete(actor=request.user, comment=comment)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "The comment was deleted.")
        return HttpResponseRedirect(back)
    return render(request, "interactions/comment_confirm_delete.html", {"comment": comment, "back": back})


@login_required
@require_POST
def comment_approve(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment_or_404(request, comment_id)
    try:
        services.comment_approve(actor=request.user, comment=comment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(f"{comment.chapter.get_absolute_url()}#comments")
    messages.success(request, "The comment is approved and shown to everyone.")
    return HttpResponseRedirect(f"{comment.chapter.get_absolute_url()}#{comment.anchor}")


@login_required
@require_POST
def thread_freeze(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment_or_404(request, comment_id)
    frozen = request.POST.get("frozen", "1") != "0"
    root = services.thread_freeze(actor=request.user, comment=comment, frozen=frozen)
    messages.success(request, "The thread is frozen: no new replies." if frozen else "The thread takes replies again.")
    return HttpResponseRedirect(f"{comment.chapter.get_absolute_url()}#{root.anchor}")


@login_required
@require_http_methods(["GET", "POST"])
def comment_settings(request: HttpRequest, work_id: int) -> HttpResponse:
    """Who may comment on a work, and whether comments wait for approval (the work's creators only)."""
    work = get_object_or_404(Work.objects.editable_by(request.user), pk=work_id)
    initial = {"comment_permission": work.comment_permission, "moderate_comments": work.moderate_comments}
    form = CommentSettingsForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.comment_settings_update(
            actor=request.user,
            work=work,
            permission=form.cleaned_data["comment_permission"],
            moderate=form.cleaned_data["moderate_comments"],
        )
        messages.success(request, "Comment settings saved.")
        return redirect(reverse("works:detail", kwargs={"work_id": work.pk}) + "#comments")
    status = 400 if request.method == "POST" else 200
    return render(request, "interactions/comment_settings.html", {"work": work, "form": form}, status=status)
