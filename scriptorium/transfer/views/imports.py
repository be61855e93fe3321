"""The web upload: the same import service as ``scriptorium import``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from scriptorium.transfer import selectors
from scriptorium.transfer.formats import detect_format
from scriptorium.transfer.forms import ImportForm
from scriptorium.transfer.inputs import Upload
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services import AlreadyImported, import_job_create, work_import

#: How many of the writer's imports the upload page lists.
RECENT_JOBS = 5


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
    recent = selectors.import_jobs_of(request.user, count=RECENT_JOBS)
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
            allow_duplicates=form.cleaned_data["allow_duplicates"],
        )
    except AlreadyImported as exc:
        again = form.fields["allow_duplicates"].label
        form.add_error(
            "file", f"You imported this file before, as “{exc.work.title}”. To import it again, tick “{again}”."
        )
        return None
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
        job = import_job_create(
            owner=request.user,
            uploads=uploads,
            draft=form.cleaned_data["draft"],
            allow_duplicates=form.cleaned_data["allow_duplicates"],
        )
    except ImportRejected as exc:
        form.add_error("file", exc.message)
        return None
    return redirect(reverse("transfer:job", kwargs={"job_id": job.pk}))
