"""The web upload: the same import service as ``scriptorium import``."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from scriptorium.transfer.formats import ACCEPTED_EXTENSIONS, SUPPORTED, detect_format
from scriptorium.transfer.jobs import Upload, import_job_create, upload_total_limit
from scriptorium.transfer.models import ImportJob
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services import work_import

_ACCEPT = ",".join(
    (
        *ACCEPTED_EXTENSIONS,
        "text/plain",
        "text/markdown",
        "text/html",
        "application/epub+zip",
        "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or several files; cleans to a list."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": _ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: object, initial: object = None) -> list:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class ImportForm(forms.Form):
    file = MultipleFileField(
        label="Story files",
        help_text=f"{SUPPORTED[0].upper()}{SUPPORTED[1:]}. Choose one file or several: each story, and each story "
        "in a ZIP archive, becomes a work of its own.",
    )
    title = forms.CharField(
        label="Title",
        required=False,
        max_length=255,
        help_text="Leave it empty to use the file's own title (plain-text dumps rarely carry one). "
        "Used only when you import a single story file.",
    )
    draft = forms.BooleanField(label="Keep them as drafts", required=False)

    def clean_file(self) -> list:
        uploads = self.cleaned_data["file"]
        most = settings.SCRIPTORIUM_IMPORT_MAX_FILES
        if len(uploads) > most:
            raise forms.ValidationError(f"Upload at most {most} files at a time (you chose {len(uploads)}).")
        for upload in uploads:
            if upload.size > settings.SCRIPTORIUM_IMPORT_MAX_BYTES:
                limit = settings.SCRIPTORIUM_IMPORT_MAX_BYTES / (1024 * 1024)
                raise forms.ValidationError(f"{upload.name} is larger than the {limit:g} MB limit.")
        if sum(upload.size for upload in uploads) > upload_total_limit():
            limit = upload_total_limit() / (1024 * 1024)
            raise forms.ValidationError(f"Together the files are larger than the {limit:g} MB limit of one upload.")
        return uploads


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """One story file is imported at once (the writer lands on the work); several files, or a ZIP, become a
    background job whose page shows the progress."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = form.cleaned_data["file"]
        uploads = [Upload(name=upload.name, data=upload.read()) for upload in files]
        if len(uploads) == 1 and detect_format(uploads[0].data, uploads[0].name) != "zip":
            response = _import_single(request, form, uploads[0])
        else:
            response = _import_in_background(request, form, uploads)
        if response is not None:
            return response
    recent = ImportJob.objects.filter(owner=request.user)[:5] if request.user.is_authenticated else []
    return render(
        request, "transfer/upload.html", {"form": form, "recent_jobs": recent}, status=400 if form.errors else 200
    )


def _import_single(request: HttpRequest, form: ImportForm, upload: Upload) -> HttpResponse | None:
    try:
        result = work_import(
            data=upload.data,
            filename=upload.name,
            creator=request.user.default_pseud,
            title=form.cleaned_data["title"] or None,
            draft=form.cleaned_data["draft"],
        )
    except ImportRejected as exc:
        form.add_error("file", exc.message)
        return None
    work = result.work
    state = "posted" if work.posted else "saved as a draft"
    messages.success(request, f"“{work.title}” was imported and {state}.")
    if result.problems:
        messages.warning(request, "Some details were missing from the file; please check them below.")
        return redirect(reverse("works:edit", kwargs={"work_id": work.pk}))
    return redirect(work.get_absolute_url())


def _import_in_background(request: HttpRequest, form: ImportForm, uploads: list[Upload]) -> HttpResponse | None:
    try:
        job = import_job_create(owner=request.user, uploads=uploads, draft=form.cleaned_data["draft"])
    except ImportRejected as exc:
        form.add_error("file", exc.message)
        return None
    return redirect(reverse("transfer:job", kwargs={"job_id": job.pk}))
