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

from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services import work_import


class ImportForm(forms.Form):
    file = forms.FileField(label="Story file", help_text="A plain-text story dump (.txt).")
    title = forms.CharField(label="Title", required=False, max_length=255, help_text="Files rarely carry one.")
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
        try:
            result = work_import(
                data=upload.read(),
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
