from django.urls import path

from scriptorium.transfer import views

app_name = "transfer"
urlpatterns = [
    path("import", views.import_upload, name="upload"),
]
