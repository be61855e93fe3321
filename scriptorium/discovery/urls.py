from django.urls import path

from scriptorium.discovery.views import media, search

app_name = "discovery"
urlpatterns = [
    path("media", media.media_index, name="media"),
    path("media/<tag:name>/fandoms", media.medium_fandoms, name="medium_fandoms"),
    path("fandoms/<tag:name>", media.fandom_detail, name="fandom"),
    path("people/search", search.people, name="people"),
    path("bookmarks/search", search.bookmarks, name="bookmarks"),
    # Before the tags' own pages (/tags/<name>): a tag named "search" is reached through its works' page.
    path("tags/search", search.tags, name="tags"),
]
