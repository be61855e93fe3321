"""The page of an import job: its progress while it runs, then what became of each file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from scriptorium.transfer import selectors
from scriptorium.transfer.models import ImportJob

JOBS_LISTED = 50


def _own_job(request: HttpRequest, job_id: int) -> ImportJob:
    """The job, if it is the viewer's own (anyone else's answers like a missing one)."""
    job = selectors.import_job_of(request.user, job_id)
    if job is None:
        raise Http404("No such import.")
    return job


@login_required
@require_GET
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _own_job(request, job_id)
    return render(request, "transfer/job.html", {"job": job, "files": selectors.import_job_files(job)})


@login_required
@require_GET
def job_progress(request: HttpRequest, job_id: int) -> JsonResponse:
    """What the page's script polls while the job runs."""
    job = _own_job(request, job_id)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "finished": job.finished,
            "total": job.total,
            "processed": job.processed,
            "imported": job.imported,
            "failed": job.failed_count,
            "percent": job.percent,
        }
    )


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = selectors.import_jobs_of(request.user, count=JOBS_LISTED)
    return render(request, "transfer/jobs.html", {"jobs": jobs})
