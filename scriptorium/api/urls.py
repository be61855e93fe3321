from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from scriptorium.api.views import bookmarks, docs, personal, reading, talk

app_name = "api"
urlpatterns = [
    path("v1/", docs.index, name="index"),
    path("v1/openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("v1/docs", docs.docs, name="docs"),
    path("v1/works/", reading.WorkList.as_view(), name="works"),
    path("v1/works/<int:work_id>/", reading.WorkDetail.as_view(), name="work"),
    path("v1/works/<int:work_id>/chapters/", reading.ChapterList.as_view(), name="chapters"),
    path("v1/works/<int:work_id>/chapters/<int:chapter_id>/", reading.ChapterDetail.as_view(), name="chapter"),
    path("v1/tags/<tag:name>/", reading.TagDetail.as_view(), name="tag"),
    path("v1/series/<int:series_id>/", reading.SeriesDetail.as_view(), name="series"),
    # Kudos and comments: read as the work's page shows them; written with an account
    path("v1/works/<int:work_id>/kudos/", talk.WorkKudos.as_view(), name="kudos"),
    path("v1/works/<int:work_id>/comments/", talk.WorkComments.as_view(), name="work_comments"),
    path(
        "v1/works/<int:work_id>/chapters/<int:chapter_id>/comments/",
        talk.ChapterComments.as_view(),
        name="chapter_comments",
    ),
    path("v1/comments/<int:comment_id>/", talk.CommentDetail.as_view(), name="comment"),
    # The account's own things
    path("v1/bookmarks/", bookmarks.BookmarkList.as_view(), name="bookmarks"),
    path("v1/bookmarks/<int:bookmark_id>/", bookmarks.BookmarkDetail.as_view(), name="bookmark"),
    path("v1/subscriptions/", personal.SubscriptionList.as_view(), name="subscriptions"),
    path("v1/subscriptions/<str:kind>/<int:target_id>/", personal.SubscriptionDetail.as_view(), name="subscription"),
    path("v1/marked-for-later/", personal.LaterList.as_view(), name="later"),
    path("v1/marked-for-later/<int:work_id>/", personal.LaterDetail.as_view(), name="later_work"),
    path("v1/history/", personal.HistoryList.as_view(), name="history"),
    path("v1/history/settings/", personal.HistorySettings.as_view(), name="history_settings_api"),
    path("v1/history/entries/<int:reading_id>/", personal.HistoryEntry.as_view(), name="history_entry"),
]
