"""The wrangling pages, mounted at /wrangling/ (a tag's own wrangling page is /tags/<name>/wrangle)."""

from django.urls import path

from scriptorium.tags.views import wrangling

app_name = "wrangling"
urlpatterns = [
    path("", wrangling.wrangling_index, name="index"),
    path("fandoms/<tag:name>", wrangling.fandom_bin, name="fandom"),
    path("bulk", wrangling.bulk, name="bulk"),
    path("log", wrangling.log, name="log"),
]
