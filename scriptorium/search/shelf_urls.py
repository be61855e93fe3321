from django.urls import path

from scriptorium.search import shelves

app_name = "shelves"
urlpatterns = [
    path("account/shelf/<str:status>", shelves.shelf_page, name="shelf"),
]
