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
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services import ArchiveMemberResult, work_import, works_import_archive

_ACCEPT = ",".join(
    (*ACCEPTED_EXTENSIONS, "text/plain", "text/markdown", "text/html", "application/epub+zip", "application/zip",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Story file",
        help_text=f"{SUPPORTED[0].upper()}{SUPPORTED[1:]}. Each story in a ZIP archive becomes a work of its own.",
        widget=forms.FileInput(attrs={"accept": _ACCEPT}),
    )
    title = forms.CharField(
        label="Title",
        required=False,
        max_length=255,
        help_text="Leave it empty to use the file's own title (plain-text dumps rarely carry one). "
        "Not used for ZIP archives.",
    )
    draft = forms.BooleanField(label="Keep it as a draft", required=False)

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > settings.SCRIPTORIUM_IMPORT_MAX_BYTES:
            limit = settings.SCRIPTORIUM_IMPORT_MAX_BYTES / (1024 * 1024)
            raise forms.ValidationError(f"The file is larger than the {limit:g} MB limit.")
        return upload


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        if detect_format(data, upload.name) == "zip":
            try:
                members = works_import_archive(
                    data=data,
                    filename=upload.name,
                    creator=request.user.default_pseud,
                    draft=form.cleaned_data["draft"],
                )
            except ImportRejected as exc:
                form.add_error("file", exc.message)
            else:
                response = _archive_done(request, form, members)
                if response is not None:
                    return response
            return render(request, "transfer/upload.html", {"form": form}, status=400 if form.errors else 200)
        try:
            result = work_import(
                data=data,
                filename=upload.name,
                creator=request.user.default_pseud,
                title=form.cleaned_data["title"] or None,
                draft=form.cleaned_data["draft"],
            )
        except ImportRejected as exc:
            form.add_error("file", exc.message)
        else:
            work = result.work
            state = "posted" if work.posted else "saved as a draft"
            messages.success(request, f"“{work.title}” was imported and {state}.")
            if result.problems:
                messages.warning(request, "Some details were missing from the file; please check them below.")
                return redirect(reverse("works:edit", kwargs={"work_id": work.pk}))
            return redirect(work.get_absolute_url())
    return render(request, "transfer/upload.html", {"form": form}, status=400 if form.errors else 200)


def _archive_done(request: HttpRequest, form: ImportForm, members: list[ArchiveMemberResult]) -> HttpResponse | None:
    """Report each file of an imported archive; None (the form shows the errors) when nothing was imported."""
    imported = [member.result.work for member in members if member.result is not None]
    failed = [member for member in members if member.error is not None]
    if not imported:
        for member in failed:
            form.add_error("file", f"{member.name}: {member.error.message}")
        return None
    messages.success(request, f"{len(imported)} of {len(members)} files were imported.")
    for member in failed:
        messages.warning(request, f"{member.name} was not imported: {member.error.message}")
    if len(imported) == 1:
        return redirect(imported[0].get_absolute_url())
    if any(not work.posted for work in imported):
        return redirect(reverse("works:drafts"))
    return redirect(reverse("accounts:user", kwargs={"username": request.user.username}))
