from django.urls import path

from scriptorium.search import views

app_name = "search"
urlpatterns = [
    path("search", views.work_search, name="works"),
    path("search/help", views.search_help, name="help"),
    path("search/saved", views.saved_searches, name="saved"),
    path("search/saved/<int:saved_id>/rename", views.saved_search_rename, name="saved_rename"),
    path("search/saved/<int:saved_id>/delete", views.saved_search_delete, name="saved_delete"),
    path("search/excluded", views.excluded_tags, name="excluded"),
    path("search/excluded/<int:excluded_id>/delete", views.excluded_tag_remove, name="excluded_remove"),
]
