"""Writers' pages: post, edit and delete works and their chapters.

Each view finds the work among those the writer may edit (anyone else gets the same 404 as for a missing work),
lets a form check the input, calls one service and redirects. A service's refusal goes back onto the form.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from scriptorium.core.forms import add_service_errors, form_data
from scriptorium.suggest.posting import suggestion_round, suggestion_round_wanted
from scriptorium.suggest.selectors import chips_for_work
from scriptorium.works import selectors, services
from scriptorium.works.forms import CHAPTER_ERROR_FIELDS, ChapterForm, ChapterOrderForm, WorkForm
from scriptorium.works.inputs import POSTING_REQUIRED_FIELDS
from scriptorium.works.models import Chapter, Work


def _editable_work(request: HttpRequest, work_id: int) -> Work:
    return selectors.work_editable_or_404(request.user, work_id)


def _editable_chapter(request: HttpRequest, work_id: int, chapter_id: int) -> tuple[Work, Chapter]:
    work = _editable_work(request, work_id)
    return work, selectors.chapter_or_404(work, chapter_id)


def _posted_message(request: HttpRequest, work: Work, text: str) -> None:
    """Say the change is saved; when the spam check holds the work for review, say so instead of "posted"."""
    if work.held_for_review:
        messages.warning(
            request,
            f"{text.removesuffix('.')}, but the archive’s spam check held the work for review: until a "
            "moderator has looked at it, only you and the moderators can open it. You will hear from them here "
            "and in your inbox.",
        )
    else:
        messages.success(request, text)


def _render(request: HttpRequest, template: str, form: forms.Form, context: dict[str, object]) -> HttpResponse:
    """Render a form page; a form sent back with errors answers 400, so the failure is plain to tools too."""
    failed = request.method == "POST" and bool(form.errors)
    return render(request, template, {"form": form, **context}, status=400 if failed else 200)


def _suggestion_round(request: HttpRequest) -> HttpResponse:
    """The posting form's "Suggest tags" and chip buttons: nothing is saved; the form comes back as typed with
    the suggestions (and, for an accepted one, the field filled in)."""
    found = suggestion_round(actor=request.user, post=request.POST)
    if found.error:
        messages.error(request, found.error)
    form = WorkForm(found.data, user=request.user)
    form.errors.clear()  # a suggestion round shows the form as typed, without its errors: nothing was posted
    context = {"work": None, "chips": found.chips, "rejected": found.rejected}
    return render(request, "works/work_form.html", {"form": form, **context})


@login_required
@require_http_methods(["GET", "POST"])
def work_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and suggestion_round_wanted(request.POST):
        return _suggestion_round(request)
    form = WorkForm(form_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        post = request.POST.get("action") == "post"
        try:
            work = services.work_create(
                actor=request.user,
                creators=form.creator_pseuds(),
                data=form.work_input(),
                chapters=[form.chapter_input()],
                post=post,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if post:
                _posted_message(request, work, f"“{work.title}” is posted.")
            else:
                messages.success(request, f"“{work.title}” is saved as a draft. Only you and your co-creators see it.")
            return redirect(work)
    return _render(request, "works/work_form.html", form, {"work": None})


@login_required
@require_http_methods(["GET", "POST"])
def work_edit(request: HttpRequest, work_id: int) -> HttpResponse:
    work = _editable_work(request, work_id)
    form = WorkForm(form_data(request), user=request.user, work=work)
    if request.method == "POST" and form.is_valid():
        try:
            services.work_update(
                actor=request.user,
                work=work,
                data=form.work_input(),
                creators=form.creator_pseuds(),
                import_reviewed=True,
            )
        except ValidationError as exc:
            work.refresh_from_db()  # the service changed the instance before it gave up
            add_service_errors(form, exc)
        else:
            _posted_message(request, work, f"Your changes to “{work.title}” are saved.")
            return redirect(work)
    deletable = selectors.work_deletable_by(actor=request.user, work=work)
    context = {
        "work": work,
        "chips": chips_for_work(work),
        "deletable": deletable,
        "import_review": _import_review(work, form),
    }
    return _render(request, "works/work_form.html", form, context)


def _import_review(work: Work, form: forms.Form) -> dict[str, list[dict[str, str]]]:
    """What an import asked the creator to look at, as the edit page lists it: first what must be filled in before
    the work can be posted, then what to check; each names the form's field and links to it when there is one."""
    review: dict[str, list[dict[str, str]]] = {"to_fill": [], "to_check": []}
    for problem in work.import_problems:
        name = problem.get("field", "")
        field = form.fields.get(name)
        item = {
            "label": str(field.label) if field is not None else name.replace("_", " ").capitalize(),
            "anchor": f"id_{name}" if field is not None else "",
            "message": problem.get("message", ""),
        }
        blocking = problem.get("severity") == "missing" and not work.posted and name in POSTING_REQUIRED_FIELDS
        review["to_fill" if blocking else "to_check"].append(item)
    return review


@login_required
@require_http_methods(["GET"])
def drafts(request: HttpRequest) -> HttpResponse:
    works = selectors.drafts_of(request.user)
    return render(request, "works/drafts.html", {"works": works})


@login_required
@require_POST
def work_post(request: HttpRequest, work_id: int) -> HttpResponse:
    work = _editable_work(request, work_id)
    try:
        services.work_post(actor=request.user, work=work)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("works:edit", work_id=work.pk)
    _posted_message(request, work, f"“{work.title}” is posted.")
    return redirect(work)


@login_required
@require_http_methods(["GET", "POST"])
def work_delete(request: HttpRequest, work_id: int) -> HttpResponse:
    work = _editable_work(request, work_id)
    if request.method == "POST":
        title = work.title
        services.work_delete(actor=request.user, work=work)
        messages.success(request, f"“{title}” is deleted.")
        return redirect("accounts:user", username=request.user.username)
    deletable = selectors.work_deletable_by(actor=request.user, work=work)
    return render(request, "works/work_confirm_delete.html", {"work": work, "deletable": deletable})


@login_required
@require_http_methods(["GET", "POST"])
def chapter_new(request: HttpRequest, work_id: int) -> HttpResponse:
    work = _editable_work(request, work_id)
    form = ChapterForm(form_data(request), work=work)
    if request.method == "POST" and form.is_valid():
        try:
            chapter = services.chapter_add(
                actor=request.user,
                work=work,
                data=form.chapter_input(),
                expected_chapters=form.cleaned_data["expected_chapters"],
            )
        except ValidationError as exc:
            work.refresh_from_db()
            add_service_errors(form, exc, CHAPTER_ERROR_FIELDS)
        else:
            _posted_message(request, work, f"{chapter.display_title} is added to “{work.title}”.")
            return redirect(chapter)
    return _render(request, "works/chapter_form.html", form, {"work": work, "chapter": None})


@login_required
@require_http_methods(["GET", "POST"])
def chapter_edit(request: HttpRequest, work_id: int, chapter_id: int) -> HttpResponse:
    work, chapter = _editable_chapter(request, work_id, chapter_id)
    form = ChapterForm(form_data(request), work=work, chapter=chapter)
    if request.method == "POST" and form.is_valid():
        try:
            services.chapter_update(actor=request.user, chapter=chapter, data=form.chapter_input())
        except ValidationError as exc:
            chapter.refresh_from_db()
            add_service_errors(form, exc, CHAPTER_ERROR_FIELDS)
        else:
            _posted_message(request, chapter.work, f"Your changes to {chapter.display_title} are saved.")
            return redirect(chapter)
    return _render(request, "works/chapter_form.html", form, {"work": work, "chapter": chapter})


@login_required
@require_http_methods(["GET", "POST"])
def chapter_delete(request: HttpRequest, work_id: int, chapter_id: int) -> HttpResponse:
    work, chapter = _editable_chapter(request, work_id, chapter_id)
    error = ""
    if request.method == "POST":
        try:
            services.chapter_delete(actor=request.user, chapter=chapter)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"{chapter.display_title} of “{work.title}” is deleted.")
            return redirect("works:chapters_manage", work_id=work.pk)
    context = {"work": work, "chapter": chapter, "only_chapter": work.chapter_count <= 1, "error": error}
    return render(request, "works/chapter_confirm_delete.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def chapters_manage(request: HttpRequest, work_id: int) -> HttpResponse:
    work = _editable_work(request, work_id)
    chapters = list(work.chapters.order_by("position", "id"))
    form = ChapterOrderForm(form_data(request), chapters=chapters)
    if request.method == "POST" and form.is_valid():
        try:
            services.chapters_reorder(actor=request.user, work=work, chapter_ids=form.ordered_ids())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"The chapters of “{work.title}” are in their new order.")
            return redirect("works:chapters_manage", work_id=work.pk)
    return _render(request, "works/chapters_manage.html", form, {"work": work})
