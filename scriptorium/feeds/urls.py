from django.urls import path

from scriptorium.feeds import views

app_name = "feeds"
urlpatterns = [
    path("tags/<tag:name>/feed.atom", views.tag_feed, name="tag"),
    path("users/<str:username>/feed.atom", views.user_feed, name="user"),
    path("users/<str:username>/pseuds/<str:pseud>/feed.atom", views.pseud_feed, name="pseud"),
    path("series/<int:series_id>/feed.atom", views.series_feed, name="series"),
    path("works/search/saved/<int:saved_id>/<str:token>/feed.atom", views.saved_search_feed, name="saved_search"),
    path("account/feeds", views.private_feeds, name="private"),
]
