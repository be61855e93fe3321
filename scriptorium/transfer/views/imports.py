"""The web upload: the same import service as ``scriptorium import``. Archivists
(``accounts.archivists.is_archivist``) may also archive files on behalf of their authors; anyone else is not
offered the choice, and asking for it anyway is refused (403)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from scriptorium.accounts.archivists import is_archivist
from scriptorium.transfer import selectors
from scriptorium.transfer.formats import detect_format
from scriptorium.transfer.forms import ON_BEHALF, ImportForm
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
    archivist = is_archivist(request.user)
    if request.method == "POST" and request.POST.get("credit") == ON_BEHALF and not archivist:
        raise PermissionDenied("Only archivists may import works on behalf of their authors.")
    form = ImportForm(request.POST or None, request.FILES or None, archivist=archivist)
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
            **_credit(form),
        )
    except AlreadyImported as exc:
        again = form.fields["allow_duplicates"].label
        form.add_error(
            "file", f"You imported this file before, as “{exc.work.title}”. To import it again, tick “{again}”."
        )
        return None
    except ImportRejected as exc:
        form.add_error(REJECTION_FIELDS.get(exc.code, "file") if form.on_behalf else "file", exc.message)
        return None
    work = result.work
    state = "posted" if work.posted else "saved as a draft"
    messages.success(request, f"“{work.title}” was imported and {state}.")
    if result.external_creators:
        names = ", ".join(e.name for e in result.external_creators)
        messages.info(request, f"It is credited to {names}, archived by you.")
    if result.author_names:
        messages.info(request, f"The file names its author as {', '.join(result.author_names)}.")
    else:
        messages.info(request, "The file does not name its author.")
    if not work.posted and not form.cleaned_data["draft"]:
        messages.warning(
            request, "It is kept as a draft until you fill in what a posted work needs; the list is below."
        )
        return redirect(reverse("works:edit", kwargs={"work_id": work.pk}))
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
            **_credit(form),
        )
    except ImportRejected as exc:
        form.add_error("file", exc.message)
        return None
    return redirect(reverse("transfer:job", kwargs={"job_id": job.pk}))


#: Which field of the form a refusal of an on-behalf import belongs to.
REJECTION_FIELDS = {"no-author": "author_name", "bad-author": "author_name", "bad-email": "author_email"}


def _credit(form: ImportForm) -> dict[str, object]:
    """Whose work the upload is, as the import services take it."""
    if not form.on_behalf:
        return {}
    return {
        "on_behalf": True,
        "author_name": form.cleaned_data["author_name"],
        "author_email": form.cleaned_data["author_email"],
    }
