from django.urls import path

from scriptorium.stats import views

app_name = "stats"
urlpatterns = [
    path("account/stats", views.stats_index, name="index"),
    path("account/stats/works/<int:work_id>", views.work_stats, name="work"),
    path("account/stats/works/<int:work_id>/csv", views.work_stats_csv, name="work_csv"),
]
