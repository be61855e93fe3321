from django.urls import path

from scriptorium.tags.views import pages

app_name = "tags"
urlpatterns = [
    path("<tag:name>", pages.tag_detail, name="detail"),
    path("<tag:name>/works", pages.tag_works, name="works"),
]
