from django.urls import path

from scriptorium.leaving.views import pages

app_name = "leaving"
urlpatterns = [
    path("account/delete", pages.account_delete, name="delete"),
    path("account/deleted", pages.goodbye, name="goodbye"),
]
