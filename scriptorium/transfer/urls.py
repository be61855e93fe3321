from django.urls import path, re_path

from scriptorium.transfer.views import downloads, imports, jobs

app_name = "transfer"
urlpatterns = [
    path("import", imports.import_upload, name="upload"),
    path("import/jobs", jobs.job_list, name="jobs"),
    path("import/jobs/<int:job_id>", jobs.job_detail, name="job"),
    path("import/jobs/<int:job_id>/progress", jobs.job_progress, name="job_progress"),
    re_path(
        r"^(?P<work_id>[0-9]+)/download/(?P<slug>[^/]+)\.(?P<extension>[A-Za-z0-9]+)$",
        downloads.download_file,
        name="download_file",
    ),
    path("<int:work_id>/download/<str:format_name>", downloads.download, name="download"),
]
