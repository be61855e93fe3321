from django.urls import path

from scriptorium.skins import views

app_name = "skins"

urlpatterns = [
    path("skins", views.skin_list, name="list"),
    path("skins/new", views.skin_new, name="new"),
    path("skins/preference", views.skins_hidden, name="hide"),
    path("skins/<int:skin_id>/edit", views.skin_edit, name="edit"),
    path("skins/<int:skin_id>/delete", views.skin_delete, name="delete"),
    path("skins/<int:skin_id>.css", views.skin_css, name="css"),
]
