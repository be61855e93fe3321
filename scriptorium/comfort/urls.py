from django.urls import path

from scriptorium.comfort import views

app_name = "comfort"

urlpatterns = [
    path("reading-settings", views.settings_page, name="settings"),
    path("reading.css", views.stylesheet, name="css"),
]
