from django.urls import path, re_path

from scriptorium.transfer import download_views, job_views, views

app_name = "transfer"
urlpatterns = [
    path("import", views.import_upload, name="upload"),
    path("import/jobs", job_views.job_list, name="jobs"),
    path("import/jobs/<int:job_id>", job_views.job_detail, name="job"),
    path("import/jobs/<int:job_id>/progress", job_views.job_progress, name="job_progress"),
    re_path(
        r"^(?P<work_id>[0-9]+)/download/(?P<slug>[^/]+)\.(?P<extension>[A-Za-z0-9]+)$",
        download_views.download_file,
        name="download_file",
    ),
    path("<int:work_id>/download/<str:format_name>", download_views.download, name="download"),
]
