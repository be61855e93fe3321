"""KOReader's sync server's addresses under ``/kosync/`` (``views.protocol``) and OPDS Progression
(``views.progression``)."""

from django.urls import path

from scriptorium.kosync.views import progression, protocol

app_name = "kosync"
urlpatterns = [
    path("users/create", protocol.users_create, name="users_create"),
    path("users/auth", protocol.users_auth, name="users_auth"),
    path("syncs/progress", protocol.progress_update, name="progress_update"),
    path("syncs/progress/<str:document>", protocol.progress_get, name="progress_get"),
    path("healthcheck", protocol.healthcheck, name="healthcheck"),
    path("progression/<int:work_id>", progression.work_progression, name="progression"),
]
