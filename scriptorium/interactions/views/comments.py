"""Comment pages. Every form works without JavaScript: a POST, then a redirect back to the anchor.

The work is always found through ``Work.objects.visible_to``: comments on a work the reader may not open answer
404, exactly like a missing work. A refused comment comes back on its own page with the message and everything
typed, and nothing saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from scriptorium.core.forms import add_service_errors, form_data
from scriptorium.interactions import selectors, services
from scriptorium.interactions.forms import CommentEditForm, CommentForm, CommentSettingsForm
from scriptorium.interactions.guests import client_ip, transient_guest_key
from scriptorium.interactions.models import Comment
from scriptorium.interactions.views.common import found_or_404
from scriptorium.works.selectors import chapter_or_404, may_moderate, work_editable_or_404, work_visible_or_404


def _comment_or_404(request: HttpRequest, comment_id: int) -> Comment:
    """A comment the viewer sees on its page: on a work they may open, and not held for approval unless they
    wrote it or moderate the work (404 otherwise, exactly as for a missing comment, so a held comment's
    existence is not revealed by a 403)."""
    comment = found_or_404(selectors.comment_for_viewer(request.user, comment_id), "comment")
    if not selectors.comment_shown_to(request.user, comment, work=comment.work):
        raise Http404("No comment found.")
    return comment


def _form_page(request: HttpRequest, context: dict[str, object], *, failed: bool) -> HttpResponse:
    return render(request, "interactions/comment_form.html", context, status=400 if failed else 200)


@require_http_methods(["GET", "POST"])
def comment_new(request: HttpRequest, work_id: int, chapter_id: int) -> HttpResponse:
    """Post a comment or a reply; a refusal comes back here with what was typed."""
    work = work_visible_or_404(request.user, work_id)
    chapter = chapter_or_404(work, chapter_id)
    if request.method == "GET":
        return HttpResponseRedirect(f"{chapter.get_absolute_url()}#comments")
    form = CommentForm(request.POST, guest=not request.user.is_authenticated, prefix_id="new-comment")
    parent = None
    if form.is_valid():
        parent_id = form.cleaned_data.get("parent")
        if parent_id:
            parent = selectors.comment_to_answer(request.user, work, parent_id)
            if parent is None:
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
    comment = _comment_or_404(request, comment_id)
    return HttpResponseRedirect(f"{comment.chapter.get_absolute_url()}#{comment.anchor}")


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
    if not own and not may_moderate(request.user, comment.work):
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
    work = work_editable_or_404(request.user, work_id)
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
