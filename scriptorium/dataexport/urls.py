from django.urls import path

from scriptorium.dataexport import views

app_name = "dataexport"
urlpatterns = [
    path("account/export", views.export, name="export"),
    path("account/export/download", views.download, name="download"),
]
